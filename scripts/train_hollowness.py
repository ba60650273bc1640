"""Train the hollowness scorer on corpora/measures/train.jsonl and ship it to models/.

Character 1–3-gram TF-IDF of the measure with its deadline and owner masked out, plus the cue
features of classifiers.hollowness; logistic regression with C chosen by 5-fold cross-validated
F1 on train; Platt calibration fitted on out-of-fold decision values so that 0.5 means as likely
hollow as not. The dev split is only scored, never used for a choice.

    python scripts/train_hollowness.py [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score, precision_recall_fscore_support  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # noqa: E402

from classifiers.hollowness import FEATURE_NAMES, MODEL_NAME, cue_features, mask  # noqa: E402
from classifiers.linear import LinearModel, char_ngrams, platt_fit  # noqa: E402

SEED = 13
DATA = REPO / "corpora" / "measures"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyzer(text: str) -> list[str]:
    return char_ngrams(text, 1, 3)


def featurise(vectorizer: TfidfVectorizer, masked: list[str]) -> sparse.csr_matrix:
    dense = sparse.csr_matrix(np.array([cue_features(t) for t in masked]))
    return sparse.hstack([vectorizer.transform(masked), dense]).tocsr()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.1.0")
    args = parser.parse_args()
    started = time.perf_counter()
    train, dev = load(DATA / "train.jsonl"), load(DATA / "dev.jsonl")
    masked = [mask(i["text"], i["ref_date"]) for i in train]
    y = np.array([int(i["hollow"]) for i in train])
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2)
    vectorizer.fit(masked)
    X = featurise(vectorizer, masked)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    best_c, best_f1 = None, -1.0
    for c in (0.5, 1, 2, 4, 8, 16):
        model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
        pred = cross_val_predict(model, X, y, cv=folds)
        f1 = f1_score(y, pred)
        print(f"C={c}: cross-validated F1 {f1:.3f}")
        if f1 > best_f1:
            best_c, best_f1 = c, f1
    model = LogisticRegression(C=best_c, max_iter=5000, random_state=SEED)
    oof = cross_val_predict(model, X, y, cv=folds, method="decision_function")
    a, b = platt_fit(oof, y)
    model.fit(X, y)
    vocab = {gram: int(i) for gram, i in vectorizer.vocabulary_.items()}
    linear = LinearModel(
        vocab=vocab, idf=vectorizer.idf_.astype(np.float64), coef=model.coef_.T.astype(np.float64),
        intercept=model.intercept_.astype(np.float64), platt=np.array([[a, b]]),
        thresholds=np.array([0.5]), labels=["hollow"], ngram_range=(1, 3), meta={}, dense=cue_features,
    )
    scores = np.array([linear.proba(mask(i["text"], i["ref_date"]))[0] for i in dev])
    gold = np.array([int(i["hollow"]) for i in dev])
    p, r, f, _ = precision_recall_fscore_support(gold, scores >= 0.5, average="binary")
    brier = float(np.mean((scores - gold) ** 2))
    digest = hashlib.sha256((DATA / "train.jsonl").read_bytes()).hexdigest()
    linear.meta = {
        "name": MODEL_NAME, "version": args.version, "trained": dt.date.today().isoformat(),
        "train_data": "corpora/measures/train.jsonl", "train_sha256": digest, "train_items": len(train),
        "dev_data": "corpora/measures/dev.jsonl", "dev_items": len(dev),
        "estimator": f"LogisticRegression(C={best_c}) on char 1-3-gram TF-IDF (sublinear, min_df=2) "
                     f"+ cue features {FEATURE_NAMES}; Platt calibration on 5-fold out-of-fold scores",
        "seed": SEED, "cv_f1": round(best_f1, 4), "platt": [a, b],
        "dev": {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
                "brier": round(brier, 4)},
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    folder = REPO / "models" / f"{MODEL_NAME}-{args.version}"
    linear.save(folder)
    (folder / "MODEL_CARD.md").write_text(model_card(linear.meta), encoding="utf-8")
    print(json.dumps(linear.meta, ensure_ascii=False, indent=2))


def model_card(meta: dict) -> str:
    dev = meta["dev"]
    return f"""# {meta['name']} {meta['version']}

Scores how likely a rectification measure is hollow (a slogan with no concrete action, object,
quantity, verifiable output or frequency — domain.md §4, corpora/measures/CONVENTIONS.md §3).
0.5 means as likely hollow as not.

- Trained: {meta['trained']} by `python scripts/train_hollowness.py --version {meta['version']}`
  in {meta['train_seconds']} s on 2 cores.
- Data: `{meta['train_data']}` ({meta['train_items']} measures, sha256 `{meta['train_sha256'][:16]}…`).
- Model: {meta['estimator']}. Seed {meta['seed']}. Cross-validated F1 on train {meta['cv_f1']}.
- Format: `vocab.json` + `weights.npz` + `meta.json` (format `sifeng-linear/1`), loaded by
  `classifiers.linear.LinearModel` with NumPy (no pickle, no scikit-learn at run time).

## Dev figures (`{meta['dev_data']}`, {meta['dev_items']} measures, never used for training or choices)

| precision | recall | F1 | Brier score |
| ---: | ---: | ---: | ---: |
| {dev['precision']} | {dev['recall']} | {dev['f1']} | {dev['brier']} |

## Limits

The corpus is ours, written for this project; about 44% of it was assembled from short written
cores combined with owner and deadline phrasings. Measures in unusual registers (very long
narrative paragraphs, table cells of two or three characters) are under-represented.
"""


if __name__ == "__main__":
    main()
