"""Batch review on a Dask cluster (`sifeng screen … --scheduler tcp://HOST:PORT`).

The same contract as `sifeng.pool.run`: tasks go out, one `Outcome` per task comes back to
`on_outcome` in this process, which stays the only writer of the SQLite workspace — so resuming,
de-duplication by content hash, copy detection and every report work unchanged.

- File bytes travel to the workers (no shared filesystem is assumed); a file over the size limit is
  refused here, before it is sent.
- Each worker loads the review pipeline once, through a `WorkerPlugin`.
- A bounded number of files is in flight at once, so a province-sized batch does not sit in memory.
- A worker lost mid-task has its task rescheduled by Dask; a file that kills workers again is recorded
  as failed (`KilledWorker`) with a reason, and the batch goes on.
- An unreachable scheduler is a `ClusterError` with a Chinese message, raised within the connect
  timeout.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from .pool import Outcome, Task, _read

PLUGIN_NAME = "sifeng-reviewer"


class ClusterError(Exception):
    """The cluster cannot be used; the message says why, in Chinese."""

    exit_code = 7

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    class ReviewerPlugin(WorkerPlugin):
        """Loads the review pipeline once per worker."""

        name = PLUGIN_NAME

        def setup(self, worker):
            from sifeng.review import Reviewer

            worker.sifeng_reviewer = Reviewer()

    return ReviewerPlugin


def review_bytes(name: str, sha256: str, data: bytes) -> Outcome:
    """Run on a worker: parse and review one file's bytes with the worker's pipeline."""
    import hashlib

    from distributed import get_worker

    from docparse import ParseError, parse

    worker = get_worker()
    reviewer = getattr(worker, "sifeng_reviewer", None)
    if reviewer is None:  # a worker that joined before the plugin reached it
        from sifeng.review import Reviewer

        reviewer = worker.sifeng_reviewer = Reviewer()
    started = time.perf_counter()
    content = hashlib.sha256(data).hexdigest()
    try:
        document = parse(data, filename=name)
        review = reviewer.review_document(document, filename=name)
    except ParseError as exc:
        return Outcome(sha256, name, "failed", error_code=exc.code, error_message=exc.message,
                       seconds=time.perf_counter() - started, content_sha256=content)
    except Exception as exc:  # noqa: BLE001 - a bug must cost one file, not the batch
        return Outcome(sha256, name, "failed", error_code="crash",
                       error_message=f"文件“{name}”审查时出错（{exc.__class__.__name__}: {exc}）",
                       seconds=time.perf_counter() - started, content_sha256=content)
    return Outcome(sha256, name, "ok", review.model_dump(mode="json"), document.text,
                   seconds=time.perf_counter() - started, content_sha256=content)


def connect(scheduler: str, timeout: Optional[float] = None):
    """A Client of the scheduler, or a ClusterError that says why not (within `timeout` seconds,
    default SIFENG_CLUSTER_TIMEOUT or 15)."""
    import os

    timeout = timeout or float(os.environ.get("SIFENG_CLUSTER_TIMEOUT", "15"))
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("使用集群需要安装 Dask：pip install 'sifeng[cluster]'") from None
    try:
        return Client(scheduler, timeout=f"{timeout:g}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"无法连接 Dask 调度器 {scheduler}（{timeout:g} 秒内没有响应：{exc.__class__.__name__}）。"
                           "请确认 dask scheduler 已启动、地址和端口正确、防火墙放行") from None
    except ValueError as exc:
        raise ClusterError(f"调度器地址“{scheduler}”无效：{exc}；应形如 tcp://192.168.1.10:8786") from None


def run_on_cluster(tasks: list[Task], *, scheduler: str, on_outcome: Callable[[Outcome], None],
                   max_bytes: Optional[int] = None, in_flight: Optional[int] = None,
                   connect_timeout: Optional[float] = None) -> None:
    """Review `tasks` on the cluster at `scheduler`, calling `on_outcome` here for each."""
    if not tasks:
        return
    from distributed import as_completed
    from distributed.client import FutureCancelledError

    from docparse import DEFAULT_LIMITS

    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover - moved between versions
        from distributed import KilledWorker

    max_bytes = max_bytes or DEFAULT_LIMITS.max_file_bytes
    client = connect(scheduler, connect_timeout)
    try:
        client.register_plugin(_plugin_class()(), name=PLUGIN_NAME)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = in_flight or 4 * workers
        pending = list(reversed(tasks))
        by_key: dict[str, Task] = {}
        futures = as_completed(loop=client.loop)

        def submit_next() -> bool:
            while pending:
                task = pending.pop()
                try:
                    data = _read(task.path, max_bytes)
                except FileNotFoundError:
                    on_outcome(Outcome(task.sha256, task.name, "failed", error_code="io_error", error_message=(
                        f"文件“{task.name}”无法读取：文件不存在（可能在审查期间被移走或删除）")))
                    continue
                except OSError as exc:
                    on_outcome(Outcome(task.sha256, task.name, "failed", error_code="io_error",
                                       error_message=f"文件“{task.name}”无法读取：读取失败（{exc.strerror or exc}）"))
                    continue
                if len(data) > max_bytes:
                    on_outcome(Outcome(task.sha256, task.name, "failed", error_code="too_large", error_message=(
                        f"文件“{task.name}”无法读取：文件超过 {max_bytes // (1024 * 1024)} MB 上限")))
                    continue
                future = client.submit(review_bytes, task.name, task.sha256, data, pure=False,
                                       key=f"sifeng-review-{task.sha256}-{time.monotonic_ns()}")
                by_key[future.key] = task
                futures.add(future)
                return True
            return False

        for _ in range(window):
            if not submit_next():
                break
        for future in futures:
            task = by_key.pop(future.key)
            try:
                outcome = future.result()
            except KilledWorker:
                outcome = Outcome(task.sha256, task.name, "failed", error_code="crash", error_message=(
                    f"文件“{task.name}”无法读取：处理时集群工作进程反复意外退出（内存不足或文件异常）"))
            except FutureCancelledError:
                outcome = Outcome(task.sha256, task.name, "failed", error_code="crash",
                                  error_message=f"文件“{task.name}”无法读取：集群任务被取消")
            except Exception as exc:  # noqa: BLE001 - a lost connection or a worker error
                outcome = Outcome(task.sha256, task.name, "failed", error_code="crash",
                                  error_message=f"文件“{task.name}”无法读取：集群处理出错（{exc.__class__.__name__}）")
            future.release()
            on_outcome(outcome)
            submit_next()
    finally:
        try:
            client.close(timeout=5)
        except Exception:  # noqa: BLE001 - closing a client of a dead scheduler
            pass
