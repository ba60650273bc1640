"""Multi-label evaluation of four-styles predictions: per-label precision/recall/F1, macro-F1,
the same on statements free of every taxonomy cue, the share of non-problem sentences left
unlabelled, confusion between labels, and the items got wrong."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .fourstyles import labels, taxonomy


@functools.lru_cache(maxsize=1)
def all_cues() -> tuple[str, ...]:
    return tuple(cue for style in taxonomy()["styles"] for sub in style["subcategories"] for cue in sub["cues"])


def cue_free(text: str) -> bool:
    """Whether a statement contains none of the taxonomy's cue phrases."""
    return not any(cue in text for cue in all_cues())


@dataclass
class Report:
    per_label: dict[str, dict[str, float]]
    macro_f1: float
    cue_free_macro_f1: float
    negatives_unlabelled: float
    confusion: dict[str, dict[str, int]]
    n: int
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"n": self.n, "macro_f1": self.macro_f1, "cue_free_macro_f1": self.cue_free_macro_f1,
                "negatives_unlabelled": self.negatives_unlabelled, "per_label": self.per_label,
                "confusion": self.confusion, "errors": self.errors}

    def markdown(self) -> str:
        rows = ["| label | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
        for label, m in self.per_label.items():
            rows.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {int(m['support'])} |")
        rows += ["", f"Macro-F1 **{self.macro_f1:.3f}**; on cue-free statements {self.cue_free_macro_f1:.3f}; "
                     f"non-problem sentences left unlabelled {self.negatives_unlabelled:.1%} ({self.n} items)."]
        return "\n".join(rows)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _macro(gold: list[set], pred: list[set]) -> tuple[dict, float]:
    per = {}
    for label in labels():
        tp = sum(1 for g, p in zip(gold, pred) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, pred) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, pred) if label in g and label not in p)
        p_, r_, f_ = _prf(tp, fp, fn)
        per[label] = {"precision": p_, "recall": r_, "f1": f_, "support": tp + fn}
    return per, sum(m["f1"] for m in per.values()) / len(per)


def evaluate(items: list[dict], predictions: list[list[str]]) -> Report:
    """Compare gold `labels` of each item with the predicted label lists."""
    gold = [set(i["labels"]) for i in items]
    pred = [set(p) for p in predictions]
    per, macro = _macro(gold, pred)
    free = [k for k, i in enumerate(items) if i["labels"] and cue_free(i["text"])]
    _, free_macro = _macro([gold[k] for k in free], [pred[k] for k in free])
    negatives = [k for k, g in enumerate(gold) if not g]
    unlabelled = sum(1 for k in negatives if not pred[k]) / len(negatives) if negatives else 1.0
    confusion = {g: {p: 0 for p in labels() + ["（无）"]} for g in labels() + ["（无）"]}
    for g_set, p_set in zip(gold, pred):
        for g in (g_set or {"（无）"}):
            for p in (p_set or {"（无）"}):
                if p not in g_set or g == p:
                    confusion[g][p] += 1
    errors = [{"id": i.get("id"), "text": i["text"], "gold": sorted(g, key=labels().index),
               "predicted": sorted(p, key=labels().index)}
              for i, g, p in zip(items, gold, pred) if g != p]
    return Report(per_label=per, macro_f1=macro, cue_free_macro_f1=free_macro,
                  negatives_unlabelled=unlabelled, confusion=confusion, n=len(items), errors=errors)


def compare(items: list[dict], predictions_a: list[list[str]], predictions_b: list[list[str]], *,
            resamples: int = 1000, seed: int = 13) -> dict:
    """Two models on the same items: per-label F1 of each and the difference, and a bootstrap
    95% interval of the macro-F1 difference (B − A); `beyond_noise` when it excludes 0."""
    import random

    gold = [set(i["labels"]) for i in items]
    a, b = [set(p) for p in predictions_a], [set(p) for p in predictions_b]
    per_a, macro_a = _macro(gold, a)
    per_b, macro_b = _macro(gold, b)
    rng = random.Random(seed)
    n = len(items)
    diffs = []
    for _ in range(resamples):
        sample = [rng.randrange(n) for _ in range(n)]
        g = [gold[k] for k in sample]
        diffs.append(_macro(g, [b[k] for k in sample])[1] - _macro(g, [a[k] for k in sample])[1])
    diffs.sort()
    low, high = diffs[int(0.025 * resamples)], diffs[int(0.975 * resamples) - 1]
    return {"n": n, "macro_f1_a": macro_a, "macro_f1_b": macro_b, "difference": macro_b - macro_a,
            "interval": [low, high], "beyond_noise": low > 0 or high < 0,
            "per_label": {label: {"f1_a": per_a[label]["f1"], "f1_b": per_b[label]["f1"],
                                  "difference": per_b[label]["f1"] - per_a[label]["f1"]} for label in labels()}}
