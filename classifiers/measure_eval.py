"""Evaluation of the measure reader (deadline, owner, due date) and the hollowness scorer on a
labelled measure file (corpora/measures/*.jsonl; format in corpora/measures/CONVENTIONS.md).

Shared by `sifeng evaluate measures`, scripts/evaluate_measures.py and tests/test_robustness.py.
Per field: precision / recall / F1 of detection, exact span and kind agreement on the items both
found, exact match of the normalised due date on the gold dated measures, and the share of measures
whose deadline, due date and owner survive the four meaning-keeping rewrites.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

Reader = Callable[[str, Optional[str]], tuple]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shipped_reader() -> Reader:
    """What review uses: the CRF span reader with the rule fallbacks and the owner ranker."""
    from .spans import read_measure

    return lambda text, ref: (lambda m: (m.deadline, m.owner))(read_measure(text, ref))


def rules_reader() -> Reader:
    from .deadlines import find_deadline
    from .owners import find_owner

    return lambda text, ref: (find_deadline(text, ref), find_owner(text))


def evaluate(items: list[dict], reader: Optional[Reader] = None,
             deadline_of: Optional[Callable[[str, str], Optional[dict]]] = None) -> tuple[dict, dict]:
    """Figures and errors of a reader (default: the shipped one). `deadline_of` replaces the
    reader's deadline (for comparing another deadline engine)."""
    reader = reader or shipped_reader()
    stats = {f: {"tp": 0, "fp": 0, "fn": 0, "span": 0, "kind": 0} for f in ("deadline", "owner")}
    due_total = due_ok = 0
    errors: dict[str, list] = {"deadline": [], "owner": [], "due": []}
    start = time.perf_counter()
    for item in items:
        found, owner = reader(item["text"], item["ref_date"])
        if deadline_of is not None:
            pred_deadline = deadline_of(item["text"], item["ref_date"])
        else:
            pred_deadline = found and {"text": found.text, "kind": found.kind, "due": found.due}
        pred_owner = owner and {"text": owner.text, "kind": owner.kind}
        for field, pred in (("deadline", pred_deadline), ("owner", pred_owner)):
            gold = item[field]
            s = stats[field]
            if gold and pred:
                s["tp"] += 1
                s["span"] += pred["text"] == gold["text"]
                s["kind"] += pred["kind"] == gold["kind"]
                if pred["text"] != gold["text"] or pred["kind"] != gold["kind"]:
                    errors[field].append((item["id"], item["text"], gold, pred))
            elif pred:
                s["fp"] += 1
                errors[field].append((item["id"], item["text"], gold, pred))
            elif gold:
                s["fn"] += 1
                errors[field].append((item["id"], item["text"], gold, pred))
        gold = item["deadline"]
        if gold and gold["kind"] == "date":
            due_total += 1
            if pred_deadline and pred_deadline.get("due") == gold["due"]:
                due_ok += 1
            else:
                errors["due"].append((item["id"], item["text"], gold, pred_deadline))
    elapsed = time.perf_counter() - start
    result = {f: {**s, "prf": prf(s["tp"], s["fp"], s["fn"])} for f, s in stats.items()}
    result["due"] = {"ok": due_ok, "total": due_total}
    result["seconds"] = elapsed
    result["n"] = len(items)
    return result, errors


def evaluate_hollow(items: list[dict]) -> tuple[dict, list]:
    from .hollowness import HollownessScorer

    scorer = HollownessScorer.load()
    scores = scorer.predict_proba([i["text"] for i in items])[:, 1]
    tp = fp = fn = 0
    errors = []
    for item, score in zip(items, scores):
        pred = bool(score >= 0.5)
        gold = item["hollow"]
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if pred != gold:
            errors.append((item["id"], item["text"], gold, round(float(score), 3)))
    return {"tp": tp, "fp": fp, "fn": fn, "prf": prf(tp, fp, fn)}, errors


def rewrite_rates(items: list[dict]) -> dict[str, float]:
    """Share of measures whose deadline (kind, due, span), owner (kind, span) are unchanged under
    each rewrite (spans compared after the lead-in's shift)."""
    from .robustness import rewrites, unchanged_rates
    from .spans import read_measure

    refs: dict[str, Optional[str]] = {}
    for item in items:
        refs[item["text"]] = item["ref_date"]
        for variant, _ in rewrites(item["text"]).values():
            refs[variant] = item["ref_date"]

    def judge(text: str):
        read = read_measure(text, refs.get(text))
        d, o = read.deadline, read.owner
        return ((d.kind, d.due, d.start, d.end) if d else None, (o.kind, o.start, o.end) if o else None)

    def same(a, b, shift):
        def moved(x, kind_len):
            return None if x is None else tuple(v + shift if i >= kind_len and isinstance(v, int) else v
                                                for i, v in enumerate(x))
        return b == (moved(a[0], 2), moved(a[1], 1))

    return unchanged_rates([i["text"] for i in items], judge, same)
