"""Items inside a paragraph: real plans often write one paragraph per matter — the problem, its
cause, then several measures run on with 一是/二是, 同时, 此外, 另外, 并 — and personal plans write
their commitments as consecutive sentences of one paragraph. The block reader (sifeng.reader) and
the rule reader decide per block or per 一是 clause; this second pass cuts each paragraph of two or
more sentences into pieces (at 。！？； and before 一是/二是) and a linear-chain CRF over the pieces
says, for each, problem / measure / other, and whether it starts an item or continues the item of
the piece before it (tags P, M, O, Pc, Mc). What the first pass made of the piece is a feature, as
are connectives, cue words, deadline and owner presence, the measure-ness and problem scores.

Trained on the invented document corpus by scripts/train_segmenter.py (pieces labelled by the
truth item that contains them); shipped as models/segmenter-*/ with a card.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from classifiers.crf import CrfModel
from classifiers.deadlines import find_deadline
from classifiers.hollowness import latest_model
from classifiers.normalise import normalise
from classifiers.owners import find_owner
from docparse import Block, Document
from docparse.numbering import split_label

from .understand import (MEASURE_LEAD, MEASURE_MARKER, NEXT_STEP_WORDS, Item, Understanding, body_blocks,
                         container_flags, heading_kind, heading_text, is_intro, is_sign_off, label_fields, link_measures,
                         split_enumeration)

MODEL_NAME = "segmenter"
TAGS = ("P", "M", "O", "Pc", "Mc")
# The segmenter overrides the first pass only where its tag's marginal probability reaches this
# (chosen on the dev documents: scripts/train_segmenter.py --thresholds).
THRESHOLD = 0.9

_OPEN, _CLOSE = "“‘《（(「", "”’》）)」"
_ENUM_AHEAD = re.compile(r"[一二三四五六七八九十]{1,2}是|首先|其次|再次|最后")
_ENUM_HEAD = re.compile(rf"^(?:{_ENUM_AHEAD.pattern})")
# Village and township prose runs the problem, what was done and the next step into one sentence
# (“……群众来办事找不到人，今年4月起已公布了手机号码，下一步两委成员轮流在村部坐班……”): a clause opened
# by a word for what comes next, or by who will do it (由村党支部书记牵头，……), is a piece of its own.
_NEXT_STEP_AHEAD = re.compile(rf"(?:{NEXT_STEP_WORDS}|从现在起|从今以后|争取[^，。；]{{0,6}}(?:前|底|内)"
                              r"|由[^，,。；;]{1,20}(?:负责|牵头)[，,]|(?:我|本人|我们)将)")
_MIN_PIECE = 6  # characters: a shorter piece joins the next (“对此，”)

_CONNECTIVES = (
    ("add", re.compile(r"^(?:同时|此外|另外|并且?|还要|还将|再者|以及|与此同时|在此基础上|进而)")),
    ("enum", re.compile(r"^(?:[一二三四五六七八九十]{1,2}是|首先|其次|再次|最后|第[一二三四五六七八九十]+[，,])")),
    ("then", re.compile(r"^(?:对此|为此|针对|对于|因此|对这|对上述|就此|据此)")),
    ("topic", re.compile(r"^对[^，。；]{2,12}(?:问题|现象|情况|方面)")),
    ("future", re.compile(r"^(?:今后|下一步|下步|下阶段|接下来|从现在起|即日起|自\S{0,8}起|本人将|我将|我们将|将|争取)")),
    ("cause", re.compile(r"^(?:究其原因|分析原因|原因|之所以|这反映|这说明|这暴露|这是|根源|说到底|归根)")),
    ("past", re.compile(r"^(?:已|目前|截至|截止|经过|通过|从\S{0,10}看|去年|今年以来|\d{4}年)")),
    ("prob", re.compile(r"^(?:有的|个别|部分|一些|少数|存在|仍有|还有|但|然而|不过)")),
)
_CUES = {
    "will": re.compile(r"将|要|确保|力争|一律|不再|坚决|必须|须|不得|严禁"),
    "verb": re.compile(r"建立|制定|实行|推行|开展|清理|压缩|取消|规范|完善|落实|公示|公开|检查|核查|整改|组织|督促"),
    "neg": re.compile(r"不够|不足|不到位|不强|不高|不深|不严|不实|较少|偏多|过多|没有|缺乏|满足于|习惯于|热衷于|流于"),
    "num": re.compile(r"\d|[一二三四五六七八九十两]+[次天个项类人名所]"),
    "hollow": re.compile(r"切实|不断|进一步|持续|牢固树立|增强.{0,4}意识|提高.{0,6}水平|常抓不懈"),
}


@dataclass
class Piece:
    text: str
    block: int
    index: int          # within its block
    count: int          # pieces in its block
    heading: str = ""
    section: Optional[str] = None
    label: Optional[str] = None
    found: str = "O"    # what the first pass made of it: P, M or O
    found_start: bool = False  # the first pass's item starts with it


def split_pieces(text: str, *, next_step: bool = False) -> list[str]:
    """The sentences and clauses of a paragraph: cut after 。！？；; before 一是/二是/首先… that
    follow a comma or colon, and (with `next_step`, in a paragraph read as a problem) before
    下一步/今后/从现在起… that follow a comma; never inside quotes, brackets or 《》; a piece shorter than six
    characters joins the next."""
    cuts = [0]
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "。！？；;!?" and i + 1 < len(text):
            cuts.append(i + 1)
        elif depth == 0 and ch in "，,：:" and _ENUM_AHEAD.match(text, i + 1):
            cuts.append(i + 1)
        elif next_step and depth == 0 and ch in "，," and _NEXT_STEP_AHEAD.match(text, i + 1):
            cuts.append(i + 1)
    cuts.append(len(text))
    raw = [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
    out: list[str] = []
    carry = ""
    for piece in raw:
        piece = carry + piece
        if len(re.sub(r"\W", "", piece)) < _MIN_PIECE:
            carry = piece
            continue
        carry = ""
        out.append(piece)
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return [p.strip() for p in out if p.strip()]


def _core(text: str) -> str:
    return re.sub(r"[\W_]", "", normalise(text))


def _eligible(blocks: list[Block], document: Document, problems: tuple[str, ...] = ()
              ) -> list[tuple[int, Block, list[str], str, Optional[str]]]:
    """The paragraphs that may hold several items: not headings, table rows, sign-offs, lead-ins,
    or paragraphs cut by inline labels (存在不足：…。原因：…); with two or more pieces. With the
    heading each sits under and the section that heading opens. A paragraph holding one of the
    first pass's `problems` (their cores) is also cut at 下一步/今后… after a comma (split_pieces)."""
    from .reader import is_heading_like, split_labelled

    containers = container_flags(blocks)
    out = []
    heading, section = "", None
    for index, block in enumerate(blocks):
        if block.table is not None:
            continue
        head = heading_text(block)
        kind = heading_kind(head) if head else None
        if is_heading_like(block, kind, containers[index]):
            heading = block.text
            section = kind or section  # a category heading (“（一）形式主义方面”) stays in its section
            continue
        text = block.text
        if len(text) < 20 or is_sign_off(block, document) or is_intro(text) or split_labelled(text):
            continue
        core = _core(text)
        pieces = split_pieces(text, next_step=any(p and p[:24] in core for p in problems))
        if len(pieces) >= 2:
            out.append((index, block, pieces, heading, section))
    return out


