"""The learned reader of a submission's structure: every block, clause (一是…), problem/measure
half of a paragraph and table cell becomes a unit, and a linear-chain CRF over the units of a
document says which are problems, which are measures and which are neither.

Features are the unit's place (the section heading it sits under, named by its words and by the
section synonyms of corpora/sections.yaml; numbering label and level; table column; position),
its words (lead and cue words, length, whether a deadline or owner is named), the four-styles
model's problem gate, and the rule reader's own decision (sifeng.understand) — rules as features,
not as the decision. Trained on the invented document corpus (corpora/documents/train) by
scripts/train_reader.py; shipped as models/reader-*/ (CRFsuite's own format and a card).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from classifiers.crf import CrfModel
from classifiers.deadlines import find_deadline
from classifiers.hollowness import latest_model
from classifiers.linear import score_first
from classifiers.normalise import normalise
from classifiers.owners import find_owner
from docparse import Block, Document, Location

from .understand import (MEASURE_MARKER, NEXT_STEP_OPENING, Item, Understanding, body_blocks, column_roles,
                         container_flags, heading_text, is_intro, is_sign_off, heading_kind, split_enumeration)

MODEL_NAME = "reader"
ROLES = ("P", "M", "O")
_LABEL_KINDS = [("cn", re.compile(r"^[一二三四五六七八九十]+、")), ("cnp", re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
                ("num", re.compile(r"^\d+[.．、]")), ("nump", re.compile(r"^[（(]\d+[）)]")),
                ("circ", re.compile(r"^[①-⑳]")), ("part", re.compile(r"^第[一二三四五六七八九十]+[部分章节条]"))]
_CUES = {
    "mverb": re.compile(r"^(?:\d+[.．、]|[（(]?[一二三四五六七八九十\d]+[）)、])?\s*(?:建立|制定|严格|坚持|进一步|加强|完善|实行|推行|"
                        r"落实|开展|规范|清理|健全|强化|深化|压缩|取消|杜绝|确保|切实|着力|认真|继续|全面|本人将|我将|将)"),
    "will": re.compile(r"将|要|确保|力争|今后|下一步|下步|一律|不再|坚决"),
    "prob": re.compile(r"存在|不够|不足|不到位|不强|不高|不深|不严|不实|较少|偏多|过多|没有|缺乏|欠缺|有的|个别|部分|少数|"
                       r"一些|问题|现象|满足于|习惯于|热衷于|只|仍"),
    "cause": re.compile(r"理想信念|宗旨意识|党性修养|政治纪律|世界观|总开关|根源|原因|思想上|放松了"),
    "prog": re.compile(r"已完成|已经|基本完成|已于|已全部|已按|已出台|已制定|已建立|整改到位|取得.{0,4}成效"),
    "six": re.compile(r"三公|职务消费|人情消费|公务用车|办公用房|住房|家属子女|配偶"),
    "bg": re.compile(r"根据|按照|为了|为切实|为进一步|特制定|现将|结合|部署|以来|共征求|共收集|召开"),
    "date": re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$|二〇"),
}


# A short label that opens a paragraph (“下步措施：……”, “原问题：……”, “整改情况：……”): what it
# announces, by the words a label of each kind ends in. Checked in this order (完成时限 is a deadline
# though it says 完成; 整改情况 is progress though it says 整改).
_LEAD_LABEL = re.compile(r"^[（(]?[^，。；：:,;（）()]{1,10}?[）)]?[：:]")
_LEAD_KINDS = (("owner", re.compile(r"责任|牵头|负责")),
               ("deadline", re.compile(r"时限|时间|期限")),
               ("progress", re.compile(r"情况|进展|进度|成效|完成|落实|结果")),
               ("measure", re.compile(r"措施|打算|承诺|举措|办法|下一?步|下步|今后|怎么改|方向|计划|整改$|整改要求|任务|安排")),
               ("cause", re.compile(r"原因|根源|剖析|症结")),
               ("problem", re.compile(r"问题|不足|差距|表现|短板|缺点|毛病|反映|整治内容|整治重点|整治事项")))


_NAMED_LABEL = re.compile(r"^(?:任务|措施|问题|事项|举措|目标)[一二三四五六七八九十]")


def lead_label_kind(text: str) -> Optional[str]:
    """What a paragraph's opening label announces (progress, measure, cause, problem, owner,
    deadline, other), or None when it opens with no label."""
    match = _LEAD_LABEL.match(text)
    return _announced_kind(match.group(0)) if match else None


def _announced_kind(label: str) -> str:
    return next((kind for kind, pattern in _LEAD_KINDS if pattern.search(label)), "other")


@dataclass
class Unit:
    """One thing that may be a problem or a measure."""

    text: str
    location: Location
    block: int
    source: str                    # block | clause | before_marker | after_marker | cell | heading
    heading: str = ""              # the nearest heading above
    top_heading: str = ""          # the nearest top-level heading above
    section: Optional[str] = None  # the section those headings open (sections.yaml)
    label: str = "none"
    level: Optional[int] = None
    block_kind: str = "paragraph"
    column: Optional[str] = None
    row: Optional[tuple[int, int]] = None
    deadline_cell: Optional[str] = None
    owner_cell: Optional[str] = None
    category: str = ""
    rule: str = "O"                # what the rule reader made of it
    lead: Optional[str] = None     # what an inline label before it announced (存在不足：, 下步措施：)
    label_text: Optional[str] = None  # the block's numbering label as written (一、, 任务一：)


def _label_kind(label: Optional[str]) -> str:
    if not label:
        return "none"
    for name, pattern in _LABEL_KINDS:
        if pattern.match(label):
            return name
    return "other"


def is_heading_like(block: Block, kind: Optional[str], container: bool) -> bool:
    """Whether a block heads what follows: a heading, a paragraph that names a section (`kind`),
    a numbered item with deeper items under it (`container`), or a short unpunctuated paragraph
    (“改什么”)."""
    bare = block.kind == "paragraph" and not block.label and len(block.text) <= 16 and \
        not re.search(r"[。；，,;]", block.text)
    return block.kind == "heading" or (kind is not None and block.kind == "paragraph") or \
        bool(block.label and container) or bare


def units(document: Document) -> list[Unit]:
    """The candidate units of a document, in reading order, with their context."""
    blocks = body_blocks(document)
    containers = container_flags(blocks)
    out: list[Unit] = []
    stack: list[tuple[float, str, Optional[str]]] = []
    for index, block in enumerate(blocks):
        if block.table is not None:
            out.extend(_table_units(block, index, stack))
            continue
        head = heading_text(block)
        kind = heading_kind(head) if head else None
        level = float(block.level) if block.level is not None else (0.5 if block.kind != "list_item" else 9)
        heading_like = is_heading_like(block, kind, containers[index])
        context = _context(stack)
        base = dict(block=index, label=_label_kind(block.label), level=block.level, block_kind=block.kind,
                    label_text=block.label, **context)
        if heading_like:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text, kind))
            out.append(Unit(text=block.text, location=block.location, source="heading", **base))
            rest = _rest_after_lead(block.text) if containers[index] else ""
            if rest and len(split_enumeration(rest)) > 1:
                out.extend(Unit(text=c, location=block.location, source="clause", **base)
                           for c in split_enumeration(rest))
            continue
        if is_sign_off(block, document) or is_intro(block.text):
            out.append(Unit(text=block.text, location=block.location, source="other", **base))
            continue
        labelled = split_labelled(block.text)
        if labelled:
            out.extend(Unit(text=text, location=block.location, source="labelled", lead=lead, **base)
                       for lead, text in labelled)
            continue
        marker = MEASURE_MARKER.search(block.text)
        if marker and marker.start() > 4:
            out.append(Unit(text=block.text[:marker.start()].strip(" 。；;，,"), location=block.location,
                            source="before_marker", **base))
            out.append(Unit(text=block.text[marker.end():].strip(), location=block.location,
                            source="after_marker", **base))
            continue
        clauses = split_enumeration(block.text)
        source = "clause" if len(clauses) > 1 else "block"
        out.extend(Unit(text=c, location=block.location, source=source, **base) for c in clauses)
    return [u for u in out if u.text.strip()]


_INLINE_LABEL = re.compile(r"(?:^|(?<=[。；;！!]))\s*(?P<label>[^，。；：:,;、（）()]{2,6})[：:]")


def split_labelled(text: str) -> list[tuple[str, str]]:
    """A paragraph written as inline labels (“存在不足：……。原因：……。下步措施：……”) cut at each
    label that announces a known kind: (kind, text without the label). Empty when the paragraph
    has fewer than two such labels, or any label is not one of the known kinds."""
    labels = [m for m in _INLINE_LABEL.finditer(text)]
    kinds = [_announced_kind(m.group("label")) for m in labels]
    if len(labels) < 2 or "other" in kinds:
        return []
    out = []
    if labels[0].start() > 0 and text[:labels[0].start()].strip():
        out.append(("none", text[:labels[0].start()].strip()))
    for k, (m, kind) in enumerate(zip(labels, kinds)):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        piece = text[m.end():end].strip()
        if kind in ("owner", "deadline") and out:
            # 责任人：…　时限：… belong to the measure before them, label and all
            out[-1] = (out[-1][0], out[-1][1] + text[m.start():end].strip())
        elif piece:
            out.append((kind, piece))
    return out if len(out) > 1 else []


def _rest_after_lead(text: str) -> str:
    parts = re.split(r"[。：:]", text, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def _context(stack: list[tuple[float, str, Optional[str]]]) -> dict:
    section = next((kind for _, _, kind in reversed(stack) if kind), None)
    return {"heading": stack[-1][1] if stack else "", "top_heading": stack[0][1] if stack else "",
            "section": section, "category": stack[-1][1] if stack and stack[-1][2] is None else ""}


def _table_units(block: Block, index: int, stack) -> list[Unit]:
    table = block.table
    roles = column_roles(table)
    context = _context(stack)
    out = []
    header = table.header
    for r, row in enumerate(table.body):
        cells = [c.text.strip() for c in row]
        if len(set(c for c in cells if c)) <= 1:
            continue
        named = {role: cells[i] for role, i in roles.items() if i < len(cells)}
        owner = named.get("owner") or named.get("leader") or None
        for c, cell in enumerate(row):
            text = cell.text.strip()
            if not text or len(text) < 4 or (c > 0 and text == cells[c - 1]):
                continue
            role = next((name for name, i in roles.items() if i == c), None)
            if role in ("owner", "leader", "deadline", "source", "category", "index"):
                continue
            out.append(Unit(text=text, location=cell.location, block=index, source="cell", label="none",
                            level=None, block_kind="table", column=role or f"col:{_bigram(header[c] if c < len(header) else '')}",
                            row=(index, r), deadline_cell=named.get("deadline") or None, owner_cell=owner,
                            category=named.get("category", ""), **{k: v for k, v in context.items() if k != "category"}))
    return out


def _bigram(text: str) -> str:
    text = re.sub(r"\W", "", text)
    return text[:2]


def _bigrams(text: str, cap: int) -> list[str]:
    text = re.sub(r"[\W\d_a-zA-Z]", "", normalise(text))
    return sorted({text[i:i + 2] for i in range(len(text) - 1)})[:cap]


def featurise(document: Document, items: list[Unit], gate=None) -> list[list[str]]:
    """CRF features of each unit (see the module docstring); `gate(text)` is the four-styles
    model's probability that a sentence admits a problem, when available."""
    from .doctype import title_type

    doc_guess = title_type(document.metadata.title or "") or "none"
    n = len(items)
    rows = []
    for k, u in enumerate(items):
        text = normalise(u.text)
        f = ["bias", f"src={u.source}", f"bk={u.block_kind}", f"lbl={u.label}", f"lvl={u.level}",
             f"sec={u.section}", f"col={u.column}", f"doc={doc_guess}", f"rule={u.rule}",
             f"len={min(6, len(text) // 15)}", f"pos={k * 5 // max(1, n)}",
             f"h2={text[:2]}", f"h3={text[:3]}", f"end={text[-1:]}"]
        f += [f"hw={b}" for b in _bigrams(u.heading, 10)]
        f += [f"tw={b}" for b in _bigrams(u.top_heading, 6)]
        f += [f"cue={name}" for name, pattern in _CUES.items() if pattern.search(text)]
        # A numbering label that names the item (任务一：, 问题二、) announces its kind as an inline label would.
        lead = u.lead or lead_label_kind(text) or (
            _announced_kind(u.label_text) if u.label_text and _NAMED_LABEL.match(u.label_text) else None)
        if lead:
            f.append(f"lead={lead}")
        if u.deadline_cell or find_deadline(u.text, document.metadata.date):
            f.append("has_deadline")
        if u.owner_cell or find_owner(u.text):
            f.append("has_owner")
        if gate is not None and len(text) <= 400:
            f.append(f"gate={min(4, int(gate(text) * 5))}")
        score = measureness(text)
        if score is not None:
            f.append(f"ms={min(4, int(score * 5))}")
        if any(w in u.heading for w in ("形式主义", "官僚主义", "享乐主义", "奢靡之风")):
            f.append("style_heading")
        rows.append(f)
    return rows


