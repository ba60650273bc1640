"""Copy detection alone at scale: time and peak memory of `sifeng.copies.find_copies` over N synthetic
submissions (each about 2,000 characters, assembled from the corpus statements and measures with about
one character in six replaced at random — so that, as between real submissions, only stock phrases
recur — and one document in fifty a near copy of an earlier one), each size in a fresh process.

    python scripts/bench_copies.py [--sizes 1000 5000 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpus_sentences() -> list[str]:
    out = []
    for path in (REPO / "corpora" / "fourstyles" / "train.jsonl", REPO / "corpora" / "measures" / "train.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def documents(n: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    sentences = corpus_sentences()
    docs: dict[str, str] = {}
    for k in range(n):
        if k % 50 == 49:  # a near copy of an earlier document, units swapped
            source = docs[f"d{rng.randrange(k - 1)}"]
            docs[f"d{k}"] = source.replace("局党组", "镇党委") + "".join(rng.sample(sentences, 3))
            continue
        text, parts = "", []
        while len(text) < 2000:
            chars = list(rng.choice(sentences))
            for i in range(rng.randrange(6), len(chars), 6):
                chars[i] = chr(0x4E00 + rng.randrange(0x51A5))
            parts.append("".join(chars))
            text = "\n".join(parts)
        docs[f"d{k}"] = text
    return docs


def measure(n: int) -> dict:
    from sifeng.copies import find_copies

    docs = documents(n)
    started = time.perf_counter()
    pairs = find_copies(docs, raise_at=0.3, min_chars=300, passage_chars=150)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "seconds": round(seconds, 1), "pairs": len(pairs), "peak_mb": round(peak_mb)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 5000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print("| documents | seconds | pairs found | peak memory (MB, whole process) |")
    print("| ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {r['n']:,} | {r['seconds']} | {r['pairs']} | {r['peak_mb']} |", flush=True)


if __name__ == "__main__":
    main()
