"""Geometry shared by the PDF and OCR readers: characters into visual lines, running headers
and footers removed, and each line's shape (indent, right margin, centring, spacing) measured
against the document's own margins so that `text.paragraphs_from_lines` can rejoin prose."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Iterable

from .numbering import split_label
from .text import Line, clean, is_cjk

_PAGE_NUMBER = re.compile(
    r"^[-—–－\s·•]*(第?\s*[0-9０-９]+\s*页?\s*(共\s*[0-9０-９]+\s*页)?|[0-9０-９]+\s*/\s*[0-9０-９]+|"
    r"[ivxIVX]+)[-—–－\s·•]*$"
)


@dataclass
class PositionedLine:
    """A visual line with its box on the page (PDF points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    ocr: bool = False
    # OCR: the line cut where its characters leave a wide gap (a detector's line that ran across two
    # cells of a table without rulings); used only when such a table is found.
    pieces: Optional[list] = None


def dedupe_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop characters that repeat one already seen within `tolerance` points: fake-bold
    printing draws each glyph two or three times with a tiny offset."""
    seen: dict[tuple[str, int, int], list[dict]] = {}
    kept = []
    for ch in chars:
        gx, gy = int(ch["x0"] // tolerance), int(ch["top"] // tolerance)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((ch["text"], gx + dx, gy + dy), ()):
                    if abs(other["x0"] - ch["x0"]) <= tolerance and abs(other["top"] - ch["top"]) <= tolerance:
                        duplicate = True
        if not duplicate:
            seen.setdefault((ch["text"], gx, gy), []).append(ch)
            kept.append(ch)
    return kept


def chars_to_lines(chars: Iterable[dict], page: int) -> list[PositionedLine]:
    """Cluster characters (dicts with text, x0, x1, top, bottom) into lines, top to bottom.

    Two characters share a line when their vertical extents overlap by more than half the
    smaller height; within a line, a space is kept only between Latin letters or digits that
    stand apart by more than a quarter of the font size.
    """
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if not ch["text"].strip():
            continue
        height = ch["bottom"] - ch["top"]
        placed = False
        for row in reversed(rows[-3:]):
            ref = row[0]
            overlap = min(ref["bottom"], ch["bottom"]) - max(ref["top"], ch["top"])
            if overlap > 0.5 * min(height, ref["bottom"] - ref["top"]):
                row.append(ch)
                placed = True
                break
        if not placed:
            rows.append([ch])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        sizes = [c["bottom"] - c["top"] for c in row]
        size = statistics.median(sizes) if sizes else 10.0
        parts: list[str] = []
        previous = None
        for ch in row:
            if previous is not None:
                gap = ch["x0"] - previous["x1"]
                if gap > 0.25 * size and not (is_cjk(previous["text"][-1:]) or is_cjk(ch["text"][:1])):
                    parts.append(" ")
                elif gap > 2.5 * size:
                    parts.append(" ")
            parts.append(ch["text"])
            previous = ch
        lines.append(PositionedLine(
            text="".join(parts), x0=row[0]["x0"], x1=max(c["x1"] for c in row),
            top=min(c["top"] for c in row), bottom=max(c["bottom"] for c in row),
            size=size, page=page))
    return lines


def _normalise_running(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", text.replace(" ", ""))


def strip_running_lines(pages: list[list[PositionedLine]], heights: list[float]) -> list[list[PositionedLine]]:
    """Remove page numbers and running headers/footers: lines in the top or bottom tenth of
    the page that are page numbers, or whose text (digits folded) recurs on half the pages."""
    zone_counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights):
        seen = {_normalise_running(l.text) for l in lines if _in_margin_zone(l, height)}
        zone_counts.update(seen)
    threshold = max(2, len(pages) // 2)
    out = []
    for lines, height in zip(pages, heights):
        kept = []
        for line in lines:
            if _in_margin_zone(line, height) and (
                _PAGE_NUMBER.match(line.text.strip())
                or (len(pages) >= 2 and zone_counts[_normalise_running(line.text)] >= threshold)
            ):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _in_margin_zone(line: PositionedLine, height: float) -> bool:
    return line.bottom < height * 0.1 or line.top > height * 0.9


@dataclass
class Margins:
    left: float
    right: float
    size: float
    leading: float


def measure(lines: list[PositionedLine]) -> Margins:
    """The document's text block: left and right margins, body font size and line spacing."""
    if not lines:
        return Margins(0, 0, 10, 12)
    sizes = [l.size for l in lines]
    size = statistics.median(sizes)
    body = [l for l in lines if abs(l.size - size) < 0.2 * size] or lines
    lefts = sorted(l.x0 for l in body)
    rights = sorted(l.x1 for l in body)
    left = lefts[len(lefts) // 10]
    right = rights[len(rights) * 9 // 10]
    steps = [b.top - a.top for a, b in zip(body, body[1:])
             if a.page == b.page and 0 < b.top - a.top < 3 * size]
    leading = statistics.median(steps) if steps else size * 1.5
    return Margins(left, right, size, leading)


def shape_lines(lines: list[PositionedLine], margins: Margins) -> list[Line]:
    """Turn positioned lines into `Line`s carrying indent, right-margin, centring and spacing."""
    out = []
    previous = None
    middle = (margins.left + margins.right) / 2
    for line in lines:
        size = margins.size
        # OCR boxes are loose and Tesseract drops a character at a line end now and then.
        indent_at, end_slack = (1.6, 3.0) if line.ocr else (1.2, 1.5)
        indented = line.x0 > margins.left + indent_at * size
        # Centred: symmetric, and clear of both margins (a long wrapped title line is centred
        # too; an indented first line of a paragraph runs to the right margin and is not).
        centered = (
            abs((line.x0 + line.x1) / 2 - middle) < 1.5 * size
            and line.x0 > margins.left + 2 * size
            and line.x1 < margins.right - 2 * size
            # an indented line that opens with a numbering label (“（一）存在问题：……”) and stops a few
            # characters short is the first line of an item, not a centred title
            and split_label(clean(line.text))[0] is None
        )
        gap = (previous is not None and previous.page == line.page
               and line.top - previous.top > margins.leading * 1.45)
        out.append(Line(
            text=line.text,
            indented=indented,
            reaches_end=line.x1 >= margins.right - end_slack * size,
            gap_before=gap,
            centered=centered,
            page=line.page,
            # most of the way across: a line that stops short of the margin in mid-sentence (proportional
            # quotes and punctuation, a character OCR dropped) still runs on
            extra={"top": line.top, "near_end": line.x1 >= margins.right - 6 * size},
        ))
        previous = line
    return out
