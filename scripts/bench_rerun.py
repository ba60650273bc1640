"""A batch of real-looking submissions plus an archive of 10,000 one-line text files: the first
run, a re-run over the finished workspace, the letters written, and two runs started together on
one output folder (CPU used by both against one alone).

The submissions are the bundled examples and the documents of corpora/documents (every format,
scans included). Run from the repository root:

    python scripts/bench_rerun.py [--tiny 10000] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench_parse import write_section  # noqa: E402

FORMATS = {".docx", ".doc", ".pdf", ".txt", ".html"}


def _inputs(folder: Path, tiny: int) -> list[str]:
    docs = folder / "docs"
    docs.mkdir()
    for source in sorted((REPO / "examples").iterdir()) + sorted((REPO / "corpora" / "documents").iterdir()):
        if source.suffix in FORMATS:
            shutil.copy(source, docs / source.name)
    rng = random.Random(1)
    archive = folder / "tiny.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for i in range(tiny):
            out.writestr(f"零散/{i:05d}.txt", f"第{i}号：请于周五前报送材料。{rng.randint(0, 10 ** 9)}\n")
    return [str(docs), str(archive)]


def _run(inputs: list[str], out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the process tree, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", "sifeng", "screen", *inputs, "--out", str(out), "-j", "2"],
                          cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu, code


def _together(inputs: list[str], out: Path) -> tuple[float, list[int]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "sifeng", "screen", *inputs, "--out", str(out), "-j", "2"]
    processes = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(2)]
    codes = [p.wait() for p in processes]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=10_000)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = _inputs(folder, args.tiny)
        n_docs = len(list((folder / "docs").iterdir()))
        first, first_cpu, code = _run(inputs, folder / "out")
        letters = len(list((folder / "out" / "letters").glob("*.docx")))
        again, _, _ = _run(inputs, folder / "out")
        one_cpu = first_cpu
        both_cpu, codes = _together(inputs, folder / "out2")
    bar = 0.15 * first + 5
    body = "\n".join([
        f"{n_docs} submissions (examples and corpora/documents, every format, scans included) and a .zip of "
        f"{args.tiny:,} one-line text files; 2 workers.",
        "",
        "| measure | result |",
        "| --- | --- |",
        f"| first run, wall time | {first:.1f} s (exit {code}) |",
        f"| re-run over the finished workspace | {again:.1f} s (bar: ≤ 15% of the first + 5 s = {bar:.1f} s) |",
        f"| feedback letters written | {letters} (one per judged submission with flags; none for the one-line files) |",
        f"| two runs started together on one folder, CPU of both | {both_cpu:.1f} s against {one_cpu:.1f} s for one "
        f"({both_cpu / one_cpu:.2f}×); exit codes {sorted(codes)} (6 = folder in use) |",
    ])
    print(body)
    if args.write:
        write_section(args.write, "Batch re-runs, tiny files and a locked folder", body,
                      "python scripts/bench_rerun.py --write docs/benchmarks.md")


if __name__ == "__main__":
    main()
