"""Structure accuracy of docparse against ground truth written with the documents.

For every `truth/*.json` next to the documents (by default `examples/`), parse the file and
count, in reading order:
- numbered items that come out whole: same label, same outline level, same text;
- table rows that come out whole: every cell equal, merged values repeated, no header repeats;
- metadata: title, unit and date equal.

    python scripts/evaluate_parse.py [--dir examples] [--errors] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import docparse  # noqa: E402
from scripts.bench_parse import write_section  # noqa: E402


def norm(text: str | None) -> str:
    """Compare texts as a reader would: widths folded, whitespace ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def match_in_order(expected: list, found: list) -> tuple[int, list]:
    """Longest common subsequence size of two lists, and the expected entries left unmatched."""
    n, m = len(expected), len(found)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if expected[i] == found[j] else \
                max(table[i + 1][j], table[i][j + 1])
    missed, i, j = [], 0, 0
    while i < n and j < m:
        if expected[i] == found[j]:
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            missed.append(expected[i])
            i += 1
        else:
            j += 1
    missed.extend(expected[i:])
    return table[0][0], missed


def evaluate(folder: Path, show_errors: bool) -> dict:
    totals = {"items": 0, "items_ok": 0, "items_found": 0, "rows": 0, "rows_ok": 0,
              "meta": 0, "meta_ok": 0, "files": 0}
    per_file = []
    for truth_path in sorted((folder / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        document = docparse.parse(folder / truth["file"])
        expected = [(t["label"], t["level"], norm(t["text"])) for t in truth["items"]]
        found = [(b.label, b.level, norm(b.text)) for b in document.blocks if b.label]
        items_ok, missed_items = match_in_order(expected, found)
        exp_rows = [tuple(norm(c) for c in row) for t in truth["tables"] for row in t["rows"]]
        got_rows = [tuple(norm(c.text) for c in row)
                    for b in document.blocks if b.table is not None for row in b.table.body]
        rows_ok, missed_rows = match_in_order(exp_rows, got_rows)
        meta_checks = {key: norm(truth.get(key)) == norm(getattr(document.metadata, key))
                       for key in ("title", "unit", "date")}
        totals["files"] += 1
        totals["items"] += len(expected)
        totals["items_ok"] += items_ok
        totals["items_found"] += len(found)
        totals["rows"] += len(exp_rows)
        totals["rows_ok"] += rows_ok
        totals["meta"] += len(meta_checks)
        totals["meta_ok"] += sum(meta_checks.values())
        per_file.append((truth["file"], items_ok, len(expected), len(found), rows_ok, len(exp_rows),
                         meta_checks))
        if show_errors:
            for item in missed_items[:10]:
                print(f"  {truth['file']}: item not whole: {item}")
            for row in missed_rows[:5]:
                print(f"  {truth['file']}: row not whole: {row}")
            for key, ok in meta_checks.items():
                if not ok:
                    print(f"  {truth['file']}: {key}: expected {truth.get(key)!r}, "
                          f"got {getattr(document.metadata, key)!r}")
    totals["per_file"] = per_file
    return totals


def report(totals: dict) -> str:
    lines = ["| file | items whole | items found | table rows whole | title/unit/date |",
             "| --- | ---: | ---: | ---: | --- |"]
    for name, ok, n, found, rows_ok, rows, meta in totals["per_file"]:
        marks = " ".join(("✓" if v else "✗") + k for k, v in meta.items())
        lines.append(f"| {name} | {ok}/{n} | {found} | {rows_ok}/{rows} | {marks} |")
    items = totals["items_ok"] / max(1, totals["items"])
    precision = totals["items_ok"] / max(1, totals["items_found"])
    rows = totals["rows_ok"] / max(1, totals["rows"])
    meta = totals["meta_ok"] / max(1, totals["meta"])
    lines += ["", f"Numbered items whole (label, level and text): **{items:.1%}** of "
              f"{totals['items']} (precision {precision:.1%}); table rows whole: **{rows:.1%}** of "
              f"{totals['rows']}; metadata fields right: {meta:.1%} of {totals['meta']}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=REPO / "examples")
    parser.add_argument("--errors", action="store_true", help="list what did not come out whole")
    parser.add_argument("--write", type=Path, help="update this Markdown file's section")
    args = parser.parse_args()
    body = report(evaluate(args.dir, args.errors))
    print(body)
    if args.write:
        write_section(args.write, "Parsing accuracy (examples)", body,
                      f"python scripts/evaluate_parse.py --write {args.write}")


if __name__ == "__main__":
    main()
