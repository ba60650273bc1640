"""`review()`: one submission read the way an inspection group reads it — every problem labelled,
every measure judged (deadline, owner, hollowness), the flags of domain.md §4 raised with quoted
evidence, and the checklists of corpora/checklists run."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Optional, Protocol

from classifiers.checklists import DocumentFacts, run_checklists
from classifiers.deadlines import find_deadline
from classifiers.fourstyles import StylePrediction, default_classifier, heading_style, taxonomy
from classifiers.hollowness import HollownessScorer
from classifiers.linear import score_first
from classifiers.owners import find_owner
from classifiers.spans import read_measure
from classifiers.requirements import all_items, root_cause_dimensions, six_explanations
from classifiers.resources import load_yaml
from docparse import Document, Location, parse
from docparse.numbering import scheme_of, split_label
from docparse.structure import IMPRINT_LINE
from docparse.api import Source

from . import flags as F
from .models import (Checklist, ChecklistItem, DeadlineOut, Evidence, Measure, OwnerOut, Problem,
                     RequirementItem, Review)
from .batch import NOT_JUDGED
from .doctype import TOO_SHORT, judge as judge_doc_type, title_type
from .reader import BlockReader, default_reader, measureness, read_items
from .segment import _core, default_segmenter, regroup
from .understand import (_ENUM_START, ANNOUNCES_LIST, COUNTED_OUT, MEASURE_LEAD, NEXT_STEP_WORDS, PROBLEM_LEAD, Item, Understanding,
                         attach_block_labels, attach_section_leads, heading_kind, is_signing_line, link_measures,
                         retype_by_labels, similarity, split_block_deadlines, split_excuses, split_listed_items,
                         _cut_items, split_colon_list, split_marked_items, understand)


class StyleClassifier(Protocol):
    def classify(self, text: str, heading: Optional[str] = None) -> StylePrediction: ...


def _evidence(item_text: str, location: Location, note: Optional[str] = None) -> Evidence:
    return Evidence(text=item_text, location=location, where=location.describe(), note=note)


@functools.lru_cache(maxsize=1)
def _focus_cues() -> list[str]:
    off_topic = [w for words in taxonomy()["off_topic_cues"].values() for w in words]
    return load_yaml("lexicons/focus.yaml")["blame_others"] + off_topic


def focus_score(text: str) -> Optional[float]:
    """How much a problem item reads as objective conditions or other people's faults rather than
    the unit's own conduct (models/focus-*, scripts/train_focus.py); None without the model."""
    return score_first("focus", text)


def focus_note(text: str, score: Optional[float], threshold: float, style_score: float,
               style_below: float) -> Optional[str]:
    """Why a problem is not about the unit's own conduct, or None when it is: the focus model reads
    it as objective conditions or others' faults; or it names an outside cause (“上级拨付的资金不到位”)
    and reads as none of the four styles."""
    hit = next((w for w in _focus_cues() if w in text), None)
    cue = f"，如“{hit}”" if hit else ""
    if score is not None and score >= threshold:
        return f"讲客观条件或他人的问题{cue}，没有把自己摆进去（聚焦模型 {score:.2f}）"
    if hit and style_score < style_below:
        return f"讲客观条件或他人的问题{cue}，不是“四风”问题"
    return None


