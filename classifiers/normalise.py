"""One canonical form of Chinese text before every judgement: traditional characters to
simplified (OpenCC), full-width letters and digits to half-width, ASCII punctuation next to
Chinese to its Chinese form, every kind of space to a plain space.

Every step replaces one character by one character, so the normalised text has the length of the
original and an offset found in one is the same offset in the other: evidence and spans are cut
from the original text with the offsets found in the normalised one.
"""

from __future__ import annotations

import functools
import re

_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
# ASCII punctuation that Chinese writes full-width; a neighbouring Chinese character decides.
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_NEAR_CJK = re.compile(rf"(?<={_CJK})[,:;?!()]|[,:;?!()](?={_CJK})")
# A full stop only after a Chinese character and not between digits (2014.6 stays).
_PERIOD = re.compile(rf"(?<={_CJK})\.(?!\d)")
_SPACES = re.compile(r"[\u3000\u00a0\u2002-\u200a\u202f\u205f\t\x0b\x0c]")
# Full-width ASCII letters and digits (and the few full-width symbols that are not punctuation
# Chinese uses): to half-width. ，：；（）？！ stay full-width, as Chinese writes them.
_KEEP_FULL = set("，：；（）？！、。")
_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in _KEEP_FULL}


@functools.lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:  # the wheel is a dependency; without it, only width and punctuation
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, one character for one character."""
    converter = _converter()
    if converter is None or text.isascii():
        return text
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert character by character instead.
    out = []
    for ch in text:
        single = converter.convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


# A pronunciation gloss that web mirrors put after a character: 城鄉(xiāng), 責(zé)任 — letters with
# tone marks (or a tone digit) in brackets right after a Chinese character. Not part of the text.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[1-5]?[)）]")


def strip_glosses(text: str) -> tuple[str, list[int]]:
    """`text` without pronunciation glosses, and for each kept character its offset in `text`
    (plus one entry for the end), so that spans found in the stripped text map back. A bracket
    holding a plain word (“(ABC)”, “（一）”) is no gloss: a gloss has a tone mark or a tone digit."""
    kept, out, last = [], [], 0
    for m in _GLOSS.finditer(text):
        if not re.search(r"[^a-zA-Z()（）]", m.group(0)):
            continue  # “(AB)”: letters only, no tone — an abbreviation, not a gloss
        out.append(text[last:m.start()])
        kept.extend(range(last, m.start()))
        last = m.end()
    out.append(text[last:])
    kept.extend(range(last, len(text)))
    kept.append(len(text))
    return "".join(out), kept


def full_width_punctuation(text: str) -> str:
    """`text` with the ASCII punctuation next to Chinese (近日, 会上:) written full-width, as Chinese writes
    it (same length)."""
    return _HALF_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)


def normalise(text: str) -> str:
    """The canonical form of `text`, of the same length (see the module docstring)."""
    text = to_simplified(text)
    text = text.translate(str.maketrans(_WIDTH))
    text = _SPACES.sub(" ", text)
    text = full_width_punctuation(text)
    text = _PERIOD.sub("。", text)
    if '"' in text:  # ASCII double quotes pair up as “…”
        parts = text.split('"')
        text = "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]
    return text
