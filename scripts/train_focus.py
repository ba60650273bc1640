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
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from classifiers.training import load_jsonl, train_binary_scorer  # noqa: E402
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
    print(train_binary_scorer(
        NAME, args.version, corpus_items("train") + document_problems(dev=False),
        [("four-styles dev (problems and objective conditions)", corpus_items("dev")),
         ("problem items of the dev documents", document_problems(dev=True))],
        positive="unfocused", folder=REPO / "models" / f"{NAME}-{args.version}",
        what="Whether a problem item is about objective conditions or other people's faults rather than the "
             "unit's own conduct",
        use="The review flags `unfocused` from it."))


if __name__ == "__main__":
    main()
