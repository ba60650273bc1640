"""Which kind of document a text is — one of the six submission types, or not a submission at
all — from its opening (title and first 1,500 characters): character n-grams and cue features,
one calibrated logistic regression per class (models/doctype-*/, loaded without pickle)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from .fourstyles import cue_features
from .hollowness import latest_model
from .linear import LinearModel
from .normalise import normalise, strip_glosses

MODEL_NAME = "doctype"
NOT_A_SUBMISSION = "none"
TYPES = ("对照检查材料", "整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告")
CLASSES = TYPES + (NOT_A_SUBMISSION,)
HEAD_CHARS = 1500


def opening(title: Optional[str], text: str) -> str:
    """What the model reads: the title and the start of the body, normalised (without a web
    mirror's pronunciation glosses, 落實(shí))."""
    return normalise(strip_glosses(((title or "") + "\n" + text)[:HEAD_CHARS])[0])


class DocTypeModel:
    def __init__(self, model: LinearModel):
        self.model = model

    @classmethod
    def load(cls, folder: Optional[Path] = None) -> "DocTypeModel":
        return cls(LinearModel.load(folder or latest_model(MODEL_NAME), dense=cue_features))

    def proba(self, title: Optional[str], text: str) -> dict[str, float]:
        """Calibrated probability of each submission type, and of "none" (one minus the model's
        submission output)."""
        scores = dict(zip(self.model.labels, (float(p) for p in self.model.proba(opening(title, text)))))
        out = {name: scores[name] for name in TYPES}
        out[NOT_A_SUBMISSION] = 1.0 - scores["submission"]
        return out

    def predict(self, title: Optional[str], text: str) -> tuple[str, float]:
        """The class and its probability (see `decide`)."""
        return decide(self.proba(title, text))


def decide(proba: dict[str, float]) -> tuple[str, float]:
    """The class of `DocTypeModel.proba`'s output and its probability: "none" when the submission
    output is under one half, else the likeliest type."""
    if proba[NOT_A_SUBMISSION] > 0.5:
        return NOT_A_SUBMISSION, proba[NOT_A_SUBMISSION]
    best = max(TYPES, key=proba.__getitem__)
    return best, proba[best]


@functools.lru_cache(maxsize=1)
def default_model() -> Optional[DocTypeModel]:
    try:
        return DocTypeModel.load()
    except (FileNotFoundError, OSError):
        return None
