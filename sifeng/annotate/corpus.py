"""Imported annotations into a corpus JSONL: new items added, items already there (by normalised
text) kept, disagreements reported as conflicts instead of overwritten, and the file replaced
atomically so that a crash mid-write leaves the corpus as it was."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import Annotation
from .sources import item_id, normalise


@dataclass
class MergeReport:
    added: int = 0
    unchanged: int = 0
    conflicts: list[dict] = field(default_factory=list)


def _corpus_fields(annotation: Annotation, task: str) -> dict:
    if task == "fourstyles":
        return {"labels": annotation.labels or []}
    return {"ref_date": annotation.ref_date, "deadline": annotation.deadline, "owner": annotation.owner,
            "hollow": annotation.hollow}


def _agrees(row: dict, fields: dict) -> bool:
    return all(row.get(k) == v for k, v in fields.items() if k != "ref_date")


def merge(annotations: list[Annotation], corpus: Path, task: str) -> MergeReport:
    """Merge into `corpus` (created if missing). Annotations of one item by several annotators
    that disagree are a conflict, not a choice."""
    rows = []
    if corpus.exists():
        rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = {normalise(r["text"]): r for r in rows}
    grouped: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        grouped.setdefault(normalise(annotation.text), []).append(annotation)
    report = MergeReport()
    for key, group in grouped.items():
        keys = {a.key(task) for a in group}
        if len(keys) > 1:
            report.conflicts.append({"text": group[0].text, "reason": "标注者之间不一致",
                                     "annotators": {a.annotator: _corpus_fields(a, task) for a in group}})
            continue
        first = group[0]
        fields = _corpus_fields(first, task)
        existing = index.get(key)
        if existing is not None:
            if _agrees(existing, fields):
                report.unchanged += 1
            else:
                report.conflicts.append({"text": first.text, "reason": "与语料中已有的标注不同",
                                         "corpus": {k: existing.get(k) for k in fields}, "import": fields,
                                         "annotators": sorted({a.annotator for a in group})})
            continue
        row = {"id": first.item_id or item_id(first.text), "text": first.text, **fields,
               "annotators": sorted({a.annotator for a in group}),
               "annotated_at": max((a.annotated_at or "" for a in group), default="") or None}
        rows.append(row)
        index[key] = row
        report.added += 1
    if report.added:
        write_jsonl_atomic(corpus, rows)
    return report


def write_jsonl_atomic(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
