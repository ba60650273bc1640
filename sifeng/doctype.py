"""Is this file a submission at all, and of which kind, and how sure are we?

A file that is not a submission (a news report, a notice, commentary, a set of rules, a meeting
notice, a blank template, a table of contents, a scrap of text) gets no document type and is not
judged; a submission whose type rests only on weak body cues is typed but marked uncertain. The
cues are data (corpora/doc_kinds.yaml, corpora/sections.yaml); the decision weighs the title, the
body and what the reader found in it (problems, measures).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from classifiers.normalise import full_width_punctuation, strip_glosses, to_simplified
from classifiers.resources import load_yaml
from docparse import Document
from docparse.numbering import split_label
from docparse.structure import BREADCRUMB

from .understand import body_blocks

_CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN_TYPES = ("整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告")


@dataclass
class DocTypeJudgement:
    """The document type (None: not a submission, or no type found), how it was decided, and —
    when the file cannot be judged — why, in Chinese."""

    doc_type: Optional[str]
    confidence: float
    basis: str                          # title | declared | model | items | body | none
    not_submission: Optional[str] = None  # 新闻报道, 通知、通告 … when the file is not a submission
    reason: Optional[str] = None

    @property
    def certain(self) -> bool:
        return self.doc_type is not None and self.confidence >= 0.6


_TRAILING_NOTE = re.compile(r"\s*[（(【\[][^（(【\[]*[）)】\]]\s*$")
_ISSUED = re.compile(r"(?:印发|下发|转发|报送)[^《]{0,6}《(?P<inner>[^》]{4,60})》")
# (a model-text site's “……自查报告样板”, “……自查报告推荐7篇”, “……整改方案精选5篇” name the document the same)
_FILE_SUFFIX = re.compile(r"(?:[-_ 　]*(?:终稿|定稿|修改稿|送审稿|最终版|例文|范文|样板|样稿|范本|[vV]?\d{1,8}"
                          r"|(?:推荐|精选|范文)?[0-9一二三四五六七八九十]{1,2}篇))*"
                          r"(?:\.[A-Za-z0-9]{1,5}(?:VIP)?)?$")

# A document site's preview names the document in its chrome, not on a first line of its own: one
# “……实施方案_第1页” line per page image, “文档简介 ……报告收藏第一章……”, “……措施报告.docxVIP”, a
# breadcrumb (当前位置：首页 > 范文大全 > 整改报告 > 正文) over the title line, “篇一：……”.
_PAGE_IMAGE = re.compile(r"^(?P<t>[^。；，,]{4,60}?)[_＿]第\s*\d{1,3}\s*[页頁]$")
_SUMMARY = re.compile(r"文档简介\s*(?P<t>[^。；，,：:\s]{4,60}?)(?:收藏|\s|[一二三四五六七八九十]、|第一[章部节])")
_FILE_NAME = re.compile(r"^(?P<t>[^。；，,：:]{4,60}?)\.(?:docx?|pdf|wps|txt)(?:VIP)?$", re.I)
_PAGE_END = re.compile(r"([_＿]第\s*\d{1,3}\s*[页頁])(?=\S)")
_FIRST_PIECE = re.compile(r"^篇[一1][:：]\s*(?P<t>[^。；，,]{4,60})$")
# “《……实施方案.docx》由会员分享，可在线阅读” — a document site names the file it previews in brackets
_SHARED_FILE = re.compile(r"《(?P<t>[^《》。；，,]{4,60}?)\.(?:docx?|pdf|wps|txt)》")
# “序论：在您撰写教师党员自我剖析材料时，参考他人的优秀作品……小编为您整理的7篇范文” — a model-text site names
# the kind of document its page collects in its opening line
_WRITING_INTRO = re.compile(r"在您撰写(?P<t>[^。；，,]{4,40}?)时[，,]")
# “……总结报告_共14页” — a preview's page count run into its title
_PAGE_COUNT = re.compile(r"[_＿]共\s*\d{1,4}\s*[页頁]")
# “领导干部要制定问题整改清单”: a headline that tells what someone must draw up is not the name of what was drawn up
# (“……应建立的制度清单” is: the verb qualifies the name)
_HEADLINE_VERB = re.compile(r"(?:要|应|须)(?:认真|抓紧|逐一|及时)?(?:制定|建立|列出|拿出|形成|晒出|公布|制订|梳理)(?![^，。]{0,6}的)")


def page_titles(text: str) -> list[str]:
    """The names a reposted page or a document site's preview gives in its chrome (see above)."""
    # (a plain-text copy may run the page lines together: “……报告_第1页……报告_第2页……”)
    lines = [part.strip() for line in text.split("\n", 40)[:40] for part in _PAGE_END.sub("\\1\n", line).split("\n")]
    found = []
    for index, line in enumerate(lines):
        for pattern in (_PAGE_IMAGE, _FILE_NAME, _FIRST_PIECE):
            match = pattern.match(line)
            if match:
                found.append(match.group("t"))
        if BREADCRUMB.search(line):
            after = next((rest for rest in lines[index + 1:index + 4] if rest), "")
            if 4 <= len(after) <= 40 and not re.search(r"[。；，,！？]", after):
                found.append(after)
    found += [m.group("t") for m in _SHARED_FILE.finditer("\n".join(lines[:5]))]
    found += [m.group("t") for m in _WRITING_INTRO.finditer("\n".join(lines[:5]))]
    summary = _SUMMARY.search(text[:3000])
    if summary:
        found.append(summary.group("t"))
    return found


