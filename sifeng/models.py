"""The typed results of a review. The JSON shapes (`sifeng review --format json`, results.jsonl)
are derived from these models; domain.md §7 fixes the key names."""

from __future__ import annotations

import json
from typing import Literal, Optional

from pydantic import BaseModel, Field

from docparse import Location

Severity = Literal["info", "low", "medium", "high"]
Result = Literal["pass", "weak", "fail", "n/a"]


class Evidence(BaseModel):
    """A quotation from the document with the place a reader finds it."""

    text: str
    location: Location
    where: str = Field(description="the place in Chinese, e.g. 第2页 / 第5段 / 表1第3行")
    note: Optional[str] = None


class DeadlineOut(BaseModel):
    text: str
    kind: Literal["date", "immediate", "long_term", "recurring"]
    due: Optional[str] = None


class OwnerOut(BaseModel):
    text: str
    kind: Literal["person", "role", "department"]


class Problem(BaseModel):
    id: int
    text: str
    location: Location
    where: str
    labels: list[str]
    scores: dict[str, float]
    label_evidence: dict[str, list[str]] = Field(default_factory=dict)
    label_note: Optional[str] = Field(default=None, description="归类存疑: the model and the author's heading disagree")
    focused: bool = True
    focus_note: Optional[str] = None
    measures: list[int] = Field(default_factory=list, description="ids of the measures answering it")


class Measure(BaseModel):
    id: int
    text: str
    location: Location
    where: str
    deadline: Optional[DeadlineOut] = None
    owner: Optional[OwnerOut] = None
    hollow: bool
    hollow_score: float
    hollow_missing: list[str] = Field(default_factory=list)
    problem: Optional[int] = None


class Flag(BaseModel):
    code: str
    name: str
    severity: Severity
    message: str
    count: int = 0
    total: int = 0
    evidence: list[Evidence] = Field(default_factory=list)
    source: Optional[str] = Field(default=None, description="the seed requirement, file：quote")


class ChecklistItem(BaseModel):
    id: str
    text: str
    result: Result
    evidence: list[str] = Field(default_factory=list)
    source: str = ""


class Checklist(BaseModel):
    id: str
    name: str
    items: list[ChecklistItem]
    counts: dict[str, int]


class RequirementItem(BaseModel):
    id: str
    name: str
    found: bool
    quote: Optional[str] = None


class Review(BaseModel):
    """Everything sifeng found in one submission."""

    source: Optional[str]
    doc_type: Optional[str] = Field(description="null for a file that is not a submission")
    doc_type_confidence: float = 0.0
    doc_type_basis: str = Field(default="none", description="title | declared | model | items | body | none")
    not_submission: Optional[str] = Field(default=None, description="what the file is instead, e.g. 新闻报道")
    scope: Optional[str]
    title: Optional[str] = None
    unit: Optional[str] = None
    author: Optional[str] = None
    date: Optional[str] = None
    verdict: str
    problems: list[Problem]
    measures: list[Measure]
    flags: list[Flag]
    checklists: list[Checklist]
    six_explanations: list[RequirementItem] = Field(default_factory=list)
    root_causes: list[RequirementItem] = Field(default_factory=list)
    classifier: str = ""

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The review as JSON (UTF-8 text, Chinese unescaped)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)

    def flag(self, code: str) -> Optional[Flag]:
        return next((f for f in self.flags if f.code == code), None)