def measureness(text: str) -> Optional[float]:
    """How much `text`, read on its own, reads as a rectification measure (models/measureness-*,
    trained on the measure and four-styles corpora by scripts/train_measureness.py); None without
    the model. Long paragraphs are scored on their first 400 characters."""
    return score_first("measureness", text)


def rule_roles(found: list[Unit], understanding: Understanding) -> None:
    """Mark each unit with what the rule reader made of it (P, M or O)."""
    problems = {normalise(i.text) for i in understanding.problems}
    measures = {normalise(i.text) for i in understanding.measures}
    for u in found:
        t = normalise(u.text)
        u.rule = "P" if t in problems else "M" if t in measures else "O"


class BlockReader(CrfModel):
    """The CRF over a document's units: `fit_sequences(features, roles, path)` (features from
    `featurise`, roles P/M/O), then `tag(features)`."""

    def __init__(self, c1: float = 0.1, c2: float = 0.05, max_iterations: int = 150):
        super().__init__(c1, c2, max_iterations)


def load(folder: Optional[Path] = None) -> BlockReader:
    return BlockReader.from_folder(Path(folder) if folder else latest_model(MODEL_NAME))


@functools.lru_cache(maxsize=1)
def default_reader() -> Optional[BlockReader]:
    try:
        return load()
    except (FileNotFoundError, ImportError, OSError):
        return None


