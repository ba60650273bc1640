"""Train the look-back tracker's two models (sifeng/tracking.py) on corpora/tracking/train, holding out one
pair in five, and ship them as models/tracking-<version>/ with a model card.

    python scripts/train_tracking.py [--version 0.1.0] [--threshold 0.5]

- linker: binary logistic regression over (plan measure, report sentence) pair features; a sentence is
  positive when it carries the gold evidence of the measure.
- status: multinomial logistic regression over the evidence sentence's bigrams and cues; classes done,
  done_late, in_progress, unsupported_claim (not_reported is “no linked sentence”).
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

from classifiers.sparse_lr import SparseLogistic  # noqa: E402
from scripts.tracking_data import evidence_in, load_pairs  # noqa: E402
from sifeng.tracking import MODEL_NAME, _core, following_sentence, link_features, report_sentences, status_features  # noqa: E402


def training_rows(pairs):
    link_rows, link_y, status_rows, status_y = [], [], [], []
    for pair in pairs:
        sentences = report_sentences(pair.report)
        if not sentences or not pair.match:
            continue
        gold = pair.gold["measures"]
        matched = [(g, pair.measures[k]) for g, k in pair.match.items()]
        rows = link_features([m for _, m in matched], sentences)
        for (g, m), row in zip(matched, rows):
            evidence = gold[g].get("evidence")
            for s, f in zip(sentences, row):
                hit = evidence_in(s.text, evidence)
                link_rows.append(f)
                link_y.append("1" if hit else "0")
                if hit:
                    status_rows.append(status_features(s.text, gold[g].get("due") and str(gold[g]["due"]),
                                                       str(pair.gold["report_date"]), _core(m.text),
                                                       following_sentence(sentences, s)))
                    status_y.append(gold[g]["status"])
    return link_rows, link_y, status_rows, status_y


def fit(pairs, threshold: float = 0.5, share: float = 0.0):
    """Both models trained on `pairs` (in memory)."""
    from sifeng.tracking import TrackingModels

    link_rows, link_y, status_rows, status_y = training_rows(pairs)
    linker = SparseLogistic.fit(link_rows, link_y, C=1.0, class_weight="balanced")
    status = SparseLogistic.fit(status_rows, status_y, C=1.0)
    return TrackingModels(linker, status, threshold, share), (link_y, status_y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--all", action="store_true", help="train on every training pair (no dev held out)")
    args = parser.parse_args()
    started = time.perf_counter()
    pairs = load_pairs("all" if args.all else "train")
    models, (link_y, status_y) = fit(pairs, args.threshold)
    linker, status = models.linker, models.status
    folder = REPO / "models" / f"{MODEL_NAME}-{args.version}"
    folder.mkdir(parents=True, exist_ok=True)
    linker.save(folder / "linker.json")
    status.save(folder / "status.json")
    counts = {s: status_y.count(s) for s in sorted(set(status_y))}
    meta = {"name": MODEL_NAME, "version": args.version, "trained": dt.date.today().isoformat(),
            "pairs": [p.name for p in pairs], "link_pairs": len(link_y), "link_positive": link_y.count("1"),
            "status_examples": counts, "link_threshold": args.threshold,
            "seconds": round(time.perf_counter() - started, 1)}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in meta.items() if k != "pairs"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