def _unmarked(text: str) -> str:
    """A piece without the label and the number it opens with (“整治任务：（1）……” → “……”)."""
    lead = MEASURE_LEAD.match(text)
    return split_label(text[lead.end():] if lead else text.strip())[1]


def document_pieces(document: Document, understanding: Understanding) -> list[Piece]:
    """Every piece of every eligible paragraph, in reading order, with what the first pass made of it."""
    blocks = body_blocks(document)
    problems = tuple(_core(i.text) for i in understanding.problems)
    found = [("P", core) for core in problems] + [("M", _core(i.text)) for i in understanding.measures]
    out = []
    for index, block, pieces, heading, section in _eligible(blocks, document, problems):
        for k, text in enumerate(pieces):
            core = _core(text)
            role, start = "O", False
            # (without its marker or label: “二是……”, “（2）……”, “整治任务：（1）……”)
            bare = _ENUM_HEAD.sub("", _core(_unmarked(text)))
            for kind, item in found:
                # (a piece that opens with its marker, “二是每月……”, lies inside an item read without it)
                if core and item and (core in item or (bare and bare in item)
                                      or (item in core and len(item) >= 0.5 * len(core))):
                    role, start = kind, item.startswith(bare[:8]) or bare.startswith(item[:8])
                    break
            out.append(Piece(text=text, block=index, index=k, count=len(pieces),
                             heading=heading, section=section, label=block.label, found=role, found_start=start))
    return out


