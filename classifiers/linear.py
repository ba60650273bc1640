"""Linear text models that train with scikit-learn and run without it.

scikit-learn takes more than a second to import on an office PC, longer than a whole review may
take. Models are therefore trained with scikit-learn estimators and exported to a plain format —
`vocab.json` (n-gram → column), `weights.npz` (idf, coefficients, intercepts, Platt calibration,
thresholds; loaded with allow_pickle=False) and `meta.json` — which this module scores with
NumPy alone. The n-gram analyser is the same function in training and at run time, so the
features cannot drift.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

FORMAT = "sifeng-linear/1"


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3) -> list[str]:
    """Character n-grams of a text with whitespace removed (Chinese has no word spaces)."""
    chars = "".join(text.split())
    grams = []
    for n in range(n_min, n_max + 1):
        grams.extend(chars[i:i + n] for i in range(len(chars) - n + 1))
    return grams


class LinearModel:
    """A TF-IDF + dense-feature linear model with per-label Platt calibration.

    `labels` are the output columns (one for a binary scorer). `dense` computes the extra
    features from a text (the same function the trainer used); it may be None.
    """

    def __init__(self, *, vocab: dict[str, int], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, platt: np.ndarray, thresholds: np.ndarray,
                 labels: list[str], ngram_range: tuple[int, int], meta: dict,
                 dense: Optional[Callable[[str], Sequence[float]]] = None):
        self.vocab = vocab
        self.idf = idf
        self.coef = coef
        self.intercept = intercept
        self.platt = platt
        self.thresholds = thresholds
        self.labels = labels
        self.ngram_range = ngram_range
        self.meta = meta
        self.dense = dense
        self._n_sparse = len(idf)

    # -- scoring ---------------------------------------------------------------------------

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column indices and values of the TF-IDF part (sublinear tf, l2-normalised), and the
        dense part."""
        counts: dict[int, int] = {}
        vocab = self.vocab
        for gram in char_ngrams(text, *self.ngram_range):
            index = vocab.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if counts:
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (1.0 + np.log(tf)) * self.idf[cols]
            norm = math.sqrt(float(values @ values))
            if norm:
                values /= norm
        else:
            cols, values = np.zeros(0, dtype=np.int64), np.zeros(0)
        dense = np.asarray(self.dense(text) if self.dense else [], dtype=np.float64)
        return cols, values, dense

    def decision(self, text: str) -> np.ndarray:
        """Raw linear scores, one per label."""
        cols, values, dense = self.features(text)
        score = values @ self.coef[cols] + self.intercept
        if dense.size:
            score = score + dense @ self.coef[self._n_sparse:]
        return score

    def proba(self, text: str) -> np.ndarray:
        """Calibrated probabilities, one per label."""
        z = self.decision(text)
        return 1.0 / (1.0 + np.exp(self.platt[:, 0] * z + self.platt[:, 1]))

    def explain(self, text: str, label: int = 0, top: int = 3) -> list[str]:
        """The phrases of `text` that pushed the score of `label` up most.

        Each n-gram's positive contribution is spread over the characters it covers; runs of
        characters carrying a large share of the strongest one are the phrases.
        """
        cols, values, _ = self.features(text)
        if not cols.size:
            return []
        chars = "".join(text.split())
        weights = values * self.coef[cols, label]
        reverse = self._reverse_vocab()
        per_char = np.zeros(len(chars))
        for col, weight in zip(cols.tolist(), weights.tolist()):
            if weight <= 0:
                continue
            gram = reverse[col]
            start = chars.find(gram)
            while start >= 0:
                per_char[start:start + len(gram)] += weight / len(gram)
                start = chars.find(gram, start + 1)
        if not per_char.any():
            return []
        strong = per_char >= 0.35 * per_char.max()
        runs, start = [], None
        for index, flag in enumerate(list(strong) + [False]):
            if flag and start is None:
                start = index
            elif not flag and start is not None:
                runs.append((float(per_char[start:index].sum()), chars[start:index]))
                start = None
        runs = [r for r in runs if len(r[1]) >= 2] or runs
        return [phrase for _, phrase in sorted(runs, reverse=True)[:top]]

    def _reverse_vocab(self) -> dict[int, str]:
        if not hasattr(self, "_reverse"):
            self._reverse = {index: gram for gram, index in self.vocab.items()}
        return self._reverse

    # -- persistence -----------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(folder / "weights.npz", idf=self.idf, coef=self.coef,
                            intercept=self.intercept, platt=self.platt, thresholds=self.thresholds)
        meta = {**self.meta, "format": FORMAT, "labels": self.labels,
                "ngram_range": list(self.ngram_range)}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, dense: Optional[Callable[[str], Sequence[float]]] = None) -> "LinearModel":
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder}: 不是 sifeng 线性模型（format={meta.get('format')!r}）")
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
            weights = {key: arrays[key] for key in arrays.files}
        return cls(vocab=vocab, idf=weights["idf"], coef=weights["coef"], intercept=weights["intercept"],
                   platt=weights["platt"], thresholds=weights["thresholds"], labels=meta["labels"],
                   ngram_range=tuple(meta["ngram_range"]), meta=meta, dense=dense)


def platt_fit(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling parameters (a, b) with p = 1 / (1 + exp(a·z + b)), fitted on held-out
    decision values (Platt 1999, with his target smoothing)."""
    from scipy.optimize import minimize

    positives = float(y.sum())
    negatives = float(len(y) - positives)
    targets = np.where(y == 1, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(params: np.ndarray) -> float:
        a, b = params
        z = a * decision + b
        # log(1 + exp(z)) computed stably
        return float(np.sum(np.logaddexp(0, z) - (1 - targets) * z))

    result = minimize(loss, x0=np.array([-1.0, 0.0]), method="L-BFGS-B")
    return float(result.x[0]), float(result.x[1])