# “……梳理中发现，现行制度主要存在以下问题：” — the paragraph that announces a list of problems
_PROBLEM_INTRO = re.compile(r"(?:存在|有|归纳为|概括为|表现在|表现为|发现)(?:以下|如下)?[^。；;，,]{0,10}(?:问题|不足|差距)[：:]\s*$")


def after_problem_intro(found: list[Unit], roles: list[str]) -> list[str]:
    """The paragraph right after one that announces a list of problems (…主要存在以下问题：) holds
    problems: where the reader read no part of it as a measure, every part is one of the problems
    announced (一是…；二是…；三是…, of which it may have read only the first)."""
    out = list(roles)
    for i, unit in enumerate(found[:-1]):
        if unit.row is None and _PROBLEM_INTRO.search(unit.text):
            block = found[i + 1].block
            part = [j for j in range(i + 1, len(found)) if found[j].block == block]
            if found[i + 1].row is None and all(out[j] in "OP" for j in part):
                for j in part:
                    out[j] = "P"
    return out


def smooth(found: list[Unit], roles: list[str]) -> list[str]:
    """In a numbered list under one heading, a lone problem among measures (two of them on one
    side, one on the other: M M P M, read left to right) follows its neighbours, and the reverse;
    a list that opens alternating problem, measure, problem, measure is a list of pairs and is left
    as tagged."""
    out = list(roles)
    start = 0
    while start < len(found):
        first, end = found[start], start + 1
        key = (first.block_kind, first.label, first.level, first.heading, first.source)
        if first.block_kind == "list_item" and first.label != "none" and first.source == "block":
            while end < len(found) and (found[end].block_kind, found[end].label, found[end].level,
                                        found[end].heading, found[end].source) == key:
                end += 1
            _smooth_list(out, start, end)
        start = end
    return out


