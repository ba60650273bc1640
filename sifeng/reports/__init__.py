"""The reports of a screening run, all in Chinese, all in the output folder: results.jsonl,
report.xlsx, report.html (one self-contained offline file) and a draft feedback letter (.docx)
per flagged submission."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..screen import Batch


def write_atomic(path: Path, data: bytes) -> None:
    """Write a report whole or not at all: a crash mid-write leaves the previous one."""
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


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

    return {
        "results": write_results(batch),
        "xlsx": write_xlsx(batch),
        "html": write_html(batch),
        "letters": write_letters(batch),
    }
