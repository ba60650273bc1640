"""What a submission says: its scope, its sections, the problems it
admits and the measures it promises, each measure linked to the problem it answers.

Built on docparse's Document (headings, numbering levels, tables) and the section and column
synonyms of corpora/sections.yaml. Problems and measures come from numbered items and paragraphs
under the matching headings, from 一是/二是 enumerations, from items that carry both (…。整改措施：…)
and from table columns mapped by their header.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Optional

from classifiers.deadlines import find_deadline
from classifiers.normalise import to_simplified
from classifiers.owners import find_owner
from classifiers.resources import load_yaml
from docparse import Block, Document, Location, Table
from docparse.numbering import cn_to_int, split_label

ITEM_SECTIONS = ("problems", "measures")
_ENUM = re.compile(r"(?:(?<=^)|(?<=[。；;，,：:\s]))(?P<marker>[一二三四五六七八九十]{1,2}是)")
# “……不够好。一条是……；另一条是……。”: two clauses counted out as 一是/二是 count them
COUNTED_OUT = re.compile(r"(?:(?<=^)|(?<=[。；;，,：:\s]))(?P<marker>另?一(?:条|个|项|件)(?:是|就是))")
# Labels that announce a measure: anywhere (整改措施：), or only where a sentence starts (改：, 打算：).
_MEASURE_LABELS = r"整改措施|整改目标和措施|改进措施|整改举措|改进举措|下一?步措施|下一?步打算|整治任务|整改任务|措施"
_SHORT_MEASURE_LABELS = r"改|怎么改|如何改|今后怎么改|下一步怎么改|整改|打算|下步打算|改法|改进办法|整改办法|怎么办"
MEASURE_MARKER = re.compile(rf"(?:{_MEASURE_LABELS})[：:]"
                             # “……，但影响不好。改：公车不再……” (a personal list: the problem, then 改：/怎么改：)
                             rf"|(?<=[。！!；;])(?:{_SHORT_MEASURE_LABELS})[：:]"
                             r"|(?:下一步|下步|今后|对此|为此|针对(?:这一|此|上述|这些)问题)[，,：:]"
                             # “……还存在接待把关不严的问题，……，下步将清理……”: the measure, 下步将 and all,
                             # goes on from a comma inside the problem's paragraph
                             r"|(?<=[，,])(?=(?:下一步|下步)(?:将|要|我们将|本人将|我将|还将)|今后(?:将|要|我们将|本人将|我将))"
                             # “……。今后村里修路……”: a sentence that opens with 今后 after a problem
                             r"|(?<=[。！!])(?:今后|下一步|下步|从今以后|从现在起|从今往后)(?![，,：:])"
                             # “……。镇党委要求，自即日起……”, “……。局党组决定……”, “……。本人将……”
                             r"|(?<=[。！!])[^。，,；;：:]{0,8}?(?:党委|党组|党工委|支部|班子|本人)"
                             r"(?:决定|要求|承诺)[，,：:]?")
_PROBLEM_LABELS = r"存在问题|存在的问题|主要问题|问题表现|问题"
# A problem item that still opens with the label that announced it (“毛病：坐门诊、查病房少了……”)
PROBLEM_LEAD = re.compile(rf"\s*(?:{_PROBLEM_LABELS}|主要表现|具体表现|表现|毛病)[：:]\s*")
_QUOTES = str.maketrans("", "", "“”‘’\"' 　")
# A measure item that still opens with the label that announced it (“打算：加强流动党员管理……”)
MEASURE_LEAD = re.compile(rf"\s*(?:{_MEASURE_LABELS}|{_SHORT_MEASURE_LABELS})[：:]\s*")


@dataclass
class Item:
    """A problem or measure found in the document."""

    text: str
    location: Location
    section: str
    label: Optional[str] = None
    problem: Optional[int] = None
    deadline_cell: Optional[str] = None
    owner_cell: Optional[str] = None
    context: str = ""


@dataclass
class Understanding:
    """The document as a reviewer reads it."""

    scope: Optional[str]
    problems: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    section_text: dict[str, str] = field(default_factory=dict)
    measure_run: bool = False  # the last paragraph added was a measure of the problem before it
    pair_run: bool = False  # the last paragraph added was a problem and its measure (……。整改措施：……)
    # as many measures as problems, but in an order that does not answer them one for one (see link_measures)
    order_misaligned: bool = False
    links_referenced: bool = False  # measures name the problem they answer (（针对问题1）)


# ---- sections -----------------------------------------------------------------------------

def _normalise_heading(text: str) -> str:
    # (a heading in traditional script, 我在教書育人中存在的問題, opens the same section)
    return to_simplified(text).translate(_QUOTES).rstrip("：:。.；;")


def heading_kind(text: str) -> Optional[str]:
    """The section a heading opens (problems, measures, root_causes, six_explanations, progress,
    background), by the synonyms of corpora/sections.yaml; the lowest priority number wins.

    A heading naming both the shortcomings and what comes next (“存在的差距和下一步措施”)
    opens a problems section whose items carry their measure after 下一步/整改措施.
    """
    norm = _normalise_heading(text)
    kind = _heading_kind(norm)
    if kind is None and "的" in norm:
        # “逐项自查的情况”, “整改的措施”: the synonyms are written without the particle
        kind = _heading_kind(norm.replace("的", ""))
    return kind


def _heading_kind(norm: str) -> Optional[str]:
    headings = load_yaml("sections.yaml")["headings"]
    # (an exact heading may carry its number: “四、下一步”, “（三）措施：”)
    bare = split_label(norm.strip())[1].rstrip("：:。 ")
    if any(w.translate(_QUOTES) in norm for w in headings["problems"]["any"]) and \
            any(w.translate(_QUOTES) in norm for w in headings["measures"]["any"] + ["下一步"]
                + (["措施", "举措", "打算"] if "问题" in norm else [])):
        return "problems"
    best: Optional[tuple[int, str]] = None
    for kind, spec in headings.items():
        if any(w.translate(_QUOTES) in norm for w in spec.get("none", [])):
            continue
        if any(w.translate(_QUOTES) in norm for w in spec["any"]) or bare in spec.get("exact", ()):
            rank = spec.get("priority", 9)
            if best is None or rank < best[0]:
                best = (rank, kind)
    return best[1] if best else None


def heading_text(block: Block) -> Optional[str]:
    """The heading part of a block, if it acts as one: a heading block, or the lead phrase of a
    numbered item (“（一）形式主义方面。主要表现在……” → 形式主义方面)."""
    if block.kind == "heading":
        return block.text
    if block.kind == "list_item":
        lead = re.split(r"[。：:；;]", block.text, maxsplit=1)[0]
        return lead if len(lead) <= 24 else None
    if block.kind == "paragraph" and len(block.text) <= 24 and not block.text.endswith(("。", "；")):
        return block.text
    if block.kind == "paragraph" and len(block.text) <= 40 and ANNOUNCES_CHANGES.search(block.text):
        return "整改措施"  # “……下一步我打算这样改：”
    if block.kind == "paragraph" and ANNOUNCES_NEXT.search(block.text[-40:]):
        # “……还有差距，主要是……。下一步我打算做好以下几件事：”: a paragraph whose last sentence opens the
        # list of what is to be done after it
        return "整改措施"
    announced = ANNOUNCES_LIST.search(block.text) if block.kind == "paragraph" and len(block.text) <= 40 else None
    if announced:
        # “对照这些意见，我自己找了下面几条毛病。”, “针对这几条毛病，我定了下面几条改的办法。”: a sentence that
        # opens the list after it, as a heading would
        return "存在的问题" if announced.group("what") in ("毛病", "问题", "不足", "差距", "缺点") else "整改措施"
    return None


ANNOUNCES_LIST = re.compile(r"(?:下面|以下|如下)(?:的|这)?(?:[一二两三四五六七八九十几]+[条点个项])?(?:方面的)?(?:改的)?"
                             r"(?P<what>毛病|问题|不足|差距|缺点|办法|措施|打算|改法)[。：:]?$")
# A paragraph that opens with what is to come and promises it: “今后，村党支部将继续……”, “下一步，要……”
# the words for what comes next, shared by the readings of village prose and look-backs (segment, review)
NEXT_STEP_WORDS = r"今后|下一步|下步|下阶段|接下来"
NEXT_STEP_OPENING = re.compile(rf"^\s*(?:{NEXT_STEP_WORDS})[，,]?[^。；;]{{0,16}}(?:将|要|继续|把)")
# “下一步我打算做好以下几件事：”, “今后重点抓好以下几项工作：”: the last sentence of a paragraph that opens
# the measures after it
ANNOUNCES_NEXT = re.compile(rf"(?:^|[。；;])[^。；;]{{0,12}}(?:{NEXT_STEP_WORDS}|打算|准备)[^。；;]{{0,14}}"
                            r"(?:以下|如下|下面)(?:[一二两三四五六七八九十几]+[件项条个点])?(?:事|工作|事情|措施|方面)?[：:]$")
# “下一步我打算这样改：”, “今后我准备从这几个方面改：”: a sentence that opens the measures after it
ANNOUNCES_CHANGES = re.compile(r"(?:打算|准备|决心|决定|计划)(?:这样|从(?:以下|下面|这)几个方面)(?:来)?(?:改|整改|改正|改进)[。：:]$")


# ---- document type and scope -----------------------------------------------------------------

_NAMED_PERSON = re.compile(r"(?:书记|县长|镇长|乡长|局长|主任|院长|校长|经理|部长|委员|同志)\s*[\u4e00-\u9fff]{1,2}(?:[×Xx＊*]{2}|某某)"
                           r"|[\u4e00-\u9fff](?:××|某某)同志")


# 本人 of the people served, not of the author: “须本人到场”, “查询本人档案”, “老人本人签字”
_SERVED_PERSON = re.compile(r"(?:须|需|需要|要求|必须|由|让|请|查询|申请人|当事人|群众|老人|职工|患者|学生|居民|参保人)本人"
                            r"|本人(?:到场|签字|签名|持|亲自|前往|档案|身份证|户口|名下)")


def detect_scope(document: Document) -> str:
    """班子 or 个人: from the title, else from who the text speaks as (本人/我 against 我们/班子)."""
    spec = load_yaml("sections.yaml")["scope"]
    title = document.metadata.title or ""
    # “梅岭乡党委书记龚××对照检查材料”: a named person is the author, whatever body the title names
    if any(w in title for w in spec["title_personal"]) or _NAMED_PERSON.search(title):
        return "个人"
    if any(w in title for w in spec["title_team"]):
        return "班子"
    text = document.text
    team = sum(text.count(w) for w in spec["team_pronouns"])
    stripped = _SERVED_PERSON.sub("", text)
    for word in sorted(spec["team_pronouns"], key=len, reverse=True):
        stripped = stripped.replace(word, "")
    personal = sum(stripped.count(w) for w in ("本人", "我"))
    if document.metadata.author or personal >= max(1, team) * spec["personal_ratio_at"]:
        return "个人"
    return "班子"


# ---- items ---------------------------------------------------------------------------------

# Parallel sentences that all open with the same verb of resolve (“坚持加强学习，……。坚持群众路线，……。
# 坚持真抓实干，……。”): a run of measures written as one paragraph, as 一是/二是 would be.
_ANAPHORA_WORDS = ("坚持", "加强", "严格", "进一步", "切实", "着力", "健全", "完善", "深化", "强化", "建立", "推行")


def _split_anaphora(text: str) -> list[str]:
    sentences = [x for x in re.split(r"(?<=。)", text) if x.strip()]
    if len(sentences) < 3:
        return [text]
    # the first sentence may open with a short inline heading: “整改方向 坚持……”, “整改方向坚持……”
    lead = next((w for w in _ANAPHORA_WORDS if sentences[1].strip().startswith(w)), None)
    at = sentences[0].find(lead) if lead else -1
    if lead is None or not 0 <= at <= 8 or re.search(r"[，。；,;]", sentences[0][:at]):
        return [text]
    sentences[0] = sentences[0][at:]
    if not all(x.strip().startswith(lead) for x in sentences[:-1]):
        return [text]
    # the last sentence may be cut short or close the run differently; it stays with the run if it opens alike
    parts = [x.strip() for x in sentences if x.strip().startswith(lead)]
    return parts if len(parts) >= 3 else [text]


def split_enumeration(text: str) -> list[str]:
    """“一是……；二是……” → the clauses, without their markers; the whole text if not enumerated.
    Three or more sentences that open with the same verb of resolve (坚持……。坚持……。) are split too."""
    marks = list(_ENUM.finditer(text))
    if len(marks) < 2 or not marks[0].group("marker").startswith("一"):
        return split_inline_numbers(text) or _split_anaphora(text)
    parts = []
    for mark, nxt in zip(marks, marks[1:] + [None]):
        end = nxt.start() if nxt else len(text)
        clause = text[mark.end():end].strip(" ；;。，,")
        if clause:
            parts.append(clause)
    return parts


# “整改措施：1.每月8日召开……。（责任领导：……）2.县里文件……”: numbered items run together in one paragraph,
# each number opening a sentence (at the start, after a colon or after the close of the item before)
# (or circled: “整改措施：①……；②……”)
_INLINE_NUMBER = re.compile(r"(?:(?<=^)|(?<=[：:。；;）)]))\s*(?:(?P<n>[1-9])[.、．](?!\d)|(?P<c>[①-⑨])|[（(](?P<p>[1-9])[）)])")


def _number_of(mark: re.Match) -> int:
    if mark.group("c"):
        return ord(mark.group("c")) - ord("①") + 1
    return int(mark.group("n") or mark.group("p"))


def _scheme(mark: re.Match) -> str:
    return "c" if mark.group("c") else "p" if mark.group("p") else "n"


def split_inline_numbers(text: str) -> Optional[list[str]]:
    """The numbered items (1. 2. or ① ②) run together in `text`, or None."""
    marks = list(_INLINE_NUMBER.finditer(text))
    run = []
    for mark in marks:
        if _number_of(mark) == len(run) + 1 and (not run or _scheme(mark) == _scheme(run[0])):
            run.append(mark)
        elif run:
            break
    # before the first number: nothing, a lead-in ending in a colon, or a short title (“严明窗口工作纪律。①……”)
    head = text[:run[0].start()].strip() if run else ""
    if len(run) < 2 or head and not re.search(r"[：:]\s*$", head) and not (
            len(head) <= 20 and head.endswith(("。", "．")) and not re.search(r"[，,；;]", head)):
        return None
    parts = [text[mark.end():(nxt.start() if nxt else len(text))].strip(" ；;，,")
             for mark, nxt in zip(run, run[1:] + [None])]
    parts = [p for p in parts if p]
    return parts if len(parts) >= 2 and all(len(_CJK_CHARS.findall(p)) >= 6 for p in parts) else None


_CJK_CHARS = re.compile(r"[\u4e00-\u9fff]")


# (not 主要内容：, the field of a rule-plan entry: “《……办法》（修订）。主要内容：……。牵头单位：……；完成时限：……”)
# (“下一步我保证做到：A；B；C。”: a pledge that lists what it promises)
_LIST_LEAD = re.compile(r"(?:主要(?!内容)|如下|以下|几条|几点|几个方面|表现在|表现为|概括起来|归纳起来|具体是|具体有|集中在|研究决定"
                        r"|保证做到|承诺做到)[^：:]{0,12}[：:]")


def split_colon_list(text: str) -> Optional[list[str]]:
    """“……，概括起来主要有这样几条：A；B；C。” → [A, B, C]: a lead-in that announces a list, then two or
    more clauses separated by semicolons (the lead-in is not an item); None when the text is no such list."""
    leads = list(_LIST_LEAD.finditer(text))
    lead = leads[-1] if leads else None
    if lead is None or lead.end() > len(text) * 0.6:
        return None
    parts = [p.strip(" 。；;，,") for p in re.split(r"[；;]", text[lead.end():])]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p) < 8 for p in parts):
        return None
    return parts


def is_intro(text: str) -> bool:
    """A lead-in sentence rather than an item: “现将有关情况报告如下：”, “主要表现在：”."""
    # (“……产销差率降到25%以下。”, “……控制在50人以下。” set a limit: they are no lead-in)
    return text.endswith(("：", ":")) or bool(re.search(
        r"(如下|(?<![\d%％０-９元人次个天万米时岁户])以下|见下表|见附表|如下表|详见附件\S*)[：:。]?$", text))


def container_flags(blocks: list[Block]) -> list[bool]:
    """For each block, whether it is a numbered item with deeper numbered items under it."""
    flags = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if not block.label or block.level is None:
            continue
        for later in blocks[i + 1:]:
            if later.label and later.level is not None:
                flags[i] = later.level > block.level
                break
            if later.kind == "heading" and later.level is not None and later.level <= block.level:
                break
    return flags


def column_roles(table: Table) -> dict[str, int]:
    """Column index per role (problem, measure, leader, owner, deadline …) from the header."""
    columns = load_yaml("sections.yaml")["columns"]
    roles: dict[str, int] = {}
    exactly: set[int] = set()
    for index, name in enumerate(table.header):
        clean = _clean_header(name)
        if not clean:
            continue
        exact = [role for role, spec in columns.items() if clean in spec["any"]]
        if exact:
            role = exact[0]
            exactly.add(index)
            if role == "problem" and "problem" in roles and roles["problem"] not in exactly:
                # 整改事项 | 存在的差距: the column named exactly for problems states them; the one that only
                # holds the word (事项) names the row's topic
                roles.setdefault("category", roles["problem"])
                roles["problem"] = index
                continue
        else:
            contained = [(len(w), role) for role, spec in columns.items() for w in spec["any"] if w in clean]
            if not contained:
                continue
            role = max(contained)[1]
        if role == "measure" and "measure" in roles and "措施" in clean and "措施" not in _clean_header(
                table.header[roles["measure"]]):
            # 整治任务 | 整治重点 | 推进措施: the 措施 column holds the measures; the task names the
            # row's topic, kept as its category
            roles.setdefault("category", roles["measure"])
            roles["measure"] = index
            continue
        if role == "problem" and "problem" in roles and "问题" in clean and "问题" not in _clean_header(
                table.header[roles["problem"]]):
            # 整治项目 | 突出问题 | 整治任务: the 问题 column states the problems; the item before it
            # names the row's topic, kept as its category
            roles.setdefault("category", roles["problem"])
            roles["problem"] = index
            continue
        roles.setdefault(role, index)
    if table.body and not ("problem" in roles and "measure" in roles):
        _roles_by_content(table, roles)
    if _names_tasks(table, roles) or _reports_on_tasks(table, roles) or _lists_progress(table, roles):
        # 整改事项 | 具体措施 with 精简会议, 改进调研 …: the first column names each row's task, it states no
        # problem; it is kept as the row's category
        roles.setdefault("category", roles.pop("problem"))
    # A 回头看 table (整改事项 | 整改措施 | 完成情况 | 下步打算): what is still to do is in the 下步 column;
    # what was done is its status.
    for index, name in enumerate(table.header):
        if _NEXT_STEP.search(_clean_header(name)) and index != roles.get("problem"):
            if "measure" in roles and roles["measure"] != index:
                roles.setdefault("status", roles["measure"])
            roles["measure"] = index
            break
    return roles


_NEXT_STEP = re.compile(r"下一?步|今后")
# a character that makes a short cell a problem (会议多, 服务差, 办事难) rather than a task name (精简会议)
_PROBLEM_CUE = re.compile(r"[不没少多难慢差乱弱低高繁过欠缺偏]")


def _names_tasks(table: Table, roles: dict[str, int]) -> bool:
    """Whether the problem column holds short task names (a header without 问题, every cell a few
    words with no punctuation and nothing that states a fault)."""
    if "problem" not in roles or "measure" not in roles or "问题" in _clean_header(table.header[roles["problem"]]):
        return False
    cells = [row[roles["problem"]].text.strip() for row in table.body if roles["problem"] < len(row)]
    cells = [c for c in cells if c]
    return len(cells) >= 2 and all(len(c) <= 10 and not re.search(r"[，。；,;、]", c) and not _PROBLEM_CUE.search(c)
                                   for c in cells)


_PROGRESS_COLUMN = re.compile(r"进展|进度|完成情况|落实情况|整改情况|整改成效")


def _reports_on_tasks(table: Table, roles: dict[str, int]) -> bool:
    """Whether the table reports on a plan's tasks (整改事项 | 责任科室 | 进展情况 | 下步措施): its first
    column names each task as the plan had it (压减文件数量, 改进督查方式), and states no problem found now
    (a header with 问题 does, and so do cells that state a fault: 住院部夜间护士呼叫响应慢)."""
    if "problem" not in roles or "measure" not in roles:
        return False
    header = _clean_header(table.header[roles["problem"]])
    if "问题" in header or "差距" in header or "不足" in header or not any(
            _PROGRESS_COLUMN.search(_clean_header(name)) for name in table.header):
        return False
    cells = [c for c in (row[roles["problem"]].text.strip() for row in table.body if roles["problem"] < len(row)) if c]
    named = [c for c in cells if len(c) <= 10 and not re.search(r"[，。；,;、]", c) and not _PROBLEM_CUE.search(c)]
    # (most of its cells name a task; a few may name a complaint taken up, 乡镇反映的“材料多”问题)
    return len(cells) >= 2 and len(named) >= 0.75 * len(cells)


def _lists_progress(table: Table, roles: dict[str, int]) -> bool:
    """Whether the table is a look-back's account of what was done (整改事项 | 牵头领导 | 责任部门 |
    时间节点 | 完成情况, its status cells filled in): no column holds measures or what is still to
    do, and the item column is not named for problems, so each row restates a task of the plan and
    says how far it went — neither a problem found now nor a new measure."""
    if "problem" not in roles or "measure" in roles:
        return False
    if re.search(r"问题|差距|不足|表现|意见", _clean_header(table.header[roles["problem"]])):
        return False
    progress = [i for i, name in enumerate(table.header) if _PROGRESS_COLUMN.search(_clean_header(name))]
    if not progress:
        return False
    status = [row[progress[0]].text.strip() for row in table.body if progress[0] < len(row)]
    return len(status) >= 2 and sum(1 for s in status if s) >= 0.75 * len(status)


def _is_next_step_column(table: Table, roles: dict[str, int]) -> bool:
    return "measure" in roles and roles["measure"] < len(table.header) and \
        bool(_NEXT_STEP.search(_clean_header(table.header[roles["measure"]])))


def _roles_by_content(table: Table, roles: dict[str, int]) -> None:
    """Columns whose header names no role (整治事项 | 具体举措 | 牵头科室 | 责任人 | 完成时限) get one from
    what their cells hold: dates are the deadline, short party names the owner, and of the long-text
    columns the first is the problem and the next the measure (a 问题清单 reads left to right)."""
    from classifiers.deadlines import find_deadline
    from classifiers.owners import accept

    taken = set(roles.values())
    long_columns = []
    for index in range(len(table.header)):
        if index in taken:
            continue
        cells = [row[index].text.strip() for row in table.body if index < len(row) and row[index].text.strip()]
        if len(cells) < 2:
            continue
        share = lambda test: sum(1 for c in cells if test(c)) / len(cells)  # noqa: E731
        if "deadline" not in roles and share(lambda c: len(c) <= 20 and find_deadline(c, None) is not None) >= 0.6:
            roles["deadline"] = index
        elif "owner" not in roles and share(lambda c: len(c) <= 15 and accept(c) is not None) >= 0.6:
            roles["owner"] = index
        elif sum(len(c) for c in cells) / len(cells) >= 12 and share(lambda c: bool(re.search(r"[，。；,;]", c))) >= 0.5:
            long_columns.append(index)
    if not ({"deadline", "owner", "leader"} & roles.keys()):
        return  # no owner or deadline column: a schedule or a list of rules, not a 问题清单
    for index in long_columns:
        if "problem" not in roles and ("measure" not in roles or index < roles["measure"]):
            roles["problem"] = index
        elif "measure" not in roles:
            roles["measure"] = index


_PLACEHOLDER = re.compile(r"^\s*(?:无|没有|无需|不需要|已完成|已整改|/|／|—+|-+|——)?\s*[。.]?\s*$")


def _clean_header(name: str) -> str:
    return re.sub(r"[（(].*?[）)]|\s", "", name)


def _table_items(table: Table, result: Understanding) -> None:
    roles = column_roles(table)
    if "problem" not in roles and "measure" not in roles:
        return
    next_step = _is_next_step_column(table, roles)
    for row in table.body:
        cells = [c.text.strip() for c in row]
        if len(set(c for c in cells if c)) <= 1:
            continue  # a category row merged across the table (“形式主义方面”)
        cell = {role: cells[index] for role, index in roles.items() if index < len(cells)}
        if next_step and _PLACEHOLDER.match(cell.get("measure", "")):
            continue  # a finished item of a 回头看 table (下步: 无): progress, neither a problem nor a measure

        problem_index = None
        if cell.get("problem", ""):
            result.problems.append(Item(text=cell.get("problem", ""), location=row[roles["problem"]].location,
                                        section="problems", context=cell.get("category", "")))
            problem_index = len(result.problems) - 1
        if cell.get("measure", ""):
            owner = cell.get("owner", "") or cell.get("leader", "")
            result.measures.append(Item(
                text=cell.get("measure", ""), location=row[roles["measure"]].location, section="measures",
                problem=problem_index, deadline_cell=cell.get("deadline", "") or None, owner_cell=owner or None))


_MEASURE_RUN_LEAD = re.compile(r"\s*(?:对此|为此|针对(?:这一|此|上述|这些|以上)问题)[，,：:]")
_ENUM_START = re.compile(r"\s*[一二三四五六七八九十]{1,2}是")
# “镇党委研究确定了两条办法：一是……” → “一是……”: the announcing words before the first clause
_LEAD_TO_FIRST = re.compile(r"^[^。；;]{0,30}?[：:](?=\s*一是)")


def _add_item(result: Understanding, section: str, text: str, block: Block, context: str = "") -> None:
    """Add one numbered item or paragraph, splitting 一是/二是 and problem+measure pairs."""
    if section == "problems" and result.problems:
        # Under a heading of problems and measures, a paragraph that opens with what is done about
        # the problem before it (“对此，镇党委研究确定了两条办法：一是……”), and the 二是 paragraph that
        # goes on from it, are measures of that problem.
        # So is a paragraph that opens with the label of measures (“整改措施：一是……；二是……”) under
        # the problem it follows.
        lead = _MEASURE_RUN_LEAD.match(text) or MEASURE_LEAD.match(text)
        going_on = _ENUM_START.match(text) and not text.startswith("一是") and result.measure_run
        if lead or going_on:
            body = _LEAD_TO_FIRST.sub("", text[lead.end():], count=1) if lead else text
            clauses = split_enumeration(body)
            for clause in clauses if len(clauses) > 1 else [_ENUM_START.sub("", body.strip(), count=1).strip(" 。；;")]:
                result.measures.append(Item(text=clause, location=block.location, section="measures",
                                            label=block.label, context=context, problem=len(result.problems) - 1))
            result.measure_run = True
            return
    result.measure_run = False
    paired, result.pair_run = result.pair_run, False
    if section in ITEM_SECTIONS:
        marker = MEASURE_MARKER.search(text)
        if marker and marker.start() > 4:
            problem_text = text[:marker.start()].strip(" 。；;，,")
            result.problems.append(Item(text=problem_text, location=block.location, section="problems",
                                        label=block.label, context=context))
            result.measures.append(Item(text=text[marker.end():].strip(), location=block.location,
                                        section="measures", label=block.label, context=context,
                                        problem=len(result.problems) - 1))
            result.pair_run = True
            return
        if section == "measures" and paired and block.label and _states_no_measure(text):
            # “1．……。整改措施：……” “2．村里青壮年大都外出务工……。” “3．……。整改措施：……”: among numbered
            # problem-and-measure pairs, an item with no measure that reads as none is a problem left
            # unanswered (the learned measureness model, models/measureness-*, says how it reads)
            result.problems.append(Item(text=text.strip(), location=block.location, section="problems",
                                        label=block.label, context=context))
            result.pair_run = True
            return
    target = result.problems if section == "problems" else result.measures
    for clause in split_enumeration(text):
        target.append(Item(text=clause, location=block.location, section=section, label=block.label,
                           context=context))


def _states_no_measure(text: str) -> bool:
    """Whether `text`, read on its own, is surely no measure (measureness under 0.1)."""
    from .reader import measureness  # (the reader reads with this module's rules)

    score = measureness(text)
    return score is not None and score < 0.1


def body_blocks(document: Document) -> list[Block]:
    """The blocks the readers index: all but the document's title (a level-0 heading)."""
    return [b for b in document.blocks if not (b.kind == "heading" and b.level == 0)]


