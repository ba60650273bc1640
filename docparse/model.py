"""The typed document model every reader produces and every consumer reads.

It knows nothing of the four styles or of review: blocks, numbering levels, tables and where each
piece came from in the source file.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

BlockKind = Literal["heading", "paragraph", "list_item", "table"]
SourceFormat = Literal["docx", "doc", "wps", "rtf", "pdf", "ofd", "txt", "html"]


class Location(BaseModel):
    """Where a block or cell sits in its source file.

    Word files are addressed by body paragraph index, PDFs by page, text files by line; table
    cells add table, row and column (all 0-based except `page` and `line`, which follow the
    numbering a person sees: page 1, line 1).
    """

    model_config = ConfigDict(frozen=True)

    page: Optional[int] = None
    paragraph: Optional[int] = None
    line: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    column: Optional[int] = None
    region: Optional[str] = Field(
        default=None, description="part of the page outside the main flow, e.g. 'textbox'"
    )

    def describe(self) -> str:
        """A short Chinese description of the place, for evidence shown to a reader."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.paragraph is not None and self.table is None:
            parts.append(f"第{self.paragraph + 1}段")
        if self.table is not None:
            parts.append(f"表{self.table + 1}")
            if self.row is not None:
                parts.append(f"第{self.row + 1}行")
            if self.column is not None:
                parts.append(f"第{self.column + 1}列")
        if self.region == "textbox":
            parts.append("文本框")
        return "".join(parts) or "全文"


class Cell(BaseModel):
    """One logical cell. A value merged over several rows or columns is repeated into every
    logical position it covers; the copies carry `span_of` pointing at the cell that holds it."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    span_of: Optional[tuple[int, int]] = None
    location: Location


class Table(BaseModel):
    """A table as logical rows of equal width. The first `header_rows` rows are the header;
    a header repeated at the top of a continuation page is dropped, not counted as data."""

    rows: list[list[Cell]]
    header_rows: int = 0

    @property
    def header(self) -> list[str]:
        """Column names: the header rows joined per column (empty strings when there is none)."""
        if not self.rows:
            return []
        if not self.header_rows:
            return ["" for _ in self.rows[0]]
        names = []
        for col in range(len(self.rows[0])):
            seen: list[str] = []
            for row in self.rows[: self.header_rows]:
                text = row[col].text if col < len(row) else ""
                if text and text not in seen:
                    seen.append(text)
            names.append("/".join(seen))
        return names

    @property
    def body(self) -> list[list[Cell]]:
        """The data rows."""
        return self.rows[self.header_rows :]

    def text_rows(self) -> list[list[str]]:
        """The data rows as plain strings."""
        return [[cell.text for cell in row] for row in self.body]


class Block(BaseModel):
    """One unit of the reading order: a heading, a paragraph, a numbered item or a table.

    `level` is the outline level of the numbering scheme the document actually uses (1 for its
    top scheme, 2 for the next, …); `label` is the number as a reader sees it ("（一）", "1.")
    whether it was typed or produced by Word's automatic numbering. The title is a heading at
    level 0.
    """

    kind: BlockKind
    text: str
    level: Optional[int] = None
    label: Optional[str] = None
    location: Location
    table: Optional[Table] = None


class Notice(BaseModel):
    """Something a reader of the result must know about how the text was obtained."""

    code: str
    message: str
    pages: list[int] = Field(default_factory=list)


class Metadata(BaseModel):
    """What the document says about itself, as far as it can be found."""

    title: Optional[str] = None
    unit: Optional[str] = None
    author: Optional[str] = Field(default=None, description="the signer of a personal document")
    date: Optional[str] = Field(default=None, description="ISO date from the 落款 or the title")
    date_text: Optional[str] = None
    pages: Optional[int] = None


class Document(BaseModel):
    """A parsed submission."""

    source: Optional[str] = None
    format: SourceFormat
    metadata: Metadata
    blocks: list[Block]
    notices: list[Notice] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """The body text, one block a line, labels kept, tables as tab-separated rows."""
        lines = []
        for block in self.blocks:
            if block.table is not None:
                lines.extend("\t".join(row) for row in _all_text_rows(block.table))
            else:
                lines.append(f"{block.label}{block.text}" if block.label else block.text)
        return "\n".join(lines)

    def has_notice(self, code: str) -> bool:
        """Whether a notice with this code was raised."""
        return any(n.code == code for n in self.notices)


def _all_text_rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]
