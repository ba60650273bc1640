"""The reports of a screening run, all in Chinese, all in the output folder: results.jsonl,
report.xlsx, report.html (one self-contained offline file) and a draft feedback letter (.docx)
per judged submission with flags.

A re-run whose results have not changed rewrites nothing: each report is kept when the digest of
what it shows is the one recorded beside it, and each letter when its review is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..batch import Batch

DIGESTS = ".report-digests.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all, under a temporary name of its own (two writers never
    share one); a failure (a full disk) removes the temporary file and keeps the previous one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def batch_digest(batch: "Batch") -> str:
    """What every report shows: each entry's name, hash and review, the pairs, the inputs refused."""
    digest = hashlib.sha256()
    for entry in batch.entries:
        digest.update(json.dumps([entry.name, entry.sha256, entry.failed, entry.review.model_dump(mode="json")],
                                 ensure_ascii=False, sort_keys=True).encode())
    for pair in batch.pairs:
        digest.update(json.dumps([pair.a, pair.b, pair.share_a, pair.share_b, pair.shared_chars]).encode())
    for problem in batch.input_problems:
        digest.update(json.dumps([problem.name, problem.reason], ensure_ascii=False).encode())
    return digest.hexdigest()


def load_digests(out: Path) -> dict[str, str]:
    try:
        value = json.loads((out / DIGESTS).read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


def save_digests(out: Path, digests: dict[str, str]) -> None:
    write_atomic(out / DIGESTS, json.dumps(digests, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def write_results(batch: "Batch") -> Path:
    lines = []
    for entry in batch.entries:
        payload = entry.review.model_dump(mode="json")
        payload["sha256"] = entry.sha256
        lines.append(json.dumps(payload, ensure_ascii=False))
    path = batch.out / "results.jsonl"
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def write_reports(batch: "Batch") -> dict[str, Path]:
    from .html import write_html
    from .letters import write_letters
    from .xlsx import write_xlsx

    digest = batch_digest(batch)
    old = load_digests(batch.out)
    writers: dict[str, tuple[str, Callable[["Batch"], Path]]] = {
        "results": ("results.jsonl", write_results),
        "xlsx": ("report.xlsx", write_xlsx),
        "html": ("report.html", write_html),
    }
    paths: dict[str, Path] = {}
    for key, (file_name, writer) in writers.items():
        path = batch.out / file_name
        paths[key] = path if old.get(key) == digest and path.exists() else writer(batch)
    paths["letters"] = write_letters(batch)
    save_digests(batch.out, {**{key: digest for key in writers}})
    return paths
