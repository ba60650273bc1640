"""Owners of measures: the person, role or department responsible for carrying one out
(domain.md §6; corpora/measures/CONVENTIONS.md §2).

Found from labels (责任人：王××), from verbs (由办公室负责, 县纪委牵头, 局长负总责), from a
trailing parenthesis (（县委办、县政府办，6月底前）) and from table-cell style segments; the lead
owner wins over those who only assist, and vague collectives (班子成员各负其责) do not count.
Word lists are data in corpora/lexicons/owners.yaml.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Optional

from docparse.numbering import split_label

from .normalise import normalise
from .resources import load_yaml

_STOP = r"，,；;。）)\s（(：:|｜"
_ENUMERATOR = r"(?:[一二三四五六七八九十]是|首先|其次|再次|最后)"
# A verb standing before a party is not part of its name: “严格落实区委负总责”, “形成县委办和纪检部门牵头的…”.
LEAD_VERB = re.compile(r"^(?:(?:严格|认真|切实|全面)?(?:实行|落实|执行|推行|建立|坚持|明确|形成)|希望|望|请)(?=\S{2})")
# Words a phrase may take in before a name that are no part of it: a demonstrative (由该市纪委存档),
# a frequency or a time (每月局长、政委…, 本月内各县市区要…), a preposition (要以二级学院…为单位), an aspect particle (成立了…).
NOT_OF_NAME = re.compile(r"^(?:该|此|每(?:月|年|周|季度?|天|日)|本(?:月|周|季度|年)内?|年内|要以|以|了"
                         r"|今后|此后|以后|下一步|下步|同时|目前|当前|随后|近期)(?=\S{2})")
_MASK = r"(?:[×Xx＊*]{1,2}|某{1,2})"
_PERSONAL_VOICE = re.compile(r"本人|我")
# Where a party's name ends because it reports to another (“局分管领导向局长报告”, “办公室请示主要领导”).
REPORTS_TO = re.compile(r"(?<=\S{2})(?:向|请示|报请)")
# Heads that make a list of bodies their leadership, collectively (CONVENTIONS §2.3): 区委、区政府领导, 由区委常委…
_COLLECTIVE_HEADS = ("常委", "领导", "成员", "班子", "干部")
# Words that a department or role ending opens and that a name never ends inside (“县委部署…” is no
# 县委部, “保证车辆处于…” no 车辆处, “总务处组织人力” is 总务处 + 组织).
_RUNS_ON = ("部署", "处于", "组织", "处理", "处置", "部分", "科学", "局面", "队伍", "办理", "办事", "办法", "会议")
# When a name is built from the opening of a phrase (`_party_prefix`), more such words count (“全市所有”
# is not 全市所, “由现场办结” not 现场办); they end a name found elsewhere as often as not (“殡葬管理所在
# 大厅公示”, “办公室内设…”).
_SPANNING = _RUNS_ON + ("所有", "所属", "所在", "室内", "站在", "院内", "办结", "办好", "会同", "会商")


def runs_on(text: str, end: int) -> bool:
    """Whether a name ending at `end` of `text` ends inside a word that its last character opens."""
    return end > 0 and text[end - 1:end + 1] in _RUNS_ON
# Verbs that never sit inside a party's name (“干部结合驻村…”, “全县进一步加大…”).
_NOT_IN_NAME = re.compile(r"结合|加大|加强|进一步|开展|推进|落实|做好|提高|建立|完善|严格|认真|切实|按照|根据|通过|利用")


@dataclass(frozen=True)
class Owner:
    """A responsible party. `start`/`end` index `text` in the input; `lead` is False when the
    only party named merely assists (配合)."""

    text: str
    kind: str
    start: int
    end: int
    rank: int = 0  # how explicit the form: 0 label, 1 closing parenthesis, 2 verb, 3 table cell, 4 subject


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_yaml("lexicons/owners.yaml")


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()
    surname = rf"(?:{_alternatives(lex['compound_surnames'])}|[\u4e00-\u9fff])"
    patterns = {
        "masked": re.compile(rf"{surname}{_MASK}"),
        "person": re.compile(rf"^{surname}{_MASK}$"),
        "label": re.compile(rf"(?P<label>{_alternatives(lex['labels'] + lex['secondary_labels'])})"
                            rf"(?:为|是|\s*[：:])\s*(?P<x>[^{_STOP}]{{2,30}})"
                            rf"|(?P<label2>{_alternatives(lex['colon_labels'])})\s*[：:]\s*(?P<x2>[^{_STOP}]{{2,30}})"),
        "by_verb": re.compile(_alternatives(lex["by_verbs"])),
        # (“部门负责人将…”: 负责人 is a role, not the verb 负责)
        "verb": re.compile(rf"(?P<x>[^{_STOP}由请]{{2,20}}?)(?P<verb>{_alternatives(lex['lead_verbs'] + ['会同', '把关', '带队', '主持'])})(?!人|同志)"),
        "paren": re.compile(r"[（(](?P<x>[^（()）]{2,60})[）)]\s*[。；;]?\s*$"),
        "assign": re.compile(rf"(?:{_alternatives(lex['assign_verbs'])})(?P<x>[^{_STOP}]{{2,16}}?)"
                             rf"(?=于|在|限期|对|按|尽快|立即|负责|牵头|\d|[{_STOP}])"),
        "first_owner": re.compile(rf"(?P<x>[^{_STOP}由请]{{2,16}}?)(?:为|是|作为)(?:[^{_STOP}]{{0,20}}的)?"
                                 rf"(?:第一|直接|主要|具体)?责任人"),
        # The performer as subject: the leading phrase (after a numbering label or a “整治…：” lead)
        # right before a verb or modal.
        "subject": re.compile(rf"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*|第[一二三四五六七八九十百零\d]{{1,4}}条\s*)?"
                              rf"(?:[^{_STOP}]{{2,20}}(?<!\d)[：:])?"
                              rf"(?:[^{_STOP}]{{2,8}}[，,])??"  # a short lead clause: 下一步， 经认真查摆，
                              # (“县卫计局（爱卫办）要……”: an alias in brackets may stand between)
                              rf"(?P<x>[^{_STOP}由对在将]{{2,14}}?)(?=(?:[（(][^（()）]{{1,10}}[）)])?"
                              rf"(?:{_alternatives(lex['subject_triggers'])})(?!人)|\d)"),
    }
    # the same subject, always after the short lead clause when there is one
    patterns["subject_after_lead"] = re.compile(patterns["subject"].pattern.replace("[，,])??", "[，,])?"))
    return patterns


def classify(name: str) -> Optional[str]:
    """person, role or department — or None when the name reads as none of them."""
    lex = _lexicon()
    if _patterns()["person"].match(name):
        return "person"
    if any(name.endswith(s) for s in lex["role_suffixes"]):
        return "role"
    if any(name.endswith(s) for s in lex["department_suffixes"]):
        return "department"
    return None


def _clean(raw: str) -> Optional[str]:
    """The first named party in a captured phrase, without honorifics or trailing verbs."""
    # “各部门、各单位”, “各部门和各乡镇”: every body there is, no one in particular (CONVENTIONS §2.3)
    if re.match(r"^各部门[、和及与/]各", raw.strip()):
        return None
    first = re.split(r"[、/或]|以及", raw.strip())[0].strip()
    # “县纪委和县委组织部” → 县纪委; but “区发展和改革局” is one name (its first part names no body)
    joined = re.split(r"[和及与]", first)
    if len(joined) > 1 and (classify(joined[0].strip()) or len(first) > 10 or not joined[0].strip()):
        first = joined[0].strip()
    # “1.乡党委书记是…”, “（二）县纪委…”: a numbering label is not part of the name.
    first = re.sub(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                   r"|第[一二三四五六七八九十百零\d]{1,4}条)\s*(?=\S{2})", "", first)
    first = re.sub(r"^\d{1,2}\s+(?=[\u4e00-\u9fff]{2})", "", first)  # (“1 各班在晨会……”: a number and a space)
    # “我镇环保站”, “我局办公室”: the author's own body before the party named
    first = re.sub(r"^我(?:镇|乡|县|区|市|局|院|校|厂|公司|单位)(?=[\u4e00-\u9fff]{2,})", "", first)
    first = re.sub(r"(同志|等同志|等)$", "", first)
    # “办公室请示主要领导”, “局分管领导向局长报告”: the party ends before the one it reports to.
    first = REPORTS_TO.split(first)[0]
    # “主办单位的“一把手””: the party is the quoted head after 的, without the quotes.
    first = first.strip("“”\"'‘’「」")
    if "的" in first and re.search(r"[”\"’」]$", raw.strip()):
        first = first.rsplit("的", 1)[-1].strip("“”\"'‘’「」")
    # “二是领导班子一把手要…”, “该市纪委”: an enumerator or a demonstrative is not part of the name.
    first = re.sub(rf"^(?:{_ENUMERATOR})(?=\S{{2}})", "", first)
    first = NOT_OF_NAME.sub("", first)
    # “包片单位县文广局”, “牵头部门市财政局”: what the party is, before the party's own name
    first = re.sub(r"^[\u4e00-\u9fff]{0,6}(?:单位|部门)(?=[省市县区镇乡][\u4e00-\u9fff]{2,})", "", first)
    # “严格落实区委负总责”, “形成县委办和纪检部门牵头的…”, “望各校长要…”: a verb before the party is not part of it.
    first = LEAD_VERB.sub("", first)
    first = re.sub(r"^(?:请|由|县委|)(?=\S)", "", first) if first.startswith(("请", "由")) else first
    masked = _patterns()["masked"].search(first)
    if masked:
        # “分管副局长王××”: the name is the owner.
        return masked.group(0)
    return first or None


def accept(name: Optional[str]) -> Optional[str]:
    """The kind of a named party, or None when it is vague (班子成员各负其责, 相关部门) or no
    party at all."""
    return _acceptable(name)


def _labelled(name: Optional[str]) -> Optional[str]:
    """The kind of a party named after a label (责任股室：局纪检员): the label says it is the owner, so
    a name whose ending the lexicon does not know (…员, …人) still counts, unless it is vague."""
    kind = _acceptable(name)
    if kind or not name or classify(name) is not None:
        return kind  # (a known ending, refused for a reason — 落到实处, 班子成员 — stays refused)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,12}", name) or re.search(r"即日|立即|长期|持续|时限|时间|期限|年|月|日|前|起|底|季度|每", name):
        return None  # (a cell's “——”, “即日起”, “2014年9月底前”, an empty field before “时限：” is no name)
    if name.endswith(("成员", "干部", "常委", "班子", "党员", "职工")):
        return None  # (“局党组成员”: the author's leadership, collectively — CONVENTIONS §2.3)
    if _vague(name) or _acceptable(name + "科") is None \
            or name.endswith(tuple(_lexicon()["labels"])):  # (“直接责任人” is the label, not whom it names)
        return None  # (a name that is no party even as a department's — 相关, 全体, 督促… — stays out)
    return "role" if name.endswith(("员", "人", "长", "书记")) else "department"


def _vague(name: str) -> bool:
    """A collective or generic name (班子成员, 全体人员, 各单位, 待定) by the lexicon's lists."""
    lex = _lexicon()
    return (name in lex["vague"] or name.startswith(tuple(lex["vague_prefixes"]))
            or name.endswith(tuple(lex["vague_suffixes"])) or bool(re.search(r"所有|全体|相关|有关|待定|暂无|^无$", name)))


