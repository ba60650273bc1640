"""Train the document-type model (classifiers/doctypes.py) on the invented document corpus
(corpora/documents/train: six submission types and non-submissions), holding out the same one
document in five as the reader does, and ship it as models/doctype-<version>/.

    python scripts/train_doctype.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

import docparse  # noqa: E402
from classifiers.doctypes import CLASSES, MODEL_NAME, TYPES, DocTypeModel, opening  # noqa: E402
from classifiers.training import LinearCandidate  # noqa: E402
from scripts.train_reader import is_dev  # noqa: E402

CORPUS = REPO / "corpora" / "documents" / "train"


def _documents(split: str, fragments: bool = False, only_fragments: bool = False) -> list[tuple[str, str, str]]:
    """(opening, label, document name) per text; with `fragments`, also the openings of two untitled pieces
    that start a third and two thirds of the way into it — what a page of a document reposted in
    parts, or pasted from its middle, looks like."""
    out = []
    for path in sorted((CORPUS / "review").glob("*.json")):
        if is_dev(path.stem) != (split == "dev"):
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        document = docparse.parse(CORPUS / truth["file"])
        label = truth["doc_type"] or "none"
        if not only_fragments:
            out.append((opening(document.metadata.title, document.text), label, path.stem))
        if fragments:
            for piece in fragment_texts(document):
                out.append((opening(None, piece), label, path.stem))
    return out


def fragment_texts(document) -> list[str]:
    """Untitled pieces of `document` that start a third and two thirds of the way into its blocks
    (only where at least 300 characters remain). Tried instead: the body without its title plus
    the text from the second top-level section (dev 54/60, pieces 60/74 — worse)."""
    blocks = [b.text for b in document.blocks if b.text]
    out = []
    for share in (1 / 3, 2 / 3):
        piece = "\n".join(blocks[int(len(blocks) * share):])
        if len(piece) >= 300:
            out.append(piece)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.2.0")
    parser.add_argument("--fragments", action="store_true",
                        help="also train on untitled pieces from a third and two thirds into each document")
    args = parser.parse_args()
    train = _documents("train", args.fragments)
    dev, dev_fragments = _documents("dev"), _documents("dev", fragments=True, only_fragments=True)
    n_documents = sum(not is_dev(path.stem) for path in (CORPUS / "review").glob("*.json"))
    # One column per submission type; the candidate's extra (gate) column then says "a submission".
    Y = np.array([[int(label == c) for c in TYPES] for _, label, _ in train])
    # (a document's pieces stay in one cross-validation fold: see LinearCandidate.fit)
    candidate = LinearCandidate("doctype", words=False, cs=(4, 16, 64), verbose=False).fit(
        [t for t, _, _ in train], Y, groups=[name for _, _, name in train])
    model = candidate.export(list(TYPES) + ["submission"])
    folder = REPO / "models" / f"{MODEL_NAME}-{args.version}"
    model.meta = {"name": MODEL_NAME, "version": args.version, "trained": dt.date.today().isoformat(),
                  "train_documents": len(train), "dev_documents": len(dev), "classes": list(CLASSES),
                  "estimator": f"per-class LogisticRegression(C={candidate.c_}) on char 1-4-gram TF-IDF of the "
                               "title and first 1,500 characters + cue features; Platt calibration"}
    model.save(folder)
    shipped = DocTypeModel.load(folder)
    right = sum(shipped.predict(None, text)[0] == label for text, label, _ in dev)
    right_fragments = sum(shipped.predict(None, text)[0] == label for text, label, _ in dev_fragments)
    model.meta["dev_accuracy"] = round(right / max(1, len(dev)), 4)
    model.meta["dev_fragment_accuracy"] = round(right_fragments / max(1, len(dev_fragments)), 4)
    model.meta["trained_on_fragments"] = args.fragments
    model.save(folder)
    (folder / "MODEL_CARD.md").write_text(f"""# doctype {args.version}

Which kind of document a text is (`classifiers/doctypes.py`): {', '.join(CLASSES)} ("none" = not a
submission: news, notices, commentary, rules, meeting notices, templates, tables of contents, scraps).

- Trained {model.meta['trained']} by `python scripts/train_doctype.py{' --fragments' if args.fragments else ''}` on {n_documents} documents of
  `corpora/documents/train` ({len(train)} texts with the untitled pieces); {len(dev)} held out (one in five by name, as for the reader).
- Model: {model.meta['estimator']}.
- Format: `vocab.txt` + `weights.bin` + `meta.json`, loaded by `classifiers.linear.LinearModel` without pickle.
- Dev accuracy: {right}/{len(dev)} ({right / max(1, len(dev)):.1%}); on untitled pieces of the dev documents (from a third
  and two thirds in): {right_fragments}/{len(dev_fragments)} ({right_fragments / max(1, len(dev_fragments)):.1%}).
  {"Trained on such pieces of the training documents as well." if args.fragments else ""}
  Real published pages and the blind set: docs/accuracy.md.
""", encoding="utf-8")
    print(f"dev accuracy {right}/{len(dev)}; untitled pieces of the dev documents {right_fragments}/{len(dev_fragments)}")


if __name__ == "__main__":
    main()
