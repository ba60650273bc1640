"""Worker processes for batch review: each loads the review pipeline once and reviews the files
it is handed; a file that runs past its time limit has its worker killed and replaced, a worker
that dies is replaced, and the batch goes on.

Each worker runs in a process group of its own with a temporary folder of its own, and dies with
the main process: killing a worker (time limit, Ctrl-C, end of the batch) kills the Tesseract or
LibreOffice it started and removes its temporary files. A worker hashes the bytes it actually
parses, so a file that changed after it was listed is stored under its new content.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import queue
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional


@dataclass
class Task:
    sha256: str
    path: str
    name: str


@dataclass
class Outcome:
    sha256: str                 # as listed
    name: str
    status: str                 # ok | failed
    review: Optional[dict] = None
    body: str = ""
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    seconds: float = 0.0
    content_sha256: Optional[str] = None   # of the bytes parsed, when they could be read


def _read(path: str, max_bytes: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(max_bytes + 1)


def review_file(reviewer, task: Task) -> Outcome:
    """Read, hash, parse and review one file; every failure becomes a failed Outcome."""
    from docparse import DEFAULT_LIMITS, ParseError, parse

    started = time.perf_counter()

    def failed(code: str, message: str, content: Optional[str] = None) -> Outcome:
        return Outcome(task.sha256, task.name, "failed", error_code=code, error_message=message,
                       seconds=time.perf_counter() - started, content_sha256=content)

    try:
        data = _read(task.path, DEFAULT_LIMITS.max_file_bytes)
    except FileNotFoundError:
        return failed("io_error", f"文件“{task.name}”无法读取：文件不存在（可能在审查期间被移走或删除）")
    except OSError as exc:
        return failed("io_error", f"文件“{task.name}”无法读取：读取失败（{exc.strerror or exc}）")
    content = hashlib.sha256(data).hexdigest()
    try:
        document = parse(data, filename=task.name)
        review = reviewer.review_document(document, filename=task.name)
    except ParseError as exc:
        return failed(exc.code, exc.message, content)
    except Exception as exc:  # a bug must cost one file, not the batch
        return failed("crash", f"文件“{task.name}”审查时出错（{exc.__class__.__name__}: {exc}）", content)
    return Outcome(task.sha256, task.name, "ok", review.model_dump(mode="json"), document.text,
                   seconds=time.perf_counter() - started, content_sha256=content)


def _work(tasks: "mp.Queue", results: "mp.Queue", temp: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from docparse import children

    children.die_with_parent()
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)
    tempfile.tempdir = temp
    os.environ["TMPDIR"] = temp
    current = {"sha": ""}
    children.watch(lambda group: results.put(("child", current["sha"], group)))
    from sifeng.review import Reviewer

    reviewer = Reviewer()
    while True:
        task = tasks.get()
        if task is None:
            return
        current["sha"] = task.sha256
        results.put(("start", task.sha256, time.monotonic()))
        results.put(("done", review_file(reviewer, task)))


def _kill_group(group: int) -> None:
    if not hasattr(os, "killpg"):
        return
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _Worker:
    def __init__(self, context, results, temp_root: Path):
        self.temp = Path(tempfile.mkdtemp(prefix="worker-", dir=temp_root))
        self.tasks = context.Queue()
        self.process = context.Process(target=_work, args=(self.tasks, results, str(self.temp)), daemon=True)
        self.process.start()
        self.task: Optional[Task] = None
        self.started: Optional[float] = None
        self.children: set[int] = set()

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.children.clear()
        self.tasks.put(task)

    def stop(self) -> None:
        """Kill the worker, its process group and any child group it reported; remove its files."""
        if self.process.is_alive() and self.process.pid:
            _kill_group(self.process.pid)
            self.process.kill()
        self.process.join(timeout=5)
        for group in self.children:
            _kill_group(group)
        shutil.rmtree(self.temp, ignore_errors=True)


def run(tasks: list[Task], *, workers: int, timeout: float,
        on_outcome: Callable[[Outcome], None], temp_root: Optional[Path] = None) -> None:
    """Review `tasks` in `workers` processes, calling `on_outcome` (in this process) for each.
    Worker temporary folders go under `temp_root` (default: the system's)."""
    if not tasks:
        return
    context = mp.get_context("spawn")
    results = context.Queue()
    own_root = temp_root is None
    root = Path(tempfile.mkdtemp(prefix="sifeng-")) if own_root else Path(temp_root)
    root.mkdir(parents=True, exist_ok=True)
    pool: list[_Worker] = []
    pending = list(reversed(tasks))
    try:
        pool.extend(_Worker(context, results, root) for _ in range(max(1, min(workers, len(tasks)))))
        while pending or any(w.task for w in pool):
            for worker in pool:
                if worker.task is None and pending:
                    worker.give(pending.pop())
            try:
                kind, *payload = results.get(timeout=0.2)
            except queue.Empty:
                kind, payload = None, []
            if kind == "start":
                sha, started = payload
                for worker in pool:
                    if worker.task and worker.task.sha256 == sha:
                        worker.started = started
            elif kind == "child":
                sha, group = payload
                for worker in pool:
                    if worker.task and worker.task.sha256 == sha:
                        worker.children.add(group)
            elif kind == "done":
                outcome: Outcome = payload[0]
                for worker in pool:
                    if worker.task and worker.task.sha256 == outcome.sha256:
                        worker.task = None
                on_outcome(outcome)
            now = time.monotonic()
            for index, worker in enumerate(pool):
                if worker.task is None:
                    continue
                overdue = worker.started is not None and now - worker.started > timeout
                if overdue or not worker.process.is_alive():
                    task = worker.task
                    worker.stop()
                    code, reason = ("timeout", f"处理超时（超过 {timeout:g} 秒）") if overdue else \
                        ("crash", "处理时进程意外退出（内存不足或文件异常）")
                    on_outcome(Outcome(task.sha256, task.name, "failed", error_code=code,
                                       error_message=f"文件“{task.name}”无法读取：{reason}",
                                       seconds=now - (worker.started or now)))
                    pool[index] = _Worker(context, results, root)
    finally:
        for worker in pool:
            try:
                worker.tasks.put_nowait(None)
            except Exception:
                pass
        deadline = time.monotonic() + 3
        for worker in pool:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            worker.stop()
        if own_root:
            shutil.rmtree(root, ignore_errors=True)