def _smooth_list(tags: list[str], start: int, end: int) -> None:
    """Smooth tags[start:end] in place (see `smooth`); each corrected item counts for the next."""
    t = tags  # read and written in place, left to right
    if end - start >= 4 and all(x in "PM" for x in t[start:start + 4]) and \
            t[start] != t[start + 1] and t[start:start + 2] == t[start + 2:start + 4]:
        return  # a list of pairs
    for i in range(start + 2, end - 1):
        x = t[i - 1]
        if x in "PM" and t[i] in "PM" and t[i] != x and t[i + 1] == x and \
                (t[i - 2] == x or (i + 2 < end and t[i + 2] == x)):
            t[i] = x
    if end - start >= 4 and t[start] in "PM" and t[start + 1] in "PM" and \
            t[start + 1] == t[start + 2] == t[start + 3] != t[start]:
        t[start] = t[start + 1]


_ORDINAL_LEAD = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九])")
_LIST_LABELS = ("cn", "cnp", "num", "nump", "circ")


def _listed(unit: Unit) -> Optional[object]:
    """The form of list `unit` is an item of, if any: 一是…… paragraphs, one numbering label's kind,
    the 一是/二是 clauses of one paragraph, or unnumbered paragraphs under a heading."""
    if unit.row is not None or unit.source not in ("block", "clause"):
        return None
    if unit.source == "clause":
        return ("clauses", unit.block)
    if _ORDINAL_LEAD.match(unit.text.strip()):
        return "ordinal"
    if unit.label in _LIST_LABELS:
        return unit.label
    return "paragraph" if unit.label == "none" and unit.block_kind == "paragraph" and unit.heading else None