class Reviewer:
    """A loaded review pipeline: build once, review many files (models are loaded here)."""

    def __init__(self, styles: Optional[StyleClassifier] = None,
                 hollowness: Optional[HollownessScorer] = None, reader: Optional[BlockReader] = None,
                 learned_reader: bool = True):
        self.styles = styles or default_classifier()
        self.hollowness = hollowness or HollownessScorer.load()
        # The learned structure reader (models/reader-*); the rule reader alone without it.
        self.reader = reader or (default_reader() if learned_reader else None)
        # The paragraph segmenter (models/segmenter-*): items run on inside one paragraph.
        self.segmenter = default_segmenter() if learned_reader else None
        model = getattr(self.styles, "model", None)
        self._gate = (lambda text: model.proba(text)[-1]) if model is not None and \
            len(model.labels) > len(taxonomy()["labels"]) else None

    def _is_excuse(self, sentence: str) -> bool:
        """A sentence about objective conditions or other people, not the author's conduct: the focus
        model is sure of it and the four-styles model finds none of the styles in it."""
        score = focus_score(sentence)
        sure = score is not None and score >= F.param("unfocused", "excuse_focus_score_at", 0.8)
        # or it says so in words (这主要是因为……, 客观上……; lexicons/focus.yaml, taxonomy.yaml off_topic_cues)
        # and reads as none of the styles — the two signals focus_note weighs for a whole problem
        said = not sure and any(w in sentence for w in _focus_cues())
        if not (sure or said):
            return False
        prediction = self.styles.classify(sentence)
        if prediction.labels:
            return False
        return sure or max(prediction.scores.values(), default=0.0) < F.param("unfocused", "style_score_below", 0.3)

    def review(self, source: Source, *, filename: Optional[str] = None) -> Review:
        """Parse and review one submission."""
        document = parse(source, filename=filename)
        return self.review_document(document, filename=filename or document.source)

    def review_document(self, document: Document, filename: Optional[str] = None) -> Review:
        u = understand(document)
        if self.reader is not None:
            read_items(document, u, self.reader, self._gate)
        # The type is judged on the items as first read: cutting one paragraph into three measures
        # is no new evidence that the file is a submission.
        read = (len(u.problems), len(u.measures))
        split_block_deadlines(u)
        if self.segmenter is not None:
            regroup(document, u, self.segmenter, self._gate)
        split_listed_items(u)
        split_marked_items(u)
        split_labelled_pairs(document, u)
        split_mixed_items(document, u)
        split_further_measures(u)
        split_promise_sentences(u)
        link_measures(u)  # (clauses cut from a paragraph whose other clause answers a problem)
        retype_by_labels(document.text, u)
        # (after the retyping: the measure of “针对……的问题：……” follows a 问题： that is no label)
        split_targeted_pairs(document, u)
        trim_about_leads(u)
        drop_fragments(u)
        drop_frame_lines(document, u)
        def about_styles(text: str) -> bool:
            return bool(self.styles.classify(text).labels)

        split_excuses(u, self._is_excuse, about_styles)
        attach_section_leads(document.text, u)
        attach_block_labels(document.text, u)
        add_unread_siblings(document, u, about_styles)
        if add_prose_items(document, u, about_styles):
            link_measures(u)
        split_topic_paragraphs(u, about_styles)
        relink_cut_measures(u)
        kind = judge_doc_type(document, filename, *read)
        scope = u.scope
        if kind.doc_type == "整改方案" and scope == "个人":
            # “乡长谢××整改承诺”: a person's plan is a 个人整改措施 (a 整改方案 is a leadership team's)
            kind = dataclasses.replace(kind, doc_type="个人整改措施")
        elif kind.doc_type == "个人整改措施":
            scope = "个人"
        # Flags and checklists are for a submission of certain type; anything else is read (and
        # shown) but not judged.
        doc_type = kind.doc_type if kind.certain else None
        if doc_type == "回头看自查报告":
            add_progress_commitments(document, u)
            add_progress_shortfalls(document, u, about_styles)
        if kind.not_submission and kind.not_submission != TOO_SHORT:
            # A news report, a speech, a blank template: what it says of problems and measures is
            # not a unit's own, and is not listed as if it were (an uncertain type, and a file
            # perhaps cut short, keep theirs).
            u.problems, u.measures = [], []
        ref = document.metadata.date
        problems = [self._problem(i, item) for i, item in enumerate(u.problems)]
        measures = [self._measure(i, item, ref) for i, item in enumerate(u.measures)]
        for measure in measures:
            if measure.problem is not None and measure.problem < len(problems):
                problems[measure.problem].measures.append(measure.id)
        explanations = six_explanations(document.text, u.section_text.get("six_explanations", ""))
        # Causes count where the causes are analysed: in their section when there is one, else
        # anywhere but among the problems and measures (“增强宗旨意识” is a measure, not a cause).
        cause_text = u.section_text.get("root_causes") or "\n".join(
            text for section, text in u.section_text.items() if section not in ("problems", "measures"))
        causes = root_cause_dimensions(cause_text, cause_text)
        review = Review(
            source=filename or document.source, doc_type=kind.doc_type, doc_type_confidence=kind.confidence,
            doc_type_basis=kind.basis, not_submission=kind.not_submission,
            # a news report has no 班子/个人 scope, nor has a file of no type (无法判断, read but not judged)
            scope=None if kind.not_submission or kind.doc_type is None else scope,
            title=document.metadata.title, unit=document.metadata.unit, author=document.metadata.author,
            date=ref, verdict="", problems=problems, measures=measures, flags=[], checklists=[],
            six_explanations=_requirement_items("six_explanations", explanations),
            root_causes=_requirement_items("root_cause_dimensions", causes),
            classifier=type(self.styles).__name__,
        )
        unrecognised = kind.reason if not kind.certain else missing_structure(doc_type, review)
        review.flags = self._flags(document, u, review, doc_type)
        if unrecognised:
            review.flags = [f for f in review.flags if F.spec(f.code).get("technical")]
            review.flags.append(F.make_flag("structure_unrecognised", what=unrecognised, evidence=[
                Evidence(text=unrecognised, location=Location(), where="全文",
                         note=f"识别到问题 {len(problems)} 条、措施 {len(measures)} 条")]))
        else:
            review.checklists = self._checklists(document, u, review)
        review.verdict = verdict(review)
        return review

    # -- items ---------------------------------------------------------------------------

    def _problem(self, index: int, item: Item) -> Problem:
        # The author's own style heading (“形式主义方面”) is context for the model (domain.md §3).
        prediction = self.styles.classify(item.text, heading=heading_style(item.context))
        # (a problem the model files under a style is about the styles, whatever outside cause it names)
        style_score = 1.0 if prediction.labels else max(prediction.scores.values(), default=0.0)
        score = focus_score(item.text)
        # (a problem the model gives no style at all needs less of the focus model's doubt)
        at = F.param("unfocused", "focus_score_at", 0.6) if prediction.labels else \
            F.param("unfocused", "unlabelled_focus_score_at", 0.6)
        note = focus_note(item.text, score, at, style_score, F.param("unfocused", "style_score_below", 0.3))
        return Problem(id=index, text=item.text, location=item.location, where=item.location.describe(),
                       labels=prediction.labels, scores={k: round(v, 4) for k, v in prediction.scores.items()},
                       label_evidence=prediction.evidence, label_note=prediction.note, focused=note is None,
                       focus_note=note)

    def _measure(self, index: int, item: Item, ref: Optional[str]) -> Measure:
        # Table cells say it outright; otherwise the span reader (CRF with rule forms) reads the text.
        read = read_measure(item.text, ref)
        deadline = find_deadline(item.deadline_cell, ref) if item.deadline_cell else None
        if deadline is None:
            deadline = read.deadline
        deadline_out = DeadlineOut(text=deadline.text, kind=deadline.kind, due=deadline.due) if deadline else None
        owner_out = None
        if item.owner_cell:
            first = find_owner(f"责任单位：{item.owner_cell}")
            if first is not None:
                owner_out = OwnerOut(text=item.owner_cell, kind=first.kind)
        elif read.owner is not None:
            owner_out = OwnerOut(text=read.owner.text, kind=read.owner.kind)
        judgement = self.hollowness.judge(item.text, ref)
        return Measure(id=index, text=item.text, location=item.location, where=item.location.describe(),
                       deadline=deadline_out, owner=owner_out, hollow=judgement.hollow,
                       hollow_score=round(judgement.score, 4), hollow_missing=judgement.missing,
                       problem=item.problem)

    # -- flags ---------------------------------------------------------------------------

    def _flags(self, document: Document, u: Understanding, review: Review, doc_type: Optional[str]) -> list:
        scope = review.scope
        out = []

        def measure_flag(code: str, failing: list[Measure], note) -> None:
            if failing and F.applies(code, doc_type, scope):
                out.append(F.make_flag(code, count=len(failing), total=len(review.measures),
                                       evidence=[_evidence(m.text, m.location, note(m)) for m in failing]))

        if F.applies("unfocused", doc_type, scope):
            unfocused = [p for p in review.problems if not p.focused]
            if unfocused:
                out.append(F.make_flag("unfocused", count=len(unfocused), total=len(review.problems),
                                       evidence=[_evidence(p.text, p.location, p.focus_note) for p in unfocused]))
        at = F.param("hollow_measures", "hollow_score_at", 0.5)
        measure_flag("hollow_measures", [m for m in review.measures if m.hollow_score >= at],
                     lambda m: f"空洞程度 {m.hollow_score:.2f}；" + "、".join(
                         {"action": "缺具体动作", "object": "缺具体对象", "quantity": "缺数量",
                          "output": "缺可检查的产出", "frequency": "缺频次"}[x] for x in m.hollow_missing))
        measure_flag("missing_deadline", [m for m in review.measures if m.deadline is None],
                     lambda m: "未写完成时限")
        # (an owner no more definite than 各部门 or 班子成员各负其责 is none: corpora/measures/CONVENTIONS.md §2.3)
        vague = set(F.param("missing_owner", "vague_owner_phrases", []))
        measure_flag("missing_owner", [m for m in review.measures if m.owner is None or m.owner.text.strip() in vague],
                     lambda m: f"责任主体笼统（{m.owner.text}）" if m.owner else "未写责任领导、责任单位或责任人")
        if F.applies("problems_without_measures", doc_type, scope) and review.problems:
            lonely = problems_without_measures(review, u, document.text)
            if lonely:
                out.append(F.make_flag("problems_without_measures", count=len(lonely), total=len(review.problems),
                                       evidence=[_evidence(p.text, p.location, note) for p, note in lonely]))
        for code, items in (("missing_six_explanations", review.six_explanations),
                            ("missing_root_cause", review.root_causes)):
            if F.applies(code, doc_type, scope):
                missing = [i for i in items if not i.found]
                if missing:
                    out.append(F.make_flag(code, count=len(missing), total=len(items),
                                           missing="、".join(i.name for i in missing),
                                           evidence=[_evidence(i.quote or "", Location(), f"已说明：{i.name}")
                                                     for i in items if i.found]))
        for notice in document.notices:
            if notice.code == "needs_ocr":
                pages = document.metadata.pages or len(notice.pages) or 1
                text = F.spec("needs_ocr")["ocr_status_text"]
                status = text["applied"] if "已用" in notice.message else text["not_applied"]
                out.append(F.make_flag("needs_ocr", count=len(notice.pages), total=pages,
                                       pages="、".join(str(p) for p in notice.pages), ocr_status=status,
                                       evidence=[_evidence(notice.message, Location(page=p)) for p in notice.pages[:5]]))
        return out

    def _checklists(self, document: Document, u: Understanding, review: Review) -> list[Checklist]:
        measures, problems = review.measures, review.problems
        share = lambda hits, total: (hits / total) if total else None  # noqa: E731
        metrics = {
            "measures_have_deadline_share": share(sum(m.deadline is not None for m in measures), len(measures)),
            "measures_have_owner_share": share(sum(m.owner is not None for m in measures), len(measures)),
            "problems_have_measures_share": share(sum(bool(p.measures) for p in problems), len(problems))
            if measures else (0.0 if problems else None),
            "six_explanations": sum(i.found for i in review.six_explanations) / 6,
            "root_cause_dimensions": sum(i.found for i in review.root_causes) / 4,
            "problems_focused_share": share(sum(p.focused for p in problems), len(problems)),
            "measures_concrete_share": share(sum(not m.hollow for m in measures), len(measures)),
        }
        facts = DocumentFacts(text=document.text, headings=u.headings, doc_type=review.doc_type,
                              scope=review.scope, metrics=metrics)
        return [Checklist(id=c.id, name=c.name, counts=c.counts,
                          items=[ChecklistItem(id=i.id, text=i.text, result=i.result, evidence=i.evidence,
                                               source=i.source) for i in c.items])
                for c in run_checklists(facts)]