def understand(document: Document) -> Understanding:
    """Scope, sections, problems and measures of a parsed submission (its type: sifeng.doctype)."""
    result = Understanding(scope=detect_scope(document))
    blocks = body_blocks(document)
    containers = container_flags(blocks)
    stack: list[tuple[float, Optional[str]]] = []
    section_parts: dict[str, list[str]] = {}
    category = ""
    # a section of problems and what comes next (存在的差距和下一步措施) whose problems hold their measures
    # as numbered items under them: the level of that section, and of its problems
    combined: Optional[float] = None
    problem_level: Optional[int] = None

    def current() -> Optional[str]:
        return next((kind for _, kind in reversed(stack) if kind), None)

    for index, block in enumerate(blocks):
        if block.table is not None:
            if current() not in ("six_explanations", "root_causes"):
                # (a table of the six explanations, 事项｜情况, holds no problem)
                _table_items(block.table, result)
            continue
        head = heading_text(block)
        kind = heading_kind(head) if head else None
        level = float(block.level) if block.level is not None else (0.5 if block.kind != "list_item" else 9)
        label_line = kind is not None and block.kind == "paragraph" and block.level is None and bool(stack) \
            and block.text.rstrip().endswith(("：", ":"))
        if label_line:
            # “整改措施：” on its own under “（一）关于文山会海的问题”: a label inside that block, which the
            # next sibling heading (（二）…) closes, not a section of the whole document
            level = max((lv for lv, _ in stack if lv.is_integer()), default=0.0) + 0.5
        is_heading = block.kind == "heading" or (kind is not None and block.kind == "paragraph")
        if is_heading or (block.label and containers[index]):
            while stack and stack[-1][0] >= level:
                stack.pop()
            if combined is not None and level <= combined:
                combined, problem_level = None, None
            if kind == "problems" and _COMBINED_HEADING.search(head or ""):
                combined, problem_level = level, None
            parent = current()
            # A category heading under a problems or measures section does not leave it:
            # “（一）形式主义方面” under 整改措施 is still about measures.
            if parent in ITEM_SECTIONS + ("root_causes", "six_explanations") and not label_line:
                kind = None
            stack.append((level, kind))
            result.headings.append(block.text)
            if parent in ("root_causes", "six_explanations"):
                # “（三）党性修养锻炼不够”: a cause's own heading names its dimension most plainly
                section_parts.setdefault(parent, []).append(block.text)
            category = block.text if kind is None or any(w in block.text for w in _STYLE_WORDS) else ""
            if block.kind == "heading" or containers[index]:
                rest = _after_lead(block.text) if containers[index] else ""
                if rest and current() in ITEM_SECTIONS and len(split_enumeration(rest)) > 1:
                    _add_item(result, current(), rest, block, category)
                elif containers[index] and block.kind == "list_item" and current() in ITEM_SECTIONS \
                        and len(block.text) >= 14 and not is_intro(block.text) \
                        and heading_kind(head or "") is None:
                    # “（2）6月底前建成涉案财物管理中心。” with ①② under it is a measure itself.
                    _add_item(result, current(), block.text, block, category)
                    if combined is not None and current() == "problems":
                        problem_level = block.level
                if block.kind == "heading" and not containers[index] and block.label \
                        and current() in ITEM_SECTIONS and heading_kind(block.text) is None \
                        and not _titles_next_clauses(blocks, index):
                    _add_item(result, current(), block.text, block, category)
                continue
        if is_sign_off(block, document):
            continue
        if _titles_next_clauses(blocks, index) and current() in ITEM_SECTIONS:
            # “（一）改进审批服务、解决推诿扯皮问题” over a paragraph of 一是……；二是……: the title of the
            # clauses under it, each of which is an item, not an item itself
            category = block.text
            result.headings.append(block.text)
            continue
        section = current()
        if section:
            section_parts.setdefault(section, []).append(block.text)
        entry = _RULE_ENTRY.match(block.text) if section is None else None
        if entry:
            # a 制度建设计划 written as paragraphs under no heading: each 《…》 paragraph with its own
            # 牵头单位/完成时间 is one measure (documents README), its labels its owner and deadline
            result.measures.append(Item(text=block.text.strip(), location=block.location, section="measures",
                                        label=block.label, context=category,
                                        owner_cell=entry.group("owner"), deadline_cell=entry.group("deadline")))
            continue
        if section not in ITEM_SECTIONS or is_intro(block.text) or _leads_table(blocks, index):
            continue
        if section == "problems" and problem_level is not None and block.label and block.level is not None \
                and block.level > problem_level and result.problems:
            # “（一）教学管理信息系统建设滞后……” then “1．2015年3月底前完成……”: the numbered items under a
            # problem of such a section are its measures
            for clause in split_enumeration(block.text):
                result.measures.append(Item(text=clause, location=block.location, section="measures",
                                            label=block.label, context=category, problem=len(result.problems) - 1))
            continue
        if section == "problems" and label_fields(block.text) is not None:
            continue  # (“责任领导：……　完成时限：……” under a problem's measures is theirs, no problem)
        if section == "problems" and NEXT_STEP_OPENING.match(block.text):
            # “今后，村党支部将继续……” under 存在的问题和下一步打算 promises; it states no problem
            section = "measures"
        target = result.problems if section == "problems" else result.measures
        if block.label is None and index and target and _belongs_to_previous_item(blocks, index):
            target[-1].text += block.text
            continue
        _add_item(result, section, block.text, block, category)
    result.section_text = {k: "\n".join(v) for k, v in section_parts.items()}
    if not result.problems:
        _inline_problem_list(blocks, result)
    link_measures(result)
    return result


