"""`screen --scheduler`: the batch reviewed on a real Dask scheduler with two single-thread worker
processes on 127.0.0.1 gives the same verdicts and flags as a local run, loses nothing when a worker
is killed mid-run, and an unreachable scheduler fails clearly."""

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from sifeng.cli import app  # noqa: E402
from sifeng.screen import screen  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# Every kind of text submission in examples/, without the scan and the .doc (slow to read, and
# their paths are covered by the local tests).
EXAMPLES = [p for p in sorted((REPO / "examples").iterdir()) if p.suffix in (".docx", ".txt", ".html")]


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       host="127.0.0.1")
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster-in")
    for path in EXAMPLES:
        shutil.copy(path, folder / path.name)
    # A copy under another name, and a file that cannot be read: de-duplication and failures too.
    shutil.copy(EXAMPLES[0], folder / f"副本-{EXAMPLES[0].name}")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


def _summary(batch):
    return {e.name.rsplit("/", 1)[-1]: (e.review.verdict, sorted(f.code for f in e.review.flags)) for e in batch.entries}


def test_cluster_run_equals_local_run(cluster, inputs, tmp_path):
    local = screen([str(inputs)], out=tmp_path / "local", workers=2)
    remote = screen([str(inputs)], out=tmp_path / "remote", scheduler=cluster.scheduler_address)
    assert len(remote.entries) == len(EXAMPLES) + 2
    assert _summary(remote) == _summary(local)
    assert [e.name.rsplit("/", 1)[-1] for e in remote.failed] == ["损坏.docx"]
    assert len(remote.pairs) == len(local.pairs) >= 1
    assert (tmp_path / "remote" / "report.html").exists()
    # A re-run resumes from the workspace: nothing is sent again.
    again = screen([str(inputs)], out=tmp_path / "remote", scheduler=cluster.scheduler_address)
    assert again.reviewed_now == 0 and _summary(again) == _summary(remote)


def test_killing_a_worker_mid_run_loses_nothing(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):  # 3 × the examples, renamed so that nothing is a byte-identical copy
        for path in EXAMPLES:
            data = path.read_bytes()
            if path.suffix == ".txt":
                data += f"\n第{k}份".encode("gb18030")
            (folder / f"{k}-{path.name}").write_bytes(data)
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    pids = list(client.run(os.getpid).values())
    client.close()
    results: dict = {}

    def run():
        results["batch"] = screen([str(folder)], out=tmp_path / "out", scheduler=cluster.scheduler_address)

    thread = threading.Thread(target=run)
    thread.start()
    db = tmp_path / "out" / "workspace.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if db.exists():
            import sqlite3

            try:
                with sqlite3.connect(db, timeout=1) as con:
                    if con.execute("SELECT COUNT(*) FROM results").fetchone()[0] >= 2:
                        break
            except sqlite3.Error:
                pass
    os.kill(pids[0], signal.SIGKILL)  # the nanny starts another worker in its place
    thread.join(timeout=600)
    batch = results["batch"]
    names = {e.name for e in batch.entries}
    assert len(names) == 3 * len(EXAMPLES)
    assert not batch.failed, [e.review.flags[0].evidence[0].text for e in batch.failed]


def test_unreachable_scheduler_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("SIFENG_CLUSTER_TIMEOUT", "3")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["screen", str(EXAMPLES[0]), "--out", str(tmp_path / "o"),
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 7
    assert "无法连接 Dask 调度器" in result.output and "Traceback" not in result.output
    assert time.monotonic() - started < 30
    assert not (tmp_path / "o" / "workspace.sqlite").exists()
