"""Train the measure-ness scorer (models/measureness-<version>/): how much a sentence or paragraph,
read on its own, reads as a rectification measure — a commitment to do something — rather than a
problem, a cause, progress already made, background or a heading.

The document reader (sifeng/reader.py) knows layouts; it learned them from about 300 invented
documents, and on layouts it has not seen it leaves concrete measures unread. This scorer learns
the content side from every corpus the project has, far broader than the documents alone:

- measures: every item of corpora/measures/train.jsonl and the four-styles negatives of kind “measure”;
- not measures: the other four-styles training items (problems, causes, news, commentary, headings,
  denials …).

The units of the training documents are left out by default (`--with-documents` adds them): the
reader is trained on those documents with this score as a feature, and a score fitted on them would
look more certain there than it is on a new document (the reader would learn to trust it too much).

Dev: corpora/measures/dev.jsonl, corpora/fourstyles/dev.jsonl and the reader's dev documents (one in
five by name), none trained on. The reader takes the score as a feature (`ms=`).

    python scripts/train_measureness.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import docparse  # noqa: E402
from classifiers.training import load_jsonl, train_binary_scorer  # noqa: E402
from scripts.train_reader import CORPUS, _label, is_dev  # noqa: E402
from sifeng import reader as R  # noqa: E402

NAME = "measureness"


def document_units(dev: bool) -> list[tuple[str, int]]:
    """(unit text, is a measure) of the training (or dev) documents' units."""
    out = []
    for path in sorted((CORPUS / "review").glob("*.json")):
        if is_dev(path.stem) != dev:
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        document = docparse.parse(CORPUS / truth["file"])
        for unit in R.units(document):
            if len(unit.text.strip()) >= 4:
                out.append((unit.text, int(_label(unit.text, truth) == "M")))
    return out


def corpus_items(split: str) -> list[tuple[str, int]]:
    measures = load_jsonl(REPO / "corpora" / "measures" / f"{split}.jsonl")
    styles = load_jsonl(REPO / "corpora" / "fourstyles" / f"{split}.jsonl")
    return [(m["text"], 1) for m in measures] + [(s["text"], int(s.get("kind") == "measure")) for s in styles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--with-documents", action="store_true",
                        help="also train on the units of the training documents (see the docstring)")
    args = parser.parse_args()
    train = corpus_items("train") + (document_units(dev=False) if args.with_documents else [])
    print(train_binary_scorer(
        NAME, args.version, train,
        [("measure and four-styles dev items", corpus_items("dev")),
         ("units of the dev documents", document_units(dev=True))],
        positive="measure", folder=REPO / "models" / f"{NAME}-{args.version}",
        what="How much a sentence or paragraph, read on its own, reads as a rectification measure",
        use="The document reader uses the score as a feature."))


if __name__ == "__main__":
    main()
