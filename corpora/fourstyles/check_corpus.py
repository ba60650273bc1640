#!/usr/bin/env python3
"""Check four-styles corpus files (JSONL) against corpora/fourstyles/GUIDE.md.

Usage:
    python corpora/fourstyles/check_corpus.py FILE [FILE ...] [--threshold 0.6]
        [--metric overlap|jaccard] [--taxonomy PATH] [--show N] [--strict]

For each file, and for all files together when more than one is given, prints:
  - item count, share of negatives (labels == []), multi-label share of positives;
  - per label: count, share of positives carrying it, and the share of those positives
    whose text contains none of the cue phrases in taxonomy.yaml (every ``cues`` list under
    every style's subcategories) — "cue-free" — plus the share free of the label's own cues;
  - distributions of kind / voice / unit_type and text length;
  - schema problems (missing keys, duplicate ids or texts, unknown labels, labels out of the
    fixed order, kind inconsistent with labels);
  - near-duplicate pairs, within each file and across files: two items whose character 5-grams
    (whitespace and punctuation removed) overlap by more than the threshold. ``overlap`` (default)
    = |A∩B| / min(|A|, |B|), i.e. "more than 60% of one item's 5-grams occur in the other";
    ``jaccard`` = |A∩B| / |A∪B| (what corpora/measures/validate.py uses).

Exit code: 1 if there are schema errors (with --strict also if there are near-duplicates),
otherwise 0. Standard library + PyYAML.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

LABELS = ["形式主义", "官僚主义", "享乐主义", "奢靡之风"]
KINDS = {"problem", "root_cause", "measure", "praise", "heading", "background",
         "exhortation", "denial", "objective", "definition", "commentary", "news"}
VOICES = {"班子", "个人"}
DEFAULT_TAXONOMY = Path(__file__).resolve().parents[1] / "taxonomy.yaml"
# Punctuation and spaces are dropped before n-gramming, so that "，" vs "," or a
# different numbering prefix does not hide a copied sentence.
_STRIP = re.compile(r"[\s\u3000，。、；：？！“”‘’（）《》〈〉【】—…·,.;:?!\"'()\[\]<>\-_/]+")
N = 5


def load_cues(path: Path) -> dict[str, list[str]]:
    """Return {label: [cue, ...]} from every style's subcategories in taxonomy.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cues: dict[str, list[str]] = {}
    for style in data["styles"]:
        seen: list[str] = []
        for sub in style.get("subcategories", []):
            for cue in sub.get("cues", []) or []:
                if cue not in seen:
                    seen.append(cue)
        cues[style["label"]] = seen
    return cues


def grams(text: str) -> frozenset[str]:
    norm = _STRIP.sub("", text)
    if len(norm) < N:
        return frozenset([norm]) if norm else frozenset()
    return frozenset(norm[i:i + N] for i in range(len(norm) - N + 1))


def read_items(path: Path, errors: list[str]) -> list[dict]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            obj["_where"] = where
            obj["_file"] = path.name
            items.append(obj)
    return items


def validate(items: list[dict], errors: list[str]) -> None:
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for obj in items:
        where = obj["_where"]
        for key in ("id", "text", "labels"):
            if key not in obj:
                errors.append(f"{where}: missing key {key!r}")
        text, labels = obj.get("text"), obj.get("labels")
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: empty or non-string text")
        elif text != text.strip():
            errors.append(f"{where}: text has leading/trailing whitespace")
        elif text in texts:
            errors.append(f"{where}: same text as {texts[text]}")
        else:
            texts[text] = where
        oid = obj.get("id")
        if oid in ids:
            errors.append(f"{where}: duplicate id {oid!r} (also {ids[oid]})")
        elif oid is not None:
            ids[oid] = where
        if not isinstance(labels, list) or any(l not in LABELS for l in labels):
            errors.append(f"{where}: bad labels {labels!r}")
            obj["labels"] = [l for l in labels or [] if l in LABELS] if isinstance(labels, list) else []
        elif labels != [l for l in LABELS if l in labels]:
            errors.append(f"{where}: labels not in fixed order / repeated: {labels!r}")
        kind = obj.get("kind")
        if kind is not None:
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r}")
            elif (kind == "problem") != bool(obj["labels"]):
                errors.append(f"{where}: kind {kind!r} inconsistent with labels {obj['labels']!r}")
        voice = obj.get("voice")
        if voice is not None and voice not in VOICES:
            errors.append(f"{where}: unknown voice {voice!r}")


def pct(num: int, den: int) -> str:
    return f"{100.0 * num / den:5.1f}%" if den else "   n/a"