# “从查摆情况看，制度方面的漏洞主要是：一是……；二是……。据此，……”: the problems a plan answers,
# listed in its opening paragraph
_PROBLEMS_INLINE = re.compile(r"(?:问题|漏洞|不足|差距|短板|薄弱环节)[^。；;：:]{0,10}"
                              r"(?:主要是|主要有|主要表现在|表现在|表现为|集中在|有以下几个方面|如下)[：:]"
                              r"|存在(?:以下|如下|下列)?(?:几个方面的|几方面)?(?:突出)?(?:问题|不足)[：:]")


def _inline_problem_list(blocks: list[Block], result: Understanding) -> None:
    """In a document with no problem section, the 一是/二是 problems of a paragraph that announces them."""
    for block in blocks:
        found = _PROBLEMS_INLINE.search(block.text) if block.table is None and not block.label else None
        if not found:
            continue
        rest = block.text[found.end():]
        marks = list(_ENUM.finditer(rest))
        end = rest.find("。", marks[-1].end()) if marks else -1
        clauses = split_enumeration(rest[:end + 1] if end >= 0 else rest)
        if len(clauses) >= 2:
            result.problems.extend(Item(text=c, location=block.location, section="problems", label=None)
                                   for c in clauses)
            return


# (or opened by what is done to the rule, 修订《……》, with its owner or time in prose: “……。由党委办公室牵头，
# 2014年7月底前完成。”)
_RULE_ENTRY = re.compile(r"^\s*(?:(?:制定|修订|新建|建立|完善|修改|废止|出台|新制定|重新修订)\s*)?《[^》]{2,40}》"
                         r"(?=.{0,200}?(?:牵头|责任)(?:单位|科室|部门|处室)[：:]|.{0,200}?完成(?:时间|时限)[：:]"
                         r"|.{0,200}?(?:牵头|负责)[，,。；;]|.{0,200}?\d{1,2}月(?:底|末|中旬|上旬|下旬)?前)"
                         r"(?:.{0,200}?(?:牵头|责任)(?:单位|科室|部门|处室)[：:](?P<owner>[^；;。，,\s]{2,20}))?"
                         r"(?:.{0,200}?完成(?:时间|时限)[：:](?P<deadline>[^；;。\s]{2,20}))?")


