"""Shared text steps: whitespace clean-up, Chinese line joining, paragraphs from visual lines,
and dates written in Chinese.

Every reader that sees lines rather than paragraphs (PDF, OCR, plain text) goes through
`paragraphs_from_lines`, so hard-wrapped text is rejoined the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .numbering import cn_to_int, split_label

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = " \t\u3000\xa0\u2002\u2003\u2009\u202f"
SENTENCE_END = "。！？；;!?…"


def is_cjk(ch: str) -> bool:
    """Whether a character is a CJK ideograph or CJK/full-width punctuation."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x2460 <= code <= 0x24FF
        or 0x2E80 <= code <= 0x2FDF
        or ch in "“”‘’—…·"
    )


def clean(text: str) -> str:
    """Drop zero-width characters, fold runs of spaces, remove spaces between CJK characters.

    A full-width space typed inside a line (“……接待费　计财股　李×　2014.04.30”, a table row
    flattened into text) separates fields and is kept, as one full-width space."""
    text = text.translate(_ZERO_WIDTH).replace("\r", "")
    text = re.sub(f"[{_SPACES}]+", lambda m: "\u3000" if "\u3000" in m.group(0) else " ", text)
    text = text.strip()
    return remove_cjk_spaces(text)


_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·])")


def remove_cjk_spaces(text: str) -> str:
    """Remove single spaces standing between two CJK characters (OCR and some PDFs add them)."""
    return _CJK_SPACE.sub("", text)


def join_lines(left: str, right: str) -> str:
    """Join two pieces of one paragraph broken at a line end: Chinese takes no space; two
    Latin words or numbers get one."""
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and right[:1].isalpha() and not is_cjk(right[0]):
        return left[:-1] + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return left + " " + right


def leading_indent(raw: str) -> float:
    """Indentation of a raw line in character widths (a full-width space counts as two)."""
    width = 0.0
    for ch in raw:
        if ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        elif ch in " \xa0":
            width += 1
        else:
            break
    return width / 2


@dataclass
class Line:
    """One visual line, with what the paragraph rule needs to know about its shape."""

    text: str
    indented: bool = False
    reaches_end: bool = False
    gap_before: bool = False
    centered: bool = False
    page: Optional[int] = None
    number: Optional[int] = None
    extra: dict = field(default_factory=dict)


@dataclass
class Paragraph:
    """Lines joined into one paragraph, keeping where it started."""

    text: str
    first: Line
    centered: bool


def paragraphs_from_lines(lines: list[Line]) -> list[Paragraph]:
    """Group visual lines into paragraphs the way a reader of Chinese documents does.

    A line continues the previous paragraph when the previous line ran to the right margin (or
    most of the way, stopping in mid-sentence: proportional quotes, a character OCR dropped) and
    did not end a sentence with nothing after it; a new paragraph starts after a short line, at
    an indented line, after extra vertical space, at a centred line, or at a numbering label.
    """
    paragraphs: list[Paragraph] = []
    current: Optional[Paragraph] = None
    previous: Optional[Line] = None
    previous_text = ""
    for line in lines:
        text = clean(line.text)
        if not text:
            previous = None
            current = None
            continue
        continues = (
            current is not None
            and previous is not None
            and (previous.reaches_end
                 or (previous.extra.get("near_end", False) and previous_text[-1] not in PARAGRAPH_END))
            and not previous.centered
            and not line.indented
            and not line.gap_before
            and not line.centered
            and split_label(text)[0] is None
        )
        if continues:
            current.text = join_lines(current.text, text)
        else:
            current = Paragraph(text=text, first=line, centered=line.centered)
            paragraphs.append(current)
        previous = line
        previous_text = text
    return paragraphs


# what a line that ends its paragraph short of the margin ends with
PARAGRAPH_END = "。！？；;!?…：:）)”」』"


# ---- dates -------------------------------------------------------------------------------

_CN_DATE_CHARS = "〇零○Ｏ一二三四五六七八九十"
DATE_PATTERN = re.compile(
    rf"(?P<y>[12][0-9０-９]{{3}}|[{_CN_DATE_CHARS}]{{4}})\s*年\s*"
    rf"(?P<m>[0-9０-９]{{1,2}}|[{_CN_DATE_CHARS}]{{1,2}})\s*月\s*"
    rf"(?P<d>[0-9０-９]{{1,2}}|[{_CN_DATE_CHARS}]{{1,3}})\s*日"
)
_NUMERIC_DATE = re.compile(r"(?<!\d)(20[0-3]\d|19\d\d)[-./](\d{1,2})[-./](\d{1,2})(?!\d)")


def _num(text: str) -> Optional[int]:
    text = unicodedata.normalize("NFKC", text).replace("○", "〇").replace("O", "〇")
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


def find_date(text: str) -> Optional[tuple[str, str]]:
    """The last complete calendar date in `text`, as (ISO date, the text it was read from).

    Handles 2014年3月10日, ２０１４年３月１０日, 二〇一四年三月十日 and 2014-03-10 / 2014.3.10.
    """
    found: Optional[tuple[str, str]] = None
    for match in DATE_PATTERN.finditer(text):
        y, m, d = (_num(match.group(k)) for k in ("y", "m", "d"))
        iso = _iso(y, m, d)
        if iso:
            found = (iso, match.group(0))
    if found:
        return found
    for match in _NUMERIC_DATE.finditer(text):
        iso = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found = (iso, match.group(0))
    return found


def _iso(y: Optional[int], m: Optional[int], d: Optional[int]) -> Optional[str]:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None
