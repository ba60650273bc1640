"""`screen()`: a folder or archive of submissions reviewed in parallel, copies between them
found, and the reports an inspection group acts on written to one output folder.

Results are committed to the workspace file by file (sifeng/workspace.py), so a run that is
killed or interrupted resumes where it stopped; the same content twice is reviewed once, but
every input name is listed, and byte-identical files under different names are paired as copies.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

from docparse import Location

from . import flags as F
from .batch import Batch, Entry, failed_review
from .copies import CopyPair, Passage, copied_share, find_copies
from .inputs import collect
from .models import Evidence, Review
from .pool import Outcome, Task, run
from .review import verdict
from .workspace import Workspace, storage_error


def screen(inputs: list[str], *, out: Path, workers: Optional[int] = None, timeout: float = 120.0,
           on_progress: Optional[Callable[[int, int, int], None]] = None,
           on_start: Optional[Callable[[int, int], None]] = None, reports: bool = True,
           retry_failed: bool = False, scheduler: Optional[str] = None) -> Batch:
    """Review every submission in `inputs` (files, folders, globs, .zip) into the folder `out`.

    Files that failed for a passing reason (time limit, crash, missing or unreadable file) are
    retried on a re-run; with `retry_failed`, every earlier failure is.
    `on_start(total, already_done)` and `on_progress(done, failed, total)` let a caller show
    progress. Returns the batch with every entry, the copy pairs and the report paths.
    With `scheduler` (tcp://HOST:PORT) the files are reviewed on that Dask cluster instead of local
    processes (sifeng/cluster.py); everything else is the same.
    Raises `WorkspaceError` when the output folder cannot be used, `ClusterError` when the cluster
    cannot.
    """
    started = time.monotonic()
    out = Path(out)
    if scheduler:
        from .cluster import connect

        # Fail at once, before anything is listed or written, when the cluster is not there.
        connect(scheduler).close()
    workspace = Workspace(out)
    try:
        temp_root = out.resolve() / ".work" / "tmp"
        shutil.rmtree(temp_root, ignore_errors=True)  # left by a run that was killed
        try:
            collected = collect(inputs, out / ".work")
        except OSError as exc:
            raise storage_error(exc, out / ".work") from None
        workspace.set_inputs([(s.name, s.sha256, s.size) for s in collected.submissions])
        notes = []
        damaged = workspace.damaged()
        if damaged:
            notes.append(f"工作区中有 {len(damaged)} 条记录损坏，已重新审查")
            workspace.forget(damaged)
        earlier_failures = workspace.failed()
        paths = {s.name: s.path for s in collected.submissions}
        reviewed_now, retried = 0, []
        counters = {"done": 0, "failed": 0}
        # A file can change between listing and reading: the worker stores what it read under the
        # hash of those bytes, and names still pointing at a hash without a result go round again.
        for _ in range(3):
            by_sha: dict[str, list[str]] = defaultdict(list)
            for name, sha in workspace.inputs():
                by_sha[sha].append(name)
            done = workspace.done(retry_failed)
            tasks = [Task(sha, str(paths[names[0]]), names[0]) for sha, names in by_sha.items() if sha not in done]
            if not tasks:
                break
            retried += [t.name for t in tasks if t.sha256 in earlier_failures]
            if on_start and reviewed_now == 0:
                counters["done"] = len(by_sha) - len(tasks)
                on_start(len(by_sha), counters["done"])

            def record(outcome: Outcome, total: int = len(by_sha)) -> None:
                sha = outcome.content_sha256 or outcome.sha256
                if sha != outcome.sha256:
                    workspace.rename_content(outcome.name, sha)
                if outcome.status == "ok":
                    workspace.save_ok(sha, outcome.review, outcome.body, outcome.seconds)
                else:
                    workspace.save_failed(sha, outcome.error_code or "error", outcome.error_message or "",
                                          outcome.seconds)
                    counters["failed"] += 1
                counters["done"] += 1
                if on_progress:
                    on_progress(counters["done"], counters["failed"], total)

            if scheduler:
                from .cluster import run_on_cluster

                run_on_cluster(tasks, scheduler=scheduler, on_outcome=record)
            else:
                run(tasks, workers=workers or max(1, (os.cpu_count() or 2)), timeout=timeout, on_outcome=record,
                    temp_root=temp_root)
            reviewed_now += len(tasks)
        shutil.rmtree(temp_root, ignore_errors=True)
        entries = _entries(workspace)
        pairs = _copies(workspace, entries)
        trackings = _ledgers(workspace, entries, notes, paths)
        batch = Batch(out=out, entries=entries, pairs=pairs, input_problems=collected.problems,
                      reviewed_now=reviewed_now, seconds=time.monotonic() - started,
                      retried=sorted(set(retried)), notes=notes, trackings=trackings)
        if reports:
            from .reports import write_reports

            try:
                batch.reports = write_reports(batch)
            except OSError as exc:
                raise storage_error(exc, out) from None
        batch.seconds = time.monotonic() - started
        return batch
    finally:
        workspace.close()


def _entries(workspace: Workspace) -> list[Entry]:
    """One entry per input name; names sharing content share one stored review."""
    inputs = workspace.inputs()
    stored = {s.sha256: s for s in workspace.results([sha for _, sha in inputs])}
    entries = []
    for name, sha in inputs:
        result = stored.get(sha)
        if result is not None and result.status == "ok" and result.review is not None:
            review = Review.model_validate(result.review)
            review.source = name
            review.flags = [f for f in review.flags if f.code != "duplicate_of"]
            entries.append(Entry(name, sha, review))
        else:
            code = result.error_code if result else "io_error"
            message = result.error_message if result else f"文件“{name}”无法读取：审查未完成"
            entries.append(Entry(name, sha, failed_review(name, code or "error", message or ""), failed=True))
    return sorted(entries, key=lambda e: e.name)


def _flag_copy(entry: Entry, partner: Entry, share: float, chars: int, evidence: list[Evidence]) -> None:
    entry.review.flags.append(F.make_flag(
        "duplicate_of", count=chars, total=0, share=share, evidence=evidence,
        other=partner.review.unit or partner.name, overlap=f"{share:.0%}", chars=str(chars)))
    entry.duplicate_names.append(partner.name)
    entry.review.verdict = verdict(entry.review)


def _copies(workspace: Workspace, entries: list[Entry]) -> list[CopyPair]:
    """Copies among the readable entries, each pair flagged duplicate_of on both sides: files with
    the same bytes under different names (100%), and submissions that share long passages."""
    readable = [e for e in entries if not e.failed]
    by_sha: dict[str, list[Entry]] = defaultdict(list)
    for entry in readable:
        by_sha[entry.sha256].append(entry)
    texts = workspace.bodies(list(by_sha))
    pairs: list[CopyPair] = []
    for sha, group in by_sha.items():
        chars = len(texts.get(sha, ""))
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                pairs.append(CopyPair(first.name, second.name, 1.0, 1.0, chars))
                for own, other in ((first, second), (second, first)):
                    _flag_copy(own, other, 1.0, chars, [Evidence(
                        text=f"与“{other.name}”的文件内容逐字节相同", location=Location(), where="全文",
                        note=f"{chars}字")])
    # Shared passages are a judgement about submissions; news, notices and other files that are
    # not submissions are neither compared nor flagged (byte-identical copies are listed above).
    submissions = {sha: text for sha, text in texts.items() if by_sha[sha][0].review.doc_type is not None}
    found = find_copies(submissions, raise_at=F.param("duplicate_of", "raise_at", 0.3),
                        min_chars=F.param("duplicate_of", "min_chars", 300),
                        passage_chars=F.param("duplicate_of", "passage_chars", 150),
                        passage_min=F.param("duplicate_of", "passage_min_chars", 30))
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pair in found:
        if _own_earlier_document(by_sha[pair.a][0].review, by_sha[pair.b][0].review):
            continue
        spans[pair.a].extend((p.start_a, p.start_a + len(p.text)) for p in pair.passages)
        spans[pair.b].extend((p.start_b, p.start_b + len(p.text_b)) for p in pair.passages if p.start_b >= 0)
        for a in by_sha[pair.a]:
            for b in by_sha[pair.b]:
                pairs.append(CopyPair(a.name, b.name, pair.share_a, pair.share_b, pair.shared_chars, pair.passages))
                for own, other, share in ((a, b, pair.share_a), (b, a, pair.share_b)):
                    _flag_copy(own, other, share, pair.shared_chars, _passage_evidence(pair.passages, other.name))
                    own.copy_max = max(own.copy_max, share)
    for sha, group in by_sha.items():
        for entry in group:
            entry.copy_total = 1.0 if len(group) > 1 else copied_share(texts.get(sha, ""), spans.get(sha, []))
            entry.copy_max = 1.0 if len(group) > 1 else entry.copy_max
    return pairs


def _own_earlier_document(a, b) -> bool:
    """Two submissions of one unit and of different kinds (its 对照检查材料 and the 整改方案 that answers
    it, a plan and its 回头看): a plan restates the problems its unit found, which is no copying."""
    from .tracking import unit_key

    key_a, key_b = unit_key(a.unit or a.author), unit_key(b.unit or b.author)
    return key_a is not None and key_a == key_b and a.doc_type != b.doc_type


def _ledgers(workspace: Workspace, entries: list[Entry], notes: list[str], paths: dict) -> list:
    """The 整改台账 of every unit whose plans and 回头看自查报告 are both in the batch: each plan
    measure followed into the report (sifeng/tracking.py), and the report's checklist item on
    “列入整改的问题是否按期解决” judged from it.

    The report is read again from its file, so that evidence points at its pages and paragraphs; a
    scanned report (not OCR'd twice) and a file gone since it was reviewed are read from the stored
    text, and their evidence is placed by line of that text (“提取文本第N行”)."""
    import docparse

    from .tracking import apply_ledger, pair_plans_with_reports, track_reviews

    readable = {e.name: e for e in entries if not e.failed}
    pairs = pair_plans_with_reports([(name, e.review) for name, e in readable.items()])
    if not pairs:
        return []
    bodies = workspace.bodies(sorted({readable[report].sha256 for _, report in pairs}))
    out = []
    for plan_names, report_name in pairs:
        report = readable[report_name]
        source = paths.get(report_name)
        try:
            if source is not None and Path(source).exists() and not report.review.flag("needs_ocr"):
                document = docparse.parse(source, filename=report_name)
                stored = False
            else:
                text = bodies.get(report.sha256, "")
                document = docparse.parse(text.encode("utf-8"), filename=f"{Path(report_name).stem}.txt")
                stored = True
            tracking = track_reviews([readable[n].review for n in plan_names], document, report_name=report_name)
        except Exception as exc:  # noqa: BLE001 - one unit's ledger must not stop the batch
            notes.append(f"{report_name}：整改台账未能生成（{type(exc).__name__}）")
            continue
        if stored:
            for measure in tracking.measures:
                if measure.evidence is not None:
                    measure.evidence.where = "提取文本" + measure.evidence.where
        tracking.plans = list(plan_names)
        tracking.report_date = report.review.date or tracking.report_date
        apply_ledger(report.review, tracking)
        out.append(tracking)
    return out


def _passage_evidence(passages: list[Passage], partner: str) -> list[Evidence]:
    return [Evidence(text=p.text, location=Location(), where=f"与“{partner}”相同", note=f"{p.length}字")
            for p in passages[:10]]
