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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from classifiers.measure_eval import (evaluate, evaluate_hollow, prf, rules_reader,  # noqa: E402,F401
                                      shipped_reader)
from scripts.bench_parse import write_section  # noqa: E402


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


def score_extractor(items: list[dict], reader) -> dict:
    """Deadline and owner P/R/F1 and the share of exact due dates, for a reader (None: rules)."""
    result, _ = evaluate(items, reader or rules_reader())
    return {"deadline": result["deadline"]["prf"], "owner": result["owner"]["prf"],
            "due": result["due"]["ok"] / max(1, result["due"]["total"])}


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
    reader = rules_reader() if args.deadline_engine == "rules" else shipped_reader()
    result, errors = evaluate(items, reader, jionlp_deadline if args.deadline_engine == "jionlp" else None)
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