# “对班子提出的意见主要有：……”, “我给李书记提了两条：一是……”, “会上提出的主要批评意见”: what others said of
# someone (or what the writer said of another), not what the writer admits of himself
_OPINIONS = re.compile(r"(?:意见|批评|建议|提了|提出)[^。；;：:]{0,12}[：:]")
_OPINIONS_HEADING = re.compile(r"批评意见|意见建议|意见和建议|征求.{0,6}意见|相互批评|(?:提出|反映)的(?:主要)?意见")


def _lead_in(unit: Unit, blocks: Optional[list]) -> str:
    """What a paragraph says before its list begins: the text before its first 一是 clause, or the
    words before a colon near its start."""
    if unit.source == "clause" and blocks is not None and unit.block < len(blocks):
        text = blocks[unit.block].text
        at = text.find(unit.text[:8])
        return text[:at] if at > 0 else ""
    colon = re.search(r"[：:]", unit.text[:30])
    return unit.text[:colon.end()] if colon else ""


def passed_over_problem_lists(found: list[Unit], roles: list[str], gate=None,
                              blocks: Optional[list] = None) -> list[str]:
    """A list the learned reader passed over whose items each admit a problem (“一是个别民警纪律松懈，
    上班迟到、早退……二是有令不行，有禁不止……” under a heading of its own wording, or at an excerpt's
    start with the heading cut off) is a list of problems. Its items: consecutive paragraphs of one form
    (一是……, one numbering label, or unnumbered under a heading in the author's own words such as
    “（三）工作作风不够扎实”) or the 一是 clauses of one paragraph, starting at one the reader passed over
    (an item it did read as a problem belongs to the list and counts as admitted), under no heading the
    reader knows for something else (measures, causes, progress, the six explanations, background); each
    opens with what the four-styles gate takes for a problem (at least 0.5 on its first 200 characters, or
    on its opening sentence alone) and reads as no measure (measureness under 0.3). Two such items at least,
    and two thirds of the list. Not a list of what others said of someone (its heading or its lead-in speaks of 批评意见,
    “……提了两条：”): a record of criticism is not the writer's admission. Numbered items each followed by
    unnumbered paragraphs that explain them are a list of the numbered ones; each explanation is joined to
    its item (the unit's text grows, and the paragraph is read as nothing of its own)."""
    if gate is None:
        return roles
    out = list(roles)
    k = 0
    while k < len(found):
        form = _listed(found[k])
        if form is None or roles[k] != "O" or found[k].section not in (None, "problems"):
            k += 1
            continue

        def same_place(j: int) -> bool:
            # (an item the reader did read belongs to the list too: “二是……” “三是……”(read) “四是……” “五是……”)
            return roles[j] in ("O", "P") and found[j].section == found[k].section and \
                found[j].heading == found[k].heading

        end = k + 1
        while end < len(found) and _listed(found[end]) == form and same_place(end):
            end += 1
        items = list(range(k, end))
        explains: dict[int, list[int]] = {}
        if form in _LIST_LABELS:
            # “1、创新意识淡薄……” / its explanation in a paragraph of its own / “2、教学效益不高。” / …: numbered
            # items each followed by unnumbered paragraphs that explain them are one list of the numbered ones
            # (an explanation the reader took for a problem of its own is still part of its item)
            j = end
            while j < len(found) and found[j].section == found[k].section and found[j].heading == found[k].heading \
                    and (_listed(found[j]) == form and roles[j] == "O"
                         or _listed(found[j]) == "paragraph" and roles[j] in ("O", "P")):
                if _listed(found[j]) == form:
                    items.append(j)
                else:
                    explains.setdefault(items[-1], []).append(j)
                j += 1
            if len(items) > end - k:
                end = j
            else:
                explains = {}
        if _OPINIONS_HEADING.search(found[k].heading) or any(
                _OPINIONS.search(_lead_in(found[j], blocks)) for j in items):
            k = end
            continue
        admits = [j for j in items if roles[j] == "P" or (
            max(gate(normalise(found[j].text[:200])), _head_gate(found[j].text, gate)) >= 0.5
            and (measureness(found[j].text) or 0.0) < 0.3)]
        if len(admits) >= 2 and 3 * len(admits) >= 2 * len(items):
            for j in admits:
                out[j] = "P"
                for e in explains.get(j, []):
                    found[j].text = found[j].text.rstrip() + found[e].text.strip()
                    out[e] = "O"
        k = end
    return out


