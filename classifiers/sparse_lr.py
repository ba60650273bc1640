"""Logistic regression over named features, trained with scikit-learn and scored with the standard
library: the model is a JSON file of feature → weights (one weight per class), so it loads without
pickle and without NumPy. Used where the features are few and readable (the owner ranker, the
look-back tracker's linker and status models)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable, Optional, Sequence

Features = Iterable[str] | dict[str, float]


def _items(features: Features) -> Iterable[tuple[str, float]]:
    return features.items() if isinstance(features, dict) else ((f, 1.0) for f in features)


class SparseLogistic:
    """Binary (one class column) or multinomial logistic regression over named features."""

    def __init__(self, classes: Sequence[str], weights: dict[str, list[float]], bias: Sequence[float],
                 meta: Optional[dict] = None):
        self.classes = list(classes)
        self.weights = weights
        self.bias = list(bias)
        self.meta = meta or {}

    def decision(self, features: Features) -> list[float]:
        z = list(self.bias)
        for name, value in _items(features):
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * value
        return z

    def proba(self, features: Features) -> dict[str, float]:
        z = self.decision(features)
        if len(z) == 1:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z[0]))))
            return {self.classes[-1]: p, self.classes[0]: 1.0 - p} if len(self.classes) == 2 else {self.classes[0]: p}
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    @classmethod
    def fit(cls, rows: Sequence[Features], labels: Sequence[str], *, C: float = 1.0,
            class_weight: Optional[str] = None, meta: Optional[dict] = None) -> "SparseLogistic":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = DictVectorizer()
        x = vec.fit_transform([dict(_items(r)) for r in rows])
        model = LogisticRegression(C=C, max_iter=5000, class_weight=class_weight).fit(x, list(labels))
        classes = [str(c) for c in model.classes_]
        coef = model.coef_
        weights = {name: [round(float(coef[k][j]), 6) for k in range(coef.shape[0])]
                   for j, name in enumerate(vec.feature_names_)
                   if any(abs(coef[k][j]) > 1e-6 for k in range(coef.shape[0]))}
        return cls(classes, weights, [float(b) for b in model.intercept_], meta)

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps({"format": "sifeng-sparse-logistic/1", "classes": self.classes,
                                          "bias": self.bias, "meta": self.meta, "weights": self.weights},
                                         ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "SparseLogistic":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["classes"], data["weights"], data["bias"], data.get("meta"))
