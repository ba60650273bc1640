"""The document source shared by the two builders of invented submissions.

``scripts/make_examples.py`` (``examples/``) and ``corpora/documents/build.py`` (the held-out
documents) both describe a submission in a YAML source and render it with the builders in
``tests/builders.py``. This module holds what they have in common: reading a source, numbering its
items, normalising its tables and rendering it in every format. The source keys are described in
``scripts/make_examples.py``; each builder subclasses :class:`DocumentSource` for its own output
directory and truth.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
# the builders live with the tests, which import them the same way (tests/conftest.py)
sys.path.insert(0, str(ROOT / "tests"))

from builders import (
    FULL_WIDTH_SPACE,
    chinese_date,
    docx_bytes,
    html_bytes,
    pdf_bytes,
    plain_text,
    render_label,
    scanned_pdf_bytes,
    txt_bytes,
)

EXTENSIONS = {"docx": "docx", "doc": "doc", "pdf": "pdf", "scan": "pdf", "txt": "txt", "html": "html"}
MERGE_UP, MERGE_LEFT = "^", "<"
MAX_LEVEL = 5


def select_sources(parser: argparse.ArgumentParser, directory: Path, names: Sequence[str]) -> list[Path]:
    """The sources ``directory/*.yaml`` in name order, only those whose stem is in ``names`` when
    any are given; a name without a source is a usage error."""
    paths = sorted(directory.glob("*.yaml"))
    if names:
        paths = [p for p in paths if p.stem in set(names)]
        missing = set(names) - {p.stem for p in paths}
        if missing:
            parser.error(f"no source for: {', '.join(sorted(missing))}")
    return paths


def table_merges(rows: Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """Merge rectangles ``(row0, col0, row1, col1)`` described by ``^``/``<`` markers."""
    merges = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value in (MERGE_UP, MERGE_LEFT):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == MERGE_LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < len(rows) and rows[r1 + 1][c] == MERGE_UP:
                r1 += 1
                if any(rows[r1][k] != MERGE_UP for k in range(c + 1, c1 + 1)):
                    raise ValueError(f"ragged merge below row {r}, column {c}")
            if (r1, c1) != (r, c):
                merges.append((r, c, r1, c1))
    return merges


def is_heading(item: dict[str, Any]) -> bool:
    """Short first- and second-level items are set as headings; items that run on into a body
    sentence (``（一）职务消费情况。本人……``) are set as body paragraphs."""
    text = plain_text(item["text"]).rstrip("。")
    return item["level"] <= 2 and "。" not in text and len(text) <= 40


def resolve_cells(rows: Sequence[Sequence[Any]]) -> list[list[str]]:
    """Logical rows: every merged cell carries the merged value."""
    resolved: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, value in enumerate(row):
            if value == MERGE_UP:
                out.append(resolved[r - 1][c])
            elif value == MERGE_LEFT:
                out.append(out[c - 1])
            else:
                out.append(str(value))
        resolved.append(out)
    return resolved


class DocumentSource:
    """One source file, resolved: labels computed, tables normalised.

    A subclass sets :attr:`directory` (where the document is written) and may override
    :meth:`_entry` to read annotations from the body entries.
    """

    directory: ClassVar[Path]
    #: the publishing site of an HTML page whose source gives no ``site``
    site: ClassVar[str] = "岚川县人民政府"

    def __init__(self, path: Path) -> None:
        self.name = path.stem
        self.src: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.format: str = self.src["format"]
        self.date: dt.date = self.src["date"]
        self.numbering = {int(k): v for k, v in self.src.get("numbering", {}).items()}
        word = self.format in ("docx", "doc")
        self.auto: list[int] = sorted(self.src.get("auto", [])) if word else []
        if self.auto and self.auto != list(range(self.auto[0], self.auto[-1] + 1)):
            raise ValueError(f"{self.name}: auto levels must be contiguous, got {self.auto}")
        self.blocks = self._resolve_body()

    @property
    def output(self) -> Path:
        return self.directory / f"{self.name}.{EXTENSIONS[self.format]}"

    @property
    def sign_lines(self) -> list[str]:
        date = (
            f"{self.date.year}年{self.date.month}月{self.date.day}日"
            if self.src.get("sign_date") == "arabic"
            else chinese_date(self.date)
        )
        return [*self.src.get("sign", []), date]

    @property
    def subtitles(self) -> list[str]:
        subtitle = self.src.get("subtitle", [])
        return [subtitle] if isinstance(subtitle, str) else list(subtitle)

    # -- body ------------------------------------------------------------------------------------

    def _entry(self, entry: dict[str, Any]) -> tuple[str, Any]:
        """A body entry's key (``p``, ``h1``..``h5`` or ``table``) and its content: the text, or
        the table's rows with the header first."""
        ((key, value),) = entry.items()
        if key == "table":
            return key, [value["header"], *value["rows"]]
        if re.fullmatch(r"p|h[1-5]", key):
            return key, value
        raise ValueError(f"{self.name}: unknown body entry {entry!r}")

    def _resolve_body(self) -> list[dict[str, Any]]:
        counters = [0] * MAX_LEVEL
        fmts = [self.numbering.get(k, {}).get("fmt", "decimal") for k in range(1, MAX_LEVEL + 1)]
        instance = 1
        blocks: list[dict[str, Any]] = []
        for entry in self.src["body"]:
            if entry == "pagebreak":
                blocks.append({"kind": "pagebreak"})
                continue
            key, content = self._entry(entry)
            if key == "p":
                blocks.append({"kind": "para", "text": content})
            elif key == "table":
                table = entry["table"]
                blocks.append(
                    {
                        "kind": "table",
                        "rows": content,
                        "widths": table.get("widths"),
                        "header_repeat": table.get("repeat_header", False),
                    }
                )
            else:
                level = int(key[1])
                counters[level - 1] += 1
                counters[level:] = [0] * (MAX_LEVEL - level)
                if self.auto and level < self.auto[0]:
                    instance += 1  # a typed item above the automatic list restarts it
                label = render_label(self.numbering[level]["text"], counters, fmts)
                blocks.append(
                    {
                        "kind": "item",
                        "level": level,
                        "label": label,
                        "text": content,
                        "auto": level in self.auto,
                        "list": str(instance),
                    }
                )
        return blocks

    # -- rendering -------------------------------------------------------------------------------

    def _word_num(self, level: int) -> tuple[str, str, int]:
        first = self.auto[0]
        scheme = self.numbering[level]

        def shift(match: re.Match[str]) -> str:
            referenced = int(match[1])
            if referenced not in self.auto:
                raise ValueError(f"{self.name}: lvlText of level {level} refers to typed level {referenced}")
            return f"%{referenced - first + 1}"

        return scheme["fmt"], re.sub(r"%([1-9])", shift, scheme["text"]), level - first

    def _typed(self, block: dict[str, Any]) -> str | list[dict[str, str]]:
        """The item's text with its label typed in front (for documents numbered by hand)."""
        text = block["text"]
        if isinstance(text, str):
            return block["label"] + text
        return [{"text": block["label"]}, *text]

    def spec(self, *, word: bool) -> list[dict[str, Any]]:
        """Blocks for :func:`docx_bytes` (``word``) or :func:`pdf_bytes`."""
        indent = self.src.get("indent", "format")
        spec: list[dict[str, Any]] = []
        if word and self.src.get("textbox"):
            spec.append({"kind": "textbox", "text": self.src["textbox"]})
        spec.append({"kind": "title", "text": self.src["title"]})
        spec.extend({"kind": "subtitle", "text": line} for line in self.subtitles)
        for block in self.blocks:
            if block["kind"] == "item":
                level = block["level"]
                out = {
                    "kind": "heading" if is_heading(block) else "para",
                    "level": level,
                    "indent": indent,
                    "list": block["list"],
                }
                if word and block["auto"]:
                    out |= {"text": block["text"], "num": self._word_num(level)}
                else:
                    out["text"] = self._typed(block)
                if word and out["kind"] == "heading" and self.src.get("heading_style") == "builtin":
                    out["style"] = f"Heading {level}"
                spec.append(out)
            elif block["kind"] == "para":
                spec.append({"kind": "para", "text": block["text"], "indent": indent})
            elif block["kind"] == "table":
                rows = block["rows"]
                spec.append(
                    {
                        "kind": "table",
                        "rows": [[("" if v in (MERGE_UP, MERGE_LEFT) else str(v)) for v in row] for row in rows],
                        "merges": table_merges(rows),
                        "widths": block["widths"],
                        "header_repeat": block["header_repeat"],
                    }
                )
            else:
                spec.append(block)
        spec.append({"kind": "sign", "lines": self.sign_lines})
        return spec

    def paragraphs(self) -> list[str]:
        """Body paragraphs as plain text with typed labels (scan, txt, html)."""
        out = []
        for block in self.blocks:
            if block["kind"] == "item":
                out.append(block["label"] + plain_text(block["text"]))
            elif block["kind"] == "para":
                out.append(plain_text(block["text"]))
            elif block["kind"] == "table":
                raise ValueError(f"{self.name}: tables are only supported in docx/doc/pdf")
        return out

    def render(self) -> bytes | None:
        """The document's bytes, or ``None`` when the tool to make it (LibreOffice) is missing."""
        created = dt.datetime.combine(self.date, dt.time(9, 0)) - dt.timedelta(days=2)
        if self.format in ("docx", "doc"):
            data = docx_bytes(
                self.spec(word=True),
                header=self.src.get("header"),
                page_numbers=self.src.get("page_numbers", False),
                created=created,
            )
            return data if self.format == "docx" else convert_to_doc(data)
        if self.format == "pdf":
            return pdf_bytes(
                self.spec(word=False), header=self.src.get("header"), page_numbers=self.src.get("page_numbers", True)
            )
        if self.format == "scan":
            return scanned_pdf_bytes(
                self.paragraphs(),
                title=self.src["title"],
                sign=self.sign_lines,
                seal=self.src.get("seal"),
            )
        if self.format == "txt":
            return txt_bytes(self.plain_text(), encoding=self.src.get("encoding", "gbk"))
        if self.format == "html":
            return html_bytes(
                self.src["title"].replace("\n", ""),
                self.paragraphs(),
                charset=self.src.get("encoding", "utf-8"),
                site=self.src.get("site", self.site),
                published=self.src.get("published", f"{self.date.isoformat()} 10:00"),
                source=self.src.get("source", self.src["unit"]),
                sign=self.sign_lines,
            )
        raise ValueError(f"{self.name}: unknown format {self.format!r}")

    def plain_text(self) -> str:
        """The document as an OA system exports it: full-width-space indents, 落款 pushed right."""
        indent = FULL_WIDTH_SPACE * 2
        lines = [*self.src["title"].split("\n"), ""]
        if self.subtitles:
            lines += [*self.subtitles, ""]
        lines += [indent + paragraph for paragraph in self.paragraphs()] + ["", ""]
        lines += [FULL_WIDTH_SPACE * max(2, 26 - len(line)) + line for line in self.sign_lines]
        return "\n".join(lines) + "\n"


def convert_to_doc(docx: bytes) -> bytes | None:
    """Convert a .docx to Word 97–2003 .doc with LibreOffice; ``None`` without ``soffice``."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return (Path(tmp) / "document.doc").read_bytes()
