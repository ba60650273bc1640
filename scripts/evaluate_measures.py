"""Measure analysis against the labelled measure corpus (corpora/measures/dev.jsonl by default).

Per field: precision / recall / F1 of detection (deadline present, owner present, hollow), exact
span and kind agreement on the items both found, and exact match of the normalised due date on
the gold dated measures.

    python scripts/evaluate_measures.py [--data FILE] [--deadline-engine shipped|rules|jionlp]
                                        [--errors FIELD] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench_parse import write_section  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def jionlp_deadline(text: str, ref: str):
    """The comparison engine: jionlp's time extraction, taking the last time span as the due."""
    import jionlp

    y, m, d = (int(x) for x in ref.split("-"))
    found = jionlp.ner.extract_time(text, time_base={"year": y, "month": m, "day": d})
    if not found:
        return None
    last = found[-1]
    detail = last["detail"]
    if detail["type"] == "time_period":
        return {"text": last["text"], "kind": "recurring", "due": None}
    end = detail["time"][-1] if isinstance(detail["time"], list) else None
    due = end[:10] if end and end[0].isdigit() else None
    return {"text": last["text"], "kind": "date", "due": due}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _reader(engine: str):
    """(text, ref) → (Deadline-like, Owner-like) for an engine: the shipped reader (CRF with rule
    fallback), the rules alone, or jionlp for deadlines with the rules for owners."""
    from classifiers.deadlines import find_deadline
    from classifiers.owners import find_owner
    from classifiers.spans import read_measure

    if engine == "shipped":
        return lambda text, ref: (lambda m: (m.deadline, m.owner))(read_measure(text, ref))
    return lambda text, ref: (find_deadline(text, ref), find_owner(text))


def score_extractor(items: list[dict], reader) -> dict:
    """Deadline and owner P/R/F1 and the share of exact due dates, for a reader (None: rules)."""
    result, _ = evaluate(items, "rules", reader)
    return {"deadline": result["deadline"]["prf"], "owner": result["owner"]["prf"],
            "due": result["due"]["ok"] / max(1, result["due"]["total"])}


def evaluate(items: list[dict], engine: str, reader=None) -> tuple[dict, dict]:
    reader = reader or _reader(engine)

    stats = {f: {"tp": 0, "fp": 0, "fn": 0, "span": 0, "kind": 0} for f in ("deadline", "owner")}
    due_total = due_ok = 0
    errors: dict[str, list] = {"deadline": [], "owner": [], "due": []}
    start = time.perf_counter()
    for item in items:
        found, owner = reader(item["text"], item["ref_date"])
        if engine == "jionlp":
            pred_deadline = jionlp_deadline(item["text"], item["ref_date"])
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
    from classifiers.hollowness import HollownessScorer

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


def report(result: dict, hollow: dict | None, engine: str, data: Path) -> str:
    lines = [f"Data: `{data.relative_to(REPO) if data.is_relative_to(REPO) else data}` "
             f"({result['n']} measures); deadline engine: {engine}.", "",
             "| field | precision | recall | F1 | exact span | kind right |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for field in ("deadline", "owner"):
        r = result[field]
        p, rc, f = r["prf"]
        tp = max(1, r["tp"])
        lines.append(f"| {field} detected | {p:.3f} | {rc:.3f} | {f:.3f} | {r['span'] / tp:.1%} | "
                     f"{r['kind'] / tp:.1%} |")
    if hollow:
        p, rc, f = hollow["prf"]
        lines.append(f"| hollow (score ≥ 0.5) | {p:.3f} | {rc:.3f} | {f:.3f} | – | – |")
    due = result["due"]
    lines += ["", f"Due date exactly right on {due['ok']}/{due['total']} gold dated measures "
              f"(**{due['ok'] / max(1, due['total']):.1%}**). Deadline and owner extraction: "
              f"{result['seconds'] / result['n'] * 1000:.2f} ms per measure."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "corpora" / "measures" / "dev.jsonl")
    parser.add_argument("--deadline-engine", choices=["shipped", "rules", "jionlp"], default="shipped",
                        help="shipped: the CRF span reader with rule fallback (what review uses)")
    parser.add_argument("--errors", choices=["deadline", "owner", "due", "hollow"])
    parser.add_argument("--no-hollow", action="store_true", help="skip the hollowness model")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    items = load(args.data)
    result, errors = evaluate(items, args.deadline_engine)
    hollow, hollow_errors = (None, []) if args.no_hollow else evaluate_hollow(items)
    errors["hollow"] = hollow_errors
    if args.errors:
        for entry in errors[args.errors]:
            print(json.dumps(entry, ensure_ascii=False))
        print()
    body = report(result, hollow, args.deadline_engine, args.data)
    print(body)
    if args.write:
        title = "Measures (deadline, owner, hollow)" if args.deadline_engine == "shipped" \
            else "Measures: jionlp deadline engine, for comparison"
        write_section(args.write, title, body,
                      f"python scripts/evaluate_measures.py --deadline-engine {args.deadline_engine}"
                      f" --write {args.write}")


if __name__ == "__main__":
    main()
