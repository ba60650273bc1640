"""回头看 tracking: follow every measure a unit promised in its plans into its later look-back report.

Seed 004 (004_26377cdddf030d9b.txt) asks of each unit whether “列入整改的问题是否按期解决”, checked
against the “两方案一计划”. `track(plans, report)` takes every measure that `review` finds in the
plans, with its owner and due date, finds what the report says about it, and gives it one status:

- `done`: a concrete fact of completion (a number, a document issued, a date);
- `done_late`: done, after its due date;
- `in_progress`: partly done, or a stated delay;
- `unsupported_claim`: only general words (进一步规范, 取得成效);
- `not_reported`: not mentioned.

Two learned models do the work (models/tracking-*/, trained by scripts/train_tracking.py on
corpora/tracking/train): a linker that scores each (measure, report sentence) pair from lexical
similarity of the measure and of the problem it answers, the sentence's rank among the report's
sentences and the measure's rank among the plan's measures, shared 《…》 titles and the section the
sentence sits in; and a status model over the linked sentence's words and cues (numbers with units,
documents issued, dates against the due date, words of delay and of vague claims).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from classifiers.normalise import normalise
from classifiers.sparse_lr import SparseLogistic
from docparse import Document, Location, parse

from .models import Review

STATUSES = ("done", "done_late", "in_progress", "unsupported_claim", "not_reported")
STATUS_CN = {"done": "已完成", "done_late": "逾期完成", "in_progress": "正在推进",
             "unsupported_claim": "只有笼统表述", "not_reported": "报告未提及"}
MODEL_NAME = "tracking"
# Statuses in the order an inspection group wants to read them: what is overdue or unsupported first.
PRIORITY = {"not_reported": 0, "unsupported_claim": 1, "done_late": 2, "in_progress": 3, "done": 4}

_PUNCT = re.compile(r"[\s，,。．.；;：:！!？?、“”\"‘’'（）()《》〈〉【】\[\]—\-…·/]+")
_SENT_END = re.compile(r"(?<=[。！？；!?;])")
_OWNER_TAIL = re.compile(r"[（(][^（）()]*(?:责任|牵头|负责|时限|时间|完成|领导|单位)[^（）()]*[）)]")
_TITLE = re.compile(r"《([^《》]{2,40})》")


# -- report sentences ------------------------------------------------------------------------


@dataclass
class Sentence:
    text: str
    where: str
    location: Location
    heading: str
    block: int
    index: int = 0


def report_sentences(document: Document) -> list[Sentence]:
    """The report's sentences (split at 。！？；), table rows as one sentence each, with the headings
    they sit under; the title and the signature are left out."""
    out: list[Sentence] = []
    headings: dict[int, str] = {}
    for b, block in enumerate(document.blocks):
        if block.kind == "heading":
            if block.level:
                headings = {k: v for k, v in headings.items() if k < block.level}
                headings[block.level] = block.text
            continue
        heading = " ".join(headings[k] for k in sorted(headings))
        if block.table is not None:
            for row in block.table.body:
                text = "　".join(c.text for c in row if c.text and c.span_of is None)
                if len(text) >= 6:
                    out.append(Sentence(text, row[0].location.describe(), row[0].location, heading, b))
            continue
        if block.level and len(block.text) <= 30 and not re.search(r"[。；]", block.text):
            headings = {k: v for k, v in headings.items() if k < block.level}
            headings[block.level] = block.text
        for part in _SENT_END.split(block.text):
            part = part.strip()
            if len(part) >= 6:
                out.append(Sentence(part, block.location.describe(), block.location, heading, b))
    for i, s in enumerate(out):
        s.index = i
    return out


# -- lexical similarity ------------------------------------------------------------------------


def _grams(text: str) -> list[str]:
    chars = _PUNCT.sub("", normalise(text))
    return [chars[i:i + 2] for i in range(len(chars) - 1)]


class _Vectors:
    """Sublinear TF-IDF of character bigrams, IDF taken over the report's sentences and the plans'
    measures (what is rare in this report is what identifies a measure)."""

    def __init__(self, texts: Sequence[str]):
        df: dict[str, int] = {}
        for t in texts:
            for g in set(_grams(t)):
                df[g] = df.get(g, 0) + 1
        n = len(texts)
        self.idf = {g: math.log((n + 1) / (d + 1)) + 1.0 for g, d in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        tf: dict[str, int] = {}
        for g in _grams(text):
            tf[g] = tf.get(g, 0) + 1
        v = {g: (1 + math.log(c)) * self.idf.get(g, 1.0) for g, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {g: x / norm for g, x in v.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())


def _coverage(measure: dict[str, float], sentence: dict[str, float]) -> float:
    """Share of the measure's (IDF-weighted) bigrams that the sentence repeats."""
    total = sum(measure.values()) or 1.0
    return sum(x for g, x in measure.items() if g in sentence) / total


