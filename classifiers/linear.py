"""Linear text models that train with scikit-learn and run on the standard library alone.

scikit-learn takes more than a second to import on an office PC and NumPy a tenth of one, both
longer than a review of one document may take. Models are therefore trained with scikit-learn
estimators and exported to a plain format — `vocab.txt` (the n-grams, one a line, in column order;
older models have `vocab.json`, n-gram → column), `weights.bin` (IDF,
coefficients, intercepts, Platt calibration and thresholds as little-endian float64, shapes in
`meta.json`) — which this module scores with `array` and `math`. The n-gram analyser is the same
function in training and at run time, so the features cannot drift.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import sys
from array import array
from pathlib import Path
from typing import Callable, Optional, Sequence

FORMAT = "sifeng-linear/2"


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3) -> list[str]:
    """Character n-grams of a text with whitespace removed (Chinese has no word spaces)."""
    chars = "".join(text.split())
    grams = []
    for n in range(n_min, n_max + 1):
        grams.extend(chars[i:i + n] for i in range(len(chars) - n + 1))
    return grams


def _floats(values) -> array:
    """Any flat sequence of numbers (a NumPy array from training, a list) as array('d'). An
    array('d') (a slice of a loaded weights.bin) is taken as it is: converting millions of
    coefficients one by one took most of a fresh review's start-up."""
    if isinstance(values, array) and values.typecode == "d":
        return values
    flat = values.reshape(-1).tolist() if hasattr(values, "reshape") else list(values)
    return array("d", (float(v) for v in flat))


class LinearModel:
    """A TF-IDF + dense-feature linear model with per-label Platt calibration.

    `coef` has one row per feature (the TF-IDF columns, then the dense ones) and one column per
    label; `labels` are the output columns (one for a binary scorer). `dense` computes the extra
    features from a text (the same function the trainer used); it may be None.
    """

    def __init__(self, *, vocab: dict[str, int], idf, coef, intercept, platt, thresholds,
                 labels: list[str], ngram_range: tuple[int, int], meta: dict,
                 dense: Optional[Callable[[str], Sequence[float]]] = None):
        self.vocab = vocab
        self.labels = labels
        self.n_labels = len(labels)
        self.idf = _floats(idf)
        self.coef = _floats(coef)
        self.intercept = list(_floats(intercept))
        flat_platt = list(_floats(platt))
        self.platt = [(flat_platt[2 * k], flat_platt[2 * k + 1]) for k in range(self.n_labels)]
        self.thresholds = list(_floats(thresholds))
        self.ngram_range = tuple(ngram_range)
        self.meta = meta
        self.dense = dense
        self._n_sparse = len(self.idf)
        # One column per label, so that a score is a single C-level sum over the text's n-grams.
        width = self.n_labels
        self._columns = [self.coef[label::width] for label in range(width)]

    # -- scoring ---------------------------------------------------------------------------

    def features(self, text: str) -> tuple[dict[int, float], list[float]]:
        """TF-IDF values by column (sublinear tf, l2-normalised) and the dense features."""
        counts: dict[int, int] = {}
        vocab = self.vocab
        for gram in char_ngrams(text, *self.ngram_range):
            index = vocab.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        idf = self.idf
        values = {index: (1.0 + math.log(tf)) * idf[index] for index, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        if norm:
            values = {index: v / norm for index, v in values.items()}
        dense = [float(v) for v in self.dense(text)] if self.dense else []
        return values, dense

    def decision(self, text: str) -> list[float]:
        """Raw linear scores, one per label."""
        values, dense = self.features(text)
        indexes = list(values) + [self._n_sparse + k for k in range(len(dense))]
        weights = list(values.values()) + dense
        return [intercept + sum(map(operator.mul, weights, map(column.__getitem__, indexes)))
                for intercept, column in zip(self.intercept, self._columns)]

    def proba(self, text: str) -> list[float]:
        """Calibrated probabilities, one per label."""
        out = []
        for z, (a, b) in zip(self.decision(text), self.platt):
            t = a * z + b
            out.append(1.0 / (1.0 + math.exp(t)) if t < 700 else 0.0)
        return out

    def explain(self, text: str, label: int = 0, top: int = 3) -> list[str]:
        """The phrases of `text` that pushed the score of `label` up most.

        Each n-gram's positive contribution is spread over the characters it covers; runs of
        characters carrying a large share of the strongest one are the phrases.
        """
        values, _ = self.features(text)
        if not values:
            return []
        chars = "".join(text.split())
        reverse = {self.vocab[g]: g for g in char_ngrams(text, *self.ngram_range) if g in self.vocab}
        per_char = [0.0] * len(chars)
        for col, value in values.items():
            weight = value * self.coef[col * self.n_labels + label]
            if weight <= 0:
                continue
            gram = reverse[col]
            start = chars.find(gram)
            while start >= 0:
                for k in range(start, start + len(gram)):
                    per_char[k] += weight / len(gram)
                start = chars.find(gram, start + 1)
        strongest = max(per_char, default=0.0)
        if strongest <= 0:
            return []
        runs, start = [], None
        for index, value in enumerate(per_char + [0.0]):
            flag = value >= 0.35 * strongest and index < len(per_char)
            if flag and start is None:
                start = index
            elif not flag and start is not None:
                runs.append((sum(per_char[start:index]), start, index))
                start = None
        phrases: list[str] = []
        for _, start, end in sorted(runs, reverse=True):
            phrase = _readable(chars, start, end)
            if len(phrase) >= 2 and phrase not in phrases:
                phrases.append(phrase)
            if len(phrases) == top:
                break
        return phrases

    # -- persistence -----------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        write_vocab(folder, self.vocab)
        weights = array("d")
        for part in (self.idf, self.coef, self.intercept, [v for pair in self.platt for v in pair], self.thresholds):
            weights.extend(part)
        if sys.byteorder == "big":
            weights.byteswap()
        (folder / "weights.bin").write_bytes(weights.tobytes())
        shapes = {"features": self._n_sparse, "rows": len(self.coef) // self.n_labels, "labels": self.n_labels}
        meta = {**self.meta, "format": FORMAT, "labels": self.labels, "ngram_range": list(self.ngram_range),
                "shapes": shapes}
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, dense: Optional[Callable[[str], Sequence[float]]] = None) -> "LinearModel":
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder}: 不是 sifeng 线性模型（format={meta.get('format')!r}）")
        vocab = read_vocab(folder)
        weights = array("d")
        weights.frombytes((folder / "weights.bin").read_bytes())
        if sys.byteorder == "big":
            weights.byteswap()
        shapes = meta["shapes"]
        n, rows, width = shapes["features"], shapes["rows"], shapes["labels"]
        cuts = [n, n + rows * width, n + rows * width + width, n + rows * width + 3 * width,
                n + rows * width + 4 * width]
        if len(weights) != cuts[-1]:
            raise ValueError(f"{folder}: weights.bin 的长度与 meta.json 不符，模型文件不完整")
        return cls(vocab=vocab, idf=weights[:cuts[0]], coef=weights[cuts[0]:cuts[1]],
                   intercept=weights[cuts[1]:cuts[2]], platt=weights[cuts[2]:cuts[3]],
                   thresholds=weights[cuts[3]:cuts[4]], labels=meta["labels"],
                   ngram_range=tuple(meta["ngram_range"]), meta=meta, dense=dense)


