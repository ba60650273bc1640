"""Does `annotate suggest` beat random choice? A simulation on our corpus: start from a small
labelled seed of train, add batches chosen by suggest (the current model's uncertainty with
diversity) or at random, retrain after each batch, and score macro-F1 on dev.

    python scripts/simulate_suggest.py [--seed-size 200] [--batch 200] [--rounds 4] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from classifiers.evaluation import evaluate  # noqa: E402
from classifiers.fourstyles import LinearStyleClassifier  # noqa: E402
from classifiers.training import LinearCandidate, load_jsonl, style_targets  # noqa: E402
from scripts.bench_parse import write_section  # noqa: E402
from sifeng.annotate import Item  # noqa: E402
from sifeng.annotate.suggest import suggest  # noqa: E402


def fit(items: list[dict]) -> LinearCandidate:
    return LinearCandidate("char", cs=(8,), verbose=False).fit([i["text"] for i in items], style_targets(items))


def score(candidate: LinearCandidate, dev: list[dict]) -> float:
    return evaluate(dev, candidate.predict([i["text"] for i in dev])).macro_f1


def run(strategy: str, train: list[dict], dev: list[dict], seed_size: int, batch: int, rounds: int,
        seed: int) -> list[float]:
    rng = random.Random(seed)
    order = list(range(len(train)))
    rng.shuffle(order)
    labelled = order[:seed_size]
    pool = order[seed_size:]
    curve = []
    for round_ in range(rounds + 1):
        candidate = fit([train[k] for k in labelled])
        curve.append(score(candidate, dev))
        if round_ == rounds:
            break
        if strategy == "random":
            chosen = pool[:batch]
        else:
            classifier = LinearStyleClassifier(candidate.export())
            items = [Item(str(k), train[k]["text"]) for k in pool]
            chosen = [int(item.item_id) for item, _ in suggest(items, "fourstyles", batch, classifier=classifier)]
        chosen_set = set(chosen)
        labelled += chosen
        pool = [k for k in pool if k not in chosen_set]
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-size", type=int, default=200)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    train = load_jsonl(REPO / "corpora/fourstyles/train.jsonl")
    dev = load_jsonl(REPO / "corpora/fourstyles/dev.jsonl")
    curves = {s: [run(s, train, dev, args.seed_size, args.batch, args.rounds, seed) for seed in args.seeds]
              for s in ("random", "suggest")}
    sizes = [args.seed_size + args.batch * r for r in range(args.rounds + 1)]
    mean = {s: [sum(c[r] for c in cs) / len(cs) for r in range(len(sizes))] for s, cs in curves.items()}
    lines = ["| labelled items | random: dev macro-F1 | suggest: dev macro-F1 | difference |",
             "| ---: | ---: | ---: | ---: |"]
    for r, size in enumerate(sizes):
        lines.append(f"| {size} | {mean['random'][r]:.3f} | {mean['suggest'][r]:.3f} | "
                     f"{mean['suggest'][r] - mean['random'][r]:+.3f} |")
    area = {s: sum(v[1:]) / (len(v) - 1) for s, v in mean.items()}
    lines += ["", f"Mean over seeds {args.seeds} (same labelled seed set for both strategies in each run); "
              f"mean macro-F1 after the first batch: random {area['random']:.3f}, suggest {area['suggest']:.3f}."]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section(args.write, "Annotation: suggest against random choice", body,
                      f"python scripts/simulate_suggest.py --write {args.write}")


if __name__ == "__main__":
    main()