# -- dates ------------------------------------------------------------------------------------

_DATE = re.compile(r"(?:(\d{4}|[一二〇零○]{4})年)?(\d{1,2})月(?:(\d{1,2})日|(上旬|初)|(中旬)|(下旬|底|末))?")


def _dates(text: str, report: Optional[dt.date]) -> list[dt.date]:
    """Dates a sentence names as points in time (a month alone counts as its last day; 中旬 as the
    20th), each given the latest year that does not put it after the report. The ends of a period
    (“9月至12月”, “10月以来”) are not points of completion and are left out."""
    out = []
    norm = normalise(text)
    for m in _DATE.finditer(norm):
        before, after = norm[max(0, m.start() - 1):m.start()], norm[m.end():m.end() + 2]
        if before in ("至", "到", "—", "-", "~", "～") or after[:1] in ("至", "到", "—", "-", "~", "～") \
                or after.startswith(("以来", "份以来", "起", "份起")):
            continue
        month = int(m.group(2))
        if not 1 <= month <= 12:
            continue
        if m.group(3):
            day = int(m.group(3))
        elif m.group(4):
            day = 10
        elif m.group(5):
            day = 20
        else:
            day = 31
        years = [int(m.group(1))] if m.group(1) and m.group(1).isdigit() else \
            ([report.year, report.year - 1] if report else [])
        for year in years:
            try:
                date = dt.date(year, month, min(day, _month_end(year, month)))
            except ValueError:
                continue
            if report is None or date <= report or m.group(1):
                out.append(date)
                break
    return out


