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
from .text import Line, leading_indent, paragraphs_from_lines


def read_text_lines(text: str) -> list[RawBlock]:
    """Raw blocks from decoded plain text (also used for OCR output)."""
    raw_lines = re.split(r"\r\n|\r|\n|\u2028|\u2029|\x0c", text)
    wrap_width = _wrap_width([len(line.strip()) for line in raw_lines if line.strip()])
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        indent = leading_indent(raw)
        lines.append(Line(
            text=stripped,
            indented=indent >= 1,
            reaches_end=wrap_width is not None and len(stripped) >= wrap_width - 1,
            centered=indent >= 6 and len(stripped) < 40,
            number=number,
        ))
    return [
        RawBlock(location=Location(line=p.first.number), text=part, centered=p.centered and part == p.text)
        for p in paragraphs_from_lines(lines)
        for part in split_run_on(p.text)
    ]


_CN_DIGITS = "一二三四五六七八九十"
# Outline labels as they appear inside a run-on line: 一、 （一） 1. 1、 (1)
_INLINE_LABELS = (
    ("cn", re.compile(r"(?:(?<=^)|(?<=[。；;：:！？!?\s”]))(?P<n>[一二三四五六七八九十]{1,2})、")),
    ("cnp", re.compile(r"[（(](?P<n>[一二三四五六七八九十]{1,2})[）)]")),
    ("num", re.compile(r"(?:(?<=^)|(?<=[。；;：:！？!?\s\u4e00-\u9fff”]))(?P<n>\d{1,2})[.．、](?!\d)")),
    ("nump", re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
)


def _ordinal(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1]) + 1
    if text.endswith("十"):
        return (_CN_DIGITS.index(text[0]) + 1) * 10
    return _CN_DIGITS.index(text[0]) + 1 if len(text) == 1 else 0


def split_run_on(text: str, min_chars: int = 200) -> list[str]:
    """A web page or converted file whose whole outline ran into one line (“……制定本方案。一、工作目标……
    二、清理范围……三、清理方式1.超过……2.未经批准……”) cut before each outline label, where the labels
    of one kind count up 1, 2, 3 … (so “1.5倍”, a lone “（一）” or a date stay put). Short
    paragraphs are left whole."""
    if len(text) < min_chars:
        return [text]
    cuts: set[int] = set()
    for _, pattern in _INLINE_LABELS:
        marks = [(m.start(), _ordinal(m.group("n"))) for m in pattern.finditer(text)]
        # runs that count up by one from 1 (a later run restarts at 1: 1. 2. under 三、, again under 四、)
        run: list[int] = []
        expected = 1
        for start, number in marks:
            if number == expected:
                run.append(start)
                expected += 1
            elif number == 1:
                if len(run) >= 2:
                    cuts.update(run)
                run, expected = [start], 2
        if len(run) >= 2:
            cuts.update(run)
    cuts.discard(0)
    if not cuts:
        return [text]
    bounds = [0] + sorted(cuts) + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def read_txt(data: bytes, limits: Limits) -> tuple[list[RawBlock], list[Notice]]:
    """Raw blocks of a text file, with a notice for each repair made while decoding it."""
    decoded = decode(data)
    notices = [Notice(code="text_repaired", message=repair) for repair in decoded.repairs]
    return read_text_lines(decoded.text[: limits.max_text_chars]), notices


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
    return width if at_width >= max(3, 0.3 * len(long_lines)) else None