_HEAD = re.compile(r"^(?:[一二三四五六七八九十]是)?[^。；;！？]{4,40}[。；;]")


def _head_gate(text: str, gate) -> float:
    """What the gate makes of an item's opening sentence alone (“二是用权不严。”), where the item opens
    with a short statement of what is wrong before it explains it at length (“严以用权，就是要……”)."""
    match = _HEAD.match(text.strip())
    return gate(normalise(match.group(0))) if match else 0.0


def passed_over_measures(found: list[Unit], roles: list[str]) -> list[str]:
    """In a section its heading names for measures (今后的努力方向, 整改措施), a paragraph or clause the
    learned reader passed over that reads as a measure (measureness at least 0.8) is one, when the
    reader read another paragraph of the same section as a measure: “（二）践行群众路线” over
    “每月到联系村蹲点不少于4天……” between two that it did read."""
    out = list(roles)
    read = {(u.top_heading, u.section) for u, r in zip(found, roles) if r == "M" and u.section == "measures"}
    for j, (unit, role) in enumerate(zip(found, roles)):
        if role == "O" and unit.section == "measures" and unit.source in ("block", "clause") and \
                unit.row is None and (unit.top_heading, unit.section) in read and \
                (measureness(unit.text) or 0.0) >= 0.8:
            out[j] = "M"
    return out