_PROGRESS_NOTICE = re.compile(r"(?:巡察|巡视|审计|督察|督查)?(?:反馈意见)?整[改治](?:阶段)?(?:落实|工作)?(?:进展|落实|工作)?情况的?(?:通报|公告|公示|公布|(?:总结|自查)?报告)$")
_NOTICE_TITLE = re.compile(r"(?:^|(?<=公告)|(?<=通知))关于[^。；;，,《》]{2,50}的(?:通知|通报|通告|公告|函|批复)$")
_ISSUING = re.compile(r"印发|转发|下发")  # a notice that issues a plan is how the plan is published


# What a blank form has where a filled one has content: a numbered line with nothing after it (or only
# a field label, “1.　　　完成时限：”), a field label followed by blanks (“姓名：　　　职务：”), a whole line
# of filling instructions in brackets (“（列出具体表现和典型事例。）”, “（同上。）”), a date to fill in.
_EMPTY_ITEM = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]?(?:[\s　]*[\u4e00-\u9fff]{2,6}[：:])*[\s　]*$")
_BLANK_FIELD = re.compile(r"[\u4e00-\u9fff]{2,6}[：:](?:[\s　]*[_＿]{3,}|[\s　]{3,}$|[\s　]+(?=[\u4e00-\u9fff]{2,6}[：:]))")
_INSTRUCTION = re.compile(r"^[（(][^（）()]{0,80}(?:填写|填报|列出|写明|同上|简要说明|逐条|逐项|不少于|字数|结合实际撰写|参考)"
                          r"[^（）()]{0,80}[）)]$")
_TO_FILL_DATE = re.compile(r"(?:××××|XXXX|[_＿]{2,}|[\s　]{1,4})年(?:××|XX|[_＿]{2,}|[\s　]{1,4})月(?:××|XX|[_＿]{2,}|[\s　]{1,4})日")


_STYLE_HEADING = re.compile(r"^\S{0,6}(?:形式主义|官僚主义|享乐主义|奢靡之风)(?:方面|问题|方面的问题|方面存在的问题)?[：:]?$", re.M)


def blank_slots(text: str) -> int:
    """How many places in `text` are left for someone to fill in (see above)."""
    count = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _EMPTY_ITEM.match(line) or _INSTRUCTION.match(line):
            count += 1
        count += len(_BLANK_FIELD.findall(line)) + len(_TO_FILL_DATE.findall(line))
    return count


# The kind given to a file with too little text to be a submission: it may be one cut short, so
# what was read from it is still shown.
TOO_SHORT = "文字过少的文件"


_TITLE_COLON = re.compile(r"[：:]|——")
_SELECTED = re.compile(r"(?:选登|摘登|选刊|摘编|展示)$")


