"""Rewrites that keep the meaning, and how often a judgement survives them: ASCII punctuation,
traditional script, full-width digits and a neutral lead-in (“经认真查摆，”). A model that reads
the behaviour, not the surface, gives the same answer for each (issue: ≥ 98% unchanged).
"""

from __future__ import annotations

import functools
from typing import Callable, Optional

_TO_ASCII = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?",
                           "！": "!", "“": '"', "”": '"'})
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
LEAD_INS = ("经认真查摆，", "对照检查发现，", "经过深入剖析，")


@functools.lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def rewrites(text: str) -> dict[str, tuple[str, int]]:
    """Each rewrite of `text`, with the offset by which spans move (only the lead-in moves them)."""
    return {
        "ascii_punctuation": (text.translate(_TO_ASCII), 0),
        "traditional": (_to_traditional().convert(text), 0),
        "fullwidth_digits": (text.translate(_FULL_DIGITS), 0),
        "lead_in": (LEAD_INS[len(text) % len(LEAD_INS)] + text, len(LEAD_INS[len(text) % len(LEAD_INS)])),
    }


def unchanged_rates(texts: list[str], judge: Callable[[str], object],
                    same: Optional[Callable[[object, object, int], bool]] = None) -> dict[str, float]:
    """The share of `texts` whose judgement is the same after each rewrite. `same(a, b, shift)`
    compares the original judgement with the rewritten one (default: equality)."""
    same = same or (lambda a, b, shift: a == b)
    base = [judge(t) for t in texts]
    rates: dict[str, float] = {}
    for name in rewrites("x"):
        kept = 0
        for text, original in zip(texts, base):
            rewritten, shift = rewrites(text)[name]
            kept += same(original, judge(rewritten), shift)
        rates[name] = kept / max(1, len(texts))
    return rates
