"""The `sifeng` command: a thin shell over the Python API.

Exit codes: 0 every input was read; 1 some input failed (each failure is reported with its
file name and reason, and the others are still processed); 2 the command itself was wrong.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List

import typer
from rich.console import Console

from docparse import ParseError, parse
from docparse.render import to_markdown, to_text

app = typer.Typer(
    name="sifeng",
    help="审查“四风”对照检查材料与整改方案（离线运行，不联网）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)

SUPPORTED = {".docx", ".docm", ".doc", ".wps", ".rtf", ".pdf", ".txt", ".html", ".htm", ".shtml"}


@app.callback()
def _root() -> None:
    """审查“四风”对照检查材料与整改方案（离线运行，不联网）。"""


class ParseFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    text = "text"


def _expand(paths: list[Path]) -> Iterator[Path]:
    """Files as given; folders searched recursively for the formats sifeng reads."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


@app.command("parse")
def parse_command(
    files: List[Path] = typer.Argument(..., help="要解析的文件或文件夹（文件夹会递归查找）",
                                       show_default=False),
    fmt: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f",
                                    help="输出格式：text（缩进文本）、markdown 或 json"),
) -> None:
    """把提交材料解析为结构化文档：标题、编号层级、表格及其位置。

    支持 .docx、.doc/.wps（需安装 LibreOffice）、PDF（含扫描件，需 Tesseract 识别）、
    .txt（自动识别 GBK/UTF-8 等编码）和保存的网页。多个文件以 json 输出时，每行一个文档。
    """
    failures = 0
    targets = list(_expand(files))
    if not targets:
        err.print("[red]没有找到可解析的文件[/red]（支持 .docx .doc .wps .pdf .txt .html）")
        raise typer.Exit(1)
    many = len(targets) > 1
    for path in targets:
        try:
            document = parse(path)
        except ParseError as exc:
            failures += 1
            err.print(f"[red]错误[/red] {exc.message}", highlight=False)
            continue
        for notice in document.notices:
            err.print(f"[yellow]提示[/yellow] {path}：{notice.message}", highlight=False)
        if fmt is ParseFormat.json:
            payload = document.model_dump(mode="json", exclude_none=True)
            sys.stdout.write(json.dumps(payload, ensure_ascii=False,
                                        indent=None if many else 2) + "\n")
        else:
            if many:
                sys.stdout.write(f"==== {path} ====\n")
            sys.stdout.write(to_markdown(document) if fmt is ParseFormat.markdown
                             else to_text(document))
    if failures:
        err.print(f"共 {len(targets)} 个文件，{failures} 个无法读取", highlight=False)
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - entry point for `python -m sifeng`
    app()