def title_type(title: str) -> Optional[str]:
    """The submission type a title (or file name) names, by corpora/sections.yaml doc_types.

    The title must read as the name of a document: one of its lines ends in a document word
    (材料, 方案, 清单, 对照检查 … after any closing note in brackets) and none names a notice, a
    speech or a collection; “对照检查要有辣味” or “关于报送整改方案的通知” names no type."""
    title = to_simplified(title)  # “整改承諾書”: a title in traditional script names the same type
    # “关于印发《……整改方案》的通知”: the notice that issues a plan is how the plan is published.
    issued = _ISSUED.search(title)
    if issued:
        return title_type(issued.group("inner"))
    sections = load_yaml("sections.yaml")
    ends, nots = tuple(sections["doc_title_end"]), sections["doc_title_not"]
    lines = [_TRAILING_NOTE.sub("", _FILE_SUFFIX.sub("", line.strip()))
             for line in _PAGE_COUNT.sub("\n", title).split("\n")]
    lines = [line for line in lines if not _HEADLINE_VERB.search(line)]
    # “党员对照检查材料选登：普外科护士长何××”, “王××：个人整改措施”: a portal's page of one material, its
    # name on one side of the colon
    lines += [_SELECTED.sub("", part.strip()) for line in lines if _TITLE_COLON.search(line)
              for part in _TITLE_COLON.split(line, maxsplit=1)]
    if any(_PROGRESS_NOTICE.search(line) for line in lines):
        # “……党组关于巡察整改进展情况的通报”: a unit making its own rectification public reports on it
        # (a notice that asks for such reports, 关于报送整改落实情况报告的通知, ends otherwise)
        return "回头看自查报告"
    if not any(line.endswith(ends) and not any(w in line for w in nots) for line in lines if line):
        return None
    for rule in sections["doc_types"]:
        if any(_names(w, title) for w in rule["title_any"]) and not any(_names(w, title) for w in rule["title_none"]):
            return rule["doc_type"]
    return None


def _names(word: str, title: str) -> bool:
    """Whether `title` (or any text) holds `word` (a regular expression when written “re:…”)."""
    return re.search(word[3:], title) is not None if word.startswith("re:") else word in title


def body_type(text: str) -> tuple[Optional[str], int, int]:
    """(type, its cue hits, the runner-up's hits) by the body cues of corpora/sections.yaml."""
    cues = load_yaml("sections.yaml")["doc_type_body_cues"]
    scores = sorted(((sum(text.count(w) for w in words), kind) for kind, words in cues.items()), reverse=True)
    (best, kind), (second, _) = scores[0], scores[1]
    return (kind if best else None), best, second


def _not_submission(title: str, head: str) -> tuple[Optional[dict], int, bool]:
    """The first non-submission kind whose cues the file carries: (spec, body hits, title hit). The body
    cues are looked for in the first `body_chars` characters of `head` (doc_kinds.yaml; a kind may read
    further, as a writing guide's cues come after its preamble)."""
    # (a reposted page often has half-width punctuation, “近日,” “会上,”: the cues are written full-width)
    head = full_width_punctuation(head)
    default = load_yaml("doc_kinds.yaml")["body_chars"]
    for spec in load_yaml("doc_kinds.yaml")["not_submissions"]:
        in_title = any(_names(w, title) for w in spec["title_any"])
        part = head[: spec.get("body_chars", default)]
        hits = sum(1 for w in spec["body_any"] if _names(w, part))
        if hits >= spec["min_body_hits"] or (in_title and (hits >= 1 or spec.get("title_alone", False))):
            return spec, hits, in_title
    return None, 0, False


