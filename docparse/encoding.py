"""Bytes to text for plain-text and web-page inputs: BOM first, then a declared charset, then
detection among the encodings Chinese offices actually produce."""

from __future__ import annotations

import codecs
from typing import NamedTuple, Optional

from .errors import DamagedFileError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# GBK and GB2312 are subsets of GB18030: decoding with the superset never loses a character.
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "gb_2312": "gb18030", "cp936": "gb18030",
            "x-gbk": "gb18030", "euc-cn": "gb18030", "big5-hkscs": "big5hkscs"}
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]


def normalise_name(name: str) -> Optional[str]:
    """A Python codec name for a declared charset, or None when Python does not know it."""
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class Decoded(NamedTuple):
    """Text decoded from bytes, the codec used, and the repairs a reader should know about."""

    text: str
    encoding: str
    repairs: list[str]


def decode(data: bytes, declared: Optional[str] = None) -> Decoded:
    """Decode `data` into text.

    A BOM wins; then UTF-8 if the bytes are valid UTF-8; then a declared charset if it decodes
    cleanly; then detection by charset-normalizer restricted to the likely Chinese encodings;
    then, for a file pasted together from two systems (half GBK, half UTF-8), line by line.
    Stray NUL bytes (left by some OA exports) are dropped and reported as a repair.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding.replace("-sig", ""), [])
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return Decoded(data.decode(utf16, errors="replace"), utf16, [])
    repairs = []
    if b"\x00" in data:
        count = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        repairs.append(f"删除了 {count} 个空字符（NUL）")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", repairs)
    except UnicodeDecodeError:
        pass
    if declared:
        codec = normalise_name(declared)
        if codec:
            try:
                return Decoded(data.decode(codec), codec, repairs)
            except UnicodeDecodeError:
                pass
    mixed = _decode_by_line(data)
    if mixed is not None:
        return Decoded(mixed[0], mixed[1], repairs + [mixed[2]])
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    if best is not None:
        codec = normalise_name(best.encoding) or "gb18030"
        return Decoded(data.decode(codec, errors="replace"), codec, repairs)
    for codec in ("gb18030", "big5"):
        try:
            return Decoded(data.decode(codec), codec, repairs)
        except UnicodeDecodeError:
            continue
    raise DamagedFileError("无法识别文本编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16）")


def _bomless_utf16(data: bytes) -> Optional[str]:
    """UTF-16 without a BOM: ASCII-heavy text puts its NULs on one parity of byte positions."""
    sample = data[:65536]
    nuls = sample.count(b"\x00")
    if nuls < len(sample) * 0.2:
        return None
    even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    if even >= nuls * 0.9:
        return "utf-16-be"
    if nuls - even >= nuls * 0.9:
        return "utf-16-le"
    return None


def _decode_by_line(data: bytes) -> Optional[tuple[str, str, str]]:
    """Decode a file whose lines are in different encodings: each line as UTF-8 when it is
    valid UTF-8, else as GB18030. Only used when both kinds of line occur and every line decodes
    strictly one way or the other; a file in one legacy encoding goes to detection instead."""
    lines = data.split(b"\n")
    out, utf8, legacy = [], 0, 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(b >= 0x80 for b in line):
                utf8 += 1
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(line.decode("gb18030"))
            legacy += 1
        except UnicodeDecodeError:
            return None
    if not utf8 or not legacy:
        return None
    return "\n".join(out), "mixed", f"文本编码混杂：{utf8} 行按 UTF-8、{legacy} 行按 GBK/GB18030 逐行解码"