def featurise(document: Document, pieces: list[Piece], gate=None) -> list[list[str]]:
    from .reader import measureness
    from .doctype import title_type

    doc_guess = title_type(document.metadata.title or "") or "none"
    rows = []
    scores = [measureness(normalise(p.text)) for p in pieces]
    for n, p in enumerate(pieces):
        text = normalise(p.text)
        position = "first" if p.index == 0 else "last" if p.index == p.count - 1 else "mid"
        f = ["bias", f"pos={position}", f"n={min(p.count, 6)}", f"found={p.found}",
             f"fs={p.found}{int(p.found_start)}", f"sec={p.section}", f"doc={doc_guess}",
             f"lbl={'y' if p.label else 'n'}", f"len={min(6, len(text) // 12)}", f"h2={text[:2]}",
             f"end={text[-1:]}"]
        if p.index > 0:
            prev = normalise(pieces[n - 1].text)
            f += [f"pend={prev[-1:]}", f"pfound={pieces[n - 1].found}"]
        else:
            f.append("bob")
        f += [f"conn={name}" for name, pattern in _CONNECTIVES if pattern.search(text)]
        f += [f"cue={name}" for name, pattern in _CUES.items() if pattern.search(text)]
        if find_deadline(p.text, document.metadata.date):
            f.append("has_deadline")
        owner = find_owner(p.text)
        if owner:
            f.append("has_owner")
            if owner.start <= 3:
                f.append("opens_with_owner")  # “局办公室统筹……；” starts a measure of its own
        if re.search(r"本人|我", text[:12]):
            f.append("first_person")
        if scores[n] is not None:
            f.append(f"ms={min(4, int(scores[n] * 5))}")
            if p.index > 0 and scores[n - 1] is not None:
                f.append(f"pms={min(4, int(scores[n - 1] * 5))}")
        if gate is not None:
            f.append(f"gate={min(4, int(gate(text) * 5))}")
        rows.append(f)
    return rows


class Segmenter(CrfModel):
    """The CRF over a document's paragraph pieces (tags P, M, O, Pc, Mc)."""

    def __init__(self, c1: float = 0.1, c2: float = 0.05, max_iterations: int = 150):
        super().__init__(c1, c2, max_iterations)


@functools.lru_cache(maxsize=1)
def default_segmenter() -> Optional[Segmenter]:
    try:
        return Segmenter.from_folder(latest_model(MODEL_NAME))
    except (FileNotFoundError, ImportError, OSError):
        return None


def group(pieces: list[Piece], tags: list[str]) -> dict[int, list[tuple[str, str]]]:
    """Tags → per block, its items in order as (role, text); a continuation with nothing of its
    role before it in the block starts an item."""
    out: dict[int, list[tuple[str, str]]] = {}
    last: Optional[tuple[int, str]] = None
    title: Optional[str] = None
    for piece, tag in zip(pieces, tags):
        items = out.setdefault(piece.block, [])
        role = tag[0]
        if role == "O" and items and items[-1][0] == "M" and last == (piece.block, "M") and (
                _BARE_TITLE.match(items[-1][1]) or _ATTRIBUTION.match(piece.text)):
            # what follows a rule's bare name (“《……办法》。该办法……予以废止”), and a closing “由……牵头，
            # ……前完成。”, belong to the measure before them
            items[-1] = ("M", items[-1][1] + piece.text)
            continue
        if title is not None and role in "PM":
            # a paragraph that opens with its item's short title (“精简涉税资料。”) keeps title and body together
            if items and items[-1][1] == title:
                items.pop()
            items.append((role, title + piece.text))
        elif tag.endswith("c") and last == (piece.block, role) and items:
            items[-1] = (role, items[-1][1] + piece.text)
        elif role in "PM":
            items.append((role, piece.text))
        title = piece.text if piece.index == 0 and (is_title(piece.text) or _BARE_TITLE.match(piece.text)) else None
        last = (piece.block, role) if role in "PM" else (piece.block, "O")
    return out


_LEAD = re.compile(r"^(?:针对|对于|对|就|围绕|关于)[^。；;]{0,40}(?:问题|不足|情况|现象|方面)[。，,：:]?$|^[^。；;]{0,16}[，,：:]$")


