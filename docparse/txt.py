"""Plain text as exported from OA systems: any encoding, any line endings, full-width space
indentation, sometimes hard-wrapped at a fixed width."""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .encoding import decode
from .limits import Limits
from .model import Location, Notice
from .structure import RawBlock
from .text import PARAGRAPH_END, Line, leading_indent, paragraphs_from_lines


_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")


def read_text_lines(text: str, *, aligned_columns: bool = False) -> list[RawBlock]:
    """Raw blocks from decoded plain text (also used for OCR output). With `aligned_columns` (a
    typed text file, not OCR output), a line whose fields are set apart by runs of two or more
    spaces (a table typed with the space bar: “1     村务公开不及时……      财务收支按季度……      报账员李××”)
    keeps them apart, as a tab or a full-width space would."""
    raw_lines = re.split(r"\r\n|\r|\n|\u2028|\u2029|\x0c", text)
    wrap_width = _wrap_width([len(line.strip()) for line in raw_lines if line.strip()])
    # A file whose paragraphs open indented (“　　按照……”) shows a paragraph's own hard breaks as lines
    # that are not: after the first indented line, an unindented line that follows one not ending a
    # sentence goes on with it, however short that line was (a break typed by hand, not at a width).
    filled = [raw for raw in raw_lines if len(raw.strip()) >= 8]
    by_indent = len(filled) >= 4 and sum(leading_indent(raw) >= 1 for raw in filled) >= 0.6 * len(filled)
    seen_indented = False
    lines = []
    opens = True  # whether this line opens a paragraph (the first, or after one that ended a sentence)
    for number, raw in enumerate(raw_lines, start=1):
        # a tab inside a line separates fields (a table exported as text), as a full-width space does
        stripped = re.sub(r"(?<=\S)\t+(?=\S)", "\u3000", raw.strip())
        if aligned_columns and len(_SPACE_RUN.findall(stripped)) >= 2:
            stripped = _SPACE_RUN.sub("\u3000", stripped)
        indent = leading_indent(raw)
        seen_indented = seen_indented or (indent >= 1 and bool(stripped))
        # Text copied from a PDF loses the two-character indent of a paragraph's first line, which was
        # then wrapped two characters short of the width (“（二）政治素质方面。作为镇党委书记，我始终要求全”):
        # it still ran to the margin.
        reaches = wrap_width is not None and (len(stripped) >= wrap_width - 1 or (
            opens and indent < 1 and len(stripped) >= wrap_width - 3 and stripped[-1] not in PARAGRAPH_END))
        opens = not stripped or stripped[-1] in PARAGRAPH_END
        lines.append(Line(
            text=stripped,
            indented=indent >= 1,
            reaches_end=reaches,
            centered=indent >= 6 and len(stripped) < 40,
            number=number,
            extra={"near_end": True} if by_indent and seen_indented else {},
        ))
    return [
        RawBlock(location=Location(line=p.first.number), text=p.text, centered=p.centered)
        for p in paragraphs_from_lines(lines)
    ]


def read_txt(data: bytes, limits: Limits) -> tuple[list[RawBlock], list[Notice]]:
    """Raw blocks of a text file, with a notice for each repair made while decoding it."""
    decoded = decode(data)
    notices = [Notice(code="text_repaired", message=repair) for repair in decoded.repairs]
    return read_text_lines(decoded.text[: limits.max_text_chars], aligned_columns=True), notices


def _wrap_width(lengths: list[int]) -> Optional[int]:
    """The width text was hard-wrapped at, or None when each line is a paragraph.

    Hard-wrapped text has many lines of the same maximal length (±1); text with a paragraph a
    line has lengths all over the place.
    """
    long_lines = [n for n in lengths if n >= 20]
    if len(long_lines) < 3:
        return None
    width = Counter(long_lines).most_common(1)[0][0]
    width = max(n for n in long_lines if abs(n - width) <= 1)
    at_width = sum(1 for n in long_lines if width - 1 <= n <= width)
    # (nor is it when as many lines run past that width: three lines of one length among longer ones are
    # a coincidence, not a wrap; a file wrapped in part, or with Latin digits, has some lines past it)
    beyond = sum(1 for n in long_lines if n > width + 1)
    return width if at_width >= max(3, 0.3 * len(long_lines)) and beyond < at_width else None
