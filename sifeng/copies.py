"""Copy detection across a batch (照搬照抄, seeds 001 and 003): passages shared between
submissions, found with MinHash signatures and LSH banding so that the work grows
sub-quadratically, then verified exactly on character shingles.

Shingles that are stock phrases (corpora/lexicons/stock_phrases.yaml), that come from the notices
themselves (shared/seeds, when present on this machine), or that most submissions of the batch
use, are not evidence of copying.
"""

from __future__ import annotations

import functools
import os
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from classifiers.normalise import normalise as canonical
from classifiers.resources import load_yaml

K = 8                     # characters per shingle
NUM_PERM = 128
BANDS, ROWS = 32, 4       # LSH: candidate pairs from about 0.4 Jaccard up
_PRIME = (1 << 31) - 1
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


@dataclass
class Passage:
    """A passage of A found in B: A's text and B's (they may differ in unit names and punctuation),
    where each starts in its original text, and its length in kept characters."""

    text: str
    start_a: int
    start_b: int
    length: int
    text_b: str = ""


@dataclass
class CopyPair:
    """Two submissions sharing passages: the share of each one's text that is shared."""

    a: str
    b: str
    share_a: float
    share_b: float
    shared_chars: int
    passages: list[Passage] = field(default_factory=list)


# Unit names swapped in a copied text (局党组 → 镇党委, 县 → 区) must not hide the copy: the
# characters that name the kind of unit or of party body fold to one character each.
_UNIT_FOLD = str.maketrans({**{ch: "单" for ch in "局镇乡县区市村院校所街社厅处科股室站队"},
                            **{ch: "委" for ch in "组委"}})


def normalise(text: str) -> tuple[str, list[int]]:
    """Letters and digits only (formatting and punctuation changes do not hide a copy), in
    simplified script with unit names folded, with each kept character's index in the text."""
    text = canonical(text).translate(_UNIT_FOLD)  # same length: indices still point into `text`
    kept, positions = [], []
    for index, ch in enumerate(text):
        if _KEEP.match(ch):
            kept.append(ch)
            positions.append(index)
    return "".join(kept), positions


def shingle_hashes(norm: str) -> list[int]:
    return [zlib.crc32(norm[i:i + K].encode("utf-8")) for i in range(max(0, len(norm) - K + 1))]


# The shingles of the five seed notices, shipped as hashes (scripts/build_seed_shingles.py): a
# machine without ../shared/seeds ignores the notices' wording all the same.
SEED_SHINGLES = Path(__file__).resolve().parents[1] / "corpora" / "lexicons" / "seed_shingles.npy"


def seed_text_hashes(folder: Path) -> set[int]:
    """Shingle hashes of every notice (*.txt) in `folder`."""
    hashes: set[int] = set()
    for path in sorted(folder.glob("*.txt")):
        hashes.update(shingle_hashes(normalise(path.read_text(encoding="utf-8", errors="ignore"))[0]))
    return hashes


@functools.lru_cache(maxsize=1)
def stock_hashes() -> frozenset[int]:
    """Shingles of stock phrases and of the notices themselves (shipped hashes, and the notices'
    own text where it is on this machine)."""
    hashes: set[int] = set()
    for text in load_yaml("lexicons/stock_phrases.yaml")["phrases"]:
        hashes.update(shingle_hashes(normalise(text)[0]))
    if SEED_SHINGLES.exists():
        hashes.update(int(h) for h in np.load(SEED_SHINGLES, allow_pickle=False))
    seeds = Path(os.environ.get("SIFENG_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
    if seeds.is_dir():
        hashes |= seed_text_hashes(seeds)
    return frozenset(hashes)


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20140310)
    return (rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64),
            rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64))


def signature(hashes: Iterable[int]) -> Optional[np.ndarray]:
    values = np.fromiter(hashes, dtype=np.uint64)
    if not values.size:
        return None
    a, b = _permutations()
    values %= np.uint64(_PRIME)
    return ((np.outer(values, a) + b) % np.uint64(_PRIME)).min(axis=0)


