"""A learned choice among owner candidates (classifiers/owners.py `owner_candidates`).

The rules propose every party a measure might name — labelled, parenthesised, after 由, before
牵头, the subject of a clause — and a logistic regression over the candidates' context (the rule
that found it, its kind and suffix, the characters around it, the clause it opens, what else the
measure names) scores each. The measure's owner is the best candidate when its probability clears
the threshold. Trained by scripts/train_spans.py on corpora/measures/train.jsonl; stored as a
`SparseLogistic` (classifiers/sparse_lr.py: JSON feature → weight, scored with the standard library).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Sequence

from .normalise import normalise
from .owners import Owner, owner_candidates
from .sparse_lr import SparseLogistic

FILE = "owner_ranker.json"
_PERSONAL = re.compile(r"本人|^我|[，。；]我")


def candidate_features(text: str, candidates: Sequence[Owner]) -> list[list[str]]:
    """Binary features of each candidate in its measure."""
    norm = normalise(text)
    clause_starts = [0] + [m.end() for m in re.finditer(r"[，,；;。！!]", norm)]
    ranks = {o.rank for o in candidates}
    personal = bool(_PERSONAL.search(norm))
    rows = []
    for o in candidates:
        name = norm[o.start:o.end]
        before = norm[max(0, o.start - 2):o.start].rjust(2, "^")
        after = norm[o.end:o.end + 2].ljust(2, "$")
        clause = sum(1 for s in clause_starts if s <= o.start) - 1
        opens_clause = o.start in clause_starts or norm[max(0, o.start - 2):o.start] in ("一步", "今后")
        f = [
            "bias", f"rank={o.rank}", f"kind={o.kind}", f"rank&kind={o.rank}{o.kind}",
            f"suf1={name[-1:]}", f"suf2={name[-2:]}", f"first={name[:1]}",
            f"prev1={before[-1]}", f"prev2={before}", f"next1={after[0]}", f"next2={after}",
            f"rank&next1={o.rank}{after[0]}", f"rank&prev1={o.rank}{before[-1]}",
            f"clause={min(clause, 3)}", f"len={min(len(name), 8)}",
            f"pos={min(4, o.start * 5 // max(1, len(norm)))}",
            f"ncands={min(len(candidates), 4)}",
        ]
        f += [f"other_rank={r}" for r in ranks if r != o.rank]
        if opens_clause:
            f.append(f"opens_clause&rank={o.rank}")
        if personal:
            f.append(f"personal&rank={o.rank}")
        if o.start > 0 and norm[o.start - 1] in "（(":
            f.append("in_paren")
        rows.append(f)
    return rows


class OwnerRanker:
    """A binary SparseLogistic over candidate features, with the acceptance threshold."""

    def __init__(self, model: SparseLogistic, threshold: float = 0.5):
        self.model = model
        self.threshold = threshold

    def scores(self, text: str, candidates: Sequence[Owner]) -> list[float]:
        return [self.model.proba(feats).get("1", 0.0) for feats in candidate_features(text, candidates)]

    def choose(self, text: str, candidates: Optional[Sequence[Owner]] = None) -> Optional[tuple[Owner, float]]:
        candidates = owner_candidates(text) if candidates is None else list(candidates)
        if not candidates:
            return None
        scored = max(zip(self.scores(text, candidates), range(len(candidates))))
        return candidates[scored[1]], scored[0]

    def best(self, text: str) -> Optional[Owner]:
        chosen = self.choose(text)
        return chosen[0] if chosen and chosen[1] >= self.threshold else None

    @classmethod
    def fit(cls, texts: Sequence[str], golds: Sequence[Optional[str]], C: float = 1.0) -> "OwnerRanker":
        rows, labels = [], []
        for text, gold in zip(texts, golds):
            cands = owner_candidates(text)
            gold_norm = normalise(gold) if gold else None
            for o, feats in zip(cands, candidate_features(text, cands)):
                rows.append(feats)
                labels.append("1" if gold_norm is not None and normalise(o.text) == gold_norm else "0")
        model = SparseLogistic.fit(rows, labels, C=C, meta={"n_candidates": len(labels),
                                                            "n_positive": labels.count("1"), "C": C})
        return cls(model)

    def save(self, folder: Path) -> None:
        self.model.meta["threshold"] = self.threshold
        self.model.save(Path(folder) / FILE)

    @classmethod
    def load(cls, folder: Path) -> Optional["OwnerRanker"]:
        path = Path(folder) / FILE
        if not path.exists():
            return None
        model = SparseLogistic.load(path)
        return cls(model, model.meta.get("threshold", 0.5))
