"""Numbering labels: recognising typed ones (“一、”, “（二）”, “3.”, “④”) and rendering Word's
automatic ones from their number format, so that both come out the same way.

A label's *scheme* (numeral kind plus its punctuation) is what decides its outline level: the
level of a scheme is its depth in the order the document opens schemes, so a document that
starts at “（一）” gets level 1 there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

CN_DIGITS = "零一二三四五六七八九"
CN_NUMERALS = "零〇一二三四五六七八九十百千两"
_CN_VALUES = {c: i for i, c in enumerate(CN_DIGITS)} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
DIZHI = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
STOP_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
LEGAL = "零壹贰叁肆伍陆柒捌玖"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def cn_to_int(text: str) -> Optional[int]:
    """Value of a Chinese numeral up to the thousands (“十二” → 12, “一百零五” → 105,
    “二〇一四” → 2014 read digit by digit)."""
    if not text or any(c not in CN_NUMERALS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        value = 0
        for c in text:
            value = value * 10 + _CN_VALUES[c]
        return value
    total, current = 0, 0
    for c in text:
        if c in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
        else:
            current = _CN_VALUES[c]
    return total + current


def int_to_cn(n: int) -> str:
    """A number in Chinese counting (12 → 十二, 20 → 二十, 105 → 一百零五)."""
    if n < 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 10000:
        out = []
        units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        zero_pending = False
        started = False
        for value, unit in units:
            d = (n // value) % 10
            if d == 0:
                zero_pending = started
                continue
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(CN_DIGITS[d] + unit)
            started = True
        return "".join(out)
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → aa, 28 → bb.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _from_table(table: str, n: int, offset: int = 1) -> str:
    index = n - offset
    return table[index] if 0 <= index < len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter value `n` in a Word `w:numFmt` format."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return int_to_cn(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseLegal"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return "".join(LEGAL[int(d)] for d in str(n)) if n >= 10 else LEGAL[n]
    if fmt in ("ideographTraditional",):
        return _from_table(TIANGAN, n)
    if fmt == "ideographZodiac":
        return _from_table(DIZHI, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from_table(CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from_table(PAREN_DIGITS, n)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(STOP_DIGITS, n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Label:
    """A numbering label found at the start of a paragraph."""

    text: str
    scheme: str
    value: Optional[int]


# Each pattern: scheme name, regex matching the label at the very start of the text.
# Chinese numerals followed by 、 must not be the start of a list such as “一、二季度”.
_CN = f"[{CN_NUMERALS}]{{1,4}}"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("cn-part", re.compile(rf"^第({_CN})(部分|章|节|条|篇)[、：:\s　]?")),
    ("cn-ordinal", re.compile(rf"^第({_CN})[，,、：:](?=\S)")),
    # “任务一：”“措施二、”“问题三.”: a numbered item named by what it is.
    ("cn-named", re.compile(rf"^(?:任务|措施|问题|事项|举措|目标)({_CN})[：:、，,．.\s　]")),
    ("cn-paren", re.compile(rf"^[（(]({_CN})[）)][、．.]?")),
    # (“五、2013年10月……”, “三、5月起……”: a label before a date; “一、1.” is not one)
    ("cn-dun", re.compile(rf"^({_CN})[、．.](?![{CN_NUMERALS}][、季月年]|\d(?![0-9]{{3}}年|[0-9]?月))")),
    ("arabic-paren", re.compile(r"^[（(]([0-9０-９]{1,3})[）)][、．.]?")),
    ("arabic-halfparen", re.compile(r"^([0-9０-９]{1,3})[）)](?![0-9０-９])")),
    # (“1．1月20日前……”: a label before a date; “1.5小时” is a number)
    ("arabic-dot", re.compile(r"^([0-9０-９]{1,3})[.．](?:(?![0-9０-９])|(?=(?:19|20)[0-9]{2}年)"
                              r"|(?=[0-9０-９]{1,2}[月日号]))(?!\s*[%％])")),
    ("arabic-dun", re.compile(r"^([0-9０-９]{1,3})、")),
    ("circled", re.compile(rf"^([{CIRCLED}])[、．.]?")),
    ("paren-digit", re.compile(rf"^([{PAREN_DIGITS}])")),
    ("stop-digit", re.compile(rf"^([{STOP_DIGITS}])")),
    ("tiangan", re.compile(rf"^([{TIANGAN}])[、．.]")),
    ("letter-paren", re.compile(r"^[（(]([a-zA-Z])[）)]")),
    ("letter-dot", re.compile(r"^([a-zA-Z])[.、．)）](?![a-zA-Z0-9])")),
    # Bullet glyphs, and the letters a Wingdings/Symbol bullet turns into when a page is copied as
    # text (l = ●, n = ■, u = ◆, Ø = ➢, ü = ✓, § = ▪), which then sit glued to Chinese text.
    # A hyphen and a space before Chinese text is a bullet too (lists typed in plain text or markdown).
    ("bullet", re.compile(r"^([●•■◆▲►▶➢★☆◇◎▪▫◦❖✓✔]|-(?=[ \t\u3000]+[\u4e00-\u9fff“（(0-9０-９])"
                          r"|[lnuØü§](?=[\u4e00-\u9fff0-9０-９“（(]))[ \t\u3000]*")),
]


def _value(scheme: str, raw: str) -> Optional[int]:
    if scheme.startswith("cn"):
        return cn_to_int(raw)
    if scheme.startswith("arabic"):
        return int(raw.translate(_FULLWIDTH_DIGITS))
    if scheme == "circled":
        return CIRCLED.index(raw) + 1
    if scheme == "paren-digit":
        return PAREN_DIGITS.index(raw) + 1
    if scheme == "stop-digit":
        return STOP_DIGITS.index(raw) + 1
    if scheme == "tiangan":
        return TIANGAN.index(raw) + 1
    if scheme.startswith("letter"):
        return ord(raw.lower()) - ord("a") + 1
    return None


def split_label(text: str) -> tuple[Optional[Label], str]:
    """Split a typed numbering label off the start of `text`.

    Returns the label (or None) and the remaining text with the whitespace after the label
    removed. Text after a label must exist: a paragraph that is only “一、” keeps its text.
    """
    for scheme, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end():].lstrip(" \t\u3000\xa0")
        if not rest:
            return None, text
        if scheme == "cn-part" and match.group(2) == "条" and rest[:1] in "，。":
            return None, text
        label_text = text[: match.end()].rstrip(" \t\u3000\xa0")
        if scheme == "cn-part":
            # 第一部分 and 第一条 are different schemes, usually at different levels.
            scheme = f"cn-part-{match.group(2)}"
        return Label(label_text, scheme, _value(scheme, match.group(1))), rest
    return None, text


def scheme_of(label: str) -> str:
    """The scheme of an already separated label (e.g. one rendered from Word numbering)."""
    found, _ = split_label(label.strip() + "X")
    if found:
        return found.scheme
    # Bullets and unusual lvlText: the literal shape is the scheme.
    return "literal:" + re.sub(r"\d+", "0", label.strip())


# The outline of official writing (GB/T 9704): 一、 over （一） over 1. over （1）.
_TOP_SCHEME = "cn-dun"
_BELOW_TOP = ("cn-paren", "arabic-dot", "arabic-dun", "arabic-paren", "circled", "paren-digit")


class LevelTracker:
    """Assigns outline levels to schemes in the order a document opens them.

    Seeing a scheme already open closes every deeper one (“二、” after “（三）” returns to level
    1); a new scheme opens one level below the current one — except “一、” after a document that opened
    below it (an excerpt starting at “（二）”), which takes the top level.
    """

    def __init__(self) -> None:
        self._stack: list[str] = []

    def level(self, scheme: str) -> int:
        if scheme in self._stack:
            del self._stack[self._stack.index(scheme) + 1 :]
        elif scheme == _TOP_SCHEME and self._stack and self._stack[0] in _BELOW_TOP:
            # An excerpt that starts inside a part (“（二）官僚主义方面”, then “二、原因剖析”): “一、” is the
            # top of an official outline wherever it first appears, not a level below the “（一）” seen first.
            self._stack = [scheme]
        else:
            self._stack.append(scheme)
        return len(self._stack)