def _month_end(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def _iso(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- features -------------------------------------------------------------------------------

_CUES = {
    "num_unit": r"\d+(?:\.\d+)?\s*(?:个|项|次|人|件|户|辆|间|台|平方米|㎡|万元|元|%|％|篇|份|场|期|名|条|公里|米|天|小时|"
                r"分钟|家|所|处|批|本|册|套|位|个百分点|个工作日|座|张|起|类)",
    "change": r"(?:减少|下降|压缩|缩短|节约|提高|增加|提升|降低|精简|缩减)[^，。；]{0,10}\d",
    "doc_issued": r"(?:印发|出台|制定了|修订了|下发|施行|颁布|废止了|建立了|发布)[^，。；]{0,6}《|《[^》]+》[^，。；]{0,8}(?:印发|出台|施行|下发|发布)",
    "doc_no": r"〔\d{4}〕\d+号|\[\d{4}\]\d+号",
    "title": r"《[^》]+》",
    "done_word": r"已(?:经)?(?:全部|完成|印发|出台|清理|腾退|整改到位|办结|落实|建成|实现|取消|撤并|清退|上线|投入|交付|通过)|全部(?:完成|清退|腾退|到位|办结)|已于|完成了|办结",
    "progress": r"目前已(?!全部)|截至目前|只|仅|才|还有|还差|剩下|正在|尚未|未能|还未|仍在|初稿|征求意见|送审稿|推进中|部分|列入|计划于|预计|争取|待|拟|逐步|已完成\d+|完成\d+[个项家所]中|其余|剩余|还有\d",
    "delay": r"推迟|延期|滞后|延后|未按期|未能按期|晚于|因[^，。；]{1,15}(?:影响|原因|制约)",
    "vague": r"进一步|明显|有效|切实|不断|得到|取得|成效|好转|改善|提升|规范|常态化|长效|显著|较大|良好|普遍|基本",
    "next_step": r"下一步|今后|明年|将(?:继续|进一步)",
}
_CUE_RE = {k: re.compile(v) for k, v in _CUES.items()}


def _cue_names(text: str) -> list[str]:
    norm = normalise(text)
    found = [k for k, rx in _CUE_RE.items() if rx.search(norm)]
    if not re.search(r"\d|[一二三四五六七八九十两]+(?:个|项|次|件|人)", norm):
        found.append("no_number")
    return found


_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(个|项|次|人|件|户|辆|间|台|所|处|家|村|公里|万元|篇|场|座|条)")


def _counts(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in _COUNT.finditer(normalise(text)):
        out[m.group(2)] = max(out.get(m.group(2), 0.0), float(m.group(1)))
    return out


def completion_date(sentence: str, report_date: Optional[str]) -> Optional[dt.date]:
    dates = _dates(sentence, _iso(report_date))
    return max(dates) if dates else None


def is_late(sentence: str, due: Optional[str], report_date: Optional[str]) -> bool:
    """Done after the due date: the sentence dates the completion after it, or says it slipped."""
    due_date = _iso(due)
    if due_date is None:
        return False
    when = completion_date(sentence, report_date)
    return (when is not None and when > due_date) or bool(re.search(r"推迟|延期|滞后|延后|晚于", normalise(sentence)))


def status_features(sentence: str, due: Optional[str], report_date: Optional[str],
                    measure: Optional[str] = None, following: Optional[str] = None) -> list[str]:
    """Features of a linked sentence for the status model (with the measure, when given, for the
    comparison of promised and reported counts)."""
    norm = _PUNCT.sub("", normalise(sentence))
    feats = [f"g={norm[i:i + 2]}" for i in range(len(norm) - 1)]
    feats += [f"cue={c}" for c in _cue_names(sentence)]
    due_date, report = _iso(due), _iso(report_date)
    dates = _dates(sentence, report)
    if dates:
        feats.append("has_date")
        if due_date:
            latest = max(dates)
            feats.append("date_after_due" if latest > due_date else "date_by_due")
            if latest > due_date + dt.timedelta(days=20):
                feats.append("date_well_after_due")
    if not due_date:
        feats.append("no_due")
    if following:
        # “已清理7个村。其余4个村正在清理”: what the next sentence of the paragraph adds.
        feats += [f"next_cue={c}" for c in _cue_names(following) if c != "no_number"]
    if measure:
        promised, reported = _counts(measure), _counts(sentence)
        for unit, n in reported.items():
            if unit in promised:
                feats.append("count_below_plan" if n < promised[unit] else "count_meets_plan")
    return feats


@dataclass
class PlanMeasure:
    """One measure promised in a plan, as review read it."""

    text: str
    owner: Optional[str]
    due: Optional[str]
    problem: Optional[str]
    plan: str
    plan_type: Optional[str]
    where: str
    index: int = 0


def plan_measures(reviews: Sequence[Review]) -> list[PlanMeasure]:
    out = []
    for review in reviews:
        problems = {p.id: p.text for p in review.problems}
        for m in review.measures:
            out.append(PlanMeasure(text=m.text, owner=m.owner.text if m.owner else None,
                                   due=m.deadline.due if m.deadline else None,
                                   problem=problems.get(m.problem) if m.problem is not None else None,
                                   plan=review.source or "", plan_type=review.doc_type, where=m.where))
    for i, m in enumerate(out):
        m.index = i
    return out


def _core(text: str) -> str:
    """The measure without its owner/deadline parenthesis (“（责任单位：办公室；完成时限：…）”)."""
    return _OWNER_TAIL.sub("", text)


def _heading_kind(heading: str) -> list[str]:
    out = []
    if re.search(r"制度", heading):
        out.append("hd_rules")
    if re.search(r"专项整治|专项治理", heading):
        out.append("hd_special")
    if re.search(r"下一步|打算|今后|努力方向", heading):
        out.append("hd_next")
    if re.search(r"不足|存在的问题|差距", heading) and "整改" not in heading:
        out.append("hd_shortfall")
    if re.search(r"基本情况|开展情况|总体情况|工作开展", heading):
        out.append("hd_general")
    return out


def link_features(measures: Sequence[PlanMeasure], sentences: Sequence[Sentence]) -> list[list[dict[str, float]]]:
    """Features of every (measure, sentence) pair: rows by measure, columns by sentence."""
    vectors = _Vectors([s.text for s in sentences] + [_core(m.text) for m in measures])
    sv = [vectors.vector(s.text) for s in sentences]
    mv = [vectors.vector(_core(m.text)) for m in measures]
    pv = [vectors.vector(m.problem) if m.problem else {} for m in measures]
    cos_m = [[_cos(mv[i], sv[j]) for j in range(len(sentences))] for i in range(len(measures))]
    cos_p = [[_cos(pv[i], sv[j]) if pv[i] else 0.0 for j in range(len(sentences))] for i in range(len(measures))]
    # A sentence that belongs to another measure more than to this one.
    best_for_sentence = [max((cos_m[i][j] for i in range(len(measures))), default=0.0) for j in range(len(sentences))]
    titles_m = [set(_TITLE.findall(normalise(m.text))) for m in measures]
    # The paragraph as a whole: reports give one topic a paragraph (“在清理办公用房方面，……”).
    blocks: dict[int, str] = {}
    for s in sentences:
        blocks[s.block] = blocks.get(s.block, "") + s.text
    bv = {b: vectors.vector(t) for b, t in blocks.items()}
    rows = []
    for i, m in enumerate(measures):
        block_cos = {b: _cos(mv[i], v) + (_cos(pv[i], v) if pv[i] else 0.0) for b, v in bv.items()}
        block_rank = {b: r for r, b in enumerate(sorted(block_cos, key=lambda b: -block_cos[b]))}
        order = sorted(range(len(sentences)), key=lambda j: -(cos_m[i][j] + cos_p[i][j]))
        rank = {j: r for r, j in enumerate(order)}
        best = cos_m[i][order[0]] + cos_p[i][order[0]] if order else 0.0
        row = []
        for j, s in enumerate(sentences):
            score = cos_m[i][j] + cos_p[i][j]
            same_block = [k for k in (j - 1, j + 1) if 0 <= k < len(sentences) and sentences[k].block == s.block]
            neighbour = max((cos_m[i][k] + cos_p[i][k] for k in same_block), default=0.0)
            f = {
                "cos_m": cos_m[i][j], "cos_p": cos_p[i][j], "score": score,
                "coverage": _coverage(mv[i], sv[j]), "gap": best - score, "neighbour": neighbour,
                "neighbour_x_facts": neighbour * (1.0 if re.search(r"\d", s.text) else 0.0),
                "other_measure_closer": float(best_for_sentence[j] > cos_m[i][j] + 1e-9),
                "margin_to_other": best_for_sentence[j] - cos_m[i][j],
                f"rank={min(rank[j], 5)}": 1.0, "bias": 1.0,
                "block_cos": block_cos[s.block], f"block_rank={min(block_rank[s.block], 3)}": 1.0,
            }
            if titles_m[i] and titles_m[i] & set(_TITLE.findall(normalise(s.text))):
                f["title_shared"] = 1.0
            for h in _heading_kind(s.heading):
                f[h] = 1.0
                if h == "hd_rules" and m.plan_type == "制度建设计划":
                    f["hd_rules_x_plan"] = 1.0
                if h == "hd_special" and m.plan_type == "专项整治方案":
                    f["hd_special_x_plan"] = 1.0
            if re.search(r"(?:确定|列出|明确)(?:了)?的?\d+项|共\d+项[^。]{0,12}(?:已完成|完成)\d+项", normalise(s.text)):
                f["summary"] = 1.0
            row.append(f)
        rows.append(row)
    return rows


# -- the models -------------------------------------------------------------------------------


@dataclass
class TrackingModels:
    linker: SparseLogistic
    status: SparseLogistic
    link_threshold: float = 0.5
    share: float = 0.0  # a link survives when ≥ share × the best link of its sentence
    precedence: bool = True
    folder: Optional[Path] = None

    @classmethod
    def load(cls, folder: Optional[Path] = None) -> "TrackingModels":
        import json

        from classifiers.hollowness import latest_model

        folder = Path(folder) if folder else latest_model(MODEL_NAME)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(SparseLogistic.load(folder / "linker.json"), SparseLogistic.load(folder / "status.json"),
                   meta.get("link_threshold", 0.5), meta.get("share", 0.0), folder)


@functools.lru_cache(maxsize=1)
def default_models() -> TrackingModels:
    return TrackingModels.load()


# -- results ----------------------------------------------------------------------------------


@dataclass
class TrackedMeasure:
    text: str
    owner: Optional[str]
    due: Optional[str]
    plan: str
    where: str
    status: str
    reason: str
    evidence: Optional[Sentence] = None
    confidence: float = 0.0

    def as_dict(self) -> dict:
        return {"text": self.text, "owner": self.owner, "due": self.due, "plan": self.plan,
                "plan_where": self.where, "status": self.status, "status_cn": STATUS_CN[self.status],
                "evidence": ({"text": self.evidence.text, "where": self.evidence.where}
                             if self.evidence else None),
                "reason": self.reason, "confidence": round(self.confidence, 3)}


@dataclass
class Tracking:
    unit: Optional[str]
    plans: list[str]
    report: str
    report_date: Optional[str]
    measures: list[TrackedMeasure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict:
        counts = {s: 0 for s in STATUSES}
        for m in self.measures:
            counts[m.status] += 1
        return {"total": len(self.measures), **counts}

    def as_dict(self) -> dict:
        return {"unit": self.unit, "plans": self.plans, "report": self.report, "report_date": self.report_date,
                "measures": [m.as_dict() for m in self.measures], "summary": self.summary, "notes": self.notes}

    def ordered(self) -> list[TrackedMeasure]:
        """Overdue and unsupported first (the order an inspection group reads a ledger in)."""
        return sorted(self.measures, key=lambda m: (PRIORITY[m.status], m.due or "9999"))


def following_sentence(sentences: Sequence[Sentence], s: Sentence) -> Optional[str]:
    nxt = s.index + 1
    return sentences[nxt].text if nxt < len(sentences) and sentences[nxt].block == s.block else None


def _reason(status: str, sentence: Optional[Sentence], due: Optional[str], report_date: Optional[str]) -> str:
    if status == "not_reported":
        return "报告中没有找到与这项措施对应的内容"
    cues = set(_cue_names(sentence.text)) if sentence else set()
    facts = [name for key, name in (("num_unit", "数字"), ("change", "增减数据"), ("doc_issued", "印发文件"),
                                    ("doc_no", "文号"), ("done_word", "完成表述")) if key in cues]
    if status == "unsupported_claim":
        return "只有笼统表述，没有数字、文件或完成日期"
    if status == "in_progress":
        return "报告说明尚在推进或推迟" + ("（" + "、".join(facts) + "）" if facts else "")
    dates = _dates(sentence.text, _iso(report_date)) if sentence else []
    if status == "done_late":
        when = max(dates).isoformat() if dates else "时限之后"
        return f"已完成，但完成时间（{when}）晚于时限 {due}" if due else "已完成，但报告说明晚于时限"
    return "有具体完成事实：" + ("、".join(facts) if facts else "完成表述")


def track_reviews(plan_reviews: Sequence[Review], report: Document, *, report_name: Optional[str] = None,
                  models: Optional[TrackingModels] = None) -> Tracking:
    """Track the measures of reviewed plans through a parsed look-back report."""
    models = models or default_models()
    measures = plan_measures(plan_reviews)
    sentences = report_sentences(report)
    unit = next((r.unit for r in plan_reviews if r.unit), None) or report.metadata.unit
    result = Tracking(unit=unit, plans=[r.source or "" for r in plan_reviews], report=report_name or report.source or "",
                      report_date=report.metadata.date)
    if not measures:
        result.notes.append("方案中没有识别出整改措施，无法跟踪")
        return result
    if not sentences:
        result.notes.append("自查报告中没有可读的正文")
    rows = link_features(measures, sentences) if sentences else [[] for _ in measures]
    probs = [[models.linker.proba(f).get("1", 0.0) for f in row] for row in rows]
    # A sentence speaks of the measure it fits best: a link to a measure that another measure
    # outscores clearly on the same sentence is dropped.
    top = [max((probs[i][j] for i in range(len(measures))), default=0.0) for j in range(len(sentences))]
    for m, row in zip(measures, probs):
        linked = [(p, sentences[j]) for j, p in enumerate(row)
                  if p >= models.link_threshold and p >= models.share * top[j]]
        linked.sort(key=lambda x: -x[0])
        if not linked:
            best = max(row, default=0.0)
            result.measures.append(TrackedMeasure(m.text, m.owner, m.due, m.plan, m.where, "not_reported",
                                                  _reason("not_reported", None, m.due, result.report_date), None,
                                                  1.0 - best))
            continue
        # The decisive sentence: the best linked one, unless it only speaks generally and another
        # linked sentence states a fact.
        judged = []
        for p, s in linked[:3]:
            probs = models.status.proba(status_features(s.text, m.due, result.report_date, _core(m.text),
                                                        following_sentence(sentences, s)))
            # Whether it was late is a matter of dates, not of wording: the model says done or not,
            # the dates say when.
            done = probs.get("done", 0.0) + probs.get("done_late", 0.0)
            rest = {k: v for k, v in probs.items() if k not in ("done", "done_late")}
            label, q = max(rest.items(), key=lambda kv: kv[1]) if rest else ("done", done)
            if done >= q:
                label, q = ("done_late" if is_late(s.text, m.due, result.report_date) else "done"), done
            judged.append((p, s, label, q))
        chosen = judged[0]
        if chosen[2] == "unsupported_claim":
            concrete = [j for j in judged[1:] if j[2] != "unsupported_claim" and j[0] >= 0.5 * judged[0][0]]
            if concrete:
                chosen = concrete[0]
        if models.precedence and chosen[2] == "done":
            # “已修好楼道灯……下水道还没有批下来”: one linked sentence saying part is still open
            # outweighs another saying part is done.
            open_ = [j for j in judged[1:] if j[2] == "in_progress" and j[0] >= 0.7 * judged[0][0]]
            if open_:
                chosen = open_[0]
        p, s, label, q = chosen
        result.measures.append(TrackedMeasure(m.text, m.owner, m.due, m.plan, m.where, label,
                                              _reason(label, s, m.due, result.report_date), s, p * q))
    return result


def track(plans: Sequence, report, *, reviewer=None, models: Optional[TrackingModels] = None) -> Tracking:
    """Track every measure of a unit's plans (files, bytes or parsed Documents) through its look-back
    report. `sifeng.track([...], "回头看自查报告.docx").as_dict()` is the JSON shape of `sifeng track`."""
    from .review import default_reviewer

    reviewer = reviewer or default_reviewer()
    reviews = []
    for plan in plans:
        reviews.append(plan if isinstance(plan, Review) else
                       reviewer.review_document(plan, plan.source) if isinstance(plan, Document) else
                       reviewer.review(plan))
    document = report if isinstance(report, Document) else parse(report)
    name = document.source or (str(report) if isinstance(report, (str, Path)) else None)
    return track_reviews(reviews, document, report_name=name, models=models)


# -- output ---------------------------------------------------------------------------------

LEDGER_HEADER = ["单位", "方案", "整改措施", "责任主体", "完成时限", "状态", "报告中的依据", "依据位置", "理由"]


def ledger_rows(tracking: Tracking) -> list[list[str]]:
    """The 整改台账 rows of one unit, overdue and unsupported first."""
    rows = []
    for m in tracking.ordered():
        rows.append([tracking.unit or "", Path(m.plan).name, m.text, m.owner or "（未写明）", m.due or "（未写明）",
                     STATUS_CN[m.status], m.evidence.text if m.evidence else "", m.evidence.where if m.evidence else "",
                     m.reason])
    return rows


def write_xlsx(trackings: Sequence[Tracking], path: Path) -> None:
    """An 整改台账 workbook: one row a measure, a summary sheet by unit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "整改台账"
    ws.append(LEDGER_HEADER)
    fills = {"报告未提及": "F8D7DA", "只有笼统表述": "FFF3CD", "逾期完成": "FCE4D6", "正在推进": "DDEBF7"}
    for tracking in trackings:
        for row in ledger_rows(tracking):
            ws.append(row)
            colour = fills.get(row[5])
            if colour:
                ws.cell(ws.max_row, 6).fill = PatternFill("solid", fgColor=colour)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (22, 18, 50, 14, 12, 12, 60, 12, 30)):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    summary = wb.create_sheet("汇总")
    summary.append(["单位", "自查报告", "措施数", *(STATUS_CN[s] for s in STATUSES)])
    for tracking in trackings:
        counts = tracking.summary
        summary.append([tracking.unit or "", Path(tracking.report).name, counts["total"], *(counts[s] for s in STATUSES)])
    wb.save(path)


def render_text(tracking: Tracking) -> str:
    counts = tracking.summary
    lines = [f"单位：{tracking.unit or '（未识别）'}",
             f"方案：{'、'.join(Path(p).name for p in tracking.plans)}",
             f"自查报告：{Path(tracking.report).name}（{tracking.report_date or '日期未识别'}）",
             f"措施 {counts['total']} 项：" + "，".join(f"{STATUS_CN[s]} {counts[s]}" for s in STATUSES), ""]
    for note in tracking.notes:
        lines.append(f"注意：{note}")
    for i, m in enumerate(tracking.ordered(), 1):
        lines.append(f"{i}. 【{STATUS_CN[m.status]}】{m.text}")
        lines.append(f"   责任主体：{m.owner or '未写明'}；完成时限：{m.due or '未写明'}；{m.reason}")
        if m.evidence:
            lines.append(f"   依据（{m.evidence.where}）：{m.evidence.text}")
    return "\n".join(lines)


# -- pairing in a batch -------------------------------------------------------------------------

PLAN_KINDS = ("整改方案", "专项整治方案", "制度建设计划", "个人整改措施")
REPORT_KIND = "回头看自查报告"
LEDGER_ITEM = "zhenggai_fangan_luoshi"


def unit_key(unit: Optional[str]) -> Optional[str]:
    """A unit's name in a form its plans and its report share: 中共X党组 ≈ X; 委员会 ≈ 委; the party
    organ's suffix (党组, 党委, 党工委, 党总支, 党支部, 机关党委) and 领导班子 dropped."""
    if not unit:
        return None
    key = _PUNCT.sub("", normalise(unit))
    key = re.sub(r"^中国共产党|^中共", "", key)
    key = key.replace("工作委员会", "工委").replace("委员会", "委")
    key = re.sub(r"(?:领导班子|班子)$", "", key)
    key = re.sub(r"(?<=委)(?:常委会|常务委|常委)$", "", key)  # 县委常委会 ≈ 县委
    key = re.sub(r"(?:机关党委|党工委|工委|党总支|党支部|党组|党委|总支|支部)$", "", key)
    return key or None


def pair_plans_with_reports(reviews: Sequence[tuple[str, Review]]) -> list[tuple[list[str], str]]:
    """(plan names, report name) for every look-back report whose unit has plans in the batch; a plan
    dated after the report is not its plan."""
    plans: dict[str, list[tuple[str, Review]]] = {}
    reports = []
    for name, review in reviews:
        key = unit_key(review.unit or review.author)
        if key is None or not review.measures and review.doc_type != REPORT_KIND:
            continue
        if review.doc_type in PLAN_KINDS:
            plans.setdefault(key, []).append((name, review))
        elif review.doc_type == REPORT_KIND:
            reports.append((key, name, review))
    out = []
    for key, name, review in reports:
        mine = [n for n, r in plans.get(key, []) if not (r.date and review.date and r.date > review.date)]
        if mine:
            out.append((mine, name))
    return out


def ledger_check(tracking: Tracking) -> tuple[str, list[str]]:
    """The checklist result of “列入整改的问题是否按期解决” judged from the ledger: pass when every
    measure is reported with a fact, fail when half or more are missing or only claimed."""
    counts = tracking.summary
    total = counts["total"] or 1
    missing = counts["not_reported"] + counts["unsupported_claim"]
    if missing == 0 and counts["done_late"] == 0:
        result = "pass"
    elif missing / total >= 0.5:
        result = "fail"
    else:
        result = "weak"
    evidence = [f"按整改台账：方案措施 {counts['total']} 项，" + "，".join(
        f"{STATUS_CN[s]} {counts[s]} 项" for s in STATUSES if counts[s])]
    evidence += [f"{STATUS_CN[m.status]}：{m.text[:40]}" for m in tracking.ordered()
                 if m.status in ("not_reported", "unsupported_claim", "done_late")][:5]
    return result, evidence


def apply_ledger(review: Review, tracking: Tracking) -> None:
    """Judge the report's 整改方案落实情况 checklist item from the ledger instead of keywords."""
    result, evidence = ledger_check(tracking)
    for checklist in review.checklists:
        for item in checklist.items:
            if item.id == LEDGER_ITEM:
                item.result = result
                item.evidence = evidence
        checklist.counts = {r: sum(1 for i in checklist.items if i.result == r) for r in ("pass", "weak", "fail", "n/a")}
