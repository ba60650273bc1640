"""Bytes to text for plain-text and web-page inputs: BOM first, then a declared charset, then
detection among the encodings Chinese offices actually produce."""

from __future__ import annotations

import codecs
from typing import Optional

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


def decode(data: bytes, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding used).

    A BOM wins; then UTF-8 if the bytes are valid UTF-8; then a declared charset if it decodes
    cleanly; then detection by charset-normalizer restricted to the likely Chinese encodings.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.replace("-sig", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        codec = normalise_name(declared)
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    if best is not None:
        codec = normalise_name(best.encoding) or "gb18030"
        return data.decode(codec, errors="replace"), codec
    for codec in ("gb18030", "big5"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise DamagedFileError("无法识别文本编码（不是 UTF-8、GBK/GB18030、Big5 或 UTF-16）")