def _acceptable(name: Optional[str]) -> Optional[str]:
    if not name or len(name) > 24 or len(name) < 2:
        return None  # (a bare 市 or 县 of “市、县区要…” names no one)
    lex = _lexicon()
    if (name in lex["labels"] or name in lex["secondary_labels"]) and name.endswith(("单位", "部门", "科室", "处室", "股室", "主体")):
        return None  # (“责任单位” is the label, not the unit it names; “分管领导” is a role)
    if _vague(name):
        return None  # (“全市所有部门”, “局机关全体干部”, “各相关单位”: every one of them, no one in particular)
    # (“被巡察单位”, “被检查单位” name a party: the unit inspected)
    inspected = re.match(r"被(?:巡察|巡视|检查|审计|督查|约谈)", name)
    # (经 opens 经过/经由/经研究, not 经管站 or 经信局)
    opening = name[0] in "对在为把将向从你他她其被给以按与和同" or (name[0] == "经" and name[1:2] in "过由研批审") \
        or "我" in name
    if (opening and name not in lex["role_suffixes"] and not inspected) or \
            (name[0] == "我" and len(name) <= 3):
        return None
    if re.fullmatch(r"各(?:分管|位|级|有关)?领导(?:同志)?", name):
        return None  # (“各分管领导”: every leader, no one in particular; “各窗口负责人” heads a named class)
    if inspected and len(name) > inspected.end():
        return classify(name) or "department"  # (“被巡察企业”: the unit inspected, whatever it is called)
    # “落到实处”, “好处”: a word ending in 处 that names no office
    if re.search(r"(?:实|好|之|难|益|长|短|深|用|何|此|到|妥善|有)处$", name):
        return None
    # “上报本单位……”, “推进市……”: a phrase that opens with a verb is no name
    if re.match(r"上报|报送|报告|开展|推进|落实|加强|建立|完善|做好|提高|严格|认真|切实|按照|根据|通过|利用|结合|加大|完成|深入", name):
        return None
    # “镇政府督促各村”: a name does not hold the verb by which one party presses another
    if re.search(r"督促|要求|推动|实行|实施", name[1:]):
        return None
    # “4名县委常委”, “县委常委”: the leadership of the author's body, collectively (CONVENTIONS §2.3)
    if name.endswith("常委") and not name.startswith(("分管", "主管")):
        return None
    # “区政府领导”, “县委领导”, “局领导”, “县领导”: the leaders of a body, collectively — the author's own
    # leadership (CONVENTIONS §2.3), not a role; “分管领导”, “主要领导” are roles.
    if name.endswith("领导") and re.search(r"(?:委|政府|局|校|院|厅|部|办|镇|乡|街道|公司|集团|班子)领导$|^[省市县区]领导$", name):
        return None
    # “督促局办公室每季度公开…”: whom the author presses or leads is not assigned (CONVENTIONS §2.3).
    if name.startswith(tuple(lex["not_assigning_verbs"])):
        return None
    return classify(name)