def problems_without_measures(review: Review, u: Understanding, text: str = "") -> list[tuple[Problem, str]]:
    """Problems no measure answers (与事对应): a table row with a problem and no measure; in a
    document that answers its problems one by one (each problem followed by its measures), a
    problem that the next problem follows directly; and, when a document lists fewer measures than
    problems, as many of the unlinked problems as the shortfall, the least similar to any measure
    first."""
    at = F.param("problems_without_measures", "match_score_at", 0.35)
    in_rows = {i for i, item in enumerate(u.problems) if item.location.table is not None}
    row_measures = {m.problem for m in review.measures if m.problem is not None}
    lonely = [(review.problems[i], "问题清单中该行没有整改措施") for i in sorted(in_rows - row_measures)]
    if u.links_referenced:
        # the measures say which problem each answers (（针对问题1）): one that none names is unanswered
        lonely += [(p, "措施逐条注明了所针对的问题，没有一条措施针对该问题")
                   for p in review.problems if p.id not in in_rows and not p.measures]
    for problem in _unanswered_in_turn(review, text):
        # and no measure elsewhere reads like its answer
        best = max((similarity(problem.text, m.text) for m in review.measures), default=0.0)
        if problem.id not in in_rows and best < at:
            lonely.append((problem, "逐条对应的写法中，该问题后面紧接着下一条问题，没有整改措施"
                                    f"（最接近的措施相似度 {best:.2f}）"))
    flagged = {p.id for p, _ in lonely}
    # A problem that blames conditions or others (not focused) is the one a plan most often leaves
    # unanswered: where no measure comes near it, it is taken as unanswered whatever the counts.
    off_at = F.param("problems_without_measures", "off_topic_match_score_at", 0.0)
    # (nor does a general pledge placed after it answer it, “进一步转变作风，多为群众办实事”: linked by its
    # place, hollow, and sharing next to nothing of its wording)
    by_id = {m.id: m for m in review.measures}
    pledge_below = F.param("problems_without_measures", "pledge_match_score_below", 0.1)
    for problem in review.problems:
        if problem.id in flagged or problem.id in in_rows or problem.focused:
            continue
        answers = [by_id[k] for k in problem.measures if k in by_id]
        if answers and not all(m.hollow and m.location.table is None
                               and similarity(problem.text, m.text) < pledge_below for m in answers):
            continue
        best = max((similarity(problem.text, m.text) for m in review.measures), default=0.0)
        if best < off_at:
            lonely.append((problem, f"该问题讲客观条件或他人，没有找到对应的整改措施（最接近的措施相似度 {best:.2f}）"))
    flagged = {p.id for p, _ in lonely}
    if u.order_misaligned and len(review.problems) == len(review.measures) and not _in_turn(review, text):
        # as many measures as problems, but not one for one (and not laid out problem by problem, each
        # followed by its measures): a problem no measure answers stands out
        for problem in review.problems:
            best = max((similarity(problem.text, m.text) for m in review.measures), default=0.0)
            if problem.id not in flagged and problem.id not in in_rows and not problem.measures and best < at:
                lonely.append((problem, "措施与问题数量相同但并非逐条对应，该问题没有找到对应的整改措施"
                                        f"（最接近的措施相似度 {best:.2f}）"))
        flagged = {p.id for p, _ in lonely}
    prose = [p for p in review.problems if p.id not in in_rows and not p.measures and p.id not in flagged]
    shortfall = len(review.problems) - len(review.measures)
    if shortfall > 0 and prose:
        best = {p.id: max((similarity(p.text, m.text) for m in review.measures), default=0.0) for p in prose}
        for problem in sorted(prose, key=lambda p: best[p.id])[:shortfall]:
            if best[problem.id] < at:
                lonely.append((problem, f"没有找到对应的整改措施（最接近的措施相似度 {best[problem.id]:.2f}）"))
    # Every measure answers one of the other problems, and this one shares next to nothing with any
    # of them (a look-back's third shortfall, no next step for it): unanswered, whatever the counts.
    flagged = {p.id for p, _ in lonely}
    below = F.param("problems_without_measures", "unlinked_match_score_below", 0.0)
    linked = {m.problem for m in review.measures if m.problem is not None}
    if review.measures and len(linked) >= 2 and all(m.problem is not None for m in review.measures):
        for problem in prose:
            best = max((similarity(problem.text, m.text) for m in review.measures), default=0.0)
            if problem.id not in flagged and best < below:
                lonely.append((problem, f"其余问题都有对应措施，该问题没有（最接近的措施相似度 {best:.2f}）"))
    return lonely


_PROBLEM_TITLE = re.compile(r"^(?:关于.{1,24}|.{1,18}(?:的问题|问题|方面))[。：:]?$")


def _in_turn(review: Review, text: str) -> bool:
    """Whether the document is laid out problem by problem, each followed by measures of its own."""
    return _answered_in_turn(review, text)[0]


def _unanswered_in_turn(review: Review, text: str) -> list[Problem]:
    in_turn, unanswered = _answered_in_turn(review, text)
    return unanswered if in_turn else []


def _answered_in_turn(review: Review, text: str) -> tuple[bool, list[Problem]]:
    """In a document laid out problem by problem (问题一…措施…；问题二…措施…), the problems that no
    measure follows before the next problem (or the end). The layout counts as problem by problem
    when most problems, and at least two, are followed by measures of their own."""
    if not text or len(review.problems) < 2:
        return False, []
    order = []
    for kind, items in (("P", review.problems), ("M", review.measures)):
        for item in items:
            if kind == "P" and _PROBLEM_TITLE.match(item.text):
                continue  # “关于会议多的问题”, “基层医疗机构看病难的问题”: a title, its statement follows
            at = text.find(item.text)
            if at < 0:
                return False, []  # where the items cannot be placed, no claim about their order
            order.append((at, kind, item))
    order.sort(key=lambda x: x[0])
    answered, unanswered = [], []
    for k, (_, kind, item) in enumerate(order):
        if kind == "P":
            # (problems cut from one paragraph, “主要表现：A；B”, are answered by what follows the last;
            # so are problems listed together, “6.……7.……”, when as many measures follow them, “①……②……”)
            j = k + 1
            while j < len(order) and order[j][1] == "P" and order[j][2].location == item.location:
                j += 1
            run_start = k
            while run_start > 0 and order[run_start - 1][1] == "P":
                run_start -= 1
            run_end = k
            while run_end < len(order) and order[run_end][1] == "P":
                run_end += 1
            after = run_end
            while after < len(order) and order[after][1] == "M":
                after += 1
            together = run_end - run_start > 1 and after - run_end >= run_end - run_start \
                and max(similarity(item.text, m.text) for _, _, m in order[run_end:after]) >= 0.2
            nxt = order[j][1] if j < len(order) else None
            if nxt == "M":
                answered.append(item)
            elif not together:
                unanswered.append(item)
    # (the layout is told by the problems a measure follows directly; problems listed together and
    # answered together are neither evidence for it nor unanswered)
    if len(answered) < 2 or len(answered) * 2 <= len(review.problems):
        return False, []
    return True, unanswered


def _requirement_items(group: str, found) -> list[RequirementItem]:
    by_id = {f.id: f for f in found}
    return [RequirementItem(id=i, name=name, found=i in by_id, quote=by_id[i].quote if i in by_id else None)
            for i, name in all_items(group)]


def missing_structure(doc_type: Optional[str], review: Review) -> Optional[str]:
    """What a submission of this type must contain and was not found in it, or None."""
    if doc_type == "对照检查材料" and not review.problems:
        return "对照检查材料中没有识别出查摆的问题"
    if doc_type is not None and doc_type != "对照检查材料" and not review.measures:
        return f"{doc_type}中没有识别出整改措施"
    # Every plan but a 制度建设计划 answers a list of problems (seed 003: 列出整改问题清单).
    if doc_type is not None and doc_type != "制度建设计划" and not review.problems:
        return f"{doc_type}中没有识别出要整改的问题"
    return None


_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_ITEM_CHARS = 4
# “……我们发现窗口服务中主要存在以下几个方面的问题。”: the sentence that announces the list
_LIST_INTRO = re.compile(r"^[^。；;]{0,50}(?:存在|有|是|为|归纳|概括|主要)(?:以下|如下)[^，,。；;]{0,8}(?:问题|不足|差距|方面)"
                         r"\s*[。：:]?\s*$")
# “以上问题的产生，归根到底是……”: the analysis of the problems above, not one of them
_CAUSE_LEAD = re.compile(r"\s*(?:以上|上述|这些)(?:问题|不足|差距)[^，,。]{0,8}(?:的产生|产生|存在|出现)|\s*究其(?:原因|根源)|\s*归根(?:到底|结底)"
                         r"|\s*(?:产生(?:这些|上述|以上)?问题的)?(?:主要|根本|深层次)?(?:原因|根源)(?:是|在于|主要是|主要在于)")
# “对这些问题，局党组将在下一步工作中认真加以解决”: the promise that closes a list of problems
_LIST_CLOSE = re.compile(r"\s*(?:对|针对|对于)(?:这些|上述|以上)(?:问题|不足|差距)[，,]")
# “在服务病人方面”, “关于个人作风方面”: the name of a group of problems, not one of them
_ASPECT_TITLE = re.compile(r"[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?\s*(?:(?:在|关于)?[^，,。；;：:]{2,10}方面(?:的问题|存在的问题|存在的不足)?"
                           r"|在[^，,。；;：:]{2,12}(?:中|上))[：:。]?")  # “在干部选拔任用工作中”, “在个人作风上”
# “镇党委研究确定了两条办法：便民服务中心……”: the words that announce the measure are not part of it
_ANNOUNCED = re.compile(r"\s*(?:[^。；;：:，,]{2,20}(?:办法|措施|举措|打算|做法)(?:如下)?[：:]"
                        r"|[^。；;：:，,]{0,12}(?:从|分)(?:几个|[两二三四五六七八九十]个)方面(?:改|整改|抓|来改)[。：:]"
                        # “今后我从以下几个方面抓好落实：一是……”: whatever announces the first clause
                        r"|[^。；;：:]{2,30}[：:](?=\s*一是))\s*(?:一是)?")
