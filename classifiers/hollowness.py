"""Hollowness of measures: how likely a measure is a slogan rather than something a third party
could check was done (domain.md §4 hollow_measures; corpora/measures/CONVENTIONS.md §3).

A calibrated linear model over character n-grams and cue features scores each measure (0.5 means
as likely hollow as not); the cue features also say what is missing: a concrete action, a
quantity, a verifiable output, a frequency. The deadline and owner are masked out first: they do
not make a slogan concrete.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from .normalise import normalise
from .deadlines import find_deadline, find_deadlines
from .linear import LinearModel
from .owners import find_owners
from .resources import load_yaml, models_dir

MODEL_NAME = "hollowness"
MISSING_LABELS = {
    "action": "具体动作",
    "object": "具体对象",
    "quantity": "数量指标",
    "output": "可检查的产出",
    "frequency": "频次",
}
_LABEL_PREFIX = re.compile(r"(责任人|责任领导|责任单位|牵头单位|牵头领导|责任部门|完成时限|整改时限|时限|牵头|负责|配合单位)"
                           r"\s*[：:]")


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_yaml("lexicons/hollowness.yaml")


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    units = alt(lex["quantity_units"])
    return {
        "concrete": re.compile(alt(lex["concrete_verbs"])),
        "abstract_verb": re.compile(alt(lex["abstract_verbs"])),
        "abstract_object": re.compile(alt(lex["abstract_objects"])),
        "output": re.compile(rf"《[^》]{{2,40}}》|{alt(lex['outputs'])}"),
        "ban": re.compile(alt(lex["bans"])),
        "quantity": re.compile(rf"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?:{units})"),
    }


def mask(text: str, ref_date: Optional[str] = None) -> str:
    """The measure without its deadline, owners and their labels."""
    spans = [(d.start, d.end) for d in find_deadlines(text, ref_date)]
    spans += [(o.start, o.end) for o in find_owners(text)]
    out, last = [], 0
    for start, end in sorted(spans):
        if start >= last:
            out.append(text[last:start])
            last = end
    out.append(text[last:])
    return _LABEL_PREFIX.sub("", "".join(out))


def cue_features(masked: str) -> list[float]:
    """Dense features of a masked measure, in a fixed order (see FEATURE_NAMES)."""
    p = _patterns()
    concrete = len(p["concrete"].findall(masked))
    abstract_verbs = len(p["abstract_verb"].findall(masked))
    abstract_objects = len(p["abstract_object"].findall(masked))
    quantity = len(p["quantity"].findall(masked))
    output = len(p["output"].findall(masked))
    ban = len(p["ban"].findall(masked))
    frequency = int(any(d.kind == "recurring" for d in find_deadlines(masked)))
    length = min(len(masked), 120) / 120
    return [min(concrete, 3) / 3, min(abstract_verbs, 4) / 4, min(abstract_objects, 3) / 3,
            min(quantity, 3) / 3, min(output, 3) / 3, min(ban, 2) / 2, float(frequency), length]


FEATURE_NAMES = ["concrete_verbs", "abstract_verbs", "abstract_objects", "quantities", "outputs",
                 "bans", "frequency", "length"]


@dataclass
class HollowJudgement:
    """A measure's hollowness: calibrated score, verdict and what it lacks."""

    score: float
    hollow: bool
    missing: list[str] = field(default_factory=list)

    def explanation(self) -> str:
        """Chinese explanation for a reviewer."""
        if not self.missing:
            return "措施较具体"
        return "缺少" + "、".join(MISSING_LABELS[m] for m in self.missing)


def missing_elements(text: str, ref_date: Optional[str] = None) -> list[str]:
    """Which of action, quantity, output and frequency a measure lacks."""
    masked = mask(text, ref_date)
    p = _patterns()
    missing = []
    if not p["concrete"].search(masked) and not p["ban"].search(masked):
        missing.append("action")
    if p["abstract_object"].search(masked) and not p["output"].search(masked):
        missing.append("object")
    if not p["quantity"].search(masked):
        missing.append("quantity")
    if not p["output"].search(masked):
        missing.append("output")
    deadline = find_deadline(text, ref_date)
    if not (deadline and deadline.kind == "recurring"):
        missing.append("frequency")
    return missing


# A 制度建设计划 item that is only the name of a rule (“《办公用房管理规定》”) names a checkable
# output, the rule itself; a name that promises only a mechanism or opinions (“《…长效机制实施意见》”,
# “《…若干规定》”) does not. Measured on the document corpus's title-only items: docs/accuracy.md.
NAMED_RULE = re.compile(r"\s*[《〈][^》〉]{2,40}[》〉]\s*")
GENERIC_RULE = re.compile(r"长效机制|若干(?:意见|规定|措施)|的意见|实施意见")
# A measure that only says to obey rules already in force, with nothing else (no clause after it).
ONLY_OBEYS = re.compile(r"(?:[一二三四五六七八九十]是)?(?:要|须|必须)?(?:严格|认真|切实|坚决|自觉)?(?:执行|落实|遵守|贯彻|遵照)好?"
                        r"[^，,。；;：:\d]{0,30}(?:规定|制度|办法|要求|精神|纪律|细则|准则|条例)(?:》|”)?[。；;]?")


class HollownessScorer:
    """Scores measures with the shipped model (models/hollowness-*/)."""

    def __init__(self, model: LinearModel):
        self.model = model

    @classmethod
    def load(cls, folder: Optional[Path] = None) -> "HollownessScorer":
        folder = folder or latest_model(MODEL_NAME)
        return cls(LinearModel.load(folder, dense=cue_features))

    def score(self, text: str, ref_date: Optional[str] = None) -> float:
        """Probability that the measure is hollow."""
        return float(self.model.proba(mask(normalise(text), ref_date))[0])

    def predict_proba(self, texts: Sequence[str]):
        """scikit-learn style: an (n, 2) array of [concrete, hollow] probabilities."""
        import numpy as np

        hollow = np.array([self.score(t) for t in texts])
        return np.column_stack([1 - hollow, hollow])

    def judge(self, text: str, ref_date: Optional[str] = None) -> HollowJudgement:
        score = self.score(text, ref_date)
        threshold = float(self.model.thresholds[0]) if self.model.thresholds else 0.5
        if ONLY_OBEYS.fullmatch(normalise(text).strip()):
            # “严格执行中央八项规定和省委实施办法”: only obeying rules that exist is a pledge
            # (CONVENTIONS.md §3: 只说“严格执行”已有规定 → hollow), whatever the rule's name says
            score = max(score, threshold)
        if NAMED_RULE.fullmatch(text) and not GENERIC_RULE.search(text):
            score = min(score, threshold / 2)
        hollow = score >= threshold
        missing = missing_elements(normalise(text), ref_date)
        # A concrete measure may still lack a frequency or a number; name only the gaps that
        # matter for a measure judged hollow, and at most the action for a concrete one.
        if not hollow:
            missing = [m for m in missing if m in ("action", "object")] if score >= 0.35 else []
        return HollowJudgement(score=score, hollow=hollow, missing=missing)


def latest_model(name: str) -> Path:
    """The newest shipped model folder models/<name>-<version>/."""
    candidates = sorted(models_dir().glob(f"{name}-*"), key=lambda p: _version_key(p.name))
    if not candidates:
        raise FileNotFoundError(f"找不到模型 {name}（应在 {models_dir()} 下）")
    return candidates[-1]


def _version_key(name: str) -> tuple:
    version = name.rsplit("-", 1)[-1]
    return tuple(int(x) if x.isdigit() else x for x in version.split("."))
