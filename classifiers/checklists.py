"""The look-back and requirement checklists (corpora/checklists/*.yaml), each item judged
pass / weak / fail / n/a with the evidence that decided it.

An item is judged either by keywords (distinct phrases found, plus one for a matching section
heading, against `min_hits`) or by a structural metric that the caller computed from its analysis
of the document (`requires`: a share between 0 and 1 against `pass_at` / `weak_at`). Thresholds
are in the data.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from .resources import corpora_dir, load_yaml

RESULTS = ("pass", "weak", "fail", "n/a")


@dataclass
class ItemResult:
    id: str
    text: str
    result: str
    evidence: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class ChecklistResult:
    id: str
    name: str
    applicable: bool
    items: list[ItemResult]

    @property
    def counts(self) -> dict[str, int]:
        return {r: sum(1 for i in self.items if i.result == r) for r in RESULTS}


@dataclass
class DocumentFacts:
    """What a checklist may look at: the text, section headings, doc type and scope, and the
    structural metrics (share values in [0, 1]; None when not measurable, e.g. no measures)."""

    text: str
    headings: list[str]
    doc_type: Optional[str]
    scope: Optional[str]
    metrics: dict[str, Optional[float]]
    metric_evidence: dict[str, list[str]] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def checklists() -> list[dict]:
    """Every checklist definition, in file-name order."""
    folder = corpora_dir() / "checklists"
    return [load_yaml(f"checklists/{p.name}") for p in sorted(folder.glob("*.yaml"))]


def _applies(spec: dict, facts: DocumentFacts) -> bool:
    scope = spec.get("scope", "any")
    return facts.doc_type in spec.get("applies_to", []) and (
        scope == "any" or facts.scope is None or scope == facts.scope)


def _keyword_hits(words: list[str], text: str) -> list[str]:
    """Distinct phrases found, a shorter phrase not counted where a longer found one covers it."""
    hits: list[str] = []
    covered: list[tuple[int, int]] = []
    for word in sorted(dict.fromkeys(words), key=len, reverse=True):  # stable: no hash order
        for match in re.finditer(re.escape(word), text):
            span = match.span()
            if any(s <= span[0] and span[1] <= e for s, e in covered):
                continue
            covered.append(span)
            if word not in hits:
                hits.append(word)
    return hits


def _quote(text: str, word: str, width: int = 30) -> str:
    index = text.find(word)
    start = max(0, index - width // 2)
    return text[start:index + len(word) + width // 2].replace("\n", " ")


def judge_item(item: dict, facts: DocumentFacts) -> ItemResult:
    """One checklist item against the document's facts."""
    evidence_spec = item.get("evidence", {})
    result = ItemResult(id=item["id"], text=item["text"], result="n/a",
                        source=f"{item.get('source_file', '')}：{item.get('source_quote', '')}")
    if item.get("scope") not in (None, "any") and facts.scope and item["scope"] != facts.scope:
        return result
    if item.get("only_for") and not any(c in facts.text[:600] for c in item.get("only_for_cues", [])):
        return result
    required = evidence_spec.get("requires")
    if required:
        value = facts.metrics.get(required)
        if value is None:
            return result
        result.result = ("pass" if value >= evidence_spec.get("pass_at", 1.0)
                         else "weak" if value >= evidence_spec.get("weak_at", 0.5) else "fail")
        result.evidence = [f"{required} = {value:.0%}"] + facts.metric_evidence.get(required, [])[:3]
        return result
    hits = _keyword_hits(evidence_spec.get("keywords_any", []), facts.text)
    section_words = evidence_spec.get("section_any", [])
    heading = next((h for h in facts.headings if any(w in h for w in section_words)), None)
    score = len(hits) + (1 if heading else 0)
    needed = evidence_spec.get("min_hits", 1)
    result.result = "pass" if score >= needed else "weak" if score >= 1 else "fail"
    if evidence_spec.get("keywords_all") and not all(w in facts.text for w in evidence_spec["keywords_all"]):
        result.result = "weak" if result.result == "pass" else result.result
    result.evidence = ([f"标题：{heading}"] if heading else []) + [f"“{_quote(facts.text, w)}”" for w in hits[:3]]
    return result


def run_checklists(facts: DocumentFacts) -> list[ChecklistResult]:
    """Every checklist that applies to the document's type and scope."""
    out = []
    for spec in checklists():
        if not _applies(spec, facts):
            continue
        items = [judge_item(item, facts) for item in spec["items"]]
        out.append(ChecklistResult(id=spec["id"], name=spec["name"], applicable=True, items=items))
    return out