_COMBINED_HEADING = re.compile(r"措施|下一步|下步|打算|举措|整改方向|努力方向")


def _leads_table(blocks: list[Block], index: int) -> bool:
    """An unnumbered paragraph right above a table of problems or measures (“查摆出的突出问题共8项，
    逐项明确了整改措施……。”) introduces the table; its rows are the items."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if blocks[index].label or following is None or following.table is None:
        return False
    roles = column_roles(following.table)
    return "problem" in roles or "measure" in roles


def _titles_next_clauses(blocks: list[Block], index: int) -> bool:
    """A short numbered line with no sentence in it, right above an unnumbered paragraph that
    enumerates (一是……；二是……)."""
    block = blocks[index]
    if not block.label or block.table is not None or len(block.text) > 24 or (
            re.search(r"[。；;，,：:]", block.text) and not _TWO_PART_TITLE.match(block.text)):
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or following.label or following.table is not None or following.kind != "paragraph":
        return False
    # “（三）严明纪律，改进作风” over a paragraph that says, at length, what is done: a title too
    return len(split_enumeration(following.text)) > 1 or (
        len(block.text) <= 16 and len(following.text) >= max(30, 2 * len(block.text)))


# “加强学习，提高素质”: a title of two short parallel parts
_TWO_PART_TITLE = re.compile(r"^[^，,。；;：:]{2,9}[，,、][^，,。；;：:]{2,9}$")


def is_signing_line(text: str) -> bool:
    """A line that is only a signing unit, a masked signer or a date."""
    text = text.strip()
    return bool(_SIGNING_UNIT.match(text) or _SIGNING_PERSON.match(text) or _SIGNING_DATE.match(text))


def is_sign_off(block: Block, document: Document) -> bool:
    """The 落款 lines: the unit or signer, and the date."""
    meta = document.metadata
    text = block.text.strip()
    if len(text) > 40:
        return False
    return text in (meta.unit, meta.author) or bool(meta.date_text and meta.date_text in text and len(text) <= 30) \
        or bool(_SIGNING_UNIT.match(text) or _SIGNING_PERSON.match(text) or _SIGNING_DATE.match(text))


# A line that is only a unit's full name (中共××县××乡委员会) or a masked signer (赵××): a 落款,
# even where the title did not name the unit.
_SIGNING_UNIT = re.compile(r"^(?:(?:中共|中国共产党)[^，。；：,;:！？、\s]{2,26}(?:委员会|党委|党组|党工委|总支部?|支部(?:委员会)?)"
                           # “××村党支部”, “××村村民委员会”: a village's or a community's own bodies
                           r"|[^，。；：,;:！？、\s]{1,12}(?:村|社区)(?:党支部|党总支|村民委员会|村委会|居民委员会|居委会|两委)"
                           # “大柳镇中心卫生院党支部”, “××县交通运输局党组”: a unit's party body, without 中共
                           r"|[^，。；：,;:！？、\s]{2,24}(?:党委|党组|党工委|党总支|党支部|总支部委员会|支部委员会))$")
_SIGNING_PERSON = re.compile(r"^[\u4e00-\u9fff]{1,2}(?:[×Xx＊*]{1,2}|某某?)$")
# A line that is only a date, as OCR may leave it (“二〇→四年四月三十日”: 一 read as →).
_DATE_CHAR = r"[\d〇○Ｏ零一二三四五六七八九十→—\-_－]"
_SIGNING_DATE = re.compile(rf"^{_DATE_CHAR}{{3,4}}\s*年\s*{_DATE_CHAR}{{1,3}}\s*月\s*{_DATE_CHAR}{{1,3}}\s*日$")


def _after_lead(text: str) -> str:
    parts = re.split(r"[。：:]", text, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def _belongs_to_previous_item(blocks: list[Block], index: int) -> bool:
    """An unnumbered paragraph right after a numbered item inside a numbered run continues it
    (a 典型事例 paragraph), when the run goes on after it."""
    previous, following = blocks[index - 1], blocks[index + 1] if index + 1 < len(blocks) else None
    if MEASURE_LEAD.match(blocks[index].text) or _MEASURE_RUN_LEAD.match(blocks[index].text):
        return False  # “整改措施：……” under a numbered problem answers it; it does not go on with it
    return bool(previous.label and previous.kind == "list_item" and following is not None
                and following.label and following.level == previous.level)


# ---- linking -------------------------------------------------------------------------------

_STYLE_WORDS = ("形式主义", "官僚主义", "享乐主义", "奢靡之风")
_FILLER = set("的了和与及在对把将要是为等有所各一不")


def content_bigrams(text: str) -> set[str]:
    """Character bigrams of the words of a text, punctuation, digits and particles left out."""
    chars = "".join(c for c in re.sub(r"[\W\d_a-zA-Z]", "", text) if c not in _FILLER)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def similarity(a: str, b: str) -> float:
    """Overlap coefficient of content bigrams: the share of the shorter text's vocabulary that
    the other uses."""
    x, y = content_bigrams(a), content_bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _same_category(problem: Item, measure: Item) -> bool:
    return any(w in problem.context and w in measure.context for w in _STYLE_WORDS)


# A measure answers another problem than the one its place pairs it with when it shares this much of
# that problem's wording and little of its own's.
_OTHER_AT, _OWN_BELOW = 0.12, 0.04


def _misaligned(result: Understanding) -> bool:
    """As many measures as problems, but a measure plainly answers another problem than the one in its
    place (two measures for the second problem, none for the first): the in-order pairing would hide
    a problem left without a measure."""
    for index, measure in enumerate(result.measures):
        scores = [similarity(p.text, measure.text) for p in result.problems]
        best = max(range(len(scores)), key=scores.__getitem__)
        if best != index and scores[best] >= _OTHER_AT and scores[index] < _OWN_BELOW:
            return True
    return False


def link_measures(result: Understanding, threshold: float = 0.2) -> None:
    """Link each measure not yet linked to the problem it answers.

    Numbered measures mirroring numbered problems one for one (as many of each, none linked by a
    table, none plainly answering another problem than the one in its place) link in order;
    otherwise the most similar problem of the same style category (“（一）形式主义方面”) if there is
    one, else the most similar problem overall when similar enough."""
    _link_by_reference(result)
    unlinked = [m for m in result.measures if m.problem is None]
    if result.problems and len(unlinked) == len(result.measures) == len(result.problems):
        result.order_misaligned = _misaligned(result)
        if not result.order_misaligned:
            for index, measure in enumerate(result.measures):
                measure.problem = index
            return
    # a clause of a paragraph whose other clause answers a problem answers it too (①……；②……)
    by_paragraph: dict = {}
    for measure in result.measures:
        where = measure.location
        if measure.problem is not None and where is not None and where.table is None and (
                where.paragraph is not None or where.line is not None):
            by_paragraph.setdefault(where, measure.problem)
    for measure in result.measures:
        if measure.problem is None and measure.location in by_paragraph:
            measure.problem = by_paragraph[measure.location]
    for measure in result.measures:
        if measure.problem is not None:
            continue
        scored = [(similarity(p.text, measure.text) + (0.15 if _same_category(p, measure) else 0.0), i)
                  for i, p in enumerate(result.problems)]
        if scored:
            best_score, best = max(scored)
            if best_score >= threshold:
                measure.problem = best


# “……由本人每季度审看一次。（针对问题1）”, “（对应第三个问题）”: the problem a measure answers, by its number
_REFERENCE = re.compile(r"[（(](?:针对|对应|解决)(?:问题|第)(?P<n>[一二三四五六七八九十\d]{1,3})(?:个问题|条问题|项问题|条|项)?[）)]\s*[。；;]?\s*$")
_CN_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _reference_number(text: str) -> Optional[int]:
    match = _REFERENCE.search(text)
    if not match:
        return None
    n = match.group("n")
    if n.isdigit():
        return int(n)
    if len(n) == 1:
        return _CN_NUMBER.get(n)
    if n.startswith("十"):
        return 10 + _CN_NUMBER.get(n[1:], 0)
    return None


def _link_by_reference(result: Understanding) -> None:
    """Where two or more measures name the problem they answer by its number (（针对问题1）), those links
    are taken as written, and the document is marked as linking explicitly."""
    numbers = [(m, _reference_number(m.text)) for m in result.measures]
    named = [(m, n) for m, n in numbers if n is not None and 1 <= n <= len(result.problems)]
    if len(named) < 2:
        return
    for measure, n in named:
        measure.problem = n - 1
    result.links_referenced = True


# ---- labels shared by a block of measures ------------------------------------------------------

_LEADER_LABELS = ("责任领导", "牵头领导", "分管领导", "包保领导", "联系领导", "主管领导")
_DEADLINE_LABELS = ("完成时限", "完成时间", "整改时限", "整改期限", "办结时限", "完成期限", "时限要求", "时限")


@functools.lru_cache(maxsize=1)
def _label_line() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = load_yaml("lexicons/owners.yaml")
    words = sorted(set(lex["labels"]) | set(lex["secondary_labels"]) | set(_LEADER_LABELS) | set(_DEADLINE_LABELS),
                   key=len, reverse=True)
    alt = "|".join(map(re.escape, words))
    # a value ends before the next label, even where a PDF lost the space between them
    # (“责任领导：工委副书记责任单位：社区建设办完成时限：2014年5月底前”)
    value = rf"(?:(?!(?:{alt})\s*[：:])[^：:\s　；;，,。）)】])+"
    field = re.compile(rf"(?P<label>{alt})\s*[：:]\s*(?P<value>{value})")
    rest = re.compile(rf"(?:{alt})\s*[：:]\s*{value}|[\s　；;，,。（）()【】]")  # what a label line may hold
    return field, rest


def label_fields(line: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(owner, deadline) of a line made only of labelled fields — “责任领导：分管副局长　责任单位：
    办公室　完成时限：2014年4月底前”, “（完成时限：8月10日前）” — or None when the line says more."""
    field, rest = _label_line()
    fields = [(m.group("label"), m.group("value")) for m in field.finditer(line)]
    if fields and fields[-1][0] in _DEADLINE_LABELS:
        # “完成时限：2014年6月底前，处方点评长期坚持”: a second time for part of the work, after a comma
        line = _SECOND_TIME.sub("", line)
    if not fields or rest.sub("", line):
        return None
    lex = load_yaml("lexicons/owners.yaml")
    units = [v for k, v in fields if k in lex["labels"] and k not in _LEADER_LABELS]
    leaders = [v for k, v in fields if k in _LEADER_LABELS]
    deadlines = [v for k, v in fields if k in _DEADLINE_LABELS]
    owner = (units or leaders or [None])[0]
    return owner, (deadlines or [None])[0]