# “以上整改措施请镇党委和全镇干部群众监督。”: the sentence that closes a list of measures
_MEASURES_CLOSE = re.compile(r"\s*(?:以上|上述)(?:整改|整治)?(?:措施|承诺|整改事项|情况|清单|任务|打算)"
                             # “今后，镇党委将把整改落实作为一项经常性工作来抓”, “本人将自觉接受……的监督”
                             r"|\s*今后[，,][^。；;]{0,12}(?:将|要)把[^。；;]{0,16}作为"
                             r"|[^，,。；;]{0,10}(?:将|要)把(?:以上|上述)"  # “常委班子将把上述整改措施纳入……”
                             # “局党组将把“回头看”查出的差距纳入2015年度整改台账……”: a look-back's closing words
                             r"|[^，,。；;]{0,12}(?:将|要)把[^，,。；;]{0,20}(?:发现|查出|查摆)的(?:问题|差距|不足)纳入"
                             r"|[^，,。；;]{0,10}(?:将|要)(?:自觉|主动)接受[^。；;]{0,24}监督"
                             # “全体党员和村民代表要对以上整改事项进行监督”: who watches over the list, not a measure
                             r"|[^，,。；;]{0,16}(?:要|将|请)?对(?:以上|上述)(?:整改|整治)?(?:事项|措施|任务|承诺)[^，,。；;]{0,6}(?:监督|督促|评议)"
                             # “以上检查，不妥之处，请同志们批评指正。”: the closing words of a self-examination
                             r"|\s*(?:以上|上述)(?:检查|发言|剖析|对照检查|汇报)[^。]{0,16}批评指正")
# “2014年春季已将违规收取的补课费全部退还”, “已建立校领导随堂听课制度”: what a look-back reports as done,
# not a measure to come — unless the sentence goes on to one (“已退还相关费用；即日起不参加……”)
_DONE = re.compile(r"^(?:关于[^。；;]{1,24}(?:问题|方面)[。：:，,])?[^，,。；;]{0,16}?(?<![对未])已(?:经)?"
                   r"(?:将|对|把|于|按|在|建立|修订|制定|完成|出台|开展|落实|整改|清退|退还|取消|召开|印发|全部|基本|成立"
                   r"|实现|配备|更换|调整|腾退|收回|纳入|进行)")