def report(name: str, items: list[dict], cues: dict[str, list[str]]) -> None:
    all_cues = [c for lst in cues.values() for c in lst]
    n = len(items)
    pos = [o for o in items if o["labels"]]
    neg = n - len(pos)
    multi = sum(1 for o in pos if len(o["labels"]) > 1)
    print(f"== {name}")
    print(f"items: {n}   negatives: {neg} ({pct(neg, n).strip()})   positives: {len(pos)}"
          f"   multi-label: {multi} ({pct(multi, len(pos)).strip()} of positives)")
    free_any = sum(1 for o in pos if not any(c in o["text"] for c in all_cues))
    print(f"positives free of every cue: {free_any} ({pct(free_any, len(pos)).strip()})")
    print(f"{'label':<8} {'count':>6} {'of pos':>7} {'cue-free':>9} {'own-cue-free':>13}")
    for label in LABELS:
        with_label = [o for o in pos if label in o["labels"]]
        free = sum(1 for o in with_label if not any(c in o["text"] for c in all_cues))
        own_free = sum(1 for o in with_label if not any(c in o["text"] for c in cues.get(label, [])))
        print(f"{label:<8} {len(with_label):>6} {pct(len(with_label), len(pos)):>7} "
              f"{pct(free, len(with_label)):>9} {pct(own_free, len(with_label)):>13}")
    for key in ("kind", "voice", "unit_type"):
        counter = Counter(o.get(key, "—") for o in items)
        print(f"{key}: " + ", ".join(f"{k} {v} ({pct(v, n).strip()})" for k, v in counter.most_common()))
    lengths = [len(o.get("text", "")) for o in items]
    if lengths:
        buckets = Counter("<10" if x < 10 else "10-29" if x < 30 else "30-59" if x < 60
                          else "60-120" if x <= 120 else ">120" for x in lengths)
        order = ["<10", "10-29", "30-59", "60-120", ">120"]
        print(f"length: min {min(lengths)}, median {statistics.median(lengths):.0f}, max {max(lengths)};  "
              + ", ".join(f"{b} {buckets[b]}" for b in order if buckets[b]))
    print()


def near_duplicates(items: list[dict], threshold: float, metric: str) -> list[tuple[float, float, dict, dict]]:
    """All pairs whose 5-gram similarity exceeds threshold, via an inverted index."""
    sets = [grams(o.get("text", "")) for o in items]
    postings: dict[str, list[int]] = defaultdict(list)
    found = []
    for i, gs in enumerate(sets):
        shared: Counter[int] = Counter()
        for g in gs:
            for j in postings[g]:
                shared[j] += 1
            postings[g].append(i)
        for j, inter in shared.items():
            a, b = len(gs), len(sets[j])
            overlap = inter / min(a, b)
            jacc = inter / (a + b - inter)
            score = overlap if metric == "overlap" else jacc
            if score > threshold:
                found.append((overlap, jacc, items[j], items[i]))
    found.sort(key=lambda t: -t[0] if metric == "overlap" else -t[1])
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY)
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--metric", choices=["overlap", "jaccard"], default="overlap")
    ap.add_argument("--show", type=int, default=50, help="print at most N near-duplicate pairs (default 50)")
    ap.add_argument("--strict", action="store_true", help="exit 1 on near-duplicates too")
    args = ap.parse_args(argv)

    cues = load_cues(args.taxonomy)
    errors: list[str] = []
    per_file: list[tuple[str, list[dict]]] = []
    for path in args.files:
        per_file.append((str(path), read_items(path, errors)))
    everything = [o for _, lst in per_file for o in lst]
    validate(everything, errors)

    for name, lst in per_file:
        report(name, lst, cues)
    if len(per_file) > 1:
        report("ALL FILES", everything, cues)

    pairs = near_duplicates(everything, args.threshold, args.metric)
    within = [p for p in pairs if p[2]["_file"] == p[3]["_file"]]
    across = [p for p in pairs if p[2]["_file"] != p[3]["_file"]]
    print(f"near-duplicate pairs ({args.metric} > {args.threshold}, char {N}-grams): "
          f"{len(within)} within files, {len(across)} across files")
    for overlap, jacc, a, b in pairs[: args.show]:
        print(f"  overlap {overlap:.2f} jaccard {jacc:.2f}  {a['_where']} {a.get('id')} | {b['_where']} {b.get('id')}")
        print(f"    {a.get('text')}")
        print(f"    {b.get('text')}")
    if len(pairs) > args.show:
        print(f"  … {len(pairs) - args.show} more (use --show)")

    if errors:
        print(f"\nschema errors: {len(errors)}")
        for e in errors[:200]:
            print(f"  {e}")
    else:
        print("\nschema errors: 0")
    if errors or (args.strict and pairs):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