_SECOND_TIME = re.compile(r"[，,；;][^：:，,。；;]{0,12}(?:长期坚持|常态化|长期|每[年季月周天日]|\d{1,2}月底?前|年底前|立行立改)[^：:，,。；;]{0,4}[。；;]?\s*$")


# (the label may be followed by the first clause's marker: “措施：一是……”)
_FIRST_MARK = r"\s*(?:一是|首先|1[.、．]|[（(]1[）)]|①)?\s*$"
_BEFORE_MEASURE = re.compile(rf"(?:{_MEASURE_LABELS}|整治措施|整改|改)[：:]" + _FIRST_MARK)
_BEFORE_PROBLEM = re.compile(rf"(?:{_PROBLEM_LABELS})[：:]" + _FIRST_MARK)
_TARGETS_PROBLEM = re.compile(r"(?:针对|关于|解决)[^：:。；;]{1,30}问题[：:]" + _FIRST_MARK)
_LABELLED_MEASURE_LINE = re.compile(r"^(?:整改措施|整改举措|整治措施|具体措施|措施)[：:]")


# “针对去年修路时我自己定了施工队的问题，以后5万元以上的工程一律…”: what is done about a problem the
# sentence names, so a measure, however much of the problem it quotes
_ANSWERS = re.compile(r"针对[^。；;！!]{2,60}?(?:问题|现象|情况|不足)[，,][^。；;]{8,}")