def _party_after_by(segment: str) -> Optional[str]:
    """In “由X负责/牵头/在…完成”, the longest X before a verb that names a party."""
    segment = re.split(f"[{_STOP}]", segment)[0]
    best = None
    verbs = [w for w in _lexicon()["by_verbs"] if len(w) >= 2]
    for verb in _patterns()["by_verb"].finditer(segment):
        name = _clean(segment[:verb.start()])
        # “由安全总监带队开展…”: the party ends before 带队, even though 带队 ends like a unit (队).
        if name and name.endswith(tuple(verbs)):
            continue
        if name and _acceptable(name) and (best is None or len(name) > len(best)):
            best = name
    return best


def _party_prefix(segment: str) -> Optional[str]:
    """The party an opening of `segment` names (by a department or role ending), as 由X… writes it:
    the shortest such opening that is more than a bare ending (社区建设科, not 社区), lengthened only
    where a longer ending runs on from it (县委办 → 县委办公室); cut before a comma and before any
    word of time (由村委会年内办结 → 村委会; 由县市场监管局依法查处 → 县市场监管局)."""
    lex = _lexicon()
    bare = set(lex["department_suffixes"]) | set(lex["role_suffixes"])
    segment = re.split(f"[{_STOP}]", segment)[0]
    segment = re.split(r"[年月日每前后内时起0-9]", segment)[0]
    ends = [end for end in range(2, len(segment) + 1)
            if _acceptable(segment[:end]) and _clean(segment[:end]) == segment[:end]
            and segment[end - 1:end + 1] not in _SPANNING]
    if not ends:
        return None
    best = next((end for end in ends if segment[:end] not in bare), ends[0])
    for end in [e for e in ends if e > best]:
        # a longer ending that runs on from the shorter name: 县委 → 县委办 → 县委办公室, 村委 → 村委会
        if any(segment[:end].endswith(suffix) and end - len(suffix) <= best for suffix in bare):
            best = end
    # “各部门…” is vague as a whole; its opening “各部” is no party either.
    generic = r"各(?:部门|单位|地区|地|级|方面)"
    if any(segment[:end] in lex["vague"] for end in range(best + 1, best + 3)):
        return None
    rest = segment[best:]
    # “由区委常委和…”: the body's leaders, collectively (CONVENTIONS §2.3); “由县直部门召开的会议”,
    # “由下属单位安排的活动”: a relative clause names who did something else, not who owns this.
    if rest.startswith(_COLLECTIVE_HEADS) or "的" in rest:
        return None
    # “各部门、各单位…”: one class among every other, no one in particular (CONVENTIONS §2.3); two
    # named classes (各支部、各科室) are the first of them
    if segment.startswith("各") and (re.match(rf"[、和及与]{generic}", rest) or re.match(generic, segment)) \
            and re.match(r"[、和及与]各", rest):
        return None
    return segment[:best]


