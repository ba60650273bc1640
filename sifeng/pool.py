"""Worker processes for batch review: each loads the review pipeline once and reviews the files
it is handed; a file that runs past its time limit has its worker killed and replaced, a worker
that dies is replaced, and the batch goes on."""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import time
from dataclasses import dataclass
from typing import Callable, Optional


@dataclass
class Task:
    sha256: str
    path: str
    name: str


@dataclass
class Outcome:
    sha256: str
    name: str
    status: str                 # ok | failed
    review: Optional[dict] = None
    body: str = ""
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    seconds: float = 0.0


def _work(tasks: "mp.Queue", results: "mp.Queue") -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from docparse import ParseError, parse
    from sifeng.review import Reviewer

    reviewer = Reviewer()
    while True:
        task = tasks.get()
        if task is None:
            return
        results.put(("start", task.sha256, time.monotonic()))
        started = time.perf_counter()
        try:
            document = parse(task.path, filename=task.name)
            review = reviewer.review_document(document, filename=task.name)
            results.put(("done", Outcome(task.sha256, task.name, "ok", review.model_dump(mode="json"),
                                         document.text, seconds=time.perf_counter() - started)))
        except ParseError as exc:
            results.put(("done", Outcome(task.sha256, task.name, "failed", error_code=exc.code,
                                         error_message=exc.message, seconds=time.perf_counter() - started)))
        except Exception as exc:  # a bug must cost one file, not the batch
            results.put(("done", Outcome(task.sha256, task.name, "failed", error_code="crash",
                                         error_message=f"文件“{task.name}”审查时出错（{exc.__class__.__name__}: {exc}）",
                                         seconds=time.perf_counter() - started)))


class _Worker:
    def __init__(self, context, results):
        self.tasks = context.Queue()
        self.process = context.Process(target=_work, args=(self.tasks, results), daemon=True)
        self.process.start()
        self.task: Optional[Task] = None
        self.started: Optional[float] = None

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.tasks.put(task)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


def run(tasks: list[Task], *, workers: int, timeout: float,
        on_outcome: Callable[[Outcome], None]) -> None:
    """Review `tasks` in `workers` processes, calling `on_outcome` (in this process) for each."""
    if not tasks:
        return
    context = mp.get_context("spawn")
    results = context.Queue()
    pool = [_Worker(context, results) for _ in range(max(1, min(workers, len(tasks))))]
    pending = list(reversed(tasks))
    try:
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
                    pool[index] = _Worker(context, results)
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