def _squash(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def _titled_look_back(document: Document) -> bool:
    from .doctype import title_type

    return title_type(document.metadata.title or "") == "回头看自查报告"


def read_items(document: Document, understanding: Understanding, reader: BlockReader, gate=None) -> None:
    """Where the rule reader found both problems and measures, keep its items (they are precise:
    0.97 on the held-out dev documents); otherwise — a layout it does not know — take the learned
    reader's, linking a measure to the problem of its own table row or paragraph and the rest by
    the rule reader's linking. One exception: measures the rules read from a task table's columns
    (a 制度建设计划 with no problem list) are kept, and the learned reader only adds what it reads
    outside tables. Chosen on the held-out dev documents (docs/accuracy.md)."""
    from .understand import link_measures

    if understanding.problems and understanding.measures:
        return
    found = units(document)
    rule_roles(found, understanding)
    roles = after_problem_intro(found, smooth(found, reader.tag(featurise(document, found, gate))))
    blocks = body_blocks(document)
    roles = passed_over_measures(found, passed_over_problem_lists(found, roles, gate, blocks))
    # A paragraph that opens with what is to come and promises it (“今后，村党支部将继续……”) states no
    # problem, under whatever heading (存在的问题和下一步打算) it stands.
    roles = ["M" if role == "P" and NEXT_STEP_OPENING.match(unit.text) else role for unit, role in zip(found, roles)]
    problems: list[Item] = []
    measures: list[Item] = []
    in_row: dict[int, bool] = {}  # id of each item → whether it was read from a table row
    # A measure answers the problem of its own table row, or of its own paragraph (…。整改措施：…).
    same_place: dict[tuple, int] = {}
    for unit, role in zip(found, roles):
        place = ("row",) + unit.row if unit.row is not None else \
            ("block", unit.block) if unit.source in ("before_marker", "after_marker", "labelled") else None
        if role == "P":
            problems.append(Item(text=unit.text, location=unit.location, section="problems",
                                 context=unit.category or unit.heading))
            in_row[id(problems[-1])] = unit.row is not None
            if place is not None:
                same_place[place] = len(problems) - 1
        elif role == "M":
            measures.append(Item(text=unit.text, location=unit.location, section="measures",
                                 context=unit.category or unit.heading,
                                 problem=same_place.get(place) if place is not None else None,
                                 deadline_cell=unit.deadline_cell, owner_cell=unit.owner_cell))
            in_row[id(measures[-1])] = unit.row is not None
    if not problems and not measures and understanding.measures and _titled_look_back(document):
        # In a report whose title says it reports on the rectification (……整改情况的报告, ……整改进展情况的
        # 通报), the learned reader read nothing at all where the rules read measures under a section they
        # know (三、下步计划 with its (一)(二)): a layout it does not know is no reason to lose them. (Not
        # elsewhere: a notice that issues a campaign's plan, 各单位要……, is read by the rules as measures too.)
        return
    # (only a table row gives an item its deadline or owner cell)
    # (or from a 回头看 table's 下步措施 column, which has neither: a measure read from a table's columns)
    from_tables = [m for m in understanding.measures if m.deadline_cell is not None or m.owner_cell is not None
                   or (m.location is not None and m.location.table is not None)]
    if not understanding.problems and len(from_tables) >= 2:
        # Measures the rules read from the columns of a task table (制度名称 | 责任单位 | 完成时限: a
        # 制度建设计划 with no problem list) are kept; the learned reader adds what it found outside tables.
        for m in from_tables:
            m.problem = None
        # (a rule entry with inline labels, 《…》。……牵头单位：……, is read by both: kept once)
        kept = [_squash(m.text) for m in from_tables]
        measures = from_tables + [m for m in measures if not in_row[id(m)] and not any(
            _squash(m.text)[:24] in k or k[:24] in _squash(m.text) for k in kept)]
        problems = [p for p in problems if not in_row[id(p)]]
    understanding.problems, understanding.measures = problems, measures
    link_measures(understanding)
