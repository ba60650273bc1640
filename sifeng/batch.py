"""The data of a screening run, read by `screen()` and by every report writer: one `Entry` per
input name (byte-identical copies included), the copy pairs between them, and what could not be
taken in at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from docparse import Location

from . import flags as F
from .copies import CopyPair
from .inputs import Problem as InputProblem
from .models import Evidence, Review

# The verdicts that judge a submission (domain.md §7); anything else is not judged.
JUDGED = ("合格", "基本合格", "需完善", "退回修改")
NOT_JUDGED = "无法判断（需人工审阅）"
UNREADABLE = "无法读取"


@dataclass
class Entry:
    """One input of the batch and what became of it."""

    name: str
    sha256: str
    review: Review
    failed: bool = False
    duplicate_names: list[str] = field(default_factory=list)
    copy_total: float = 0.0   # 总文字复制比: the share of this text found in any other submission
    copy_max: float = 0.0     # 单篇最大文字复制比: the largest share found in one other submission

    @property
    def judged(self) -> bool:
        """Read as a submission and given one of the four judging verdicts."""
        return not self.failed and self.review.verdict in JUDGED


@dataclass
class Batch:
    out: Path
    entries: list[Entry]
    pairs: list[CopyPair]
    input_problems: list[InputProblem]
    reviewed_now: int
    seconds: float
    reports: dict[str, Path] = field(default_factory=dict)
    retried: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trackings: list = field(default_factory=list)  # sifeng.tracking.Tracking: one 整改台账 per unit

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.failed]

    @property
    def flagged(self) -> list[Entry]:
        return [e for e in self.entries if e.judged and e.review.flags]

    @property
    def not_judged(self) -> list[Entry]:
        """Read, but not judged: not a submission, or its structure was not recognised."""
        return [e for e in self.entries if not e.failed and not e.judged]


def failed_review(name: str, code: str, message: str) -> Review:
    """A review standing for a file that could not be read: the parse_error flag only."""
    reason = message.split("：", 1)[-1] if "：" in message else message
    flag = F.make_flag("parse_error", reason=reason,
                       evidence=[Evidence(text=message, location=Location(), where="全文", note=code)])
    return Review(source=name, doc_type=None, scope=None, verdict=UNREADABLE, problems=[], measures=[],
                  flags=[flag], checklists=[])

