"""The reviewers' round trip: items exported to Label Studio or doccano with the model's guesses
pre-filled, their work imported back into a corpus without losing a label, agreement between
annotators measured, and the next items worth labelling suggested.

Two tasks: `fourstyles` (problem statements, multi-label choices) and `measures` (deadline and
owner spans with their kinds, hollow or not). Span labels are Chinese, one per kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

TASKS = ("fourstyles", "measures")
DEADLINE_LABELS = {"时限-日期": "date", "时限-立即": "immediate", "时限-长期": "long_term", "时限-周期": "recurring"}
OWNER_LABELS = {"责任-个人": "person", "责任-职务": "role", "责任-单位": "department"}
HOLLOW_CHOICES = {"空洞": True, "具体": False}


class AnnotationError(Exception):
    """A malformed or wrongly labelled import; `problems` names each item and what is wrong."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        super().__init__(f"“{source}”未导入（语料未改动）：\n{shown}{more}")


@dataclass
class Item:
    """One thing to label: its text (and, for measures, the document date) and an id."""

    item_id: str
    text: str
    ref_date: Optional[str] = None
    meta: dict = field(default_factory=dict)


@dataclass
class Annotation:
    """One annotator's labels for one item, in the corpus shape of domain.md §7."""

    item_id: str
    text: str
    annotator: str
    labels: Optional[list[str]] = None          # fourstyles
    deadline: Optional[dict] = None             # measures
    owner: Optional[dict] = None
    hollow: Optional[bool] = None
    ref_date: Optional[str] = None
    annotated_at: Optional[str] = None

    def key(self, task: str) -> tuple:
        """What two annotations must share to agree."""
        if task == "fourstyles":
            return tuple(self.labels or [])
        return (_span(self.deadline), _span(self.owner), self.hollow)


def _span(value: Optional[dict]) -> Optional[tuple]:
    return (value["text"], value["kind"]) if value else None