def retype_by_labels(text: str, result: Understanding) -> None:
    """An item right after an inline label is what the label says, whatever the reader made of it:
    “存在问题：…。整改措施：以后不再搞剪彩仪式。” — the part after 整改措施： is a measure (answering the
    problem before it in the same paragraph), the part after 存在问题： a problem. A problem item that
    opens with 针对…的问题， and goes on to what is done is a measure too."""
    def label_before(item: Item) -> Optional[str]:
        at = text.find(item.text)
        if at < 0:
            return None
        before = text[max(0, at - 10):at]
        before = before.rsplit("\n", 1)[-1]
        if _BEFORE_PROBLEM.search(before) and _TARGETS_PROBLEM.search(text[max(0, at - 40):at].rsplit("\n", 1)[-1]):
            # “（一）针对文山会海问题：一是……”: the problem it names is what the measures after it answer
            return "measures"
        return "measures" if _BEFORE_MEASURE.search(before) else "problems" if _BEFORE_PROBLEM.search(before) else None

    def before_label_line(item: Item) -> bool:
        # the next line gives only an owner and a deadline (责任领导：…　完成时限：…): they are a measure's
        at = text.find(item.text)
        if at < 0 or (item.location is not None and item.location.table is not None):
            return False
        rest = text[at + len(item.text):].split("\n", 2)
        following = rest[1].strip() if len(rest) > 1 else ""
        fields = label_fields(following) if following else None
        return fields is not None and fields[1] is not None and not rest[0].strip(" 。；;")

    def before_measure_label(item: Item) -> bool:
        # “2、村干部坐班不正常，……。\n整改措施：村两委成员轮流……”: the numbered line a 整改措施： line answers
        at = text.find(item.text)
        if at < 0 or (item.location is not None and item.location.table is not None) or label_before(item):
            return False
        rest = text[at + len(item.text):].split("\n", 2)
        following = rest[1].strip() if len(rest) > 1 else ""
        return not rest[0].strip(" 。；;") and bool(_LABELLED_MEASURE_LINE.match(following))

    moved_out = {i for i, p in enumerate(result.problems)
                 if label_before(p) == "measures" or _ANSWERS.match(p.text) or before_label_line(p)}
    moved_in = [m for m in result.measures if label_before(m) == "problems" or before_measure_label(m)]
    if not moved_out and not moved_in:
        return
    kept = [p for i, p in enumerate(result.problems) if i not in moved_out]
    problems = sorted(kept + moved_in, key=lambda item: text.find(item.text))
    index = {id(p): k for k, p in enumerate(problems)}
    old = {i: id(p) for i, p in enumerate(result.problems)}
    measures = []
    for m in result.measures:
        if any(m is x for x in moved_in):
            continue
        m.problem = index.get(old.get(m.problem)) if m.problem is not None else None
        measures.append(m)
    for i in sorted(moved_out):
        item = result.problems[i]
        at = text.find(item.text)
        line_start = text.rfind("\n", 0, max(at, 0)) + 1
        # it answers the problem before it in the same paragraph
        earlier = [k for k, p in enumerate(problems) if line_start <= text.find(p.text) < at]
        item.problem = earlier[-1] if earlier else None
        item.section = "measures"
        measures.append(item)
    for p in moved_in:
        p.problem = None
        p.section = "problems"
    result.problems = problems
    result.measures = sorted(measures, key=lambda item: text.find(item.text))
    # a 整改措施： line right under a problem answers it
    starts = [text.find(p.text) for p in problems]
    for m in result.measures:
        at = text.find(m.text)
        before = [k for k, start in enumerate(starts) if 0 <= start < at]
        if before and m.problem is None:
            k = before[-1]
            # (the label read with the measure, or just before it)
            between = text[starts[k] + len(problems[k].text):at].strip(" 。；;\n") + m.text[:8]
            if text[starts[k] + len(problems[k].text):at].count("\n") == 1 and _LABELLED_MEASURE_LINE.match(between):
                m.problem = k


