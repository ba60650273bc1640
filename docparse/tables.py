"""Table steps shared by every reader: spans resolved into logical rows, header rows found,
tables continued over a page break merged."""

from __future__ import annotations

import re
from typing import Callable

from .model import Cell, Location, Table

_HEADER_WORDS = re.compile(
    r"(序号|编号|问题|措施|任务|目标|责任|牵头|配合|时限|时间|期限|节点|内容|事项|类别|项目|备注|单位|"
    r"领导|部门|进度|完成|标准|要求|名称|方式|废|改|立)"
)
_NUMERIC = re.compile(r"^[\s0-9０-９.．、()（）]*$")


def resolve_grid(
    rows: list[list[tuple[str, int, int]]],
    locate: Callable[[int, int], Location],
) -> list[list[Cell]]:
    """Lay out cells given row by row as (text, rowspan, colspan), HTML-style: each cell takes
    the next grid position not already covered by a span from above."""
    placed: list[tuple[int, int, int, int, str]] = []
    covered: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in covered:
                c += 1
            rowspan = max(1, min(rowspan, len(rows) - r))
            placed.append((r, c, rowspan, colspan, text))
            covered.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    return fill_grid(placed, len(rows), locate)


def fill_grid(
    cells: list[tuple[int, int, int, int, str]],
    n_rows: int,
    locate: Callable[[int, int], Location],
) -> list[list[Cell]]:
    """Build logical rows from cells placed at (row, column, rowspan, colspan, text).

    A value that spans rows or columns is repeated into every position it covers, the copies
    pointing back at the origin cell through `span_of`, so that each logical row carries its
    leader or deadline even when the source merged that cell.
    """
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, c, rowspan, colspan, text in cells:
        grid[(r, c)] = Cell(text=text, row=r, column=c, rowspan=rowspan, colspan=colspan,
                            location=locate(r, c))
        for dr in range(rowspan):
            for dc in range(colspan):
                if (dr, dc) != (0, 0) and (r + dr, c + dc) not in grid:
                    grid[(r + dr, c + dc)] = Cell(text=text, row=r + dr, column=c + dc,
                                                  span_of=(r, c), location=locate(r + dr, c + dc))
        width = max(width, c + colspan)
    return [
        [grid.get((r, c)) or Cell(text="", row=r, column=c, location=locate(r, c))
         for c in range(width)]
        for r in range(n_rows)
        if width
    ]


def drop_repeated_headers(table: Table) -> Table:
    """Remove data rows that repeat the header word for word (a header retyped after a page
    break), renumbering the rows that follow."""
    if not table.header_rows:
        return table
    header = header_texts(table)
    kept = table.rows[: table.header_rows] + [
        row for row in table.body if [c.text for c in row] != header
    ]
    if len(kept) == len(table.rows):
        return table
    return Table(rows=renumber(kept), header_rows=table.header_rows)


def renumber(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Give cells their new row index after rows were dropped or appended."""
    old_to_new = {row[0].row: i for i, row in enumerate(rows) if row}
    out = []
    for i, row in enumerate(rows):
        new_row = []
        for cell in row:
            span_of = cell.span_of
            if span_of is not None:
                span_of = (old_to_new.get(span_of[0], i), span_of[1])
            new_row.append(cell.model_copy(update={
                "row": i, "span_of": span_of,
                "location": cell.location.model_copy(update={"row": i}),
            }))
        out.append(new_row)
    return out


def guess_header_rows(rows: list[list[Cell]], *, alone: bool = False) -> int:
    """1 when the first row reads as column names (序号, 存在问题, 整改措施, 完成时限 …), else 0.
    `alone`: a table of that one row (a header left at the foot of a page, its body on the next)."""
    if len(rows) < (1 if alone else 2):
        return 0
    first = [cell.text for cell in rows[0] if cell.span_of is None or cell.span_of[0] == 0]
    texts = [t for t in first if t]
    if not texts or any(len(t) > 16 for t in texts):
        return 0
    named = sum(1 for t in texts if _HEADER_WORDS.search(t))
    numeric = sum(1 for t in texts if _NUMERIC.match(t))
    return 1 if named >= max(1, len(texts) // 2) and numeric == 0 else 0


def header_texts(table: Table) -> list[str]:
    return [cell.text for cell in table.rows[0]] if table.header_rows else []


def continues(first: Table, second: Table) -> bool:
    """Whether `second` (at the top of a page) continues `first` (at the bottom of the last):
    the same number of columns, and either the same header repeated or no header at all."""
    if not first.rows or not second.rows or len(first.rows[0]) != len(second.rows[0]):
        return False
    if second.header_rows:
        return bool(first.header_rows) and header_texts(second) == header_texts(first)
    return True


def merge_continuation(first: Table, second: Table) -> Table:
    """`first` with the data rows of its continuation `second` appended.

    The repeated header is dropped. A cell merged over the page break comes out empty at the
    top of the new page: when the column above it was merged, the value from above is kept.
    """
    skip = second.header_rows
    if first.header_rows and len(second.rows) > skip and \
            [c.text for c in second.rows[skip]] == header_texts(first):
        skip += 1
    offset = len(first.rows) - skip
    rows = list(first.rows)
    last = first.rows[-1] if first.rows else []
    for r, row in enumerate(second.rows[skip:], start=skip):
        new_row = []
        for cell in row:
            update: dict = {"row": r + offset,
                            "location": cell.location.model_copy(update={"row": r + offset})}
            if cell.span_of is not None:
                origin = cell.span_of[0]
                update["span_of"] = (origin + offset, cell.span_of[1]) if origin >= skip else None
            elif r == skip and not cell.text and cell.column < len(last):
                above = last[cell.column]
                if above.span_of is not None or above.rowspan > 1:
                    update["text"] = above.text
                    update["span_of"] = above.span_of or (above.row, above.column)
            new_row.append(cell.model_copy(update=update))
        rows.append(new_row)
    return Table(rows=rows, header_rows=first.header_rows)


def renumber_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Give cells their new column index after empty grid columns were dropped."""
    out = []
    for row in rows:
        mapping = {cell.column: i for i, cell in enumerate(row)}
        new_row = []
        for i, cell in enumerate(row):
            span_of = cell.span_of
            if span_of is not None:
                span_of = (span_of[0], mapping.get(span_of[1], i))
            new_row.append(cell.model_copy(update={
                "column": i, "span_of": span_of,
                "location": cell.location.model_copy(update={"column": i}),
            }))
        out.append(new_row)
    return out
