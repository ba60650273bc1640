"""Evaluate `sifeng track` on the plan + look-back pairs of corpora/tracking/ end to end: the plans are
reviewed, their measures tracked through the report, and each gold measure compared with the status
given to the measure review found for it (a gold measure review did not find counts as wrong).

    python scripts/evaluate_tracking.py [--split dev|blind|all] [--errors] [--write docs/benchmarks.md]

Prints status accuracy, the confusion matrix, precision/recall of not_reported and unsupported_claim
(what an inspection group most needs), and how often a done, late or in-progress status points at the
gold evidence sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.tracking_data import evidence_in, load_pairs  # noqa: E402
from sifeng.tracking import STATUSES, track_reviews  # noqa: E402


def evaluate(pairs, models=None) -> dict:
    confusion = {g: {p: 0 for p in (*STATUSES, "missed")} for g in STATUSES}
    evidence_ok = evidence_total = 0
    errors = []
    per_pair = []
    for pair in pairs:
        result = track_reviews(pair.reviews, pair.report, models=models)
        right = 0
        for g, item in enumerate(pair.gold["measures"]):
            k = pair.match.get(g)
            got = result.measures[k] if k is not None and k < len(result.measures) else None
            status = got.status if got else "missed"
            confusion[item["status"]][status] += 1
            right += status == item["status"]
            if item["status"] in ("done", "done_late", "in_progress"):
                evidence_total += 1
                if got and got.evidence and evidence_in(got.evidence.text, item["evidence"]):
                    evidence_ok += 1
            if status != item["status"]:
                errors.append((pair.name, item["status"], status, item["text"][:40],
                               (got.evidence.text[:60] if got and got.evidence else None), item.get("evidence")))
        per_pair.append((pair.name, right, len(pair.gold["measures"])))
    total = sum(sum(row.values()) for row in confusion.values())
    right = sum(confusion[s][s] for s in STATUSES)

    def pr(status):
        tp = confusion[status][status]
        predicted = sum(confusion[g][status] for g in STATUSES)
        gold = sum(confusion[status].values())
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    found = total - sum(confusion[g]["missed"] for g in STATUSES)
    return {"pairs": len(pairs), "measures": total, "found": found, "accuracy": right / max(1, total),
            "confusion": confusion, "not_reported": pr("not_reported"), "unsupported_claim": pr("unsupported_claim"),
            "evidence": (evidence_ok, evidence_total), "per_pair": per_pair, "errors": errors}


def cross_validate(pairs, threshold: float = 0.5, share: float = 0.0, folds: int = 5) -> dict:
    """Each fold's pairs tracked by models trained on the other folds (by writer-mixed pair order)."""
    from scripts.train_tracking import fit

    merged = None
    for k in range(folds):
        test = [p for i, p in enumerate(pairs) if i % folds == k]
        models, _ = fit([p for i, p in enumerate(pairs) if i % folds != k], threshold, share)
        part = evaluate(test, models)
        if merged is None:
            merged = part
            continue
        for g, row in part["confusion"].items():
            for s, n in row.items():
                merged["confusion"][g][s] += n
        merged["errors"] += part["errors"]
        merged["per_pair"] += part["per_pair"]
        merged["evidence"] = tuple(a + b for a, b in zip(merged["evidence"], part["evidence"]))
        merged["pairs"] += part["pairs"]
        merged["measures"] += part["measures"]
        merged["found"] += part["found"]
    return _summarise(merged)


def _summarise(result: dict) -> dict:
    confusion = result["confusion"]
    total = sum(sum(row.values()) for row in confusion.values())
    result["accuracy"] = sum(confusion[s][s] for s in STATUSES) / max(1, total)
    for status in ("not_reported", "unsupported_claim"):
        tp = confusion[status][status]
        predicted = sum(confusion[g][status] for g in STATUSES)
        gold = sum(confusion[status].values())
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        result[status] = (p, r, (2 * p * r / (p + r) if p + r else 0.0))
    return result


def report(result: dict, split: str) -> str:
    lines = [f"Split `{split}`: {result['pairs']} pairs, {result['measures']} gold measures, "
             f"{result['found']} of them found in the plans by review.", "",
             f"- status accuracy: **{result['accuracy']:.3f}**"]
    for status in ("not_reported", "unsupported_claim"):
        p, r, f = result[status]
        lines.append(f"- `{status}` P / R / F1: {p:.3f} / {r:.3f} / {f:.3f}")
    ok, n = result["evidence"]
    lines += [f"- done / done_late / in_progress with the gold evidence sentence: {ok}/{n} ({ok / max(1, n):.1%})", "",
              "| gold \\ given | " + " | ".join((*STATUSES, "missed")) + " |",
              "| --- |" + " ---: |" * (len(STATUSES) + 1)]
    for g in STATUSES:
        lines.append(f"| {g} | " + " | ".join(str(result["confusion"][g][p]) for p in (*STATUSES, "missed")) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "blind", "all", "train", "cv"],
                        help="cv: five-fold cross-validation over the training pairs (models refitted per fold)")
    parser.add_argument("--threshold", type=float, default=None, help="linker threshold (cv only)")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    if args.split == "cv":
        result = cross_validate(load_pairs("all"), args.threshold or 0.5)
    else:
        result = evaluate(load_pairs(args.split))
    if args.errors:
        for e in result["errors"]:
            print(e)
        for name, right, n in result["per_pair"]:
            print(f"{name}: {right}/{n}")
    body = report(result, args.split)
    print(body)
    if args.write:
        from scripts.bench_parse import write_section

        write_section(args.write, f"回头看 tracking ({args.split})", body,
                      f"python scripts/evaluate_tracking.py --split {args.split} --write {args.write}")


if __name__ == "__main__":
    main()