def _item_bounds(text: str, result: Understanding) -> list[int]:
    """Where each problem and heading starts in `text`: what closes a block of measures."""
    return sorted(at for at in (text.find(x) for x in [i.text for i in result.problems] + result.headings if x)
                  if at >= 0)


# “（一）规范窗口服务\n本项整治由分管副局长郑××牵头，局办证大厅具体负责，2014年7月底前完成。\n1.……”: who leads a
# section's measures and by when, said once in a sentence of its own under its heading
# (“这方面的措施由学院办公室会同有关同志负责。”, “本项整改由班子成员按照分工各负其责。” — the latter names no
# one the measures could be checked against, and is still no measure; “学院纪委督促，各系落实。”: the one who
# urges is not the owner, the one who carries the measures out is)
_SECTION_LEAD = re.compile(
    r"\s*(?:(?:本项|本部分|该项|此项|这一?项|本方面|这方面|本类)(?:专项)?(?:的)?(?:整治|整改|工作|任务|措施)?(?:工作|任务)?"
    r"由(?P<owner>[^，,。；;由]{2,20}?)(?:会同[^，,。；;]{2,12}?)?(?:牵头|负责|统筹|按照?分工各负其责|各负其责)"
    r"|[^，,。；;由]{2,12}?(?:督促|监督|督查)[，,](?P<doer>[^，,。；;]{2,12}?)(?:具体)?(?:落实|负责|执行))"
    r"(?:[，,、][^，,。；;]{2,24}?(?:具体负责|具体落实|配合|负责|落实|参与))*"
    r"(?:[，,](?P<deadline>[^，,。；;]{2,20}))?[。；;]?\s*")


def attach_section_leads(text: str, result: Understanding) -> None:
    """A section's lead sentence (_SECTION_LEAD) is no measure: its owner and deadline go to the
    measures after it, up to the next heading or problem, that name none of their own."""
    bounds = _item_bounds(text, result)
    keep, lead, lead_end = [], None, -1
    for item in result.measures:
        at = text.find(item.text)
        match = _SECTION_LEAD.fullmatch(item.text)
        if match and (match.group("deadline") is None or _HAS_TIME.search(match.group("deadline"))):
            lead, lead_end = match, at
            continue
        if lead is not None and at > lead_end and not any(lead_end < b < at for b in bounds):
            _attach(item, (lead.group("owner") or lead.group("doer")) if find_owner(item.text) is None else None,
                    lead.group("deadline") if lead.group("deadline") and find_deadline(item.text) is None else None)
        else:
            lead = None
        keep.append(item)
    result.measures = keep