_COMMITS_AFTER = re.compile(r"今后|以后|即日起|下一步|下步|(?<!已)将(?!其)|要|每[年季月周天日]|月底前|年底前|前完成|继续|长期|坚持")
_ABOUT_TITLE = re.compile(r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?关于[^。；;]{1,30}?(?:的)?问题[。：:]?")
_TARGET_LABEL = re.compile(r"\s*(?:整改目标|整治目标|工作目标|预期目标|目标任务|目标)[：:]")


# “局党组将以此次整改为契机，……”, “我们将以这次专题民主生活会为新的起点，……”: the closing pledge of a
# document, not a measure of it.
_CLOSING_PLEDGE = re.compile(r"\s*(?:[^，,。；;]{0,12}?(?:将|要)以(?:这次|此次|本次)[^，,。；;]{1,24}?为(?:新的)?(?:起点|契机)"
                             r"|(?:总之|总而言之|综上所述)[，,])")  # (“总之，此次自查工作……”: the closing words)
_STYLE_TITLE = re.compile(r"(?:关于|在)?(?:[\u4e00-\u9fff]{1,4}(?:中|上|里)的)?(?:“?四风”?|形式主义|官僚主义|享乐主义|奢靡之风)(?:方面)?(?:的|存在的)?(?:突出)?(?:问题)?")


@functools.lru_cache(maxsize=1)
def _section_titles() -> frozenset[str]:
    headings = load_yaml("sections.yaml")["headings"]
    return frozenset(w for spec in headings.values() for w in spec.get("any", []))


def _is_section_title(text: str) -> bool:
    """An item that is only a section's name (“存在的主要问题”, “整改措施”, “关于形式主义”): a heading
    the reader took for an item."""
    bare = re.sub(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*|[：:。；;\s]+$", "", text.strip())
    return bare in _section_titles() or bool(_STYLE_TITLE.fullmatch(bare))


# “1．【问题】……【措施】……【责任科室】……【时限】……”: a paragraph that labels its problem and its measure
_PAIR = re.compile(r"^[^【]{0,8}【(?:存在的?问题|问题|问题表现)】(?P<problem>.+?)(?:【(?:整改措施|措施|整改要求|整改方向)】(?P<measure>.+))?$",
                   re.S)


# “（一）关于……的问题。[what was done]，这项任务已完成。还存在的不足：……。下一步：……”: a look-back's paragraph
# whose progress comes first; only what follows the shortcomings label is a problem, and what follows 下一步 its measure
_PROGRESS_PAIR = re.compile(r"^(?P<lead>.*?(?:已完成|已经完成|正在推进|已基本完成|基本完成|已落实|已整改|已建立|已出台)[^。；;]{0,12}[。；;])\s*"
                            r"(?:还存在的不足|存在的不足|仍存在的问题|还存在的问题|存在问题|不足之处|仍存在的不足|存在差距)[：:]"
                            r"(?P<problem>.+?)(?:(?:下一步措施|下步措施|下一步打算|下一步|下步)[：:](?P<measure>.+))?$", re.S)


# “关于听课和联系教师。[what was done]。但……。下一步，……”: the same, with 但 opening the shortcoming
_PROGRESS_BUT = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?关于[^。；;]{1,24}[。：:]"
                           r"(?P<lead>[^。]*(?:已|累计|比上年|下降|压减|减少|实行|完成|\d)[^。]*。(?:[^。但]*。){0,2})"
                           r"(?:但是|但)[，,]?(?P<problem>.+?)(?:下一步|下步)[，,：:](?P<measure>.+)$", re.S)


# “[what was done]。但……。春节前镇党政办要……。”: a look-back paragraph under its own heading (关于……问题), with
# what was done, 但 and the shortcoming, and one sentence of what comes next
_DONE_WORDS = r"已|比上年|下降|压减|减少|基本解决|完成"
_PROGRESS_BUT_BARE = re.compile(rf"^(?P<lead>(?:[^。但]*。){{0,2}}[^。但]*(?:{_DONE_WORDS}|了)[^。但]*[。，,]"
                                r"(?:[^。但]*。){0,2})"
                                r"(?:但是|但)[，,]?(?P<problem>[^。]{8,}。)\s*(?:下一步|下步)?[，,]?"
                                r"(?P<measure>(?:[^。]*。)?[^。]*(?:要|将|计划|争取|牵头|负责|前|以后|今后|继续)[^。]*。?)$", re.S)


_DONE_SAID = re.compile(_DONE_WORDS)


# “回头看，我的整改还有不足：……。今后每季度……”: a short lead, the shortcoming, then what comes next
_SHORTFALL_PAIR = re.compile(r"^(?P<lead>[^：:。]{0,24}?(?:还有|还存在|仍有|存在)(?:的|以下|一些)?(?:不足|差距|问题)[：:])"
                             r"(?P<problem>[^：:]+?[。；;])\s*(?:今后|下一步|下步|下阶段)[，,：:]?(?P<measure>.{8,})$", re.S)


# “……就餐；还要精简会议……”: a further commitment run on after a semicolon
_FURTHER_WORDS = r"(?:还要|另外|再者|并且要|同时还要)[，,]?"
_FURTHER = re.compile(rf"[；;](?={_FURTHER_WORDS}[\u4e00-\u9fff])")


# A problem item that goes straight on to what will be done about it (a village's list: “……一年到头没讨论过
# 村里的事，以后每月5号开党员会……。”, “……有时候干部在打牌。整改:9月1号起村两委干部轮流坐班……”): where the
# promise may start — after an inline 整改：/措施：, or after a sentence's end or a comma, before what opens a
# promise (以后, 今后, 即日起, 一律, 本人将, a time still to come before 前/起)
_PROMISE_OPENS = (r"(?:以后|今后|从今以后|从今往后|下一步|即日起|马上|立即"
                  r"|(?:本人|我们|我|支部|村里|村两委)(?:将|要(?!求))|一律|坚决"
                  # (a time still to come before 前/起: 秋收前, 下个月赶集前, 9月1号起 — not 原定9月底前, 去年春节前)
                  r"|(?:下个?月|下周|下半年|明年|秋收|麦收|年底|年内|月底|开学|赶集)[^，,。；;]{0,4}(?:前|起)|\d{1,2}月\d{0,2}[日号]?(?:起|前))"
                  r"(?![^，,。]{0,6}(?:可能|难免))")
_MIXED_CUT = re.compile(rf"(?:整改措施|整改|措施)[:：]\s*|(?<=[。！；;，,])\s*(?={_PROMISE_OPENS})")


def split_mixed_items(document: Document, u) -> None:
    """A problem item (not a table cell) whose last part promises what will be done about it is that
    problem and a measure answering it (documents README: every sentence that promises an action is a
    measure item, wherever it sits): cut at the first place after which the rest reads as a promise to
    the learned measureness model and before which nothing does."""
    def promising(text: str) -> bool:
        score = measureness(text)
        return score is not None and score >= 0.5

    new: list[Item] = []
    for index, item in enumerate(u.problems):
        if item.location.table is not None:
            continue
        text = item.text.strip()
        for match in _MIXED_CUT.finditer(text):
            head, tail = text[:match.start()].strip(), text[match.end():].strip()
            if len(_CJK.findall(head)) < 10 or len(_CJK.findall(tail)) < 8:
                continue
            if promising(tail) and not any(promising(s) for s in re.split(r"(?<=[。！；;])", head) if s.strip()):
                item.text = head.rstrip("，,；;")
                new.append(Item(text=tail, location=item.location, section="measures", problem=index))
                break
    for measure in new:
        u.measures.insert(_reading_place(document, measure.text, u.measures), measure)


def split_further_measures(u) -> None:
    """A measure that runs a further commitment on after a semicolon (……；还要……) is two measures,
    each answering what the first answered, when both halves are items of their own length."""
    measures = []
    for m in u.measures:
        parts = _FURTHER.split(m.text)
        if len(parts) == 2 and all(len(_CJK.findall(p)) >= 10 for p in parts):
            first, second = parts[0].strip(), re.sub(f"^{_FURTHER_WORDS}", "", parts[1]).strip()
            measures += [dataclasses.replace(m, text=first), dataclasses.replace(m, text=second)]
        else:
            measures.append(m)
    u.measures = measures


# An unnumbered paragraph of measures that makes several promises, one sentence each (documents README:
# every sentence that promises an action is a measure item): “针对上面的问题，支部研究了几条整改办法。坐班的问题，
# 从6月1日起……。公开的问题，村务公开栏每季度更新一次……。”
_PROMISE_INTRO = re.compile(r"(?:以下|如下|下面|几条|几点|几个方面|几件事)[^。！]{0,12}[。！：:]$|改过来[。！]$|^这[一两几]?[条项件]")
_PROMISE_CONNECTIVE = re.compile(rf"^(?:同时|另外|此外|{NEXT_STEP_WORDS})[，,]")
# a sentence that only says who and by when (由校长办公室起草，2014年8月底前出台。 （牵头单位：镇纪委）
# 办公室负责，即日起执行。 2014年9月底前完成修订。): it goes with the promise before it
_PROMISE_FIELDS = re.compile(r"^(?:[（(【]|由[^，,。；;]{2,20}?(?:牵头|负责|起草|会同)|[^，,。；;]{2,14}(?:负责|牵头)[，,。]"
                             r"|(?:责任|牵头|配合)(?:单位|人|领导|部门|科室)[：:]|(?:完成)?时限[：:]"
                             r"|[^，,。；;]{2,16}(?:前|起)(?:完成|出台|建立|印发|执行|完成修订)?[。！]?$"
                             r"|[^，,。；;]{2,14}(?:前|起)[^，,。；;]{0,6}[，,][^，,。；;]{2,14}(?:负责|牵头)[。！]?$)")
_PROMISE_TOPIC = re.compile(r"^(?:[^，,。；;：:]{2,10}?(?:的问题|问题|方面|的事)|[^，,。；;：:]{2,6}上)[，,]")


_ITEM_MARKER = re.compile(_ENUM_START.pattern + r"[，,：:]?\s*")


def split_promise_sentences(u) -> None:
    """A measure read from an unnumbered paragraph (not a table cell, not a numbered item) whose
    sentences make two or more promises, each read as a measure by the learned measureness model, is
    one measure per promise: a sentence that only announces them (针对上面的问题，支部研究了几条整改办法。)
    is dropped, one that does not promise goes with the promise before it, and a lead that only names
    the topic (坐班的问题，, 同时，) is not part of the measure."""
    def promises(sentence: str) -> bool:
        score = measureness(sentence)
        return score is not None and score >= 0.5 and len(_CJK.findall(sentence)) >= 8

    out = []
    for m in u.measures:
        sentences = [s.strip() for s in re.split(r"(?<=[。！])", m.text) if s.strip()]
        if m.label is not None or m.location.table is not None or len(sentences) < 2 or "《" in sentences[0]:
            # (a rule plan's entry, 《……办法》。……。由……起草，……前出台。, is one measure)
            out.append(m)
            continue
        kept = [s for s in sentences if not (_PROMISE_INTRO.search(s) and not promises(_PROMISE_INTRO.sub("", s)))]
        made = [promises(s) and not _PROMISE_FIELDS.match(s) for s in kept]
        if sum(made) < 2:
            out.append(m)
            continue
        pieces: list[str] = []
        for sentence, made_one in zip(kept, made):
            if made_one or not pieces:
                pieces.append(sentence)
            else:
                pieces[-1] += sentence
        for piece in pieces:
            piece = _PROMISE_CONNECTIVE.sub("", piece, count=1)
            topic = _PROMISE_TOPIC.match(piece)
            if topic and promises(piece[topic.end():]):
                piece = piece[topic.end():]
            out.append(dataclasses.replace(m, text=piece))
    u.measures = out


def _reports_progress(document: Document) -> bool:
    """Whether the file may be a look-back, whose account says what was done with a bare 了 (作了表态，但……):
    not one whose title names another kind. In a self-examination, “我开了四次部署会，逐级签了责任书，但……” is
    the problem."""
    return title_type(document.metadata.title or "") in (None, "回头看自查报告")


def split_labelled_pairs(document: Document, u) -> None:
    """A paragraph that labels its parts in brackets (【问题】……【措施】……) is one problem and, when it has
    one, one measure that answers it, with the fields after it (【责任科室】…【时限】…) — whatever pieces
    the reader cut it into (corpora/documents/README.md: a numbered paragraph that states a problem and
    then its measure is one of each)."""
    def labelled(text: str):
        text = text.strip()
        bare = _PROGRESS_BUT_BARE.match(text)
        if bare and not progress and not _DONE_SAID.search(bare.group("lead")):
            bare = None
        return (_PAIR.match(text) if "【" in text else None) or _PROGRESS_PAIR.match(text) or _PROGRESS_BUT.match(text) \
            or _SHORTFALL_PAIR.match(text) or bare

    progress = _reports_progress(document)

    _replace_with_pairs(u, [(b, m) for b in document.blocks if b.table is None for m in [labelled(b.text)] if m])


# “针对门诊挂号缴费窗口少、患者排长队的问题：9月底前……”: a plan with no problem list names each problem in
# the lead of its measure (and “关于……的问题，主要是……” one it leaves unanswered)
_TARGETED_PAIR = re.compile(r"^针对(?P<problem>[^：:，,。；;]{4,60}?)(?:的)?(?:问题|现象|情况)[：:，,](?P<measure>.{8,})$", re.S)
_ABOUT_PROBLEM = re.compile(r"^关于(?P<problem>[^：:，,。；;]{4,60}?)(?:的)?问题[，,：:](?:主要是|主要原因是|原因是|这是)", re.S)


def split_targeted_pairs(document: Document, u) -> None:
    """In a plan that lists no problem of its own, items opened by 针对……的问题： are one problem (what
    they name) and one measure each (documents README: a numbered paragraph that states a problem and
    then its measure is one of each). Taken only where two or more items are so written and no problem
    was read elsewhere."""
    blocks = [b for b in document.blocks if b.table is None]
    targeted = [(b, m) for b in blocks for m in [_TARGETED_PAIR.match(split_label(b.text.strip())[1])] if m]
    if len(targeted) < 2:
        return
    about = [(b, m) for b in blocks for m in [_ABOUT_PROBLEM.match(split_label(b.text.strip())[1])] if m]
    matched = targeted + about
    places = {b.location for b, _ in matched}
    if any(p.location not in places for p in u.problems):
        return
    _replace_with_pairs(u, sorted(matched, key=lambda bm: blocks.index(bm[0])))


# “关于公司领导在工程验收中只看资料、不到现场的问题。公司已修订工程验收办法……”: a look-back names the
# problem, then says what was done about it
_ABOUT_THEN_PROGRESS = re.compile(r"^关于(?P<problem>[^。；;]{6,80}?)(?:的)?问题[。：:]\s*(?P<rest>.+)$", re.S)
_STILL_TO_COME = re.compile(rf"{NEXT_STEP_WORDS}|将|要|计划|争取|确保|整改措施|措施[：:]")


def trim_about_leads(u) -> None:
    """A problem item that names its problem (关于……的问题。) and then reports what was done or explains it
    (已修订……, 说明：……) is the problem it names: the report is no part of it (and no measure). One that
    goes on to what is still to come is left as read."""
    for item in u.problems:
        match = _ABOUT_THEN_PROGRESS.match(item.text.strip())
        if match and not _STILL_TO_COME.search(match.group("rest")):
            problem = match.group("problem").strip()
            if problem.startswith(("“", '"')) and problem.endswith(("”", '"')):
                problem = problem[1:-1]  # 关于“……”问题
            item.text = problem


def _replace_with_pairs(u, matched: list) -> None:
    """Replace the items read from each matched paragraph by its problem and, when it has one, the
    measure that answers it (groups `problem` and `measure` of the match)."""
    if not matched:
        return
    pairs = [(b.location, m) for b, m in matched]

    def inside(item: Item) -> bool:
        # (where a location names only the page, a scan's, the item must also be part of the paragraph)
        return any(item.location == b.location and (
            b.location.paragraph is not None or b.location.line is not None or item.text.strip()[:12] in b.text)
            for b, _ in matched)

    kept = [(i, p) for i, p in enumerate(u.problems) if not inside(p)]
    new_index = {old: new for new, (old, _) in enumerate(kept)}
    problems = [p for _, p in kept]
    measures = [dataclasses.replace(m, problem=new_index.get(m.problem) if m.problem is not None else None)
                for m in u.measures if not inside(m)]
    for location, match in pairs:
        problems.append(Item(text=match.group("problem").strip(), location=location, section="problems"))
        measure = (match.groupdict().get("measure") or "").strip()  # (关于……的问题，主要是……: none)
        if measure:
            measures.append(Item(text=measure, location=location, section="measures",
                                 problem=len(problems) - 1))
    u.problems, u.measures = problems, measures


# A note under a list (“（注：本清单中的整改事项完成后……）”), a report's closing formula (“以上报告，
# 请审阅。”, “特此报告。”) and a closing request to be watched over: never an item
_NOT_AN_ITEM = re.compile(r"\s*[（(]?\s*(?:注|备注|附注|说明)[：:]"
                          r"|\s*(?:以上报告|特此报告|妥否|以上汇报)[，,。]?\s*(?:请审阅|请审议|请批示|请指正)?[。]?\s*$"
                          # “请全村党员群众监督我。”: the request that closes a personal list
                          r"|\s*(?:恳请|欢迎|请)[^，,。；;]{0,16}(?:监督|批评指正|帮助)(?:我|我们|本人)?[。！!]?\s*$")


_ACHIEVED = re.compile(r"做到了|已完成|已经完成|已全部完成|已落实|已整改到位|已办结|兑现了|落实到位")
_SHORT_OF = re.compile(r"但|仍|还有|还存在|没有做到|没做到|未|不够|不足|差距|不到位|打了折扣")


def _achieved_only(text: str) -> bool:
    """“第二条，工作日中午不喝酒。这一条做到了……”: a look-back's promise kept, with nothing short of it —
    progress, not a problem."""
    return bool(_ACHIEVED.search(text)) and not _SHORT_OF.search(text)


@functools.lru_cache(maxsize=1)
def _column_words() -> re.Pattern[str]:
    """Any column name of corpora/sections.yaml (序号, 整改措施, 完成时间 …), longest first."""
    words = {w for spec in load_yaml("sections.yaml")["columns"].values() for w in spec["any"]}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


# A look-back's account of an item still under way says what will be done and when, in a clause of its
# own: “……已完成经营方招标，计划于2015年3月底前投入使用，由后勤管理处负责……”, “……暂无法实施，待二期工程
# 竣工验收后按标准重新核定分配”, “……已形成征求意见稿，下一步将提交教代会讨论……”, “《……办法》已经常委会审议，
# 由党委办公室于2015年2月上旬印发”.
_COMMITMENT = re.compile(
    r"(?:(?<=^)|(?<=[，,：:]))\s*(?P<c>[^，,。；;已原]{0,10}?(?<!原)(?:计划|拟|力争|争取)(?:于|在|从)?[^，,。；;]{0,20}?"
    r"(?:前|底|内|起|上旬|中旬|下旬)"
    r"|待[^，,。；;]{2,25}后|(?:下一步|下步|下阶段)[，,]?[^，,。；;]{0,6}?(?:将|要|拟|计划)"
    r"|由[^，,。；;由]{2,15}(?:负责)?于[^，,。；;]{2,15}(?:前|上旬|中旬|下旬|底)"
    r"|将于[^，,。；;]{2,15}(?:前|底|上旬|中旬|下旬)"
    r"|(?:\d{1,2}月(?:底|中旬|上旬|下旬)?|春节|年底|月底|节前|年内)前(?:全部|完成|将|要|由))")
# “对复核中发现的23户不符合条件的，春节前全部清退”, “尚未完成的……2项任务，由中心办公室负责于2月底前全部
# 完成”: the clause before says to what the commitment applies (one that reports what was done does not)
_TOPIC_BEFORE = re.compile(r"(?:^|(?<=[，,：:。；;]))\s*[^，,。；;：:]{2,30}[，,]\s*$")
_REPORTS_DONE = re.compile(r"已|了|(?<!未)完成|目前|截至|截止|原|因|由于")
_PAST_ONLY = re.compile(r"^(?:已|已经|均已|全部)")


def _unread_paragraphs(document: Document, u, skipped: tuple[str, ...], opening: bool = False, read: bool = False):
    """The paragraphs and list items (block, text) of a report's body from which nothing was read as a
    problem or measure (with `read`, those too): not the opening paragraph (unless `opening`), nor those
    of the `skipped` sections."""
    taken = [_core(i.text) for i in (*u.problems, *u.measures)]
    section, first = None, not opening
    for block in document.blocks:
        if block.kind == "heading" and block.level == 0:
            continue
        text = block.text.strip()
        kind = heading_kind(text) if len(text) <= 30 else None
        if kind is not None:
            section = kind
            continue
        if block.kind not in ("paragraph", "list_item") or section in skipped:
            continue
        if first:
            first = False
            continue
        core = _core(text)
        if core and (read or not _is_read(core, taken)):
            yield block, text


def _is_read(core: str, taken: list[str]) -> bool:
    """Whether an item was read from the paragraph whose core text is `core` (`taken`: the items' cores)."""
    return any(t and (t in core or core in t) for t in taken)


def _reading_place(document: Document, text: str, items: list[Item]) -> int:
    """Where an item read from `text` goes among `items`, in reading order: before the first item read
    from further on."""
    at = document.text.find(text)
    return next((k for k, i in enumerate(items) if document.text.find(i.text) > at), len(items))


def _insert_problems(u, place: int, new: list[Item]) -> None:
    """Insert problems at `place`; the measures already linked follow their problems' new numbers."""
    u.problems[place:place] = new
    for m in u.measures:
        if m.problem is not None and m.problem >= place:
            m.problem += len(new)


def _remove_problem(u, index: int) -> None:
    """Remove a problem; the measures linked to it are unlinked, the others follow the new numbers."""
    del u.problems[index]
    for m in u.measures:
        if m.problem == index:
            m.problem = None
        elif m.problem is not None and m.problem > index:
            m.problem -= 1


def add_unread_siblings(document: Document, u, about_styles) -> None:
    """Items the learned reader passed over inside a list whose other items it read: a numbered item
    between or after numbered problems of the same list (一、…… 二、…… 五、2013年10月家中老人过生日，收了……礼金)
    is one of them when it reads as one of the styles and not as a measure (a date at its head, a closing
    line after it); an unnumbered paragraph right under a numbered problem, before the list's next item
    (（二）……排队时间长。 / 10月底前在住院部增设2个医保结算窗口…… / （三）……), is that problem's measure when it
    reads as one (the learned measureness model). Only where no measure and no problem was read from it."""
    taken = [_core(p.text) for p in u.problems]

    def read_as_problem(block) -> Optional[int]:
        core = _core(block.text)
        return next((k for k, t in enumerate(taken) if core and t and (t in core or core in t)), None)

    def sibling(a, b) -> bool:
        return a.kind == "list_item" and b.kind == "list_item" and a.level is not None and a.level == b.level \
            and _label_scheme(a) == _label_scheme(b)

    blocks = [b for b in document.blocks if b.table is None]
    unread = {id(b) for b, _ in _unread_paragraphs(document, u, ("root_causes", "six_explanations"))}
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if id(block) not in unread or len(_CJK.findall(text)) < 12:
            continue
        if block.kind == "list_item" and block.label is not None and block.level is not None:
            prior = next((k for k in range(index - 1, -1, -1) if blocks[k].kind == "list_item"
                          and blocks[k].level is not None and blocks[k].level <= block.level), None)
            if prior is None or not sibling(blocks[prior], block) or read_as_problem(blocks[prior]) is None:
                continue  # the item before it is no problem read
            if any(b.text.rstrip().endswith(("：", ":")) for b in blocks[prior + 1:index]) or _DONE.search(text):
                continue  # a new list opened in between (针对上述问题，我们已采取……：), or it reports work done
            score = measureness(text)
            if score is not None and (score < 0.1 or (score < 0.3 and about_styles(text))):
                place = _reading_place(document, text, u.problems)
                _insert_problems(u, place, [Item(text=text, location=block.location, section="problems", label=block.label)])
                taken.insert(place, _core(text))
        elif block.kind == "paragraph" and block.label is None and 0 < index < len(blocks) - 1:
            before, after = blocks[index - 1], blocks[index + 1]
            problem = read_as_problem(before) if sibling(before, after) else None
            score = measureness(text) if problem is not None else None
            if score is not None and score >= 0.5:
                u.measures.insert(_reading_place(document, text, u.measures),
                                  Item(text=text, location=block.location, section="measures", problem=problem))


# Prose that names what its list is about before the colon: “概括起来，我在“四风”方面的问题主要有五个：A；B；C。”
# (“产生问题的原因主要有：” lists causes, “整改情况如下：” work done)
# (the announcing clause, after the last comma: “针对以上问题，主要采取以下措施：” announces measures)
_ANNOUNCES_PROBLEMS = re.compile(r"(?:问题|不足|差距|毛病|缺点)(?![^：:]*(?:原因|根源|根子|情况|成效|措施|办法|打算|做法|任务))"
                                 r"[^。；;：:，,]{0,12}[：:]$")
# A paragraph that opens by naming the problem it answers: “对于检查评比和材料报送过多的问题，10月底前……”
_ABOUT_LEAD = re.compile(r"^(?P<word>对于|针对|关于|对)[^，,。；;]{2,30}(?:的问题|问题|现象)[，,]")


def add_prose_items(document: Document, u, about_styles) -> bool:
    """Items of prose the readers passed over or misread (an unheaded personal plan):
    - in a paragraph, a sentence that announces the problems and lists them with semicolons
      (split_colon_list): each clause that does not read as a measure is a problem, in place of what
      was read from the paragraph as problems;
    - a paragraph that opens like measures read around it (“对于……的问题，……”, the same word) and reads as
      a measure (the learned measureness model) is one.
    Whether anything was added."""
    added = False
    leads = {m.group("word") for m in (_ABOUT_LEAD.match(i.text.strip()) for i in u.measures) if m}
    taken = [_core(i.text) for i in (*u.problems, *u.measures)]
    for block, text in list(_unread_paragraphs(document, u, ("root_causes", "six_explanations"), opening=True, read=True)):
        if block.label is not None or block.kind != "paragraph":
            continue
        unread = not _is_read(_core(text), taken)
        clauses = split_colon_list(text)
        lead = text[: text.find(clauses[0])] if clauses else ""
        if clauses and _ANNOUNCES_PROBLEMS.search(lead.rstrip()[-40:]):
            # (the list ends with its sentence: “……超出了标准。针对这些问题，……” )
            ends = next((k for k, c in enumerate(clauses) if "。" in c), len(clauses) - 1)
            clauses = clauses[:ends] + [clauses[ends].split("。")[0]]
            # the announcement says they are problems: each clause that is no promise, so long as the
            # list is about the styles at all
            found = [c for c in clauses if (measureness(c) or 0.0) < 0.3]
            if len(found) * 2 > len(clauses) and any(about_styles(c) for c in found):
                core = _core(text)
                misread = [k for k, i in enumerate(u.problems) if _core(i.text) and _core(i.text) in core]
                if len(misread) >= len(found):
                    continue  # (the readers already cut it: 一是……；二是……)
                inside = [m for m in u.measures if _core(m.text) and _core(m.text) in core]
                if any((measureness(m.text) or 0.0) >= 0.5 for m in inside):
                    continue  # (a paragraph that also holds promises is not only a list of problems)
                u.measures = [m for m in u.measures if m not in inside]  # (pieces of the list misread)
                for k in reversed(misread):
                    _remove_problem(u, k)
                _insert_problems(u, _reading_place(document, text, u.problems),
                                 [Item(text=clause, location=block.location, section="problems") for clause in found])
                added = True
            continue
        about = _ABOUT_LEAD.match(text)
        if unread and about and about.group("word") in leads and (measureness(text) or 0.0) >= 0.5:
            u.measures.insert(_reading_place(document, text, u.measures),
                              Item(text=text, location=block.location, section="measures"))
            added = True
    return added


# The lead of a prose paragraph of problems: a topic (“在执行八项规定和勤俭节约方面，”, “在精神状态上，”), a
# sentence that frames what follows (“对照群众提出的意见，我感到最中肯的有这么几条。”) or the opinions it reports
# (“对有关情况说明如下。” opens the six explanations, not problems)
_TOPIC_LEAD = re.compile(r"^(?:在|从)[^，,。；;：:]{2,16}(?:方面|上)[，,：:]|^(?![^。；;：:]*(?:说明|情况|原因))[^。；;：:]{4,40}"
                         r"(?:几条|几点|几个方面|(?:问题|意见|不足)如下)[。：:]"
                         # the opinions others gave (“职工们给我提的意见，第一条是”, “大家给我提的意见中，最集中的是说我”,
                         # “群众说得最多的，是”)
                         r"|^[^。；;：:]{0,16}(?:提的意见|的意见中|说得最多的|反映最多的)[^。；;：:]{0,10}?(?:是说我|是|[，,])")
_PIECE = re.compile(r"[^。！？；;]+[。！？；;]?")


def split_topic_paragraphs(u, about_styles) -> None:
    """A problem read as one prose paragraph that opens with a topic or a framing sentence and goes on
    to tell of several conducts (“在执行八项规定和勤俭节约方面，2013年……我没有制止；镇政府办公楼……超出了规定标准。”):
    each sentence or semicolon clause of 15 characters or more that reads as one of the styles starts a
    problem of its own; one that does not (“村干部私下说……，这话我是听到了的。”, “这是事实。”) stays with the one
    before it. Only where two or more problems come of it; the lead is left out. The measures answering
    the paragraph answer its first part."""
    problems = {id(p) for p in u.problems}

    def split(item: Item) -> Optional[list[str]]:
        if id(item) not in problems or (item.location is not None and item.location.table is not None):
            return None
        text = item.text.strip()
        lead = _TOPIC_LEAD.match(text)
        if lead is None:
            return None
        groups: list[list[int]] = []
        for piece in _PIECE.finditer(text, lead.end()):
            words = piece.group().strip(" 。；;")
            if len(_CJK.findall(words)) >= 15 and about_styles(words):
                groups.append([piece.start(), piece.end()])
            elif groups:
                groups[-1][1] = piece.end()
        if len(groups) < 2:
            return None
        return [text[a:b].strip().rstrip("。；;") for a, b in groups]

    _cut_items(u, split)


def relink_cut_measures(u, at: float = 0.15, margin: float = 0.1) -> None:
    """A measure cut from a paragraph (下一步：一是……；二是……；三是……) took the problem the whole paragraph
    was linked to; a part that plainly answers another problem (it shares its words, the linked one's it
    does not) answers that one instead."""
    counts: dict = {}
    for m in u.measures:
        if m.problem is not None and m.location is not None and m.location.table is None:
            counts[(m.location, m.problem)] = counts.get((m.location, m.problem), 0) + 1
    for m in u.measures:
        if counts.get((m.location, m.problem), 0) < 2 or m.problem >= len(u.problems):
            continue
        scores = [similarity(p.text, m.text) for p in u.problems]
        best = max(range(len(scores)), key=scores.__getitem__)
        if best != m.problem and scores[best] >= at and scores[best] >= scores[m.problem] + margin:
            m.problem = best


def _label_scheme(block) -> Optional[str]:
    return scheme_of(block.label) if block.label else None


def add_progress_commitments(document: Document, u) -> None:
    """In a look-back report, the commitments inside its account of what is done and still under way
    (_COMMITMENT) are measures: from the clause that makes one to the end of its sentence. Only in
    paragraphs where nothing was read yet, outside the causes and the six explanations, and not the
    opening paragraph (documents README: every sentence that promises an action is a measure)."""
    for block, text in _unread_paragraphs(document, u, ("root_causes", "six_explanations")):
        announced = False
        for sentence in re.split(r"(?<=[。；;！])", text):
            match = _COMMITMENT.search(sentence)
            if match is None:
                # “这两条，今年我要改过来。群众代表座谈会今年每季度第一个月开一次……。”: after a sentence that
                # announces the changes, each sentence that reads as a measure is one
                score = measureness(sentence) if announced else None
                if score is not None and score >= 0.5 and len(_CJK.findall(sentence)) >= MIN_ITEM_CHARS + 4 \
                        and not _PAST_ONLY.match(sentence.strip()):
                    u.measures.append(Item(text=sentence.strip().rstrip("。；;"), location=block.location,
                                           section="progress"))
                announced = announced or bool(_ANNOUNCES_CHANGES_LB.search(sentence))
                continue
            start = match.start("c")
            topic = _TOPIC_BEFORE.search(sentence[:start])
            topic = topic if topic and not _REPORTS_DONE.search(topic.group()) and \
                not match.group("c").startswith(("下一步", "下步", "下阶段")) else None
            clause = sentence[topic.start() if topic else start:].strip().rstrip("。；;")
            if len(_CJK.findall(clause)) >= MIN_ITEM_CHARS + 4 and not _PAST_ONLY.match(clause):
                u.measures.append(Item(text=clause, location=block.location, section="progress"))


# “这两条，今年我要改过来。”, “下一步打算：”: a look-back's sentence that opens what is still to be done
_ANNOUNCES_CHANGES_LB = re.compile(r"(?:要|将|打算|准备|决心)(?:把[^。；;，,]{1,10})?(?:改过来|改正过来|改正|改好|整改到位)[。！!；;]?$"
                                   r"|(?:下一步|下步|今后)(?:的)?(?:打算|措施|安排)[：:。]?$")


# A web page's buttons kept in a copied text (【打印本页】　【关闭窗口】) and the contact line under a public
# promise (监督电话：0×××-……　意见箱：镇政府一楼大厅)
_PAGE_CHROME = re.compile(r"(?:[\s　]*【[^【】]{1,10}】)+[\s　]*"
                          r"|(?:监督|举报|联系|咨询|投诉)(?:电话|邮箱|信箱)[：:][^。；;]{2,60}"
                          # a reposting site's lines: 下载此文档　举报　上一篇：……　下一篇：……; ……如有侵权请联系删除
                          r"|[^。；;]{0,30}(?:上一篇|下一篇)[：:][^。；;]{0,80}"
                          r"|[^。；;]{0,40}(?:如有侵权|若有侵权|侵权请联系|仅供(?:学习|参考)[^。；;]{0,10}(?:交流|使用)?)[^。；;]{0,20}")
# A sentence that announces the measures after it (“我打算从以下几个方面改起”, “镇党委将重点做好以下工作”, “我们这样改”)
_ANNOUNCES_WORK = re.compile(r"(?:以下|下面|如下|这几|这样几|下列)(?:几)?(?:个)?(?:方面|点|条|件事|项工作|项|工作)"
                             r"(?:改起|做起|入手|着手|努力|抓起|改进)?[。：:]?$|这样改[。：:]?$")


# “……虽有下降，但……反而增加，没有达到压缩三分之一的目标。”, “……跟踪督办不够，……群众意见仍然较大。”: what a
# look-back's account of its progress admits is still wrong
_SHORTFALL = re.compile(r"不够|不足|不到位|没有达到|未达到|未能|没有完成|未完成|仍然?(?:存在|有|较|偏|不)|反弹|回潮|变异|"
                        r"滞后|缓慢|还有差距|有差距|打折扣|走过场|流于形式|不平衡|松劲|意见(?:仍然?)?较大")
_REPORTS_PROGRESS = re.compile(r"^(?:[一二三四五六七八九十]{1,2}是)?(?:已|已经|全部|均已|基本完成|\d+项|截至|截止|目前已|关于)")


def add_progress_shortfalls(document: Document, u, about_styles) -> None:
    """In a look-back report, a paragraph of its account of progress that admits a shortfall
    (_SHORTFALL) and reads as one of the styles is a problem: where nothing was read yet, outside the
    measures, causes and six explanations, and not one that opens by reporting what was done."""
    added = []
    for block, text in _unread_paragraphs(document, u, ("measures", "root_causes", "six_explanations")):
        if len(_CJK.findall(text)) < 12 or not _SHORTFALL.search(text) or _REPORTS_PROGRESS.match(text) \
                or _COMMITMENT.search(text):
            continue
        # “还有两条落实得不够好。一条是……；另一条是……。”: the shortfalls it counts out, one problem each
        marks = list(COUNTED_OUT.finditer(text))
        if len(marks) >= 2:
            clauses = [text[m.end():(n.start() if n else len(text))].strip(" ；;。，,")
                       for m, n in zip(marks, marks[1:] + [None])]
            if all(len(_CJK.findall(c)) >= 12 for c in clauses):
                added += [Item(text=c, location=block.location, section="problems") for c in clauses]
                continue
        if about_styles(text):
            added.append(Item(text=text, location=block.location, section="problems"))
    u.problems.extend(added)


def drop_frame_lines(document: Document, u) -> None:
    """Drop what frames the text and is read as an item: the document's own title line (“××村党支部、
    村委会整改清单”, where no title was taken), the signing unit or person (“××村党支部”), a sentence that
    announces the list after it (“我自己找了下面几条毛病。”, “我打算从以下几个方面改起”), a table's header
    squeezed into one line (“序号整改措施完成时间”), and a reposting site's lines."""
    first = next((line.strip() for line in document.text.split("\n") if line.strip()), "")
    title = first if first and title_type(first) else None

    def frame(text: str) -> bool:
        bare = text.strip().rstrip("。")
        return bare == title or is_signing_line(bare) or (len(bare) <= 40 and (
            ANNOUNCES_LIST.search(bare) is not None or _ANNOUNCES_WORK.search(bare) is not None)) or (
            len(bare) <= 30 and len(_CJK.findall(_column_words().sub("", bare))) < 2) or bool(_PAGE_CHROME.fullmatch(bare))

    if not any(frame(i.text) for i in u.problems + u.measures):
        return
    keep = [i for i, p in enumerate(u.problems) if not frame(p.text)]
    new_index = {old: new for new, old in enumerate(keep)}
    u.problems = [u.problems[i] for i in keep]
    u.measures = [m for m in u.measures if not frame(m.text)]
    for m in u.measures:
        if m.problem is not None:
            m.problem = new_index.get(m.problem)


def drop_fragments(u) -> None:
    """Drop what the reader took for items and is not one: scraps of fewer than four Chinese
    characters (an OCR'd seal letter, a stray “O”), the 版记, a section's or a group's name, the
    sentences that announce, close or explain a list of problems, and, among measures, a target
    (整改目标：…), a closing pledge or a cause. Links are renumbered; a measure loses the label that
    announced it (打算：…)."""
    # “二、关于科研项目评审“重关系、轻质量”的问题” followed by the problem it names: a title, and the
    # measures linked to it answer the statement under it
    titles = {i: i + 1 for i, p in enumerate(u.problems[:-1]) if _ABOUT_TITLE.fullmatch(p.text.strip())
              and len(u.problems[i + 1].text) > len(p.text) and not _ABOUT_TITLE.fullmatch(u.problems[i + 1].text.strip())}
    for m in u.measures:
        if m.problem in titles:
            m.problem = titles[m.problem]
    keep = [i for i, p in enumerate(u.problems) if i not in titles and len(_CJK.findall(p.text)) >= MIN_ITEM_CHARS
            and not IMPRINT_LINE.match(p.text) and not _is_section_title(p.text) and not _CAUSE_LEAD.match(p.text)
            and not _LIST_INTRO.search(p.text) and not _LIST_CLOSE.match(p.text) and not _MEASURES_CLOSE.match(p.text)
            and not _ASPECT_TITLE.fullmatch(p.text.strip()) and not _TARGET_LABEL.match(p.text)
            and not _NOT_AN_ITEM.match(p.text) and not _achieved_only(p.text)]
    new_index = {old: new for new, old in enumerate(keep)}
    u.problems = [u.problems[i] for i in keep]
    for p in u.problems:
        # “毛病：坐门诊、查病房少了。……”: the label that announced the problem is not part of it
        lead = PROBLEM_LEAD.match(p.text)
        if lead and len(_CJK.findall(p.text[lead.end():])) >= MIN_ITEM_CHARS:
            p.text = p.text[lead.end():]
    for item in u.problems + u.measures:
        # “二是村务公开走过场……” read as a paragraph of its own: the marker is no part of the item
        # (documents README: 不含“一是”)
        marker = _ITEM_MARKER.match(item.text)
        if marker and len(_CJK.findall(item.text[marker.end():])) >= MIN_ITEM_CHARS:
            item.text = item.text[marker.end():]
    # “整改目标：会议数量压缩三分之一”: a target says where the measures should lead, it is not one
    # (corpora/documents/README.md).
    u.measures = [m for m in u.measures if len(_CJK.findall(m.text)) >= MIN_ITEM_CHARS
                  and not _TARGET_LABEL.match(m.text) and not IMPRINT_LINE.match(m.text)
                  and not _is_section_title(m.text) and not _CLOSING_PLEDGE.match(m.text)
                  and not _CAUSE_LEAD.match(m.text) and not _MEASURES_CLOSE.match(m.text)
                  and not _NOT_AN_ITEM.match(m.text)
                  # (“这两条，今年我要改过来”: it announces the measures after it)
                  and not (len(m.text) <= 24 and _ANNOUNCES_CHANGES_LB.search(m.text.strip()))
                  and not (_DONE.search(m.text) and not _COMMITS_AFTER.search(m.text))]
    for m in u.measures:
        if m.problem is not None:
            m.problem = new_index.get(m.problem)
        # “1.严格执行……” read with its number out of a paragraph of run-together items: not part of it
        number, rest = split_label(m.text.strip())
        if number is not None and len(_CJK.findall(rest)) >= MIN_ITEM_CHARS:
            m.text = rest
        # “打算：加强流动党员管理……”: the label that announced the measure is not part of it
        lead = MEASURE_LEAD.match(m.text) or _ANNOUNCED.match(m.text)
        if lead and len(_CJK.findall(m.text[lead.end():])) >= MIN_ITEM_CHARS:
            m.text = m.text[lead.end():]


def verdict(review: Review) -> str:
    """无法判断 when the file could not be judged (not a submission, uncertain type, the problems or
    measures it must have not found); else 退回修改 with a high-severity flag, 需完善 with a
    medium one, else 基本合格 / 合格. Never a pass for a submission with nothing read in it."""
    if review.flag("structure_unrecognised") or (not review.problems and not review.measures):
        return NOT_JUDGED
    return verdict_for({f.severity for f in review.flags})


def verdict_for(severities: set[str]) -> str:
    """The judging verdict the severities of a submission's flags call for."""
    if "high" in severities:
        return "退回修改"
    if "medium" in severities:
        return "需完善"
    return "基本合格" if severities else "合格"


@functools.lru_cache(maxsize=1)
def default_reviewer() -> Reviewer:
    return Reviewer()


def review(source: Source, *, filename: Optional[str] = None) -> Review:
    """Review one submission (a path or bytes) with the default pipeline."""
    return default_reviewer().review(source, filename=filename)
