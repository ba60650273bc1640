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


def _documents(split: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted((CORPUS / "review").glob("*.json")):
        if is_dev(path.stem) != (split == "dev"):
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        document = docparse.parse(CORPUS / truth["file"])
        out.append((opening(document.metadata.title, document.text), truth["doc_type"] or "none"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    args = parser.parse_args()
    train, dev = _documents("train"), _documents("dev")
    # One column per submission type; the candidate's extra (gate) column then says "a submission".
    Y = np.array([[int(label == c) for c in TYPES] for _, label in train])
    candidate = LinearCandidate("doctype", words=False, cs=(4, 16, 64), verbose=False).fit([t for t, _ in train], Y)
    model = candidate.export(list(TYPES) + ["submission"])
    folder = REPO / "models" / f"{MODEL_NAME}-{args.version}"
    model.meta = {"name": MODEL_NAME, "version": args.version, "trained": dt.date.today().isoformat(),
                  "train_documents": len(train), "dev_documents": len(dev), "classes": list(CLASSES),
                  "estimator": f"per-class LogisticRegression(C={candidate.c_}) on char 1-4-gram TF-IDF of the "
                               "title and first 1,500 characters + cue features; Platt calibration"}
    model.save(folder)
    shipped = DocTypeModel.load(folder)
    right = sum(shipped.predict(None, text)[0] == label for text, label in dev)
    model.meta["dev_accuracy"] = round(right / max(1, len(dev)), 4)
    model.save(folder)
    (folder / "MODEL_CARD.md").write_text(f"""# doctype {args.version}

Which kind of document a text is (`classifiers/doctypes.py`): {', '.join(CLASSES)} ("none" = not a
submission: news, notices, commentary, rules, meeting notices, templates, tables of contents, scraps).

- Trained {model.meta['trained']} by `python scripts/train_doctype.py` on {len(train)} documents of
  `corpora/documents/train`; {len(dev)} held out (one in five by name, as for the reader).
- Model: {model.meta['estimator']}.
- Format: `vocab.json` + `weights.bin` + `meta.json`, loaded by `classifiers.linear.LinearModel` without pickle.
- Dev accuracy: {right}/{len(dev)} ({right / max(1, len(dev)):.1%}). Real published pages and the blind set:
  docs/accuracy.md.
""", encoding="utf-8")
    print(f"dev accuracy {right}/{len(dev)}")


if __name__ == "__main__":
    main()