def is_title(text: str) -> bool:
    """A piece that only opens the item after it: a short sentence without a comma that names it
    (“缩短排队时间。”, “完善学习制度。”), or a lead-in (“针对“调研不深”的问题。”, “对此，”)."""
    core = re.sub(r"\W", "", text)
    text = text.strip()
    return (len(core) <= 12 and not re.search(r"[，,；;]", text) and text.endswith(("。", "：", ":"))) \
        or bool(_LEAD.match(text))


_GAI = re.compile(r"(?:改|怎么改|如何改|整改)[：:]")
_ITEM_LEAD = re.compile(r"^[^，。；：,;:]{1,12}[：:]\s*(?=[一二三四五六七八九十]{1,2}是)")


def clean(text: str) -> str:
    """An item's text as the rule reader gives it: without a lead-in label before 一是
    (“主要表现在：”), without the 一是 marker, without the closing ；/。 (as 一是 clauses are given)."""
    text = _ITEM_LEAD.sub("", text.strip())
    # “整改措施：……”, “对此，……”: the label or lead-in that announced the measures
    marker = MEASURE_MARKER.match(text) or _GAI.match(text)
    if marker and len(text) - marker.end() >= 6:
        text = text[marker.end():].strip()
    text = _ENUM_HEAD.sub("", text).lstrip("，,、 ")
    return text.rstrip(" ；;，,。")


@dataclass
class _Slot:
    block: int
    order: int
    item: Item
    kind: str
    new: bool = False  # read by the segmenter (else kept from the first pass)


def first_pass_tags(pieces: list[Piece]) -> list[str]:
    """The first pass's reading of the pieces in the segmenter's tags."""
    out = []
    for n, p in enumerate(pieces):
        if p.found == "O":
            out.append("O")
        elif p.index > 0 and not p.found_start and pieces[n - 1].found == p.found:
            out.append(p.found + "c")
        else:
            out.append(p.found)
    return out


def confident_tags(segmenter: Segmenter, features: list[list[str]], pieces: list[Piece],
                   threshold: float = THRESHOLD) -> list[str]:
    """The segmenter's tags where it is sure of them (marginal probability ≥ `threshold`); the
    first pass's reading elsewhere."""
    tags, sure = segmenter.tag_marginals(features)
    if threshold <= 0:
        return tags
    default = first_pass_tags(pieces)
    out = [t if t == d or p >= threshold else d for t, d, p in zip(tags, default, sure)]
    for n, piece in enumerate(pieces):
        # (a piece cut at a comma before 下一步/今后/争取……前, not one cut at 一是/二是 or a sentence's end)
        comma_cut = n and piece.index > 0 and pieces[n - 1].block == piece.block \
            and not pieces[n - 1].text.rstrip().endswith(tuple("。！？；;!?")) and _NEXT_STEP_AHEAD.match(piece.text)
        if comma_cut and out[n] == "M" and out[n - 1] in ("M", "Mc"):
            # (“……高档会议桌椅调剂到基层分局使用，今后办公楼维修一律按标准报批。”: within a measure's own
            # sentence, 今后 goes on with that measure)
            out[n] = "Mc"
            continue
        # A clause cut from a problem's sentence at 下一步/今后/争取……前 (“……已经向镇里打了报告，争取春节前把
        # 水井修好。”) is the problem's measure: the first pass read the whole sentence as the problem, and the
        # segmenter, which learnt from whole sentences, follows it. (A clause that goes on to a shortcoming,
        # 今后如何发展思路不清, is still the problem.)
        if comma_cut and out[n] in ("Pc", "O") and not _CUES["neg"].search(piece.text):
            out[n] = "M"
        elif out[n] == "Pc" and _OWNER_OPENING.match(piece.text) and not _CUES["neg"].search(piece.text):
            # (“……对去年修村道的开支有意见。这件事由村会计负责，每季度末把收支明细张贴到公开栏。”: a sentence
            # that opens by naming who will do it answers the problem before it)
            out[n] = "M"
    return out


_OWNER_OPENING = re.compile(r"^(?:这件事|此事|这项工作|这个问题|这事)?[，,]?由[^，,。；;]{1,20}(?:负责|牵头)")


# A sentence that only says who carries out the measure before it (“由相关股室负责。”, “（局办公室）”,
# “责任单位：人事股”) belongs to that measure.
_ATTRIBUTION = re.compile(r"^\s*(?:由[^，,。；;]{1,20}(?:负责|牵头|落实|承办|办理)(?:落实)?(?:[，,][^。；;]{0,24})?"
                          r"|[（(][^（()）]{1,30}[）)]"
                          r"|(?:责任|牵头)(?:单位|人|科室|股室|部门|领导)[：:][^。；;]{1,30})\s*[。；;]?\s*$")
