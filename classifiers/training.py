"""Training for the shipped models, used by the scripts in scripts/ and by `sifeng train`.

scikit-learn and SciPy are needed here only (the `train` extra); the models it produces run
without them (classifiers.linear). Everything is seeded, so a retrain on the same data gives the
same model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Optional

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, cross_val_predict

from .normalise import normalise
from .fourstyles import MODEL_NAME as STYLES_NAME
from .fourstyles import cue_features, labels
from .hollowness import FEATURE_NAMES, MODEL_NAME as HOLLOW_NAME
from .hollowness import cue_features as hollow_features
from .hollowness import mask
from .linear import LinearModel, char_ngrams, platt_fit

SEED = 7
GATE = "问题"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---- four styles ---------------------------------------------------------------------------

def char_analyzer(text: str) -> list[str]:
    return char_ngrams(text, 1, 4)


def word_analyzer(text: str) -> list[str]:
    import jieba

    words = [w for w in jieba.lcut(text) if w.strip()]
    return words + [a + "_" + b for a, b in zip(words, words[1:])]


class LinearCandidate:
    """One logistic regression per label over TF-IDF (+ optional word TF-IDF) + cue features."""

    def __init__(self, name: str = "char", words: bool = False, cs: tuple = (2, 4, 8, 16, 32),
                 verbose: bool = True):
        self.name = name
        self.words = words
        self.cs = cs
        self.verbose = verbose

    def _matrix(self, texts: list[str], fit: bool = False) -> sparse.csr_matrix:
        # The same canonical form as at run time (classifiers/normalise.py).
        texts = [normalise(t) for t in texts]
        if fit:
            self.char_ = TfidfVectorizer(analyzer=char_analyzer, sublinear_tf=True, min_df=2)
            self.char_.fit(texts)
            if self.words:
                self.word_ = TfidfVectorizer(analyzer=word_analyzer, sublinear_tf=True, min_df=2)
                self.word_.fit(texts)
        parts = [self.char_.transform(texts)]
        if self.words:
            parts.append(self.word_.transform(texts))
        parts.append(sparse.csr_matrix(np.array([cue_features(t) for t in texts])))
        return sparse.hstack(parts).tocsr()

    def fit(self, texts: list[str], Y: np.ndarray, groups: Optional[list] = None) -> "LinearCandidate":
        # A fifth output says whether the sentence admits a problem at all; labels count only
        # when it does (exhortations and root causes share the styles' vocabulary).
        Y = np.column_stack([Y, Y.max(axis=1)])
        X = self._matrix(texts, fit=True)
        # Texts cut from one document (its pieces, its copies in a web page's chrome) stay in one
        # fold, or the out-of-fold scores that calibrate the model would have seen their twins.
        folds = list(GroupKFold(n_splits=5).split(X, groups=groups) if groups is not None
                     else KFold(n_splits=5, shuffle=True, random_state=SEED).split(X))
        best = None
        for c in self.cs:
            oof = self._oof(X, Y, folds, c)
            f1 = np.mean([_best_f1(oof[:, k], Y[:, k])[1] for k in range(Y.shape[1])])
            if self.verbose:
                print(f"  {self.name} C={c}: out-of-fold macro-F1 {f1:.3f}")
            if best is None or f1 > best[1]:
                best = (c, f1, oof)
        self.c_, self.cv_f1_, oof = best
        self.platt_ = np.array([platt_fit(oof[:, k], Y[:, k]) for k in range(Y.shape[1])])
        calibrated = 1 / (1 + np.exp(self.platt_[:, 0] * oof + self.platt_[:, 1]))
        self.thresholds_ = np.array([_best_f1(calibrated[:, k], Y[:, k])[0] for k in range(Y.shape[1])])
        self.thresholds_[-1] = _best_gate(calibrated, Y, self.thresholds_)
        self.models_ = [LogisticRegression(C=self.c_, max_iter=5000, random_state=SEED).fit(X, Y[:, k])
                        for k in range(Y.shape[1])]
        return self

    def _oof(self, X, Y, folds, c) -> np.ndarray:
        oof = np.zeros(Y.shape, dtype=float)
        for k in range(Y.shape[1]):
            for train_idx, test_idx in folds:
                model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
                model.fit(X[train_idx], Y[train_idx, k])
                oof[test_idx, k] = model.decision_function(X[test_idx])
        return oof

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        X = self._matrix(texts)
        z = np.column_stack([m.decision_function(X) for m in self.models_])
        return 1 / (1 + np.exp(self.platt_[:, 0] * z + self.platt_[:, 1]))

    def predict(self, texts: list[str]) -> list[list[str]]:
        return _labels(self.predict_proba(texts), self.thresholds_)

    def export(self, names: Optional[list[str]] = None) -> LinearModel:
        """The fitted model in the shipping format; `names` are its output columns (default: the
        four styles and the gate)."""
        vocab = {gram: int(i) for gram, i in self.char_.vocabulary_.items()}
        coef = np.column_stack([m.coef_[0] for m in self.models_])
        intercept = np.array([m.intercept_[0] for m in self.models_])
        return LinearModel(vocab=vocab, idf=self.char_.idf_.astype(float), coef=coef, intercept=intercept,
                           platt=self.platt_, thresholds=self.thresholds_, labels=names or labels() + [GATE],
                           ngram_range=(1, 4), meta={}, dense=cue_features)


def _best_f1(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The threshold on `scores` that maximises F1, and that F1."""
    best = (0.5, 0.0)
    for threshold in np.unique(np.round(scores, 3)):
        pred = scores >= threshold
        tp = float(np.sum(pred & (y == 1)))
        fp = float(np.sum(pred & (y == 0)))
        fn = float(np.sum(~pred & (y == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (float(threshold), f1)
    return best


def _labels(proba: np.ndarray, thresholds: np.ndarray) -> list[list[str]]:
    """Labels over their thresholds; with a fifth (gate) column, only where the gate passes."""
    names = labels()
    gated = proba.shape[1] > len(names)
    return [[n for n, p, t in zip(names, row, thresholds) if p >= t]
            if not gated or row[-1] >= thresholds[-1] else [] for row in proba]


def _best_gate(calibrated: np.ndarray, Y: np.ndarray, thresholds: np.ndarray) -> float:
    """The gate threshold giving the best out-of-fold macro-F1 of the four labels."""
    best = (0.5, -1.0)
    gold = [{n for n, y in zip(labels(), row[:-1]) if y} for row in Y]
    for gate in np.arange(0.2, 0.8, 0.02):
        trial = thresholds.copy()
        trial[-1] = gate
        pred = [set(p) for p in _labels(calibrated, trial)]
        f1s = []
        for n in labels():
            tp = sum(1 for g, p in zip(gold, pred) if n in g and n in p)
            fp = sum(1 for g, p in zip(gold, pred) if n not in g and n in p)
            fn = sum(1 for g, p in zip(gold, pred) if n in g and n not in p)
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        if np.mean(f1s) > best[1]:
            best = (float(gate), float(np.mean(f1s)))
    return best[0]




def style_targets(items: list[dict]) -> np.ndarray:
    return np.array([[int(n in i["labels"]) for n in labels()] for i in items])


def train_fourstyles(train: list[dict], *, cs: tuple = (2, 4, 8, 16, 32), verbose: bool = True) -> LinearCandidate:
    """The shipped kind of four-styles model, fitted on `train` items ({text, labels})."""
    return LinearCandidate("char", words=False, cs=cs, verbose=verbose).fit([i["text"] for i in train],
                                                                          style_targets(train))


def save_fourstyles(candidate: LinearCandidate, folder: Path, *, version: str, train_path: Path,
                    n_train: int, dev_report=None, dev_path: Optional[Path] = None, n_dev: int = 0,
                    seconds: float = 0.0, comparison: str = "", note: str = "") -> LinearModel:
    """Export a trained candidate to `folder` with its meta.json and model card."""
    model = candidate.export()
    model.meta = {
        "name": STYLES_NAME, "version": version, "trained": dt.date.today().isoformat(),
        "train_data": str(train_path), "train_sha256": sha256(train_path), "train_items": n_train,
        "dev_data": str(dev_path) if dev_path else None, "dev_items": n_dev, "seed": SEED,
        "estimator": f"per-label LogisticRegression(C={candidate.c_}) on char 1-4-gram TF-IDF "
                     "(sublinear, min_df=2) + cue features, and a gate output (问题) for whether the sentence "
                     "admits a problem; Platt calibration and per-label thresholds fitted on 5-fold "
                     "out-of-fold scores of train",
        "cv_macro_f1": round(float(candidate.cv_f1_), 4),
        "thresholds": [round(float(t), 3) for t in candidate.thresholds_],
        "train_seconds": round(seconds, 1),
    }
    if dev_report is not None:
        model.meta["dev"] = {"macro_f1": round(dev_report.macro_f1, 4),
                             "cue_free_macro_f1": round(dev_report.cue_free_macro_f1, 4),
                             "negatives_unlabelled": round(dev_report.negatives_unlabelled, 4),
                             "per_label": {k: {m: round(v, 4) for m, v in d.items()}
                                           for k, d in dev_report.per_label.items()}}
    model.save(folder)
    if dev_report is not None:
        (folder / "MODEL_CARD.md").write_text(style_model_card(model.meta, comparison, note), encoding="utf-8")
    return model


def style_model_card(meta: dict, comparison: str, note: str) -> str:
    rows = "\n".join(f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | {int(m['support'])} |"
                     for label, m in meta["dev"]["per_label"].items())
    return f"""# {meta['name']} {meta['version']}

Labels a problem statement with the four styles it admits (形式主义, 官僚主义, 享乐主义, 奢靡之风;
multi-label; none for sentences that are not admitted problems). See corpora/fourstyles/GUIDE.md.

- Trained: {meta['trained']} by `python scripts/train_fourstyles.py --version {meta['version']}`
  ({meta['train_seconds']} s for all candidates on 2 cores).
- Data: `{meta['train_data']}` ({meta['train_items']} items, sha256 `{meta['train_sha256'][:16]}…`).
- Model: {meta['estimator']}. Seed {meta['seed']}. Out-of-fold macro-F1 on train {meta['cv_macro_f1']}.
  Thresholds {meta['thresholds']}.
- Format: `vocab.txt` + `weights.bin` + `meta.json` (format `sifeng-linear/2`), loaded by
  `classifiers.linear.LinearModel` with the standard library: no pickle, no NumPy or scikit-learn at run time.

## Dev figures (`{meta['dev_data']}`, {meta['dev_items']} items, never trained on)

| label | precision | recall | F1 | support |
| --- | ---: | ---: | ---: | ---: |
{rows}

Macro-F1 {meta['dev']['macro_f1']}; on statements free of every taxonomy cue
{meta['dev']['cue_free_macro_f1']}; non-problem sentences left unlabelled
{meta['dev']['negatives_unlabelled']:.1%}.

## Candidates compared on the same dev set

{comparison}

{note}

## Limits

Train and dev were written by us for this project (several writers, no shared items); statements
written independently by others will differ in wording, and the held-back figures are what count.
"""




# ---- hollowness ------------------------------------------------------------------------------

def _hollow_analyzer(text: str) -> list[str]:
    return char_ngrams(text, 1, 3)


def train_hollowness(train: list[dict], *, cs: tuple = (0.5, 1, 2, 4, 8, 16), verbose: bool = True) -> tuple[LinearModel, dict]:
    """A calibrated hollowness scorer fitted on measure items ({text, ref_date, hollow})."""
    masked = [mask(i["text"], i.get("ref_date")) for i in train]
    y = np.array([int(i["hollow"]) for i in train])
    vectorizer = TfidfVectorizer(analyzer=_hollow_analyzer, sublinear_tf=True, min_df=2)
    vectorizer.fit(masked)
    dense = sparse.csr_matrix(np.array([hollow_features(t) for t in masked]))
    X = sparse.hstack([vectorizer.transform(masked), dense]).tocsr()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    from sklearn.metrics import f1_score

    best_c, best_f1 = cs[0], -1.0
    for c in cs:
        f1 = f1_score(y, cross_val_predict(LogisticRegression(C=c, max_iter=5000, random_state=SEED), X, y, cv=folds))
        if verbose:
            print(f"C={c}: cross-validated F1 {f1:.3f}")
        if f1 > best_f1:
            best_c, best_f1 = c, f1
    model = LogisticRegression(C=best_c, max_iter=5000, random_state=SEED)
    oof = cross_val_predict(model, X, y, cv=folds, method="decision_function")
    a, b = platt_fit(oof, y)
    model.fit(X, y)
    linear = LinearModel(
        vocab={gram: int(i) for gram, i in vectorizer.vocabulary_.items()}, idf=vectorizer.idf_.astype(np.float64),
        coef=model.coef_.T.astype(np.float64), intercept=model.intercept_.astype(np.float64),
        platt=np.array([[a, b]]), thresholds=np.array([0.5]), labels=["hollow"], ngram_range=(1, 3), meta={},
        dense=hollow_features)
    info = {"C": best_c, "cv_f1": round(best_f1, 4), "platt": [a, b],
            "estimator": f"LogisticRegression(C={best_c}) on char 1-3-gram TF-IDF (sublinear, min_df=2) "
                         f"+ cue features {FEATURE_NAMES}; Platt calibration on 5-fold out-of-fold scores"}
    return linear, info


def save_hollowness(linear: LinearModel, info: dict, folder: Path, *, version: str, train_path: Path,
                    n_train: int, dev: Optional[list[dict]] = None, dev_path: Optional[Path] = None,
                    seconds: float = 0.0) -> LinearModel:
    from sklearn.metrics import precision_recall_fscore_support

    linear.meta = {"name": HOLLOW_NAME, "version": version, "trained": dt.date.today().isoformat(),
                   "train_data": str(train_path), "train_sha256": sha256(train_path), "train_items": n_train,
                   "dev_data": str(dev_path) if dev_path else None, "dev_items": len(dev or []),
                   "estimator": info["estimator"], "seed": SEED, "cv_f1": info["cv_f1"], "platt": info["platt"],
                   "train_seconds": round(seconds, 1)}
    if dev:
        scores = np.array([linear.proba(mask(i["text"], i.get("ref_date")))[0] for i in dev])
        gold = np.array([int(i["hollow"]) for i in dev])
        p, r, f, _ = precision_recall_fscore_support(gold, scores >= 0.5, average="binary")
        linear.meta["dev"] = {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
                              "brier": round(float(np.mean((scores - gold) ** 2)), 4)}
    linear.save(folder)
    if dev:
        (folder / "MODEL_CARD.md").write_text(hollow_model_card(linear.meta), encoding="utf-8")
    return linear


def hollow_model_card(meta: dict) -> str:
    dev = meta["dev"]
    return f"""# {meta['name']} {meta['version']}

Scores how likely a rectification measure is hollow (a slogan with no concrete action, object,
quantity, verifiable output or frequency — domain.md §4, corpora/measures/CONVENTIONS.md §3).
0.5 means as likely hollow as not.

- Trained: {meta['trained']} by `python scripts/train_hollowness.py --version {meta['version']}`
  in {meta['train_seconds']} s on 2 cores.
- Data: `{meta['train_data']}` ({meta['train_items']} measures, sha256 `{meta['train_sha256'][:16]}…`).
- Model: {meta['estimator']}. Seed {meta['seed']}. Cross-validated F1 on train {meta['cv_f1']}.
- Format: `vocab.txt` + `weights.bin` + `meta.json` (format `sifeng-linear/2`), loaded by
  `classifiers.linear.LinearModel` with the standard library (no pickle, no NumPy or scikit-learn at run time).

## Dev figures (`{meta['dev_data']}`, {meta['dev_items']} measures, never used for training or choices)

| precision | recall | F1 | Brier score |
| ---: | ---: | ---: | ---: |
| {dev['precision']} | {dev['recall']} | {dev['f1']} | {dev['brier']} |

## Limits

The corpus is ours, written for this project; about 44% of it was assembled from short written
cores combined with owner and deadline phrasings. Measures in unusual registers (very long
narrative paragraphs, table cells of two or three characters) are under-represented.
"""




def train_binary_scorer(name: str, version: str, train: list[tuple[str, int]],
                        dev_sets: list[tuple[str, list[tuple[str, int]]]], *, positive: str, what: str,
                        use: str, folder: Path) -> str:
    """Fit a binary scorer of the sifeng-linear format (LinearCandidate: character n-grams and the
    four-styles cue features, C by 5-fold CV, Platt calibration, F1-best threshold on out-of-fold
    scores), report precision/recall/F1 on each dev set at that threshold, save it to `folder` with
    its model card, and return the card. `positive` names the positive class (“measure”,
    “unfocused”); `what` says what the score measures and `use` where it is used, for the card."""
    import time

    from sklearn.metrics import precision_recall_fscore_support

    started = time.perf_counter()
    texts, y = [t for t, _ in train], np.array([[v] for _, v in train])
    candidate = LinearCandidate(name, cs=(2, 4, 8), verbose=True).fit(texts, y)
    seconds = time.perf_counter() - started
    model = candidate.export([positive, "any"])
    rows = []
    for set_name, items in dev_sets:
        truth = np.array([v for _, v in items])
        scores = np.array([model.proba(t)[0] for t, _ in items])
        p, r, f, _ = precision_recall_fscore_support(truth, (scores >= model.thresholds[0]).astype(int),
                                                     average="binary", zero_division=0)
        rows.append(f"| {set_name} | {len(items)} | {int(truth.sum())} | {p:.3f} | {r:.3f} | {f:.3f} |")
    model.meta = {"name": name, "version": version, "trained": dt.date.today().isoformat(),
                  "train_items": len(train), f"train_{positive}": int(y.sum()), "C": candidate.c_,
                  "threshold": round(float(model.thresholds[0]), 3), "seconds": round(seconds, 1)}
    model.save(folder)
    table = "\n".join([f"| dev set | items | {positive} | precision | recall | F1 |",
                       "| --- | ---: | ---: | ---: | ---: | ---: |", *rows])
    card = f"""# {name}-{version}

{what} (scripts/train_{name}.py says what it is trained on). Logistic regression (C {candidate.c_}) over
character 1–4-gram TF-IDF and the four-styles cue features, Platt-calibrated on 5-fold out-of-fold scores;
stored in the sifeng-linear format (no pickle) and scored with the standard library. {use}

- Trained {model.meta['trained']} on {len(train)} items ({int(y.sum())} {positive}) in {seconds:.0f} s.
- Dev (never trained on), at the F1-best threshold {model.meta['threshold']}:

{table}
"""
    (folder / "README.md").write_text(card, encoding="utf-8")
    return card