def _locate(text: str, name: str, near: int) -> int:
    index = text.find(name, near)
    return index if index >= 0 else text.find(name)


def find_owners(text: str) -> list[Owner]:
    """Every lead responsible party named in a measure, the most explicit first (found in the
    normalised text, quoted from the original at the same offsets)."""
    original, text = text, normalise(text)
    lex = _lexicon()
    patterns = _patterns()
    found: dict[int, tuple[int, Owner]] = {}

    def add(raw: str, near: int, rank: int) -> None:
        name = _clean(raw)
        kind = _labelled(name) if rank == 0 else _acceptable(name)
        if kind and name:
            start = _locate(text, name, near)
            if start >= 0 and runs_on(text, start + len(name)):
                return
            if start >= 0 and (start not in found or found[start][0] > rank):
                found[start] = (rank, Owner(text=name, kind=kind, start=start, end=start + len(name), rank=rank))

    for match in patterns["label"].finditer(text):
        if match.group("label") in lex["secondary_labels"]:
            continue
        key = "x" if match.group("x") else "x2"
        add(match.group(key), match.start(key), 0)
    for match in re.finditer("由", text):
        after, before = text[match.end():match.end() + 1], text[match.start() - 1:match.start()]
        if (after and after in "于此衷来") or (before and before in "缘理自事经"):
            continue  # 由于, 由此, 缘由, 理由, 自由, 事由: not “by”
        if re.match(rf"[^{_STOP}]{{1,14}}组成", text[match.end():]):
            continue  # “由村民代表组成”: what a group is made of, not who acts
        name = _party_after_by(text[match.end():match.end() + 32])
        if not name:
            # “由国有资产管理处对全校办公用房逐间核查”: the party right before what it acts on.
            acting = re.match(rf"([^{_STOP}]{{2,14}}?)(?=对|向|逐|进行|提出|下达|具体|按照)", text[match.end():])
            name = acting.group(1) if acting and _acceptable(_clean(acting.group(1))) else None
        if not name:
            # “由县发改局重新评估”, “由护理部发放…”, “由大厅值班主任巡查登记”: the longest run after 由 that
            # names a party, before any word of time or frequency (“由村委会年内办结” → 村委会).
            name = _party_prefix(text[match.end():match.end() + 16])
        if name:
            add(name, match.end(), 2)

    for match in re.finditer(r"要求(?![，,：:])", text):
        # “学校要求总务处组织人力…”, “要求驾驶员每月统计…”: the party required to act is the owner;
        # the one that requires only passes the requirement on (CONVENTIONS §2.3). Not in the
        # personal voice, where whom the author presses is not assigned (“督促分管的财务科…”).
        if _PERSONAL_VOICE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        name = _party_prefix(text[match.end():match.end() + 16])
        # what stands after 要求 is often no party at all (“要求全县进一步加大…”): a short name without a verb
        if name and len(name) <= 10 and not _NOT_IN_NAME.search(name):
            add(name, match.end(), 2)
    for match in patterns["verb"].finditer(text):
        raw = match.group("x")
        # The subject is the last phrase before the verb: “…，县纪委牵头” → 县纪委; of several named
        # together (“亭子镇、浙水乡负责……”) the first.
        clause = re.split(r"[，,；;。\s]|并|由|请|的", raw)[-1]
        raw = clause if len(clause) <= 12 and _acceptable(_clean(clause)) else re.split(r"[、]", clause)[-1]
        # “实行一把手负责制”: the verb before the party is not part of it.
        raw = re.sub(r"^(?:实行|落实|建立|推行|坚持|明确)", "", raw)
        add(raw, match.start("x"), 2)
    paren = patterns["paren"].search(text)
    if paren:
        for part in re.split(r"[，,；;]", paren.group("x")):
            if re.search(r"\d|年|月|前|立行|长期|每", part):
                continue
            # “牵头：县纪委”: the party follows the label; “（总会计师负责）”: it comes before the verb.
            raw = re.split(r"[：:]", part)[-1]
            raw = re.sub(rf"(?:{_alternatives(lex['lead_verbs'])}|具体抓|亲自抓|抓落实)$", "", raw)
            add(raw, paren.start("x"), 1)
            break
    for match in _AS_MAIN.finditer(text):
        # “以乡镇为主抓好巩固提升”: the party the work rests on
        add(match.group("x"), match.start("x"), 2)
    for match in patterns["assign"].finditer(text):
        add(match.group("x"), match.start("x"), 2)
    for match in patterns["first_owner"].finditer(text):
        add(match.group("x"), match.start("x"), 2)
    # The subject before a short lead clause (“三、各科室要加强管理，逐项落实…”) when it names a
    # party, else the one after it (“下一步，县纪委将…”).
    subject = patterns["subject"].match(text)
    if subject and (not _acceptable(_clean(subject.group("x"))) or _not_performer(text, subject.end("x"))):
        # (“办公室要求，各股室今后…”: the one that requires is no performer; the one after is)
        subject = patterns["subject_after_lead"].match(text) or subject
    if subject and not _not_performer(text, subject.end("x")):
        # A subject bound by a modal or a duty (“督办部门要…”, “封存单位应当…”, “X负责…”) says who
        # acts as plainly as 由X负责; a bare subject (“局机关每月…”) is weaker.
        bound = re.match(r"要|应当|应|必须|须|负责|牵头|务必|将", text[subject.end("x"):])
        # “区委、区政府领导必须…”: a list under one collective head (领导, 成员, 干部) is the
        # leadership of those bodies, not the first body named.
        last = re.split(r"[、和及与]", subject.group("x"))[-1]
        if not (last.endswith(_COLLECTIVE_HEADS) and not _acceptable(_clean(last))):
            add(subject.group("x"), subject.start("x"), 3 if bound else 4)
    # Fields of a table row flattened into text, split by bars, tabs or (full-width) spaces:
    # “清理挂账接待费　计财股　李×　2014.04.30” → 计财股.
    fields = re.split(r"[｜|\t]| (?=\S)", text)
    if len(fields) >= 3 and len(fields[0].strip()) <= 12 and classify(fields[0].strip()) == "department" \
            and _acceptable(_clean(fields[0].strip())) and not re.search(r"[，,。；;]", fields[0]):
        add(fields[0].strip(), 0, 3)  # “区住建局　实施……工程。　1000　6月开工”: a row that opens with its unit
    if len(fields) >= 3 or "｜" in text or "|" in text:
        for part in fields[1:]:
            part = part.strip()
            if len(part) <= 15 and not re.search(r"[，,；;。]", part):
                add(part, 0, 3)
            elif ("｜" in text or "|" in text) and not re.search(r"[。；;]", part):
                # “市住建局，各县（区）政府、市直园区管委会”: a cell that lists the units, the lead one first
                # (every name in it reads as a body; a cell of prose does not)
                names = [n.strip() for n in re.split(r"[，,、]", part)]
                if all(re.fullmatch(r"[\u4e00-\u9fff（）()]{2,15}", n) and classify(n) for n in names):
                    add(names[0], 0, 3)
    ranked = [owner for _, owner in sorted(found.values(), key=lambda pair: (pair[0], pair[1].start))]
    return [dataclasses.replace(owner, text=original[owner.start:owner.end]) for owner in ranked]