def judge(document: Document, filename: Optional[str], problems: int, measures: int) -> DocTypeJudgement:
    """Decide the type of `document`, given how many problems and measures were read from it.

    A type the title names is taken (unless the text is plainly something else and holds no
    items); otherwise the learned model (classifiers/doctypes.py) reads the opening of the text;
    without it, the body cues of sections.yaml."""
    from classifiers.doctypes import NOT_A_SUBMISSION, decide, default_model

    spec = load_yaml("doc_kinds.yaml")
    # (a page in traditional script, “……黨組關於專項巡視集中整改進展情況的通報”, is judged by the same cues)
    # (and a mirror's pronunciation glosses, 現(xiàn)將……情況(kuàng)予以公布, are not read as part of its words)
    text = to_simplified(strip_glosses(document.text)[0])
    chars = len(_CJK.findall(text))
    if chars < spec["min_chars"]:
        return DocTypeJudgement(None, 0.9, "none", TOO_SHORT,
                                f"全文只有 {chars} 个汉字，不是一份对照检查材料或整改方案")
    title = to_simplified(strip_glosses(document.metadata.title or "")[0])
    # A page whose own title is a notice's (关于签订……承诺书的通知) is the notice, whatever its attachments
    # are called (“2.2011年党员公开承诺书”); one that issues a plan (关于印发《……方案》的通知) is the plan.
    own_notice = _NOTICE_TITLE.search(title.strip()) is not None and not _ISSUING.search(title)
    chrome = page_titles(text)
    named = title_type(title) or title_type(_second_title_line(document)) or title_type(filename or "") \
        or (None if own_notice else next((kind for kind in map(title_type, chrome) if kind), None))
    head_lines = [line.strip() for line in text.split("\n", 12)[:12]]
    if named is None and not own_notice:
        # “奋书文库，欢迎您！” / “乡镇领导班子……对照检查材料（含典型案例剖析）” / “浏览量：34”: a web page's own title
        # stands on a line of its own among the site's chrome, before the body's first sentence
        named = _head_title(head_lines)
    if named is None and any(len(line) <= 60 and _PROGRESS_NOTICE.search(line) for line in head_lines):
        # “……党委关于巡察整改进展情况的通报” under a web page's chrome (当前位置 / 字体大小)
        named = "回头看自查报告"
    # A web page whose own title sits under the site's chrome (通知公告 / 当前位置 / 关于……的通知): that
    # line names the kind as a title would.
    notice = next((line for line in head_lines if _NOTICE_TITLE.match(line)), "")
    # (the names a preview gives in its chrome are titles too: “……整改工作方案模板” in its 文档简介)
    longest = max([spec["body_chars"]] + [k.get("body_chars", 0) for k in spec["not_submissions"]])
    kind, hits, in_title = _not_submission("\n".join([title, notice, *chrome]), text[:longest])
    slots = blank_slots(text)
    if slots >= spec.get("template_slots", 99) or (kind is not None and kind["kind"] == "template" and in_title
                                                   and slots >= spec.get("template_slots_titled", 99)):
        # A form still to be filled in: its headings and instructions name every part of a submission
        # (the numbered lines a reader may take for items are empty), but nobody has written one yet.
        return _not_a_submission(next(k for k in spec["not_submissions"] if k["kind"] == "template"))
    items = problems + measures
    if kind is not None and in_title and kind.get("title_alone", False) and items < 3:
        # “……专题组织生活会工作实施方案”, “……整改工作方案模板”: one of the file's names says what it is, and
        # next to nothing was read (the meeting plan's “现就有关事项制定如下方案” declares a plan of the
        # meeting, not of rectification; the template's page images are named as the plan it models)
        return _not_a_submission(kind)
    model = default_model()
    proba = model.proba(title, text) if model is not None else None
    learned = decide(proba) if proba is not None else None
    if named:
        # A notice that issues a plan (关于印发《……方案》的通知) opens as a notice: the model's “not a
        # submission” is about the covering notice, not the plan under it.
        # Nor is it when the opening says what the text is (“……，制定本整改方案。”): a plan whose page
        # holds only its preamble is still the plan.
        plainly_not = learned is not None and learned[0] == NOT_A_SUBMISSION and learned[1] >= 0.9 \
            and not _ISSUED.search(title) and declared_family(text[: spec["body_chars"] * 4]) is None
        if items < 3 and ((kind is not None and hits >= kind["override_hits"]) or plainly_not):
            return _not_a_submission(kind)
        if kind is not None and hits >= kind.get("decides_hits", 99) and \
                any(w in text[: kind.get("body_chars", spec["body_chars"])] for w in kind.get("decides_needs_any", [])):
            return _not_a_submission(kind)
        return DocTypeJudgement(named, 0.9, "title")
    if kind is not None and kind["kind"] == "notice" and (notice or _NOTICE_TITLE.search(title.strip())) \
            and not _ISSUING.search(notice + title):
        # “关于继续推进制度建设的通知”: a notice by its own title, whatever plan it asks for (one that
        # issues a plan, 关于印发……方案的通知, is how the plan is published)
        return _not_a_submission(kind)
    # “2018年6月1日上午，××局召开……汇报会”: a page whose body opens as its kind opens (doc_kinds.yaml `opening`,
    # a news report's dated lead) is that kind, however many points (一是…二是…) it quotes from a speech
    body = next((line for line in head_lines if len(line) > 30), "")
    opens_as_kind = kind is not None and "opening" in kind and \
        re.match(kind["opening"], full_width_punctuation(body)) is not None
    plainly_other = kind is not None and hits >= kind["override_hits"] and (
        items < 3 or opens_as_kind or (in_title and kind.get("title_decides", False)))
    declared_as = None if plainly_other else declaration(text[: spec["body_chars"] * 4])
    declared, campaign = declared_as if declared_as else (None, None)
    if declared is not None and learned is not None and learned[0] == NOT_A_SUBMISSION and learned[1] >= 0.9 \
            and items < 3:
        # “……结合我院实际，制定本方案。” opens a campaign's plan of activities as well as a rectification plan:
        # where the model is sure the text is no submission and next to nothing was read from it, it is none
        # (as for a title that names a plan, above)
        return _not_a_submission(kind, learned[1])
    if declared is not None and proba is not None:
        # The author says what the text is (“……，制定本方案。”, “现将……对照检查如下”): the family is
        # taken from that sentence and the model chooses within it.
        best = campaign or max(declared, key=proba.__getitem__)
        return DocTypeJudgement(best, 0.7, "declared")
    opening = title_type(_opening_title(text)) if not title.strip() else None
    if opening is not None and not plainly_other and not (
            learned is not None and learned[0] == NOT_A_SUBMISSION and learned[1] >= 0.5):
        # No title was taken, but the first line opens with a document's name (“1、××乡办公用房清理自查报告 根据……”).
        return DocTypeJudgement(opening, 0.7, "title")
    if plainly_other and learned is not None and learned[0] != NOT_A_SUBMISSION:
        # No title names a type and the opening carries a news report's (or a notice's …) marks
        # (记者从……获悉, 近日, 会议强调), with next to nothing read: the model's guess is about the
        # subject (a unit's 专项整治), not the kind of text.
        return _not_a_submission(kind)
    if learned is not None:
        label, probability = learned
        # The model says “a submission” with no type sure of it, and the text lists problems under the
        # four styles' own headings with no commitment (an excerpt that starts at “（一）形式主义方面”): a
        # self-examination, uncertain (a list of opinions gathered from others has no such headings).
        # So too without those headings when the model's own best guess is a self-examination; and when its
        # uncertain guess is a plan (a plan with no measure is none).
        only_problems = label != NOT_A_SUBMISSION and (
            probability < spec.get("min_type_probability", 0.1) or (label in PLAN_TYPES and probability < 0.6)) \
            and problems >= 3 and not measures and (_STYLE_HEADING.search(text) is not None or label == "对照检查材料")
        if (label == NOT_A_SUBMISSION and probability < 0.9 or only_problems) and items >= 3 and not plainly_other:
            # The model leans to “not a submission”, yet the reader found several problems or
            # measures: typed by what was found, and marked uncertain.
            family = ("对照检查材料",) if problems > measures else PLAN_TYPES
            best = max(family, key=proba.__getitem__)
            return DocTypeJudgement(best, 0.5, "items", None,
                                    f"文书类型不确定（标题没有写明，正文读出 {problems} 个问题、{measures} 条措施，看似{best}）")
        if label == NOT_A_SUBMISSION:
            return _not_a_submission(kind, probability)
        if probability < spec.get("min_type_probability", 0.1):
            # The model says “a submission” but no type's own classifier agrees: no type at all.
            return DocTypeJudgement(None, round(1 - probability, 3), "model", None,
                                    "标题没有写明文书类型，正文也看不出是哪一类整改材料（对照检查材料、整改方案等）")
        if not items:
            # A guess from the wording alone, with no title, no declaration and nothing read under it
            # (a news report of a unit's 整治, a 党课 on 有的同志's faults, a page cut before its items),
            # names no type: what it is is for a person to say. (On the real pages every such guess
            # was wrong; on the invented documents a type taken this way always came with items.)
            return DocTypeJudgement(None, round(1 - probability, 3), "model", None,
                                    f"文书类型不确定（标题没有写明，也没有读出问题或措施，正文看似{label}，"
                                    f"把握 {probability:.0%}）")
        if probability >= 0.6:
            return DocTypeJudgement(label, round(probability, 3), "model")
        return DocTypeJudgement(label, round(probability, 3), "model", None,
                                f"文书类型不确定（标题没有写明，正文看似{label}，把握 {probability:.0%}）")
    if kind is not None and (in_title or items < 3):
        return _not_a_submission(kind)
    guess, best, second = body_type(text)
    if guess is None:
        return DocTypeJudgement(None, 0.0, "none", None,
                                "标题和正文都没有表明这是哪一类整改材料（对照检查材料、整改方案等）")
    needs_items = measures if guess in PLAN_TYPES else problems
    confident = best >= 3 and best >= 1.5 * second and needs_items > 0
    if confident:
        return DocTypeJudgement(guess, 0.7, "body")
    return DocTypeJudgement(guess, 0.4, "body", None,
                            f"文书类型不确定（标题没有写明，正文看似{guess}）")


