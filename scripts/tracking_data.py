"""The plan + look-back pairs of corpora/tracking/ (see its README) read for training and evaluation:
each pair's plans reviewed, its report parsed, and every gold measure matched to the measure review
found in the plan (the same reading `sifeng track` uses)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from classifiers.normalise import normalise
from scripts.train_reader import is_dev  # one in five by a hash of the name, as for the documents

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "tracking"


@dataclass
class Pair:
    name: str
    folder: Path
    gold: dict
    reviews: list
    report: object  # docparse.Document
    measures: list  # sifeng.tracking.PlanMeasure
    match: dict  # gold measure index -> PlanMeasure index (or absent)


def _bigrams(text: str) -> set[str]:
    t = "".join(ch for ch in normalise(text) if ch.isalnum())
    return {t[i:i + 2] for i in range(len(t) - 1)}


def match_measures(gold: list[dict], found: list) -> dict[int, int]:
    """Gold measure → the found measure that contains its text (or shares most of its bigrams)."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for g, item in enumerate(gold):
        text = normalise(item["text"])
        best, best_score = None, 0.0
        for k, m in enumerate(found):
            if k in used or Path(m.plan).name != item["plan"]:
                continue
            if text in normalise(m.text):
                score = 1.0
            else:
                a, b = _bigrams(text), _bigrams(m.text)
                score = len(a & b) / max(1, len(a))
            if score > best_score:
                best, best_score = k, score
        if best is not None and best_score >= 0.6:
            out[g] = best
            used.add(best)
    return out


def load_pairs(split: str, reviewer=None) -> list[Pair]:
    """split: train | dev (the held-out fifth of corpora/tracking/train) | all (all of train) | blind."""
    import docparse
    from sifeng.review import default_reviewer
    from sifeng.tracking import plan_measures

    reviewer = reviewer or default_reviewer()
    root = CORPUS / ("blind" if split == "blind" else "train")
    pairs = []
    for folder in sorted(p for p in root.iterdir() if (p / "gold.yaml").exists()):
        if split == "train" and is_dev(folder.name) or split == "dev" and not is_dev(folder.name):
            continue
        gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
        reviews = [reviewer.review(folder / p["file"]) for p in gold["plans"]]
        measures = plan_measures(reviews)
        report = docparse.parse(folder / gold["report"])
        pairs.append(Pair(folder.name, folder, gold, reviews, report, measures,
                          match_measures(gold["measures"], measures)))
    return pairs


def evidence_in(sentence: str, evidence: Optional[str]) -> bool:
    """A report sentence carries the gold evidence (one contains the other, or they share a long run)."""
    if not evidence:
        return False
    s, e = normalise(sentence), normalise(evidence)
    if e in s or (len(s) >= 10 and s in e):
        return True
    head = e[: min(14, len(e))]
    return len(head) >= 8 and head in s
