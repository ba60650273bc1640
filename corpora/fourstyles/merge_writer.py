"""Merge one more writer's four-styles statements (a JSONL in the corpus shape, checked by its writer) into
train.jsonl and dev.jsonl, as the v2 writers were merged (corpora/README.md): every fifth item (index % 5 == 3)
to dev, the rest to train; train items that nearly repeat a dev or blind item (character 5-gram Jaccard >= 0.5)
are dropped. The file is validated by check_corpus.py's rules first, together with the corpus it joins.

    python corpora/fourstyles/merge_writer.py /path/to/writer.jsonl --prefix ft

The writer's ids are kept when they carry the given prefix (the corpus ids are <prefix>-<number>).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from check_corpus import grams, read_items, validate  # noqa: E402

KEYS = ("id", "text", "labels", "voice", "unit_type", "kind")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / max(1, len(a | b))


def main(source: Path, prefix: str) -> None:
    errors: list[str] = []
    items = read_items(source, errors)
    bad = [i["_where"] for i in items if not str(i.get("id", "")).startswith(prefix + "-")]
    if bad:
        raise SystemExit(f"ids without the prefix {prefix!r}: {bad[:5]}")
    corpus = read_items(HERE / "train.jsonl", errors) + read_items(HERE / "dev.jsonl", errors)
    validate(corpus + items, errors)
    if errors:
        raise SystemExit("\n".join(errors[:20]))
    items = [{k: item.get(k) for k in KEYS} for item in items]
    new_dev = [item for k, item in enumerate(items) if k % 5 == 3]
    held = [grams(item["text"]) for item in _load(HERE / "dev.jsonl") + new_dev + _load(HERE / "blind.jsonl")]
    new_train, dropped = [], 0
    for k, item in enumerate(items):
        if k % 5 == 3:
            continue
        if any(_jaccard(grams(item["text"]), h) >= 0.5 for h in held):
            dropped += 1
            continue
        new_train.append(item)
    for name, rows in (("train.jsonl", new_train), ("dev.jsonl", new_dev)):
        with (HERE / name).open("a", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{source.name}: {len(new_train)} to train, {len(new_dev)} to dev, {dropped} near-duplicates dropped")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--prefix", required=True)
    args = parser.parse_args()
    main(args.source, args.prefix)
