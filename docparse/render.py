"""A Document as Markdown or as indented plain text, for people reading a parse."""

from __future__ import annotations

from .model import Block, Document, Table


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _table_markdown(table: Table) -> list[str]:
    if not table.rows:
        return []
    width = len(table.rows[0])
    header = table.header if table.header_rows else [f"列{i + 1}" for i in range(width)]
    lines = ["| " + " | ".join(_escape_cell(h) for h in header) + " |",
             "| " + " | ".join("---" for _ in header) + " |"]
    for row in table.body:
        lines.append("| " + " | ".join(_escape_cell(c.text) for c in row) + " |")
    return lines


def to_markdown(document: Document) -> str:
    """Headings as #, numbered items indented by level with their labels, tables as pipes."""
    out: list[str] = []
    for block in document.blocks:
        if block.kind == "table" and block.table is not None:
            out.extend(["", *_table_markdown(block.table), ""])
        elif block.kind == "heading":
            depth = min(6, (block.level or 0) + 1)
            out.extend(["", "#" * depth + " " + _labelled(block), ""])
        elif block.kind == "list_item":
            out.append("  " * max(0, (block.level or 1) - 1) + "- " + _labelled(block))
        else:
            out.extend(["", block.text, ""])
    return _squeeze("\n".join(out)) + "\n"


def to_text(document: Document) -> str:
    """Plain text: one block a paragraph, numbered items indented by level, tables by tabs."""
    out: list[str] = []
    for block in document.blocks:
        if block.kind == "table" and block.table is not None:
            out.extend("\t".join(c.text.replace("\n", " ") for c in row) for row in block.table.rows)
        else:
            indent = "  " * max(0, (block.level or 1) - 1) if block.label else ""
            out.append(indent + _labelled(block))
    return "\n".join(out) + "\n"


def _labelled(block: Block) -> str:
    return f"{block.label}{block.text}" if block.label else block.text


def _squeeze(text: str) -> str:
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
