"""Four-styles classifier speed: load time (fresh process), sentences per second on one core after
load, and the model's size on disk; and the review pipeline: `sifeng review` wall time including
start-up, and `review()` per document on a loaded pipeline.

    python scripts/bench_classify.py [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench_parse import write_section  # noqa: E402

LOAD_SNIPPET = """
import time
t = time.perf_counter()
from classifiers.fourstyles import LinearStyleClassifier
model = LinearStyleClassifier.load()
model.classify("会议多、文件多")
print(time.perf_counter() - t)
"""


def fresh_load_seconds(runs: int = 5) -> float:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    times = [float(subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=REPO, env=env,
                                  capture_output=True, text=True, check=True).stdout) for _ in range(runs)]
    return statistics.median(times)


def throughput(sentences: list[str]) -> float:
    from classifiers.fourstyles import LinearStyleClassifier

    model = LinearStyleClassifier.load()
    for text in sentences[:50]:
        model.classify(text, explain=False)
    start = time.perf_counter()
    for text in sentences:
        model.classify(text, explain=False)
    return len(sentences) / (time.perf_counter() - start)


def cli_seconds(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sifeng", "review", str(path), "--format", "json"], cwd=REPO,
                       capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pipeline_ms(paths: list[Path]) -> float:
    import docparse
    from sifeng.review import Reviewer

    reviewer = Reviewer()
    documents = [docparse.parse(p) for p in paths]
    for document in documents:
        reviewer.review_document(document)
    times = []
    for _ in range(5):
        for document in documents:
            start = time.perf_counter()
            reviewer.review_document(document)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # 3,000 distinct sentences, so that no cache helps.
    sentences = []
    for name in ("dev.jsonl", "train.jsonl"):
        data = REPO / "corpora" / "fourstyles" / name
        sentences += [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = list(dict.fromkeys(sentences))[:3000]
    from classifiers.fourstyles import LinearStyleClassifier

    folder = Path(LinearStyleClassifier.load().model.meta["name"])
    model_dir = sorted((REPO / "models").glob(f"{folder}-*"))[-1]
    size = sum(p.stat().st_size for p in model_dir.iterdir())
    load = fresh_load_seconds()
    rate = throughput(sentences)
    docs = [REPO / "examples" / n for n in ("xian_zhengfu_zhenggai_fangan.docx", "qingshi_zhen_zhenggai_fangan.docx",
                                           "xianwei_changwei_duizhao_jiancha.docx", "chengguan_ju_zhenggai_fangan.html",
                                           "xian_renmin_yiyuan_zhenggai_fangan.pdf")]
    cli = cli_seconds(docs[0])
    per_doc = pipeline_ms(docs)
    body = "\n".join([
        "| measure | value |", "| --- | ---: |",
        f"| model load in a fresh process (import + load + first sentence), median of 5 | {load * 1000:.0f} ms |",
        f"| sentences per second after load, one core ({len(sentences)} distinct corpus sentences) | {rate:,.0f} |",
        f"| model size on disk (`{model_dir.name}`) | {size / 1e6:.1f} MB |",
        f"| `sifeng review {docs[0].name} --format json`, start-up included, median of 5 | {cli * 1000:.0f} ms |",
        f"| `review_document()` on a loaded pipeline, median over {len(docs)} example documents | {per_doc:.0f} ms |",
    ])
    print(body)
    if args.write:
        write_section(args.write, "Classification and review speed", body,
                      f"python scripts/bench_classify.py --write {args.write}")


if __name__ == "__main__":
    main()
