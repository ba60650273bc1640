"""Train the paragraph segmenter (sifeng/segment.py) on the invented document corpus and ship it as
models/segmenter-<version>/ with a card. Each piece of a paragraph of two or more sentences is
labelled by the truth item (review/*.json) that contains it: P or M when it opens the item, Pc or
Mc when the piece before it in the same paragraph belongs to the same item, O otherwise. The first
pass (rule reader + learned block reader) runs as in `sifeng review`, so its decisions are features.
The same documents as scripts/train_reader.py are held out as dev (one in five by name); the script
prints whole-document item precision and recall on them with and without the segmenter.

    python scripts/train_segmenter.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import docparse  # noqa: E402
from scripts.evaluate_review import match, norm, same_item  # noqa: E402
from scripts.train_reader import CORPUS, is_dev  # noqa: E402
from sifeng import segment as S  # noqa: E402
from sifeng.reader import default_reader, read_items  # noqa: E402
from sifeng.review import drop_fragments  # noqa: E402
from sifeng.understand import understand  # noqa: E402


def truth_tags(pieces: list[S.Piece], truth: dict) -> list[str]:
    items = [("P", norm(p["text"])) for p in truth["problems"]] + [("M", norm(m["text"])) for m in truth["measures"]]
    tags, owners = [], []
    for piece in pieces:
        core = norm(piece.text)
        owner = None
        if core:
            owner = next((k for k, (_, t) in enumerate(items) if core in t), None)
            if owner is None:
                owner = next((k for k, (_, t) in enumerate(items) if same_item(t, core)), None)
        same = owner is not None and owners and owners[-1] == (piece.block, owner)
        owners.append((piece.block, owner) if owner is not None else None)
        tags.append("O" if owner is None else items[owner][0] + ("c" if same else ""))
    return tags


def first_pass(path: Path, reader, gate):
    document = docparse.parse(path)
    u = understand(document)
    if reader is not None:
        read_items(document, u, reader, gate)
    return document, u


def sequences(truths: list[Path], reader, gate):
    xs, ys, docs = [], [], []
    for path in truths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        document, u = first_pass(CORPUS / truth["file"], reader, gate)
        pieces = S.document_pieces(document, u)
        docs.append((truth, document, u))
        if not pieces:
            continue
        xs.append(S.featurise(document, pieces, gate))
        ys.append(truth_tags(pieces, truth))
    return xs, ys, docs


def item_scores(docs, segmenter, gate, threshold: float = S.THRESHOLD) -> dict:
    tp = {"P": 0, "M": 0}
    nf = {"P": 0, "M": 0}
    nt = {"P": 0, "M": 0}
    for truth, document, u in docs:
        u = copy.deepcopy(u)
        if segmenter is not None:
            S.regroup(document, u, segmenter, gate, threshold)
        drop_fragments(u)
        for role, found, want in (("P", u.problems, truth["problems"]), ("M", u.measures, truth["measures"])):
            pairs = match([t["text"] for t in want], [f.text for f in found])
            tp[role] += len(pairs)
            nf[role] += len(found)
            nt[role] += len(want)
    return {r: (tp[r] / max(1, nf[r]), tp[r] / max(1, nt[r])) for r in ("P", "M")}


def main() -> None:
    from classifiers.fourstyles import default_classifier

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--thresholds", type=float, nargs="*", default=[],
                        help="also print dev figures at these marginal thresholds (0 = the segmenter's tags as they are)")
    args = parser.parse_args()
    styles = default_classifier()
    gate = (lambda text: styles.model.proba(text)[-1]) if hasattr(styles, "model") else None
    reader = default_reader()
    truths = sorted((CORPUS / "review").glob("*.json"))
    train = [p for p in truths if not is_dev(p.stem)]
    dev = [p for p in truths if is_dev(p.stem)]
    started = time.perf_counter()
    xs, ys, _ = sequences(train, reader, gate)
    folder = REPO / "models" / f"{S.MODEL_NAME}-{args.version}"
    folder.mkdir(parents=True, exist_ok=True)
    segmenter = S.Segmenter(args.c1, args.c2).fit_sequences(xs, ys, folder / "model.crfsuite")
    seconds = time.perf_counter() - started
    counts = {t: sum(y.count(t) for y in ys) for t in S.TAGS}
    scores = {}
    _, _, docs = sequences(dev, reader, gate)
    scores["first pass only"] = item_scores(docs, None, gate)
    for threshold in sorted(set(args.thresholds) | {S.THRESHOLD}):
        scores[f"with the segmenter (marginal ≥ {threshold})"] = item_scores(docs, segmenter, gate, threshold)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in train)).hexdigest()[:16]
    table = "\n".join(["| reading | problems P / R | measures P / R |", "| --- | --- | --- |"] + [
        f"| {name} | {s['P'][0]:.3f} / {s['P'][1]:.3f} | {s['M'][0]:.3f} / {s['M'][1]:.3f} |"
        for name, s in scores.items()])
    meta = {"name": S.MODEL_NAME, "version": args.version, "format": "crfsuite", "c1": args.c1, "c2": args.c2,
            "trained": dt.date.today().isoformat(), "train_docs": len(train), "dev_docs": len(dev),
            "train_pieces": counts, "train_sha256": digest, "dev_items": scores, "seconds": round(seconds, 1)}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    card = f"""# segmenter-{args.version}

The paragraph segmenter (`sifeng/segment.py`): a linear-chain CRF (CRFsuite, L1 {args.c1}, L2 {args.c2}) over
the pieces (sentences, 一是/二是 clauses) of every paragraph of two or more pieces, tagging each as a problem or
measure that starts an item (P, M), one that continues the item of the piece before it (Pc, Mc), or other (O).
Features: what the first pass (rule reader and block reader) made of the piece, connectives (同时, 此外, 对此,
究其原因 …), cue words, deadline/owner presence, the measure-ness score and the four-styles problem gate.

- Trained {meta['trained']} on the pieces of {len(train)} documents of `corpora/documents/train` (sha256 {digest}…)
  in {seconds:.0f} s; tags {counts}. {len(dev)} documents held out as dev (the reader's dev split).
- File: `model.crfsuite` (CRFsuite's own format, no pickle).
- Dev, whole-document items matched to the truth:

{table}
"""
    (folder / "README.md").write_text(card, encoding="utf-8")
    print(card)


if __name__ == "__main__":
    main()
