"""Batch screening speed and memory on generated batches of typical submissions.

Generates N submissions (.docx with automatic numbering and a problem table, GBK .txt from OA
systems, text PDFs; no scans, no .doc) from the sentences of the dev corpora, so that no two are
copies, then runs `screen()` into a fresh folder with 2 workers and reports documents per second
and the peak resident memory of the whole process tree (sampled every 0.2 s).

    python scripts/bench_screen.py [--sizes 100 1000] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from builders import docx_bytes, pdf_bytes, txt_bytes  # noqa: E402

from scripts.bench_parse import write_section  # noqa: E402

UNITS = ["县委", "县政府", "县财政局", "县教育局", "县卫生局", "县交通局", "县农业局", "县水利局", "县林业局",
         "县民政局", "县公安局", "县城管局", "县税务局", "政务服务中心", "人民医院", "职业学院"]
TOWNS = ["青石", "白沙", "柳湾", "石桥", "东岭", "南坪", "北山", "西河", "龙潭", "凤凰", "桃源", "梅林"]


def _load(path: Path, key: str) -> list[str]:
    return [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_batch(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    problems = [t for t, labels in zip(_load(REPO / "corpora/fourstyles/dev.jsonl", "text"),
                                       _load(REPO / "corpora/fourstyles/dev.jsonl", "labels")) if labels]
    measures = _load(REPO / "corpora/measures/dev.jsonl", "text")
    cn = "一二三四五六七八九十"
    for i in range(n):
        unit = f"中共岚川县{rng.choice(TOWNS)}{rng.choice(UNITS)}第{i + 1}党支部"
        chosen_p = rng.sample(problems, rng.randint(6, 10))
        chosen_m = rng.sample(measures, len(chosen_p))
        kind = rng.random()
        if kind < 0.6:
            spec = [{"kind": "title", "text": f"{unit}\n党的群众路线教育实践活动整改方案"},
                    {"kind": "para", "text": "按照县委统一部署，结合征求到的意见建议，制定本方案。"},
                    {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": ("chineseCounting", "%1、", 0)}]
            spec += [{"kind": "para", "text": p, "num": ("decimal", "%2.", 1)} for p in chosen_p]
            spec += [{"kind": "heading", "level": 1, "text": "整改措施", "num": ("chineseCounting", "%1、", 0)},
                     {"kind": "table", "rows": [["序号", "存在问题", "整改措施", "责任领导", "完成时限"]] + [
                         [str(k + 1), p[:30], m, rng.choice(["王××", "李××", "张××"]), "2014年9月底前"]
                         for k, (p, m) in enumerate(zip(chosen_p, chosen_m))], "header_repeat": True},
                     {"kind": "sign", "lines": [unit, "二〇一四年三月二十日"]}]
            (folder / f"{i:04d}.docx").write_bytes(docx_bytes(spec))
        elif kind < 0.85:
            lines = [f"{unit}整改方案", "一、存在的问题"]
            lines += [f"（{cn[k % 10]}）{p}" for k, p in enumerate(chosen_p)]
            lines += ["二、整改措施"] + [f"（{cn[k % 10]}）{m}" for k, m in enumerate(chosen_m)]
            lines += [unit, "2014年3月20日"]
            (folder / f"{i:04d}.txt").write_bytes(txt_bytes("\n".join(lines)))
        else:
            spec = [{"kind": "title", "text": f"{unit}整改方案"},
                    {"kind": "heading", "level": 1, "text": "一、存在的主要问题"}]
            spec += [{"kind": "para", "text": f"（{cn[k % 10]}）{p}"} for k, p in enumerate(chosen_p)]
            spec += [{"kind": "heading", "level": 1, "text": "二、整改措施"}]
            spec += [{"kind": "para", "text": f"（{cn[k % 10]}）{m}"} for k, m in enumerate(chosen_m)]
            spec += [{"kind": "sign", "lines": [unit, "2014年3月20日"]}]
            (folder / f"{i:04d}.pdf").write_bytes(pdf_bytes(spec))


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, frontier = rss.get(root, 0), [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current:
                total += rss.get(pid, 0)
                frontier.append(pid)
    return total


def measure(n: int, workers: int) -> dict:
    from sifeng.screen import screen

    with tempfile.TemporaryDirectory(prefix="sifeng-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_batch(folder, n)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _tree_rss(os.getpid()))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        batch = screen([str(folder)], out=Path(tmp) / "out", workers=workers, timeout=120)
        seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
        return {"n": n, "seconds": seconds, "rate": n / seconds, "peak_mb": peak[0] / 1e6,
                "failed": len(batch.failed), "pairs": len(batch.pairs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = [measure(n, args.workers) for n in args.sizes]
    body = "\n".join(
        ["| submissions | wall time (reports included) | documents / s | peak memory (process tree) | failed | copy pairs |",
         "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        + [f"| {r['n']} | {r['seconds']:.0f} s | {r['rate']:.1f} | {r['peak_mb']:.0f} MB | {r['failed']} | {r['pairs']} |"
           for r in rows]
        + ["", f"{args.workers} worker processes; batch mix about 60% .docx (automatic numbering, problem table), "
               "25% GBK .txt, 15% text PDF; generation time not included."])
    print(body)
    if args.write:
        write_section(args.write, "Batch screening", body,
                      f"python scripts/bench_screen.py --sizes {' '.join(map(str, args.sizes))} --write {args.write}")


if __name__ == "__main__":
    main()