def find_copies(texts: dict[str, str], *, raise_at: float = 0.3, min_chars: int = 300,
                passage_chars: int = 150, common_share: float = 0.5, passage_min: int = 30) -> list[CopyPair]:
    """Pairs of documents (keys of `texts`) sharing enough non-stock text: `passage_chars` of
    copied passages of at least `passage_min` characters each, whatever their share, or
    `min_chars` that are `raise_at` of one side. (Two units' plans written from the same notice
    share many short phrases — a title, a table's header, 明确“三重一大”事项范围 — and no paragraph.)"""
    stock = stock_hashes()
    norms = {key: normalise(text) for key, text in texts.items()}
    shingles = {key: shingle_hashes(norm) for key, (norm, _) in norms.items()}
    frequency: dict[int, int] = defaultdict(int)
    for hashes in shingles.values():
        for h in set(hashes):
            frequency[h] += 1
    # In a large batch, a passage most submissions share is boilerplate handed down to all.
    common = {h for h, n in frequency.items() if len(texts) >= 5 and n >= max(3, common_share * len(texts))}
    ignored = stock | common
    sets = {key: {h for h in hashes if h not in ignored} for key, hashes in shingles.items()}
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for key, values in sets.items():
        sig = signature(values)
        if sig is None:
            continue
        for band in range(BANDS):
            buckets[(band, *sig[band * ROWS:(band + 1) * ROWS].tolist())].append(key)
    candidates = {tuple(sorted((x, y))) for members in buckets.values() if len(members) > 1
                  for i, x in enumerate(members) for y in members[i + 1:]}
    candidates |= _containment_candidates(sets, passage_chars)
    pairs = []
    for a, b in sorted(candidates):
        shared = sets[a] & sets[b]
        if not shared:
            continue
        # Runs are built over every common shingle, stock ones included, so that a copied
        # paragraph with a stock phrase inside it comes out as one passage; a run of stock
        # phrases alone is not a passage.
        common_all = set(shingles[a]) & set(shingles[b])
        passages = _passages(norms[a], norms[b], shingles[a], shingles[b], common_all, shared, texts[a], texts[b])
        chars = sum(p.length for p in passages)
        len_a, len_b = len(norms[a][0]) or 1, len(norms[b][0]) or 1
        pair = CopyPair(a=a, b=b, share_a=min(1.0, chars / len_a), share_b=min(1.0, chars / len_b),
                        shared_chars=chars, passages=passages)
        # Long copied passages count whatever their share of a longer source (查重 practice);
        # shorter overlaps count when they are a large share of one side.
        long_chars = sum(p.length for p in passages if p.length >= passage_min)
        if long_chars >= passage_chars or (max(pair.share_a, pair.share_b) >= raise_at and chars >= min_chars):
            pairs.append(pair)
    return pairs


def _containment_candidates(sets: dict[str, set[int]], min_chars: int, sample: int = 8,
                            max_posting: int = 50) -> set[tuple[str, str]]:
    """Pairs sharing many sampled shingles, found through an inverted index: a short text copied
    into a long one has a low Jaccard similarity that MinHash banding misses, but shares the same
    shingles. One shingle in `sample` is indexed (by hash), so the work grows with the batch;
    shingles in more than `max_posting` documents are boilerplate and skipped."""
    postings: dict[int, list[str]] = defaultdict(list)
    for key, values in sets.items():
        for h in values:
            if h % sample == 0:
                postings[h].append(key)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for members in postings.values():
        if 1 < len(members) <= max_posting:
            members = sorted(members)
            for i, x in enumerate(members):
                for y in members[i + 1:]:
                    counts[(x, y)] += 1
    need = max(3, min_chars // (2 * sample))
    return {pair for pair, n in counts.items() if n >= need}


def _passages(norm_a, norm_b, hashes_a, hashes_b, common: set[int], evidence: set[int],
              original_a: str, original_b: str = "") -> list[Passage]:
    """Runs of common shingles in A holding at least one non-stock one, each located in B, as
    passages of A's original text, longest first."""
    text_a, positions_a = norm_a
    first_in_b: dict[int, int] = {}
    for index, h in enumerate(hashes_b):
        first_in_b.setdefault(h, index)
    passages: list[Passage] = []
    index = 0
    while index < len(hashes_a):
        if hashes_a[index] not in common:
            index += 1
            continue
        start = index
        while index < len(hashes_a) and hashes_a[index] in common:
            index += 1
        if not any(h in evidence for h in hashes_a[start:index]):
            continue
        length = index - start + K - 1
        begin, end = positions_a[start], positions_a[min(start + length, len(positions_a)) - 1] + 1
        in_b = first_in_b.get(hashes_a[start], -1)
        positions_b = norm_b[1]
        begin_b, text_b = -1, ""
        if 0 <= in_b < len(positions_b):
            begin_b = positions_b[in_b]
            text_b = original_b[begin_b:positions_b[min(in_b + length, len(positions_b)) - 1] + 1]
        passages.append(Passage(text=original_a[begin:end], start_a=begin, start_b=begin_b, length=length,
                                text_b=text_b))
    return sorted(passages, key=lambda p: -p.length)


def copied_share(text: str, spans: list[tuple[int, int]]) -> float:
    """The share of `text` covered by the union of copied spans (总文字复制比)."""
    covered, last = 0, 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            covered += end - start
            last = end
    return min(1.0, covered / max(1, len(text)))