_AS_MAIN = re.compile(r"以(?P<x>[^，,。；;以为]{2,10})为主(?:体)?(?=抓|负责|推进|落实|组织|实施|开展|，|,)")


def _not_performer(norm: str, end: int) -> bool:
    """A subject that only passes on a requirement (“活动办要求，各单位…”) or that modifies a noun
    (“市委市政府召开的全市性会议”) does not act in the measure (CONVENTIONS §2.3)."""
    after = norm[end:end + 6]
    return bool(re.match(r"要求|提出|强调|指出|印发|下发|[\u4e00-\u9fff]{2}的", after)) or only_supervises(norm, end)


_SUPERVISES = re.compile(r"(?:要|将|应|须|负责)?(?:及时|强化|加强|做好|负责)?(?:督办|督促|跟踪督查)(?![^，,。；;]{0,6}(?:工作|机制|制度))")


_SECONDARY_FIELD = re.compile(r"(?:配合|协办|协助|参与)(?:单位|部门|科室)?[：:][^；;。｜|\n]*$")


def in_secondary_field(norm: str, start: int) -> bool:
    """Whether a name at `start` sits in a field that names who helps (配合单位：……), not who leads."""
    return bool(_SECONDARY_FIELD.search(norm[max(0, start - 40):start]))


def only_supervises(norm: str, end: int) -> bool:
    """“领导小组办公室要强化督办”: a party whose part is to press others supervises the measure; it
    does not carry it out (CONVENTIONS §2.3)."""
    return bool(_SUPERVISES.match(norm, end))


