"""The four styles (形式主义, 官僚主义, 享乐主义, 奢靡之风) of a problem statement.

Every classifier here answers `classify(text) -> StylePrediction` with labels in the fixed
order, a score per label and the phrases that drove each label. `CueClassifier` is built from
the cue phrases of corpora/taxonomy.yaml; it catches the words of the seeds but not behaviour
described in other words, which the trained model of the four-styles issue is for.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from .normalise import normalise
from .resources import load_yaml


@functools.lru_cache(maxsize=1)
def taxonomy() -> dict:
    return load_yaml("taxonomy.yaml")


def labels() -> list[str]:
    """The four labels, in the order used everywhere."""
    return list(taxonomy()["labels"])


@dataclass
class StylePrediction:
    """Labels (fixed order), a score per label in [0, 1], and evidence phrases per label."""

    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[str]] = field(default_factory=dict)
    note: Optional[str] = None  # 归类存疑 when the model and the author's own heading disagree


def heading_style(heading: str) -> Optional[str]:
    """The style an author's heading files its items under (“（一）形式主义方面”), or None."""
    named = [name for name in labels() if name in heading]
    return named[0] if len(named) == 1 else None


@functools.lru_cache(maxsize=1)
def _cue_index() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """One pattern matching every cue (longest first, so matches never overlap), and the labels
    each cue stands for."""
    owners: dict[str, list[str]] = {}
    for style in taxonomy()["styles"]:
        for sub in style["subcategories"]:
            for cue in sub["cues"]:
                owners.setdefault(cue, [])
                if style["label"] not in owners[cue]:
                    owners[cue].append(style["label"])
    pattern = re.compile("|".join(re.escape(c) for c in sorted(owners, key=len, reverse=True)))
    return pattern, owners


def is_exhortation_or_denial(text: str) -> bool:
    """A sentence that commits to, urges or denies rather than admits (“要坚决反对形式主义”,
    “未发现公款吃喝问题”): it carries no style label."""
    tax = taxonomy()
    stripped = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]?", "", text.strip())
    if any(cue in text for cue in tax["negation_cues"]):
        return True
    return stripped.startswith(tuple(tax["non_problem_cues"] + ["要", "将", "必须", "应当", "坚持"]))


class CueClassifier:
    """Labels a statement with every style whose taxonomy cue phrases it contains.

    A cue preceded by a negation (不走过场, 未发现…) does not count; exhortations and denials get
    no label. The score of a label is 1 − 0.5^hits (one cue: 0.5, two: 0.75 …).
    """

    def fit(self, texts=None, y=None) -> "CueClassifier":
        """Nothing to learn: the cues are data. Present for the estimator contract."""
        return self

    def classify(self, text: str, heading: Optional[str] = None) -> StylePrediction:
        names = labels()
        text = normalise(text)
        hits: dict[str, list[str]] = {name: [] for name in names}
        if not is_exhortation_or_denial(text):
            pattern, owners = _cue_index()
            prefixes = tuple(taxonomy()["negation_prefixes"])
            for match in pattern.finditer(text):
                if text[max(0, match.start() - 2):match.start()].endswith(prefixes):
                    continue
                for label in owners[match.group(0)]:
                    hits[label].append(match.group(0))
        scores = {name: 1 - 0.5 ** len(hits[name]) for name in names}
        chosen = [name for name in names if hits[name] or (name == heading and not any(hits.values()))]
        return StylePrediction(labels=chosen, scores=scores,
                               evidence={name: hits[name] for name in chosen})

    def predict(self, texts: list[str]) -> list[list[str]]:
        return [self.classify(t).labels for t in texts]


@functools.lru_cache(maxsize=4096)
def cue_features(text: str) -> list[float]:
    """Dense features a trained model adds to its n-grams: whether the sentence exhorts or
    denies, and the cue score of each label."""
    prediction = _CUES.classify(text)
    return [float(is_exhortation_or_denial(text))] + [prediction.scores[name] for name in labels()]


_CUES = CueClassifier()
MODEL_NAME = "fourstyles"
# Below this probability the model all but rules the author's heading out (归类存疑).
HEADING_FLOOR = 0.05
_LEAD_CLAUSE = re.compile(r"^[^，。；：,;:]{2,8}[，,：:]")


class LinearStyleClassifier:
    """The shipped four-styles model (models/fourstyles-*/): calibrated per-label probabilities
    over character n-grams and cue features, with a threshold per label tuned on train."""

    def __init__(self, model):
        self.model = model

    @classmethod
    def load(cls, folder=None) -> "LinearStyleClassifier":
        from .hollowness import latest_model
        from .linear import LinearModel

        return cls(LinearModel.load(folder or latest_model(MODEL_NAME), dense=cue_features))

    @property
    def version(self) -> str:
        return f"{self.model.meta.get('name', MODEL_NAME)}-{self.model.meta.get('version', '?')}"

    def classify(self, text: str, explain: bool = True, heading: Optional[str] = None) -> StylePrediction:
        """Labels of one statement. `heading` is the style the author filed it under (the
        “形式主义方面” it sits in), taken as context: the statement is then an admitted problem,
        the author's style is kept unless the model all but rules it out, and a strong
        disagreement is noted (归类存疑) rather than silently overruled."""
        text = normalise(text)
        proba = self.model.proba(text)
        # A short opening clause (“经认真查摆，”, “在工作上，”) is scored away half: the mean of
        # the whole statement and the statement without it, so that how a statement is introduced
        # does not decide its labels (measured: docs/accuracy.md, robustness).
        lead = _LEAD_CLAUSE.match(text)
        if lead and len(text) - lead.end() >= 12:
            rest = self.model.proba(text[lead.end():])
            proba = [(a + b) / 2 for a, b in zip(proba, rest)]
        names = labels()
        thresholds = self.model.thresholds
        # A fifth output, when present, is the gate: is this an admitted problem at all?
        gated = len(self.model.labels) > len(names) and proba[len(names)] < thresholds[len(names)]
        chosen = [] if gated and heading not in names else [n for n, p, t in zip(names, proba, thresholds) if p >= t]
        note = None
        if heading in names and heading not in chosen:
            if proba[names.index(heading)] >= HEADING_FLOOR or not chosen:
                chosen = [n for n in names if n in chosen or n == heading]
            if proba[names.index(heading)] < HEADING_FLOOR:
                note = (f"归类存疑：作者归入“{heading}”，模型判断更像“{'、'.join(chosen)}”"
                        if chosen != [heading] else f"归类存疑：模型看不出“{heading}”的表现，按作者的归类")
        evidence = {}
        if explain:
            for name in chosen:
                index = self.model.labels.index(name)
                evidence[name] = self.model.explain(text, index, top=3)
        return StylePrediction(labels=chosen, scores={n: float(p) for n, p in zip(names, proba)},
                               evidence=evidence, note=note)

    def predict(self, texts: list[str]) -> list[list[str]]:
        return [self.classify(t, explain=False).labels for t in texts]


def default_classifier():
    """The shipped trained model when there is one, else the cue classifier."""
    try:
        return LinearStyleClassifier.load()
    except FileNotFoundError:
        return CueClassifier()
