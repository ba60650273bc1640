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


class ReviewFormat(str, Enum):
    json = "json"
    text = "text"


@app.command("review")
def review_command(
    files: List[Path] = typer.Argument(..., help="要审查的材料文件或文件夹", show_default=False),
    fmt: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f",
                                     help="输出格式：text（中文摘要）或 json（结构化结果）"),
) -> None:
    """审查一份（或几份）材料：查摆的问题、整改措施的时限/责任人/空洞程度、问题标记和检查清单。

    text 输出给人看：结论、问题标记及原文引文、措施表、清单结果；json 输出供程序使用
    （多个文件时每行一份）。批量审查请用 sifeng screen。
    """
    from .review import default_reviewer
    from .terminal import render

    targets = list(_expand(files))
    if not targets:
        err.print("[red]没有找到可审查的文件[/red]（支持 .docx .doc .wps .pdf .txt .html）")
        raise typer.Exit(1)
    reviewer = default_reviewer()
    out = Console(highlight=False)
    failures = 0
    for path in targets:
        try:
            result = reviewer.review(path)
        except ParseError as exc:
            failures += 1
            err.print(f"[red]错误[/red] {exc.message}", highlight=False)
            continue
        if fmt is ReviewFormat.json:
            sys.stdout.write(result.to_json(indent=None if len(targets) > 1 else 2) + "\n")
        else:
            render(result, out)
    if failures:
        err.print(f"共 {len(targets)} 个文件，{failures} 个无法读取", highlight=False)
        raise typer.Exit(1)


@app.command("measures")
def measures_command(
    input_file: Path = typer.Argument(Path("-"), help="JSONL 文件，每行 {\"text\", \"ref_date\"}；- 表示标准输入"),
) -> None:
    """逐条分析整改措施（JSONL 进、JSONL 出）：时限（类型、归一化日期）、责任主体、是否空洞。

    每行输入需有 text，可有 ref_date（成文日期，用于把“年底前”“三个月内”换算成日期）；
    输出为原行加上 deadline、owner、hollow、hollow_score 和 hollow_missing。
    """
    from classifiers.deadlines import find_deadline
    from classifiers.hollowness import HollownessScorer
    from classifiers.owners import find_owner

    scorer = HollownessScorer.load()
    handle = sys.stdin if str(input_file) == "-" else _open_text(input_file)
    bad = 0
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            bad += 1
            err.print(f"[red]错误[/red] 第{number}行不是含 text 字段的 JSON 对象，已跳过", highlight=False)
            continue
        ref = item.get("ref_date")
        deadline = find_deadline(text, ref)
        owner = find_owner(text)
        judgement = scorer.judge(text, ref)
        item["deadline"] = deadline and {"text": deadline.text, "kind": deadline.kind, "due": deadline.due}
        item["owner"] = owner and {"text": owner.text, "kind": owner.kind}
        item["hollow"] = judgement.hollow
        item["hollow_score"] = round(judgement.score, 4)
        item["hollow_missing"] = judgement.missing
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if bad:
        raise typer.Exit(1)


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8-sig")
    except OSError as exc:
        err.print(f"[red]错误[/red] 无法打开“{path}”：{exc.strerror}", highlight=False)
        raise typer.Exit(1) from exc
