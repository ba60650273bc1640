"""Agreement between annotators: Cohen's kappa per label for two, Krippendorff's alpha (nominal)
for more, and the items they disagree on."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from classifiers.fourstyles import labels as style_labels

from . import Annotation
from .sources import normalise


@dataclass
class AgreementReport:
    annotators: list[str]
    items: int
    per_label: dict[str, dict]
    disagreements: list[dict] = field(default_factory=list)


def cohen_kappa(a: list, b: list) -> Optional[float]:
    """Cohen's kappa of two raters over the same items (None when chance agreement is total)."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha(units: list[list]) -> Optional[float]:
    """Krippendorff's alpha for nominal data; each unit is the list of values its raters gave
    (units rated by fewer than two raters do not count)."""
    units = [u for u in units if len(u) >= 2]
    if not units:
        return None
    coincidence: dict[tuple, float] = defaultdict(float)
    for values in units:
        m = len(values)
        for i, x in enumerate(values):
            for j, y in enumerate(values):
                if i != j:
                    coincidence[(x, y)] += 1 / (m - 1)
    totals: dict = defaultdict(float)
    for (x, _), weight in coincidence.items():
        totals[x] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (x, y), w in coincidence.items() if x != y) / n
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n * (n - 1))
    return None if expected == 0 else 1 - observed / expected


def _fields(task: str) -> dict[str, callable]:
    if task == "fourstyles":
        return {name: (lambda a, name=name: name in (a.labels or [])) for name in style_labels()}
    return {"时限": lambda a: (a.deadline or {}).get("text"), "时限类型": lambda a: (a.deadline or {}).get("kind"),
            "责任主体": lambda a: (a.owner or {}).get("text"), "空洞": lambda a: a.hollow}


def agreement(annotations: list[Annotation], task: str) -> AgreementReport:
    by_item: dict[str, dict[str, Annotation]] = defaultdict(dict)
    texts = {}
    for a in annotations:
        key = normalise(a.text)
        by_item[key][a.annotator] = a
        texts[key] = a.text
    annotators = sorted({a.annotator for a in annotations})
    shared = {k: v for k, v in by_item.items() if len(v) >= 2}
    per_label = {}
    for name, get in _fields(task).items():
        entry: dict = {"items": len(shared)}
        if len(annotators) == 2:
            both = [v for v in shared.values() if all(x in v for x in annotators)]
            entry["cohen_kappa"] = cohen_kappa([get(v[annotators[0]]) for v in both],
                                               [get(v[annotators[1]]) for v in both])
        entry["krippendorff_alpha"] = krippendorff_alpha([[get(a) for a in v.values()] for v in shared.values()])
        entry["observed_agreement"] = (sum(len({get(a) for a in v.values()}) == 1 for v in shared.values())
                                       / len(shared)) if shared else None
        per_label[name] = entry
    disagreements = [{"text": texts[k], "annotators": {who: a.key(task) for who, a in v.items()}}
                     for k, v in shared.items() if len({a.key(task) for a in v.values()}) > 1]
    return AgreementReport(annotators=annotators, items=len(shared), per_label=per_label,
                           disagreements=disagreements)