def _head_title(lines: list[str]) -> Optional[str]:
    """The type named by a line that stands alone before the body's first sentence (not a breadcrumb:
    “首页 > 范文 > 对照检查材料” names the site's column, not the page)."""
    for line in lines[:6]:
        if len(line) > 60 or re.search(r"[。；;]", line) or re.match(r"[·•●◆▪■]", line) \
                or re.search(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*$", line):
            return None  # the body has begun, or a list of links (“·……方案　2014-06-27”)
        # (“四、整改措施”, “（二）在带头……方面”: a numbered heading of the body or of its table of contents)
        if len(line) >= 6 and not BREADCRUMB.search(line) and not re.search(r"[>＞»/|]", line) \
                and split_label(line)[0] is None:
            kind = title_type(line)
            if kind:
                return kind
    return None


def declared_family(head: str) -> Optional[tuple[str, ...]]:
    """The types an opening declares itself to be, by the sentences of corpora/sections.yaml
    doc_type_declared (“……结合实际，制定本方案。” → the plans; “现将……对照检查如下” → 对照检查材料)."""
    declared = declaration(head)
    return declared[0] if declared else None


def declaration(head: str) -> Optional[tuple[tuple[str, ...], Optional[str]]]:
    """(the declared family, the type its preamble names if any): a plan whose opening, up to the
    sentence that declares it, tells of a campaign (“……开展有偿补课专项治理……，制定此方案。”) is
    that campaign's plan, 专项整治方案."""
    for rule in load_yaml("sections.yaml")["doc_type_declared"]:
        match = re.search(_declared_pattern(rule["pattern"]), head)
        if match:
            named = rule.get("campaign_type") if rule.get("campaign") and \
                re.search(rule["campaign"], head[: match.end()]) else None
            return tuple(rule["types"]), named
    return None


def _declared_pattern(pattern) -> str:
    """A doc_type_declared pattern: one regular expression, or a list of them tried in order (one per
    way of saying it, each with its example beside it in sections.yaml)."""
    return pattern if isinstance(pattern, str) else "|".join(f"(?:{p})" for p in pattern)


# A web page or converted file whose title runs into the first sentence on one line:
# “1、乡镇办公用房清理自查报告 根据……”, “××局整改方案一、总体要求……”.
@functools.lru_cache(maxsize=1)
def _opening_title_pattern() -> re.Pattern[str]:
    # a name ending in a document word of sections.yaml (doc_title_end), then a space, 一、, 】, the name
    # again (a preview runs its title and the body's heading together once spaces are gone) or the first
    # sentence's opening (根据/为/按照/现将, 我校/我局……)
    ends = "|".join(re.escape(w) for w in sorted(load_yaml("sections.yaml")["doc_title_end"], key=len, reverse=True))
    return re.compile(rf"^\s*(?:\d{{1,2}}[、.．]\s*|【)?(?P<title>[^。；，,：:\s【】]{{4,40}}?(?:{ends}))"
                      r"(?=\s|】|[一二三四五六七八九十]、|根据|为了?|按照|现将|$|(?P=title)"
                      r"|我(?:校|局|院|所|站|镇|乡|县|市|区|村|单位|公司|部|委|办|们))")


def _opening_title(text: str) -> str:
    """The name a page's first line opens with when nothing was taken as its title
    (“1、××乡办公用房清理自查报告 根据……”)."""
    match = _opening_title_pattern().match(text.lstrip()[:80])
    return match.group("title") if match else ""


def _second_title_line(document: Document) -> str:
    """The line right under the title when it reads as the rest of a two-line title: the unit
    on one line, “关于……的自查报告” on the next (a PDF whose second line was not centred)."""
    body = body_blocks(document)
    if not body or body[0].label or body[0].table is not None:
        return ""
    text = body[0].text.strip()
    if len(text) > 60 or re.search(r"[。；，,;：:！？]", text):
        return ""
    return text


def _not_a_submission(kind: Optional[dict], confidence: float = 0.8) -> DocTypeJudgement:
    name = kind["name"] if kind else "非整改材料"
    what = f"这像是一份{kind['name']}" if kind else "这不像是对照检查材料或整改方案"
    return DocTypeJudgement(None, round(confidence, 3), "none", name,
                            f"{what}，不是报送的对照检查材料或整改方案")
