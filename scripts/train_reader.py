"""Train the learned document reader (sifeng/reader.py) on the invented document corpus and ship
it as models/reader-<version>/ with a card. Units are labelled problem / measure / other by
matching them to each document's truth (review/*.json). One document in five (by name) is held
out as dev and never trained on; the script prints item precision and recall on it for the
learned reader and for the rules alone.

    python corpora/documents/build.py --root corpora/documents/train   # render the documents first
    python scripts/train_reader.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import docparse  # noqa: E402
from scripts.evaluate_review import norm, same_item  # noqa: E402
from sifeng import reader as R  # noqa: E402
from sifeng.understand import understand  # noqa: E402

CORPUS = REPO / "corpora" / "documents" / "train"


def is_dev(name: str) -> bool:
    return zlib.crc32(name.encode()) % 5 == 0


def _label(unit_text: str, truth: dict) -> str:
    if any(same_item(p["text"], unit_text) for p in truth["problems"]):
        return "P"
    if any(same_item(m["text"], unit_text) for m in truth["measures"]):
        return "M"
    # A paragraph holding several items (a problem, then measures run on with 同时/此外) takes the
    # role that covers most of it; the paragraph segmenter (sifeng/segment.py) then cuts it.
    unit = norm(unit_text)
    covered = {role: sum(len(norm(i["text"])) for i in truth[key] if len(norm(i["text"])) >= 6 and norm(i["text"]) in unit)
               for role, key in (("P", "problems"), ("M", "measures"))}
    best = max(covered, key=covered.get)
    return best if covered[best] >= 0.4 * len(unit) else "O"


def sequences(names: list[Path], gate) -> tuple[list, list]:
    xs, ys = [], []
    for path in names:
        truth = json.loads(path.read_text(encoding="utf-8"))
        document = docparse.parse(CORPUS / truth["file"])
        found = R.units(document)
        R.rule_roles(found, understand(document))
        xs.append(R.featurise(document, found, gate))
        ys.append([_label(u.text, truth) for u in found])
    return xs, ys


def main() -> None:
    from classifiers.fourstyles import default_classifier

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.05)
    args = parser.parse_args()
    styles = default_classifier()
    gate = (lambda text: styles.model.proba(text)[-1]) if hasattr(styles, "model") else None
    truths = sorted((CORPUS / "review").glob("*.json"))
    train = [p for p in truths if not is_dev(p.stem)]
    dev = [p for p in truths if is_dev(p.stem)]
    started = time.perf_counter()
    xs, ys = sequences(train, gate)
    folder = REPO / "models" / f"{R.MODEL_NAME}-{args.version}"
    folder.mkdir(parents=True, exist_ok=True)
    reader = R.BlockReader(args.c1, args.c2).fit_sequences(xs, ys, folder / "model.crfsuite")
    seconds = time.perf_counter() - started
    dx, dy = sequences(dev, gate)
    scores = {}
    for name, predict in (("learned", reader.tag), ("rules", None)):
        tp = {"P": 0, "M": 0}
        fp = {"P": 0, "M": 0}
        fn = {"P": 0, "M": 0}
        for k, (x, y) in enumerate(zip(dx, dy)):
            got = predict(x) if predict else [f[next(i for i, v in enumerate(f) if v.startswith("rule="))][5:]
                                              for f in x]
            for g, p in zip(y, got):
                for role in ("P", "M"):
                    tp[role] += g == role and p == role
                    fp[role] += g != role and p == role
                    fn[role] += g == role and p != role
        scores[name] = {role: (tp[role] / max(1, tp[role] + fp[role]), tp[role] / max(1, tp[role] + fn[role]))
                        for role in ("P", "M")}
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in train)).hexdigest()[:16]
    table = "\n".join(["| reader | problems P / R | measures P / R |", "| --- | --- | --- |"] + [
        f"| {name} | {s['P'][0]:.3f} / {s['P'][1]:.3f} | {s['M'][0]:.3f} / {s['M'][1]:.3f} |"
        for name, s in scores.items()])
    meta = {"name": R.MODEL_NAME, "version": args.version, "format": "crfsuite", "c1": args.c1, "c2": args.c2,
            "trained": dt.date.today().isoformat(), "train_docs": len(train), "dev_docs": len(dev),
            "train_sha256": digest, "dev_units": scores, "seconds": round(seconds, 1)}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    card = f"""# reader-{args.version}

The learned document reader (`sifeng/reader.py`): a linear-chain CRF (CRFsuite, L1 {args.c1}, L2 {args.c2})
over the units of a document (blocks, 一是/二是 clauses, the two halves of a 问题…整改措施 paragraph, table
cells) saying problem / measure / other, with the rule reader's decision, the section heading's words and
kind, numbering, table column, cue words, deadline/owner presence and the four-styles problem gate as features.

- Trained {meta['trained']} on {len(train)} documents of `corpora/documents/train` (sha256 {digest}…) in
  {seconds:.0f} s; {len(dev)} documents of the same corpus (one in five by name) held out as dev.
- File: `model.crfsuite` (CRFsuite's own format, no pickle); runtime needs `python-crfsuite`.
- Dev, per unit (matching units to the truth items):

{table}

Whole-document figures (items matched to the truth, flags, verdicts) on dev, on the older document sets and
on the blind set are in docs/accuracy.md.
"""
    (folder / "README.md").write_text(card, encoding="utf-8")
    print(card)


if __name__ == "__main__":
    main()