_SUPERVISOR = re.compile(rf"(?:{_ENUMERATOR}[，,]?)?(?P<x>[^{_STOP}由对在将]{{2,14}}?)(?={_SUPERVISES.pattern})")


def supervisor(text: str) -> Optional[Owner]:
    """The body whose own part in a measure is to press or inspect (“区住建局督促工地落实防尘措施”,
    “……。县市政局要督促施工队伍……”), named as the subject of a clause. It is the owner only when no
    one else is (CONVENTIONS §2.3 takes the executor where both are named): callers use it last."""
    norm = normalise(text)
    # Only where the supervising is the item itself: at its start, or after a heading sentence or a
    # spaced title (“二是强化推进施工建设。县市政局要督促……”). After sentences that name the work
    # (“全面梳理……确保提前完成。办公室要强化督办”), the body presses whoever does that work.
    starts = [0] + [m.end() for m in re.finditer(r"^[^。；;，,！!\s]{2,24}[。！!]\s*|^[^。；;\s]{2,30}?[ \u3000]+", norm)]
    for start in starts:
        start += len(norm) - start - len(split_label(norm[start:])[1])  # past a number (3、, （二）)
        match = _SUPERVISOR.match(norm, start)
        if not match:
            continue
        name = _clean(match.group("x"))
        kind = _acceptable(name)
        if name and kind and not _PERSONAL_VOICE.search(name):
            begin = norm.find(name, match.start("x"))
            if begin >= 0:
                return Owner(text=text[begin:begin + len(name)], kind=kind, start=begin, end=begin + len(name), rank=6)
    return None


