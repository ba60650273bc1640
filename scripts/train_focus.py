"""Train the focus scorer (models/focus-<version>/): whether a problem item, read on its own, is
about the unit's own conduct or about objective conditions and other people's faults (GUIDE.md:
讲客观条件、讲别人的问题 are labelled [] and raise `unfocused`; seed 001 asks authors to 把自己摆进去).

The rule before it needed a cue word (“财力薄弱”, “上级部门”) and so missed problems that blame
conditions in words of their own. This scorer learns the difference from:

- unfocused: the four-styles negatives of kind “objective” and the problem items of the training
  documents that carry no style label;
- focused: the four-styles problems (any label) and the labelled problem items of the training
  documents.

Dev: the same kinds from corpora/fourstyles/dev.jsonl and the reader's dev documents (one in five by
name), none trained on. The review flags a problem as unfocused when the score clears the
threshold stored with the model (corpora/flags.yaml may override it).

    python scripts/train_focus.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from sklearn.metrics import precision_recall_fscore_support  # noqa: E402

from classifiers.training import LinearCandidate, load_jsonl  # noqa: E402
from scripts.train_reader import CORPUS, is_dev  # noqa: E402

NAME = "focus"


def document_problems(dev: bool) -> list[tuple[str, int]]:
    """(problem text, is unfocused) of the training (or dev) documents' truth."""
    out = []
    for path in sorted((CORPUS / "review").glob("*.json")):
        if is_dev(path.stem) != dev:
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        out += [(p["text"], int(not p["labels"])) for p in truth["problems"]]
    return out


def corpus_items(split: str) -> list[tuple[str, int]]:
    styles = load_jsonl(REPO / "corpora" / "fourstyles" / f"{split}.jsonl")
    return [(s["text"], int(not s["labels"])) for s in styles if s["labels"] or s.get("kind") == "objective"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    args = parser.parse_args()
    started = time.perf_counter()
    train = corpus_items("train") + document_problems(dev=False)
    texts, y = [t for t, _ in train], np.array([[v] for _, v in train])
    candidate = LinearCandidate(NAME, cs=(2, 4, 8), verbose=True).fit(texts, y)
    seconds = time.perf_counter() - started
    model = candidate.export(["unfocused", "any"])
    rows = []
    for name, items in (("four-styles dev (problems and objective conditions)", corpus_items("dev")),
                        ("problem items of the dev documents", document_problems(dev=True))):
        truth = np.array([v for _, v in items])
        scores = np.array([model.proba(t)[0] for t, _ in items])
        p, r, f, _ = precision_recall_fscore_support(truth, (scores >= model.thresholds[0]).astype(int),
                                                     average="binary", zero_division=0)
        rows.append(f"| {name} | {len(items)} | {int(truth.sum())} | {p:.3f} | {r:.3f} | {f:.3f} |")
    folder = REPO / "models" / f"{NAME}-{args.version}"
    model.meta = {"name": NAME, "version": args.version, "trained": dt.date.today().isoformat(),
                  "train_items": len(train), "train_unfocused": int(y.sum()), "C": candidate.c_,
                  "threshold": round(float(model.thresholds[0]), 3), "seconds": round(seconds, 1)}
    model.save(folder)
    table = "\n".join(["| dev set | items | unfocused | precision | recall | F1 |",
                       "| --- | ---: | ---: | ---: | ---: | ---: |", *rows])
    card = f"""# {NAME}-{args.version}

Whether a problem item is about objective conditions or other people's faults rather than the unit's own
conduct (scripts/train_focus.py says what it is trained on). Logistic regression (C {candidate.c_}) over
character 1–4-gram TF-IDF and the four-styles cue features, Platt-calibrated on 5-fold out-of-fold scores;
stored in the sifeng-linear format (no pickle) and scored with the standard library. The review flags
`unfocused` from it.

- Trained {model.meta['trained']} on {len(train)} items ({int(y.sum())} unfocused) in {seconds:.0f} s.
- Dev (never trained on), at the F1-best threshold {model.meta['threshold']}:

{table}
"""
    (folder / "README.md").write_text(card, encoding="utf-8")
    print(card)


if __name__ == "__main__":
    main()
