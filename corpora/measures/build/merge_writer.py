"""Merge one more writer's measures (a JSONL in the corpus shape, checked by its writer) into
../train.jsonl and ../dev.jsonl: every fifth item (index % 5 == 3) to dev, the rest to train;
train items that nearly repeat a dev or blind item (character 5-gram Jaccard >= 0.5) are dropped,
as for the v2 writers (corpora/README.md).

    python corpora/measures/build/merge_writer.py /path/to/writer.jsonl --id-start 5001

The writer's own ids are replaced by corpus ids m-<id-start>… in the writer's order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
sys.path.insert(0, str(CORPUS))

from validate import check_item, grams  # noqa: E402

KEYS = ("id", "ref_date", "text", "deadline", "owner", "hollow", "voice", "unit_type", "doc_type")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def main(source: Path, id_start: int) -> None:
    items = [{k: item.get(k) for k in KEYS} for item in _load(source)]
    for k, item in enumerate(items):
        item["id"] = f"m-{id_start + k:04d}"
    errors: list[str] = []
    for item in items:
        check_item(item, item["id"], errors)
    if errors:
        raise SystemExit("\n".join(errors[:20]))
    train, dev = _load(CORPUS / "train.jsonl"), _load(CORPUS / "dev.jsonl")
    known = {item["id"] for item in train + dev}
    if known & {item["id"] for item in items}:
        raise SystemExit(f"{source}: ids already in the corpus")
    new_dev = [item for k, item in enumerate(items) if k % 5 == 3]
    held = [grams(item["text"]) for item in dev + new_dev + _load(CORPUS / "blind.jsonl")]
    new_train, dropped = [], 0
    for k, item in enumerate(items):
        if k % 5 == 3:
            continue
        g = grams(item["text"])
        if any(_jaccard(g, h) >= 0.5 for h in held):
            dropped += 1
            continue
        new_train.append(item)
    for name, rows in (("train.jsonl", train + new_train), ("dev.jsonl", dev + new_dev)):
        (CORPUS / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{source.name}: {len(new_train)} to train, {len(new_dev)} to dev, {dropped} near-duplicates dropped")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--id-start", type=int, required=True)
    args = parser.parse_args()
    main(args.source, args.id_start)
