"""Items to label, from a corpus JSONL, a `screen` output folder (results.jsonl) or document
files (reviewed on the spot)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from . import Item


def normalise(text: str) -> str:
    """The text as items are matched across files: width folded, whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def item_id(text: str) -> str:
    return "i-" + hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:12]


def _from_jsonl(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path} 第{number}行不是含 text 字段的 JSON 对象") from exc
        items.append(Item(str(row.get("id") or item_id(text)), text, row.get("ref_date")))
    return items


def _from_reviews(reviews: list[dict], task: str) -> list[Item]:
    items = []
    for review in reviews:
        rows = review.get("problems" if task == "fourstyles" else "measures", [])
        for row in rows:
            items.append(Item(item_id(row["text"]), row["text"], review.get("date"),
                              {"source": review.get("source"), "where": row.get("where")}))
    return items


def load_items(source: Path, task: str) -> list[Item]:
    """Items of `task` from a corpus file, a screen output folder, or a document (or folder of
    documents, which are reviewed)."""
    source = Path(source)
    if source.is_dir() and (source / "results.jsonl").exists():
        reviews = [json.loads(line) for line in (source / "results.jsonl").read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        return _dedupe(_from_reviews(reviews, task))
    if source.is_file() and source.suffix.lower() == ".jsonl":
        return _dedupe(_from_jsonl(source))
    from ..inputs import files_in
    from ..review import default_reviewer

    reviewer = default_reviewer()
    reviews = [reviewer.review(path).model_dump(mode="json") for path in files_in([source])]
    return _dedupe(_from_reviews(reviews, task))


def _dedupe(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for item in items:
        key = normalise(item.text)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
