"""Screening throughput on this machine: one local worker, two local workers, and two single-thread
Dask workers on 127.0.0.1 (`--scheduler`), over the same batch of N text submissions (the examples'
.docx/.txt/.html files repeated with a changed line, so none is a byte copy). Each run starts from an
empty output folder and includes copy detection and the reports.

    python scripts/bench_cluster.py [--copies 6]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def batch_folder(copies: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="sifeng-bench-"))
    for k in range(copies):
        for path in sorted((REPO / "examples").iterdir()):
            if path.suffix not in (".docx", ".txt", ".html"):
                continue
            data = path.read_bytes()
            if path.suffix == ".txt":
                data += f"\n第{k}份".encode("gb18030")
            elif path.suffix == ".html":
                data = data.replace(b"</body>", f"<p>第{k}份</p></body>".encode())
            (folder / f"{k}-{path.name}").write_bytes(data)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=6)
    args = parser.parse_args()
    from sifeng.screen import screen

    folder = batch_folder(args.copies)
    n = len(list(folder.iterdir()))
    rows = []
    for label, kwargs in (("local, 1 worker", {"workers": 1}), ("local, 2 workers", {"workers": 2})):
        out = Path(tempfile.mkdtemp(prefix="sifeng-out-"))
        started = time.perf_counter()
        screen([str(folder)], out=out, **kwargs)
        rows.append((label, time.perf_counter() - started))
        shutil.rmtree(out, ignore_errors=True)
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        out = Path(tempfile.mkdtemp(prefix="sifeng-out-"))
        started = time.perf_counter()
        screen([str(folder)], out=out, scheduler=cluster.scheduler_address)
        rows.append(("Dask, 2 workers on 127.0.0.1 (scheduler already running)", time.perf_counter() - started))
        shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{n} documents.\n\n| run | seconds | documents / s |\n| --- | ---: | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {n / seconds:.1f} |")


if __name__ == "__main__":
    main()
