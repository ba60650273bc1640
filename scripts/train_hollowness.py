"""Train the hollowness scorer on corpora/measures/train.jsonl and ship it to models/.

Character 1–3-gram TF-IDF of the measure with its deadline and owner masked out, plus the cue
features of classifiers.hollowness; logistic regression with C chosen by 5-fold cross-validated
F1 on train; Platt calibration fitted on out-of-fold decision values so that 0.5 means as likely
hollow as not. The dev split is only scored, never used for a choice.

    python scripts/train_hollowness.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from classifiers.hollowness import MODEL_NAME  # noqa: E402
from classifiers.training import load_jsonl, save_hollowness, train_hollowness  # noqa: E402

DATA = REPO / "corpora" / "measures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    args = parser.parse_args()
    started = time.perf_counter()
    train, dev = load_jsonl(DATA / "train.jsonl"), load_jsonl(DATA / "dev.jsonl")
    linear, info = train_hollowness(train)
    model = save_hollowness(linear, info, REPO / "models" / f"{MODEL_NAME}-{args.version}", version=args.version,
                            train_path=(DATA / "train.jsonl").relative_to(REPO), n_train=len(train), dev=dev,
                            dev_path=(DATA / "dev.jsonl").relative_to(REPO), seconds=time.perf_counter() - started)
    print(json.dumps(model.meta, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
