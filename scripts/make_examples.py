"""Regenerate the example submissions in ``examples/`` from their sources in ``examples/src/``.

Each ``examples/src/<name>.yaml`` describes one submission; this script renders it as
``examples/<name>.<ext>`` and writes ``examples/truth/<name>.json`` — the ground truth a parser
must recover — from the same source, so document and truth cannot disagree.

    python scripts/make_examples.py              # all sources
    python scripts/make_examples.py NAME [...]   # only these (file stems)

Source keys:

``format``        docx | doc | pdf | scan | txt | html (``doc`` is a docx converted by LibreOffice,
                  ``scan`` an image-only PDF)
``doc_type``      对照检查材料 | 整改方案 | 个人整改措施 | 专项整治方案 | 制度建设计划 | 回头看自查报告
``scope``         班子 | 个人
``unit``, ``author``, ``date``   truth metadata; ``date`` is also written in the 落款
``title``         ``"\\n"`` breaks the title over lines (the truth joins them)
``subtitle``      optional line(s) under the title
``numbering``     outline level → ``{fmt, text}``: Word ``numFmt`` and ``lvlText`` where ``%k`` is the
                  counter of outline level k
``auto``          outline levels numbered by Word automatic numbering (docx/doc only, contiguous);
                  every other level has its label typed into the text
``sign``          落款 lines above the date; ``sign_date``: chinese (default) | arabic
``header``, ``page_numbers``, ``heading_style`` (builtin), ``indent`` (format | spaces),
``textbox``, ``encoding`` (txt/html), ``seal`` (scan), ``site``, ``published``, ``source`` (html)
``body``          list of ``{h1..h5: text}`` (numbered item of that outline level), ``{p: text}``,
                  ``{table: {header, rows, widths, repeat_header}}`` and ``pagebreak``; in table
                  rows ``^`` merges a cell with the one above and ``<`` with the one to its left.
                  Text is a string or a list of segments (see ``tests/builders.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from docsource import ROOT, DocumentSource, plain_text, resolve_cells, select_sources

EXAMPLES = ROOT / "examples"
SOURCES = EXAMPLES / "src"
TRUTH = EXAMPLES / "truth"


class Example(DocumentSource):
    """One example source, resolved, and the ground truth a parser must recover from it."""

    directory = EXAMPLES

    def truth(self) -> dict[str, Any]:
        """The title, metadata, items and tables as a parser should read them."""
        items = [
            {"label": b["label"], "level": b["level"], "text": plain_text(b["text"]).strip()}
            for b in self.blocks
            if b["kind"] == "item"
        ]
        tables = []
        for block in self.blocks:
            if block["kind"] == "table":
                header, *rows = resolve_cells(block["rows"])
                tables.append({"header": header, "rows": rows})
        return {
            "title": self.src["title"].replace("\n", ""),
            "unit": self.src["unit"],
            "date": self.date.isoformat(),
            "doc_type": self.src["doc_type"],
            "scope": self.src["scope"],
            "author": self.src.get("author"),
            "file": self.output.name,
            "format": self.format,
            "items": items,
            "tables": tables,
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="source stems to build (default: all)")
    args = parser.parse_args(argv)
    paths = select_sources(parser, SOURCES, args.names)
    TRUTH.mkdir(parents=True, exist_ok=True)
    skipped = []
    for path in paths:
        example = Example(path)
        data = example.render()
        if data is None:
            skipped.append(example.output.name)
        else:
            example.output.write_bytes(data)
        (TRUTH / f"{example.name}.json").write_text(
            json.dumps(example.truth(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{example.output.relative_to(ROOT)}  ({len(data or b'')} bytes)")
    if skipped:
        print(f"LibreOffice (soffice) not found; left unchanged: {', '.join(skipped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