def attach_block_labels(text: str, result: Understanding) -> None:
    """Owner and deadline lines written once for a block of measures (per-problem layouts:
    整改措施 1. 2. then “责任领导：…　责任单位：…　完成时限：…”) belong to each measure of the block —
    those after the last problem, heading or label line before it, that have no cell of their own. A
    measure item that is only such a label (“（完成时限：…）” read apart) belongs to the measure
    before it and is not an item."""
    keep = []
    for item in result.measures:
        fields = label_fields(item.text)
        if fields is not None and keep:
            _attach(keep[-1], *fields)
            continue
        block = _BLOCK_DEADLINE.fullmatch(item.text.strip())
        number = block.group("n") if block else ""
        count = int(number) if number.isdigit() else (cn_to_int(number) or 0)
        rest = block.group("rest") if block else ""
        by = _BLOCK_OWNER.search(rest)
        if block and keep and count and (_HAS_TIME.search(rest) or by):
            # “以上三项于9月底前落实到位。”, “以上两项由县住建局牵头，中秋节前完成。”: one deadline (and
            # owner) for the measures before it that name none of their own; it is not a measure itself
            for measure in keep[-count:]:
                _attach(measure, by.group("owner") if by and find_owner(measure.text) is None else None,
                        rest if _HAS_TIME.search(rest) and find_deadline(measure.text) is None else None)
            continue
        keep.append(item)
    result.measures = keep
    # (an item whose text the reader joined across a line break is placed by its opening)
    placed = [(text.find(m.text) if m.text in text else text.find(m.text[:16]), m) for m in result.measures]
    bounds = _item_bounds(text, result)
    offset = 0
    previous = -1
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        fields = label_fields(line) if "：" in line or ":" in line else None
        if fields is None:
            continue
        lower = max([b for b in bounds if b < start] + [previous])
        block = [measure for at, measure in placed if lower < at < start]
        # Inside a numbered list of measures that goes on after it (“（四）……\n完成时限：长期坚持\n（五）……”),
        # the line is the last item's own (all its clauses), not the list's.
        after = min((at for at in [*(a for a, _ in placed), *bounds] if at > start), default=None)
        if block and after is not None and any(at == after for at, _ in placed) and after not in bounds:
            last = block[-1].location
            placed_by_paragraph = last is not None and (last.paragraph is not None or last.line is not None)
            # (its clauses, ①……②……, where paragraphs are told apart)
            block = [m for m in block if placed_by_paragraph and m.location == last] or block[-1:]
        for measure in block:
            _attach(measure, *fields)
        previous = start


_BLOCK_DEADLINE = re.compile(r"(?:以上|上述)(?P<n>[一二两三四五六七八九十\d]{1,2})项(?:措施|工作|任务|整改)?[，,]?(?P<rest>.{2,30})")
_HAS_TIME = re.compile(r"\d|[一二三四五六七八九十]+月|年底|年内|月底|即日|立即|长期|节前|节后|年前|季度|上半年|下半年")
_BLOCK_OWNER = re.compile(r"由(?P<owner>[^，,。；;由]{2,20}?)(?:负责|牵头|落实|承办|办理)")


_BLOCK_DEADLINE_TAIL = re.compile(r"(?<=[。；;])\s*(?=(?:以上|上述)[一二两三四五六七八九十\d]{1,2}项)")


def split_block_deadlines(result: Understanding) -> None:
    """Cut a closing “以上两项6月底前完成” off the measure it was read with (“四是……，财务股牵头。以上
    两项6月底前完成。”) into an item of its own, which attach_block_labels then gives to the measures
    before it."""
    out = []
    for item in result.measures:
        parts = _BLOCK_DEADLINE_TAIL.split(item.text, maxsplit=1)
        if len(parts) == 2 and _BLOCK_DEADLINE.fullmatch(parts[1].strip()) and len(parts[0]) >= 8:
            out.append(replace(item, text=parts[0].strip()))
            out.append(replace(item, text=parts[1].strip()))
        else:
            out.append(item)
    result.measures = out


def _attach(measure: Item, owner: Optional[str], deadline: Optional[str]) -> None:
    if owner and not measure.owner_cell:
        measure.owner_cell = owner
    if deadline and not measure.deadline_cell:
        measure.deadline_cell = deadline


def split_marked(text: str) -> Optional[list[str]]:
    """The clauses of an item that still holds several marked ones (一是……；二是……, 1.……2.……, ①……②……,
    （1）……（2）……), or None."""
    numbered = split_inline_numbers(text)
    if numbered:
        return numbered
    marks = list(_ENUM.finditer(text))
    if len(marks) >= 2 and marks[0].group("marker").startswith("一"):
        head = text[:marks[0].start()].strip()
        if not head or re.search(r"[：:]\s*$", head) or (len(head) <= 20 and head.endswith("。")):
            parts = split_enumeration(text[marks[0].start():])
            return parts if len(parts) >= 2 else None
    counted = list(COUNTED_OUT.finditer(text))
    if len(counted) == 2 and counted[0].group("marker").startswith("一") and counted[1].group("marker").startswith("另"):
        head = text[:counted[0].start()].strip()
        if not head or (len(head) <= 20 and head.endswith(("。", "：", ":"))):
            parts = [text[m.end():(n.start() if n else len(text))].strip(" ；;。，,")
                     for m, n in zip(counted, counted[1:] + [None])]
            return parts if all(len(_CJK_CHARS.findall(p)) >= 8 for p in parts) else None
    return None


def split_marked_items(result: Understanding) -> None:
    """Cut every item read outside a table that still holds several marked clauses into them (a table
    cell with several numbered actions stays one item, documents README); the measures answering a
    cut problem answer its first clause."""
    _cut_items(result, lambda item: split_marked(item.text)
               if item.location is None or item.location.table is None else None)


def _cut_items(result: Understanding, split) -> None:
    """Replace every item that `split` cuts (into a list of texts; None leaves it) by its parts; the
    measures answering a cut problem answer its first part."""
    result.problems, moved = _cut(result.problems, split)
    for measure in result.measures:
        if measure.problem is not None:
            measure.problem = moved.get(measure.problem)
    result.measures, _ = _cut(result.measures, split)


def _cut(items: list[Item], split) -> tuple[list[Item], dict[int, int]]:
    """The items with every one that `split` cuts replaced by its parts, and where each old index went."""
    out, index = [], {}
    for old, item in enumerate(items):
        index[old] = len(out)
        parts = split(item)
        out += [replace(item, text=part) for part in parts] if parts else [item]
    return out, index


_SENTENCE_END = re.compile(r"(?<=[。！？；;])")


def split_excuses(result: Understanding, is_excuse: Callable[[str], bool], is_own: Callable[[str], bool]) -> None:
    """Cut out of a problem's paragraph, as a problem of its own, a later sentence that turns from the
    author's own conduct to objective conditions or other people (“……被县里通报。说起来，县里各部门布置到
    乡镇的工作太多……。”): it is what an inspection group marks 不聚焦, and it would otherwise hide in a
    problem about the styles. Only where what precedes it reads as the styles (`is_own`); a table cell,
    and a paragraph that is all conditions, stay whole. The measures answering the paragraph answer its
    first part."""
    def split(item: Item) -> Optional[list[str]]:
        if item.location is not None and item.location.table is not None:
            return None
        sentences = [s for s in _SENTENCE_END.split(item.text) if s.strip()]
        if len(sentences) < 2:
            return None
        marks = [i > 0 and len(_CJK_CHARS.findall(s)) >= 8 and is_excuse(s.strip()) for i, s in enumerate(sentences)]
        if not any(marks):
            return None
        parts, current = [], ""
        for sentence, mark in zip(sentences, marks):
            if mark:
                if current.strip():
                    parts.append(current.strip())
                parts.append(re.sub(r"^(?:同时|此外|另外)[，,]?", "", sentence.strip()))
                current = ""
            else:
                current += sentence
        if current.strip():
            parts.append(current.strip())
        parts = [part.rstrip("；;") for part in parts]
        return parts if is_own(parts[0]) else None

    result.problems, moved = _cut(result.problems, split)
    for measure in result.measures:
        if measure.problem is not None:
            measure.problem = moved.get(measure.problem)


def split_listed_items(result: Understanding) -> None:
    """Cut every item that is a lead-in and a semicolon list (split_colon_list) into the listed items;
    the measures answering a cut problem answer its first part."""
    _cut_items(result, lambda item: split_colon_list(item.text))