def find_owner(text: str) -> Optional[Owner]:
    """The lead owner of a measure: one named by a label (责任人：) before one in a closing
    parenthesis before one found by a verb (由…负责, …牵头); the first of equals."""
    owners = find_owners(text)
    return owners[0] if owners else None


_CLAUSE_LEADS = rf"(?:下一步|今后|同时|此外|目前|对此|为此|整改中|具体由|{_ENUMERATOR})?[，,]?"
# A lead phrase after which the next clause names who acts: “学校决定，各部处…”, “在整治中，…”.
_TITLE_SPACE = re.compile(r"^[^。；;\s]{2,30}?[ \u3000]+(?=[\u4e00-\u9fff])")
_LEAD_COMMA = re.compile(r"(?:下一步|今后|同时|此外|目前|为此|对此|首先|其次|再次|最后|另外"
                         r"|决定|研究决定|规定|明确|在[^，,。；;]{1,14}(?:中|时|后|期间))[，,]")


@functools.lru_cache(maxsize=16)
def _clause_pattern(trigger: str, least: int) -> re.Pattern[str]:
    """A clause's subject of at least `least` characters, before a trigger word or a number (a digit
    ends the name only after a non-digit: “110指挥中心对…” is one name)."""
    # (a short alias in brackets may stand between the name and the trigger: “县卫计局（爱卫办）要…”)
    return re.compile(rf"{_CLAUSE_LEADS}(?P<x>[^{_STOP}由对在将]{{{least},14}}?)"
                      rf"(?=(?:[（(][^（）()，,。；;]{{1,8}}[）)])?(?:{trigger})(?!人)|(?<!\d)\d)")