def write_vocab(folder: Path, vocab: dict[str, int]) -> None:
    """`vocab.txt`: the n-grams one a line, line k holding column k. An n-gram never holds a line
    break (`char_ngrams` drops whitespace), and reading lines back is three times faster than
    decoding the same vocabulary as JSON — a third of a fresh review's start-up went there."""
    grams = sorted(vocab, key=vocab.__getitem__)
    if [vocab[g] for g in grams] != list(range(len(grams))) or any("\n" in g or "\r" in g for g in grams):
        raise ValueError("词表的列号必须从 0 连续编号，且 n 元组中不能有换行")
    (folder / "vocab.txt").write_text("\n".join(grams), encoding="utf-8", newline="\n")
    (folder / "vocab.json").unlink(missing_ok=True)


def read_vocab(folder: Path) -> dict[str, int]:
    """The vocabulary of a saved model: `vocab.txt`, or the older `vocab.json`."""
    lines = folder / "vocab.txt"
    if lines.exists():
        text = lines.read_text(encoding="utf-8")
        grams = text.split("\n") if text else []
        return dict(zip(grams, range(len(grams))))
    return json.loads((folder / "vocab.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def latest_scorer(name: str) -> Optional["LinearModel"]:
    """The newest shipped `models/<name>-*` binary scorer with the four-styles cue features as its
    dense part (measureness, focus), loaded once; None when none ships."""
    from .fourstyles import cue_features
    from .hollowness import latest_model

    try:
        return LinearModel.load(latest_model(name), dense=cue_features)
    except (FileNotFoundError, OSError):
        return None


def score_first(name: str, text: str) -> Optional[float]:
    """The probability `latest_scorer(name)` gives `text` (its first 400 characters, in simplified script:
    the models learned simplified text, and a mirror's 關心幫助學生不夠 is the same sentence), None without
    the model."""
    from .normalise import to_simplified

    model = latest_scorer(name)
    return model.proba(to_simplified(text[:400]))[0] if model is not None else None


def platt_fit(decision, y) -> tuple[float, float]:
    """Platt scaling parameters (a, b) with p = 1 / (1 + exp(a·z + b)), fitted on held-out
    decision values (Platt 1999, with his target smoothing)."""
    import numpy as np
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


_BOUNDARY = set("，。；：、！？,.;:!?（）()“”‘’《》【】\"' ")


def _readable(chars: str, start: int, end: int, widest: int = 16) -> str:
    """The run `chars[start:end]` widened to what a reviewer can read: its clause (between
    punctuation) when the clause is short, else the run grown by up to four characters each way
    without crossing punctuation — never a lone fragment such as “者、者”."""
    left = start
    while left > 0 and chars[left - 1] not in _BOUNDARY:
        left -= 1
    right = end
    while right < len(chars) and chars[right] not in _BOUNDARY:
        right += 1
    if right - left <= widest:
        return chars[left:right]
    left, right = max(left, start - 4), min(right, end + 4)
    return chars[left:right].strip("".join(_BOUNDARY))
