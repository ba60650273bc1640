"""`screen()`: a folder or archive of submissions reviewed in parallel, copies between them
found, and the reports an inspection group acts on written to one output folder.

Results are committed to the workspace file by file (sifeng/workspace.py), so a run that is
killed or interrupted resumes where it stopped; the same content twice is reviewed once.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from . import flags as F
from .copies import CopyPair, find_copies
from .inputs import Problem as InputProblem
from .inputs import collect
from .models import Evidence, Review
from .pool import Outcome, Task, run
from .review import verdict
from .workspace import Workspace
from docparse import Location


@dataclass
class Entry:
    """One submission of the batch and what became of it."""

    name: str
    sha256: str
    review: Review
    failed: bool = False
    duplicate_names: list[str] = field(default_factory=list)


@dataclass
class Batch:
    out: Path
    entries: list[Entry]
    pairs: list[CopyPair]
    input_problems: list[InputProblem]
    reviewed_now: int
    seconds: float
    reports: dict[str, Path] = field(default_factory=dict)

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.failed]

    @property
    def flagged(self) -> list[Entry]:
        return [e for e in self.entries if not e.failed and e.review.flags]


def failed_review(name: str, code: str, message: str) -> Review:
    """A review standing for a file that could not be read: the parse_error flag only."""
    reason = message.split("：", 1)[-1] if "：" in message else message
    flag = F.make_flag("parse_error", reason=reason,
                       evidence=[Evidence(text=message, location=Location(), where="全文", note=code)])
    return Review(source=name, doc_type=None, scope=None, verdict="无法读取", problems=[], measures=[],
                  flags=[flag], checklists=[])


def screen(inputs: list[str], *, out: Path, workers: Optional[int] = None, timeout: float = 120.0,
           on_progress: Optional[Callable[[int, int, int], None]] = None,
           on_start: Optional[Callable[[int, int], None]] = None, reports: bool = True) -> Batch:
    """Review every submission in `inputs` (files, folders, globs, .zip) into the folder `out`.

    `on_start(total, already_done)` and `on_progress(done, failed, total)` let a caller show
    progress. Returns the batch with every entry, the copy pairs and the report paths.
    """
    started = time.monotonic()
    out = Path(out)
    workspace = Workspace(out)
    try:
        collected = collect(inputs, out / ".work")
        unique: dict[str, str] = {}
        for submission in collected.submissions:
            workspace.add_input(submission.name, submission.sha256, submission.size)
            unique.setdefault(submission.sha256, submission.name)
        paths = {s.sha256: s.path for s in collected.submissions}
        done = workspace.done()
        tasks = [Task(sha, str(paths[sha]), name) for sha, name in unique.items() if sha not in done]
        if on_start:
            on_start(len(unique), len(unique) - len(tasks))
        counters = {"done": len(unique) - len(tasks), "failed": 0}

        def record(outcome: Outcome) -> None:
            if outcome.status == "ok":
                workspace.save_ok(outcome.sha256, outcome.review, outcome.body, outcome.seconds)
            else:
                workspace.save_failed(outcome.sha256, outcome.error_code or "error",
                                      outcome.error_message or "", outcome.seconds)
                counters["failed"] += 1
            counters["done"] += 1
            if on_progress:
                on_progress(counters["done"], counters["failed"], len(unique))

        run(tasks, workers=workers or max(1, (os.cpu_count() or 2)), timeout=timeout, on_outcome=record)
        entries = _entries(workspace, unique)
        pairs = _copies(workspace, entries)
        batch = Batch(out=out, entries=entries, pairs=pairs, input_problems=collected.problems,
                      reviewed_now=len(tasks), seconds=time.monotonic() - started)
        if reports:
            from .reports import write_reports

            batch.reports = write_reports(batch)
        return batch
    finally:
        workspace.close()


def _entries(workspace: Workspace, unique: dict[str, str]) -> list[Entry]:
    entries = []
    for stored in workspace.results(list(unique)):
        name = unique[stored.sha256]
        if stored.status == "ok" and stored.review is not None:
            review = Review.model_validate(stored.review)
            review.flags = [f for f in review.flags if f.code != "duplicate_of"]
            entries.append(Entry(name, stored.sha256, review))
        else:
            entries.append(Entry(name, stored.sha256,
                                 failed_review(name, stored.error_code or "error", stored.error_message or ""),
                                 failed=True))
    return sorted(entries, key=lambda e: e.name)


def _copies(workspace: Workspace, entries: list[Entry]) -> list[CopyPair]:
    """Find copies among the readable entries and add duplicate_of flags to both sides."""
    by_sha = {e.sha256: e for e in entries if not e.failed}
    texts = workspace.bodies(list(by_sha))
    pairs = find_copies(texts, raise_at=F.param("duplicate_of", "raise_at", 0.3),
                        min_chars=F.param("duplicate_of", "min_chars", 300))
    for pair in pairs:
        for own, other, share in ((pair.a, pair.b, pair.share_a), (pair.b, pair.a, pair.share_b)):
            entry, partner = by_sha[own], by_sha[other]
            evidence = [Evidence(text=p.text, location=Location(),
                                 where=f"与“{partner.name}”相同", note=f"{p.length}字")
                        for p in pair.passages[:10]]
            entry.review.flags.append(F.make_flag(
                "duplicate_of", count=pair.shared_chars, total=0, share=share, evidence=evidence,
                other=partner.review.unit or partner.name, overlap=f"{share:.0%}", chars=str(pair.shared_chars)))
            entry.duplicate_names.append(partner.name)
            entry.review.verdict = verdict(entry.review)
            workspace.update_review(own, entry.review.model_dump(mode="json"))
    return pairs