# What follows a subject after a plain comma when it owns the measure: a date, a count or a
# commitment (“…，农机股在3月底前把…”, “…，客户服务中心一般当日回复”).
_COMMITS = re.compile(r"\d|将|要|应|须|必须|先|可|带头|负责|牵头|每|于|年底|即日|自|从|按月|定期|一般|下一步"
                      r"|在(?:\d|[一二三四五六七八九十]+月|年底|年内|本月|本季|本周|今年|明年|下月|下半年|上半年|国庆|春节|元旦)")


def owner_candidates(text: str) -> list[Owner]:
    """Every party that might own a measure: what `find_owners` finds (any rank) and, in addition,
    the subject of every clause (rank 5) — “…。下一步，行政许可科将落实…”, “…，村两委10月底前更换…”.
    The learned ranker (classifiers/owner_ranker.py) decides among them."""
    found = {(o.start, o.end): o for o in find_owners(text)}
    norm = normalise(text)
    lex = _lexicon()
    trigger = _alternatives(lex["subject_triggers"])
    clause = _clause_pattern(trigger, 2)
    # Clause starts after a sentence, a semicolon, a colon (not of a clock time: after the time,
    # “每天上午10:00镇纪委将…”), or after a comma that follows a lead such as
    # 下一步 (“…，科主任在大会上作检查” names who acts in a consequence, not who owns the measure).
    strong = {0} | {m.end() for m in re.finditer(r"[；;。！!]|(?<!\d)[：:]|\d[：:]\d\d\s*", norm)} | \
        {m.end() for m in _LEAD_COMMA.finditer(norm)} | \
        {m.end() for m in _TITLE_SPACE.finditer(norm[:40])}  # “三、加强督查 兴庆区政府办公室将……”
    # a clause may start after spaces (“……建成。 隆中文化园公司要……”, the gap of a PDF line)
    strong = {start + len(norm[start:]) - len(norm[start:].lstrip(" ")) for start in strong}
    weak = {m.end() for m in re.finditer(r"[，,]", norm)} - strong
    # “作风建设督查组每月…”: the shortest phrase before a trigger may be no party (作风建设, before
    # 督查); a longer one is tried, if it names a body (not “校领导每人联系”, which ends in 系 by chance).
    def clause_match(at: int):
        match = clause.match(norm, at)
        if match is None or _acceptable(_clean(match.group("x"))):
            return match
        for least in range(len(match.group("x")) + 1, 15):
            again = _clause_pattern(trigger, least).match(norm, at)
            if again is None:
                break
            if _acceptable(_clean(again.group("x"))) == "department" and not re.search(r"[每的人]", again.group("x")):
                return again
        return match

    for start in sorted(strong | weak):
        match = clause_match(start)
        # After a plain comma, only a subject that goes on to a date, a count or a commitment
        # (“…，村两委10月底前更换…”) and not one that acts in a consequence (“…，科主任在大会上作检查”).
        if not match:
            continue
        after = match.end("x")
        alias = re.match(r"[（(][^（）()，,。；;]{1,8}[）)]", norm[after:])
        after += alias.end() if alias else 0
        if (start in weak and not _COMMITS.match(norm, after)) or _not_performer(norm, after):
            continue
        name = _clean(match.group("x"))
        kind = _acceptable(name)
        if not (name and kind) or name in lex["labels"] or name.startswith(("实行", "落实", "建立", "推行")):
            continue
        begin = norm.find(name, match.start("x"))
        if begin < 0 or any(s <= begin < e for s, e in found) or runs_on(norm, begin + len(name)):
            continue
        found[(begin, begin + len(name))] = Owner(text=text[begin:begin + len(name)], kind=kind, start=begin,
                                                  end=begin + len(name), rank=5)
    return sorted(found.values(), key=lambda o: o.start)