# a rule's bare name, as a 制度建设计划 lists it (【新建】《……办法》。)
_BARE_TITLE = re.compile(r"^\s*(?:【[^【】]{1,6}】)?《[^《》]{2,40}》[。：:；;]?\s*$")
_NOT_ITEM_SECTIONS = ("six_explanations", "root_causes", "progress")


def _completes(previous: tuple[str, str], role: str, piece: str) -> bool:
    """Whether a piece completes the item before it in its paragraph, which is then a measure:
    - “《学校创收奖励暂行办法》。该办法……予以废止”: a rule's name and what is done with it, whichever
      of the two the segmenter read as a measure;
    - “……如数退回。负责人：党政办主任；时限：立行立改”: the owner and deadline of the item before;
    - “……。由相关股室负责。”: who carries out the measure before."""
    if _BARE_TITLE.match(previous[1]):
        return "M" in (role, previous[0])
    if label_fields(piece.strip().strip("。；;")) is not None:
        return previous[0] in "PM"
    return role == previous[0] == "M" and bool(_ATTRIBUTION.match(piece))


def _attributions_joined(text: str, items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for role, piece in items:
        if out and _completes(out[-1], role, piece):
            start, end = text.find(out[-1][1].strip()), text.find(piece.strip())
            if 0 <= start < end:
                out[-1] = ("M", text[start:end + len(piece.strip())])
                continue
        out.append((role, piece))
    return out


_FURTHER_WORDS = r"(?:下一步|下步|同时|此外|另外|今后|还要|并将|对此|为此)"
_FURTHER = re.compile(_FURTHER_WORDS + r"[，,：:]?\s*$")
_FURTHER_START = re.compile(r"\s*" + _FURTHER_WORDS + r"[，,：:]")


def _opens_further(text: str, pieces: list[str]) -> bool:
    """Whether one of `pieces` (after the first item of a paragraph) is opened in `text` by a word that
    starts a further commitment (下一步，同时，此外……)."""
    for piece in pieces:
        if _FURTHER_START.match(piece):
            return True
        at = text.find(piece.strip()[:8])
        if at > 0 and _FURTHER.search(text[max(0, at - 8):at]):
            return True
    return False


# the length (in characters, punctuation left out) from which a clause lost by a regrouping is missed
_LOST_CLAUSE = 10


def _drops_clause(before: list[str], after: list[str]) -> bool:
    """Whether a clause of the items read before is in none of the items read after: neither its
    opening nor its end is (a lead-in cut off the clause it opens, “对此，……办法：一是……”, is no loss)."""
    kept = "".join(_core(t) for t in after)
    return any(len(core) >= _LOST_CLAUSE and core[:_LOST_CLAUSE] not in kept and core[-_LOST_CLAUSE:] not in kept
               for text in before for clause in re.split(r"[。；;！？]", text)
               for core in [_ENUM_HEAD.sub("", _core(clause))])


def regroup(document: Document, understanding: Understanding, segmenter: Segmenter, gate=None,
            threshold: float = THRESHOLD) -> None:
    """Replace the items of each paragraph of several pieces by the segmenter's reading of it;
    items elsewhere (tables, one-sentence paragraphs, items spanning paragraphs) stay as they were.
    Measures found in the same paragraph after a problem answer it; the rest are linked as before."""
    pieces = document_pieces(document, understanding)
    if not pieces:
        return
    tags = confident_tags(segmenter, featurise(document, pieces, gate), pieces, threshold)
    grouped = group(pieces, tags)
    blocks = body_blocks(document)
    for b, items in grouped.items():
        grouped[b] = _attributions_joined(blocks[b].text, items)
    cores = [_core(b.text) for b in blocks]
    eligible = {p.block for p in pieces}

    def block_of(item: Item, hint: int) -> Optional[int]:
        """The block an item was read from: same place, and its text inside the block's."""
        core = _core(item.text)[:24]
        if not core:
            return None
        in_table = item.location.table is not None
        for start in (hint, 0):
            for b in range(start, len(blocks)):
                if (blocks[b].table is not None) != in_table:
                    continue
                if core in cores[b] and (in_table or blocks[b].location == item.location):
                    return b
        return None

    old_problems = list(understanding.problems)
    slots: list[_Slot] = []
    replaced: dict[int, list[_Slot]] = {}
    for kind, items in (("P", understanding.problems), ("M", understanding.measures)):
        hint = 0
        for order, item in enumerate(items):
            b = block_of(item, hint)
            if b is not None:
                hint = b
                whole = _core(item.text)
                # an item longer than its paragraph (joined across paragraphs) keeps the paragraph as read
                if b in eligible and len(whole) <= len(cores[b]):
                    replaced.setdefault(b, []).append(_Slot(block=b, order=order, item=item, kind=kind))
                    continue
            else:
                b = hint  # not placed (a table cell, a joined item): kept, in reading order
            slots.append(_Slot(block=b, order=order, item=item, kind=kind))
    kept_blocks = {s.block for s in slots if s.block in eligible}
    sections = {p.block: p.section for p in pieces}
    for b, items in grouped.items():
        if b in kept_blocks:
            # (a paragraph some item of which was read across paragraphs keeps its first reading, all of it)
            slots.extend(replaced.get(b, []))
            continue
        if sections.get(b) in _NOT_ITEM_SECTIONS and b not in replaced:
            # a paragraph of the six explanations, the causes or the progress made, where the first
            # pass read no item, holds none (“关于人情消费，2013年本人儿子结婚，只请了亲属……”)
            continue
        # A reading that loses a kind of item the paragraph was read to hold (“……。为此，从3月起实行…”
        # read as a problem and a measure, regrouped as the problem alone) keeps the paragraph as read.
        if {s.kind for s in replaced.get(b, []) if len(_core(s.item.text)) >= 16} - {role for role, _ in items}:
            slots.extend(replaced[b])
            continue
        # Nor one that cuts a numbered item with no 一是/二是 in it into more items of a kind it was read
        # as (“（一）严控会议数量和规模。……；……。（牵头单位：……）” is one measure, documents README)
        # (“……。对此，……；下一步，……”, “同时，……”, “此外，……”: a new commitment opened by its own
        # connective is an item of its own)
        if blocks[b].label and replaced.get(b) and len(split_enumeration(blocks[b].text)) <= 1 \
                and not _opens_further(blocks[b].text, [t for _, t in items[1:]]):
            before = [s.kind for s in replaced[b]]
            if any(before.count(kind) and [r for r, _ in items].count(kind) > before.count(kind) for kind in "PM"):
                slots.extend(replaced[b])
                continue
        # Nor is a reading taken that drops a whole clause the first pass read as part of a measure (“……。
        # 整改：即日起……；100万元以上项目……” regrouped as the problem and the second clause only; a cause
        # read with the problem, 究其原因……, may go).
        if replaced.get(b) and _drops_clause([s.item.text for s in replaced[b] if s.kind == "M"], [t for _, t in items]):
            slots.extend(replaced[b])
            continue
        block = blocks[b]
        context = next((p.heading for p in pieces if p.block == b), "")
        for order, (role, text) in enumerate(items):
            item = Item(text=clean(text), location=block.location, section="problems" if role == "P" else "measures",
                        label=block.label, context=context)
            slots.append(_Slot(block=b, order=order, item=item, kind=role, new=True))
    slots.sort(key=lambda s: (s.block, s.new, s.order))
    problems = [s.item for s in slots if s.kind == "P"]
    measures = [s.item for s in slots if s.kind == "M"]
    # links: an old link survives if its problem survives; a new measure answers the last problem
    # before it in its own paragraph
    index_of = {id(p): i for i, p in enumerate(problems)}
    last_problem: dict[int, int] = {}
    # (a paragraph of measures only, re-read, keeps the problem its measures were read to answer)
    answered: dict[int, set] = {}
    for b, old in replaced.items():
        answered[b] = {s.item.problem for s in old if s.kind == "M"}
    for s in slots:
        if s.kind == "P":
            last_problem[s.block] = index_of[id(s.item)]
        elif s.new:
            s.item.problem = last_problem.get(s.block)
            links = answered.get(s.block, set())
            if s.item.problem is None and len(links) == 1 and None not in links:
                old = next(iter(links))
                target = old_problems[old] if old < len(old_problems) else None
                s.item.problem = index_of.get(id(target)) if target is not None else None
        elif s.item.problem is not None:
            target = old_problems[s.item.problem] if s.item.problem < len(old_problems) else None
            s.item.problem = index_of.get(id(target)) if target is not None else None
    understanding.problems, understanding.measures = problems, measures
    link_measures(understanding)
