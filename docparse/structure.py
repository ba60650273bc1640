"""From the raw pieces a reader finds to the Document: labels, outline levels, block kinds,
title, unit and date. Every reader ends here, so the structure rules exist once."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from .model import Block, Cell, Document, Location, Metadata, Notice, SourceFormat, Table
from .numbering import LevelTracker, cn_to_int, scheme_of, split_label
from .text import SENTENCE_END, clean, find_date


@dataclass
class RawBlock:
    """What a reader knows about one paragraph or table before structure is inferred."""

    location: Location
    text: str = ""
    table: Optional[Table] = None
    label: Optional[str] = None
    heading_level: Optional[int] = None
    centered: bool = False
    title_style: bool = False


_DOC_WORDS = re.compile(
    r"(对照检查材料|检查材料|整改方案|整改措施|整改清单|整治方案|实施方案|工作方案|建设计划|"
    r"自查报告|情况报告|报告|方案|计划|措施|清单|通知|意见|办法|规定|制度|发言提纲|发言|"
    # “……个人剖析材料”, “整改承诺书”: the rest of a document's name (the byline under it is not;
    # “……活动材料” over “××同志个人整改措施” is a running header above the title, not the whole name)
    r"剖析材料|承诺书|汇报|提纲)"
)
_UNIT_TAIL = re.compile(
    r"(委员会|常委会|党委|党组|党工委|总支|支部|委|政府|局|办|办公室|中心|学院|大学|学校|医院|"
    r"公司|集团|街道|社区|村|镇|乡|厅|处|科|所|队|站|院|部|会)$"
)
_TITLE_UNIT = re.compile(
    r"^(?P<unit>.+?)(?:领导班子|班子成员|班子|党员领导干部)?"
    r"(?:关于|党的群众路线教育实践活动|教育实践活动|专题民主生活会|“四风”|四风)"
)
_PERSON_TITLE = re.compile(r"^(?P<unit>.{2,40}?)(?:同志)?(?:个人)?(?:对照检查材料|整改措施|整改清单|发言提纲)")
_ISSUER_ONLY = re.compile(r"^[（(]?\s*(?:[12〇零○一二三四五六七八九十0-9０-９年月日\s]+)[）)]?$")
_MAX_TITLE_CHARS = 70
# The line a reposting site puts under a title (时间：… 作者：… 来源：…) is not part of it (nor on a mirror in
# traditional script: 時間：2022-07-18 11:24:39).
_REPOST_META = re.compile(r"(时间|作者|来源|分类|栏目|发布日期|发布时间|浏览次数|点击数"
                          r"|時間|來源|分類|欄目|發佈日期|發布日期|發佈時間|發布時間|瀏覽次數|點擊數)\s*[:：]")
# a reposted page's breadcrumb over its title (当前位置：首页 > 范文大全 > 整改报告 > 正文)
BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]|首页\s*[>›»]")
_TIMESTAMP = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_PAGE_NOTE = re.compile(r"\s*[（(][^（()）]{0,12}[）)]\s*$")


def _is_heading_text(text: str) -> bool:
    """A numbered line that reads as a heading rather than an item of prose."""
    stripped = text.rstrip()
    if re.fullmatch(r"[^，。；,;]{2,14}方面[。：:]?", stripped):
        return True  # “（一）形式主义方面。” heads the paragraph under it
    if re.search(r"\S\u3000+\S+\u3000+\S", stripped):
        return False  # fields of a row set apart by full-width spaces: “合并报表台账　预算股　３月底前”
    return len(stripped) <= 32 and not stripped.endswith(tuple(SENTENCE_END + "，,：:"))


def build_document(
    raws: list[RawBlock],
    *,
    fmt: SourceFormat,
    source: Optional[str],
    notices: Optional[list[Notice]] = None,
    pages: Optional[int] = None,
) -> Document:
    """Turn a reader's raw blocks into a Document with labels, levels, kinds and metadata."""
    raws = [r for r in raws if r.table is not None or clean(r.text)]
    raws = [piece for raw in raws for piece in _unflatten(raw)]
    raws = _spaced_tables(_bar_tables(raws))
    title_indexes = _find_title(raws)
    title = "".join(clean(raws[i].text) for i in title_indexes) or None
    blocks: list[Block] = []
    if title:
        blocks.append(Block(kind="heading", text=title, level=0,
                            location=raws[title_indexes[0]].location))
    tracker = LevelTracker()
    for index, raw in enumerate(raws):
        if index in title_indexes:
            continue
        if raw.table is not None:
            blocks.append(Block(kind="table", text=_table_text(raw.table), location=raw.location,
                                table=raw.table))
            continue
        text = clean(raw.text)
        if raw.label:
            label: Optional[str] = clean(raw.label)
            scheme = scheme_of(label) if label else None
        else:
            found, rest = split_label(text)
            label, scheme = (found.text, found.scheme) if found else (None, None)
            if found:
                text = rest
        if label and scheme:
            level = tracker.level(scheme)
            kind = "heading" if raw.heading_level or _is_heading_text(text) else "list_item"
            blocks.append(Block(kind=kind, text=text, level=level, label=label,
                                location=raw.location))
        elif raw.heading_level:
            blocks.append(Block(kind="heading", text=text, level=raw.heading_level,
                                location=raw.location))
        else:
            blocks.append(Block(kind="paragraph", text=text, location=raw.location))
    metadata = _metadata(blocks, title)
    metadata.pages = pages
    return Document(source=source, format=fmt, metadata=metadata, blocks=blocks,
                    notices=list(notices or []))


# Numbering labels that can sit inside a paragraph whose line breaks were lost (a page reposted as
# one run of text: “……制定本方案。一、工作目标……二、清理方式1.超过……腾退。2.未经批准……”).
_INLINE_LABEL = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})、(?![一二三四五六七八九十][、季月年]|\d)"
    r"|[（(](?P<cnp>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?<![0-9０-９.．])(?P<ar>[0-9]{1,2})[.．、](?![0-9０-９%％])"
)
_RUN_MIN_CHARS = 120


def _unflatten(raw: RawBlock) -> list[RawBlock]:
    """Cut a paragraph that holds a flattened outline back into its items.

    A label counts only where an item can start: after a sentence end, or right after the short
    heading of a higher label (“三、清理方式1.……”). Labels of one scheme must run on (1, 2, 3 …),
    at least three of them, or two section labels (一、二、) each after a sentence end; so a
    sentence that mentions “1、2号楼” or one “（一）” is never cut."""
    text = raw.text
    if raw.table is not None or raw.label or len(text) < _RUN_MIN_CHARS:
        return [raw]
    found = []
    for match in _INLINE_LABEL.finditer(text):
        scheme = next(name for name in ("cn", "cnp", "ar") if match.group(name))
        value = (int(match.group("ar")) if scheme == "ar"
                 else cn_to_int(match.group(scheme)) or 0)
        found.append((match.start(), scheme, value))
    starts: list[int] = []
    for scheme in ("cn", "cnp", "ar"):
        marks = [(start, value) for start, s, value in found if s == scheme]
        run: list[int] = []
        expected = None
        for start, value in marks:
            before = text[:start].rstrip(" \u3000")
            opens = not before or before[-1] in "。！？!?；;”"
            after_heading = any(s != scheme and not re.search(r"[，。；：,;:]", text[other:start])
                                for other, s, _ in _just_before(found, start, 16))
            if not (opens or after_heading):
                continue
            if expected is None or value != expected:
                if len(run) >= (2 if scheme != "ar" else 3):
                    starts.extend(run)
                run, expected = ([start], value + 1) if value == 1 or scheme != "ar" else ([], None)
                continue
            run.append(start)
            expected = value + 1
        if len(run) >= (2 if scheme != "ar" else 3):
            starts.extend(run)
    starts = sorted(set(s for s in starts if s > 0))
    if not starts:
        return [raw]
    bounds = [0, *starts, len(text)]
    pieces = [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return [RawBlock(location=raw.location, text=piece, centered=False) for piece in pieces if piece]


_BAR = re.compile(r"\s*[｜|]\s*")


def _barred(text: str) -> str:
    """The text with 丨 read as a bar where the line holds bars already: OCR reads some of a text
    table's bars as the ideograph 丨 (“2|对户政业务…丨治安大队丨…”)."""
    return text.replace("丨", "|") if re.search(r"[｜|]", text) else text


def _bar_tables(raws: list[RawBlock]) -> list[RawBlock]:
    """Rows of a table written as text with bars (“事项｜进展｜下步安排”, one row a paragraph) become
    one table: a run of paragraphs that each split into the same number of fields (three or more,
    or two over three or more rows). A first row of short fields without sentence punctuation is
    the header."""
    out: list[RawBlock] = []
    k = 0
    while k < len(raws):
        width = _bar_width(raws[k])
        end = k + 1
        while width and end < len(raws) and _bar_width(raws[end]) == width:
            end += 1
        rows = end - k
        if width and (width >= 3 and rows >= 2 or rows >= 3):
            out.append(_table_of(raws[k:end], width))
            k = end
        else:
            out.append(raws[k])
            k += 1
    return out


_SPACES = re.compile(r"[\u3000\t]+|\s{2,}")
# Column names a header written with spaces is recognised by (“序号　存在问题　整改措施　整改时限”).
_COLUMN_NAMES = {"序号", "编号", "类别", "问题", "存在问题", "问题表现", "整改事项", "整改任务", "整改内容", "整改措施",
                 "具体措施", "措施", "整改目标", "整改时限", "完成时限", "完成时间", "时限", "责任人", "责任单位",
                 "责任领导", "责任部门", "牵头单位", "牵头领导", "配合单位", "制度名称", "主要内容", "完成情况",
                 "进展情况", "下步打算", "下一步措施", "备注"}


_RULE_LINE = re.compile(r"^[\s\u3000]*[-=—━─_＿－+|]{6,}[\s\u3000]*$")


def _spaced_tables(raws: list[RawBlock]) -> list[RawBlock]:
    """A table typed as text with (full-width) spaces between the fields, as OA systems export a Word
    table: a header line of three or more known column names (序号　存在问题　整改措施　整改时限),
    then the lines that split into two or more fields, each a row (a row short of fields has its
    last cells empty)."""
    out: list[RawBlock] = []
    k = 0
    while k < len(raws):
        header = _spaced_fields(raws[k])
        if not (header and len(header) >= 3 and all(len(f) <= 8 for f in header)
                and sum(f in _COLUMN_NAMES for f in header) >= 2):
            out.append(raws[k])
            k += 1
            continue
        end = k + 1
        while end < len(raws) and (2 <= len(_spaced_fields(raws[end]) or []) <= len(header) or (
                (_category_line(raws[end]) or _RULE_LINE.match(raws[end].text)) and end + 1 < len(raws)
                and 2 <= len(_spaced_fields(raws[end + 1]) or []) <= len(header))):
            end += 1
        if sum(1 for raw in raws[k + 1:end] if _spaced_fields(raw)) < 1:
            out.append(raws[k])
            k += 1
            continue
        width = len(header)
        # (a category line between the rows, “（一）形式主义方面”, is a row of one value across the table)
        # (a rule typed under the header or between rows, “------”, is no row)
        rows = [(_spaced_fields(raw) or [_category_text(raw)]) for raw in raws[k:end]
                if not _RULE_LINE.match(raw.text)]
        rows = [(row + [""] * width)[:width] for row in rows]
        out.append(_text_table(raws[k:end], rows, header_rows=1))
        k = end
    return out


def _category_line(raw: RawBlock) -> bool:
    """A short line with no sentence in it (“（一）形式主义方面”, “二、官僚主义”) between a text table's rows."""
    text = _category_text(raw)
    return raw.table is None and 2 <= len(text) <= 24 and not re.search(r"[。，；,;：:\u3000\t]|\s{2,}", text)


def _category_text(raw: RawBlock) -> str:
    return ((raw.label or "") + raw.text).strip()


def _spaced_fields(raw: RawBlock) -> Optional[list[str]]:
    if raw.table is not None or raw.label:
        return None
    fields = [f for f in _SPACES.split(raw.text.strip()) if f]
    return fields if len(fields) >= 2 else None


def _bar_width(raw: RawBlock) -> int:
    if raw.table is not None or raw.label or not re.search(r"[｜|]", raw.text):
        return 0
    fields = _BAR.split(_barred(raw.text).strip().strip("｜|"))
    return len(fields) if len(fields) >= 2 and sum(bool(f.strip()) for f in fields) >= 2 else 0


def _table_of(raws: list[RawBlock], width: int) -> RawBlock:
    rows = [[f.strip() for f in _BAR.split(_barred(raw.text).strip().strip("｜|"))] for raw in raws]
    header = rows[0]
    has_header = all(len(f) <= 12 and not re.search(r"[。，；,;]", f) for f in header) and len(rows) >= 2
    return _text_table(raws, rows, header_rows=1 if has_header else 0)


def _text_table(raws: list[RawBlock], rows: list[list[str]], header_rows: int) -> RawBlock:
    """One table from paragraphs of text, one row each: a cell keeps its paragraph's location."""
    cells = [[Cell(text=text, row=r, column=c, location=raw.location.model_copy(update={"row": r, "column": c}))
              for c, text in enumerate(row)] for r, (row, raw) in enumerate(zip(rows, raws))]
    return RawBlock(location=raws[0].location, table=Table(rows=cells, header_rows=header_rows))


def _just_before(found: list[tuple[int, str, int]], start: int, span: int) -> list[tuple[int, str, int]]:
    """The labels of `found` (sorted by position) that start within `span` characters before `start`."""
    k = bisect.bisect_left(found, (start,))
    out = []
    while k > 0 and start - found[k - 1][0] <= span:
        k -= 1
        out.append(found[k])
    return out


def _table_text(table: Table) -> str:
    return "\n".join("\t".join(cell.text for cell in row) for row in table.rows)


def _find_title(raws: list[RawBlock]) -> list[int]:
    """Indexes of the raw blocks that make up the title (text boxes floating above it are not
    part of the reading flow and are passed over)."""
    # A reposted page's breadcrumb (“当前位置：自查报告 > …”) stands above the title and is not part of it.
    flow = [i for i, r in enumerate(raws) if r.location.region != "textbox"
            and not (i < 3 and BREADCRUMB.match(clean(r.text)))][:4]
    if not flow or raws[flow[0]].table is not None:
        return []
    # (only what stands above the first table: a short document's centred signature under a table is no
    # sign that its title was set centred)
    before_table = flow[:next((n for n, i in enumerate(flow) if raws[i].table is not None), len(flow))]
    aligned = any(raws[i].centered or raws[i].title_style for i in before_table)
    if len(flow) >= 2 and raws[flow[1]].table is None:
        # A centred title that wrapped: its first line fills the width (so it does not look centred),
        # the rest is a short centred line that completes the document's name (…专项整治方 / 案).
        first, rest = clean(raws[flow[0]].text), clean(raws[flow[1]].text)
        joined = _PAGE_NOTE.sub("", first + rest)
        if (raws[flow[1]].centered and 0 < len(rest) <= 8 and len(first) + len(rest) <= _MAX_TITLE_CHARS
                and not first.endswith(tuple(SENTENCE_END + "：:，,")) and split_label(first)[0] is None
                and _DOC_WORDS.search(joined) and _DOC_WORDS.search(joined).end() == len(joined)
                and not (_DOC_WORDS.search(first) and _DOC_WORDS.search(first).end() == len(first))):
            return flow[:2]
    chosen: list[int] = []
    for index in flow[:3]:
        raw = raws[index]
        text = clean(raw.text)
        if (
            raw.table is not None
            or not text
            or len(text) > _MAX_TITLE_CHARS
            or text.endswith(tuple(SENTENCE_END + "：:，,"))
            or split_label(text)[0] is not None
            or raw.label
            or _ISSUER_ONLY.match(text)
            or text.startswith(("——", "—", "（", "("))
            or (chosen and find_date(text))
            or (aligned and not (raw.centered or raw.title_style))
            or _REPOST_META.search(text)
            or _TIMESTAMP.match(text)
        ):
            break
        chosen.append(index)
        # A title ends with what the document is (…材料, …方案, …材料（2）); what follows is a subtitle.
        bare = _PAGE_NOTE.sub("", text)
        if _DOC_WORDS.search(bare) and _DOC_WORDS.search(bare).end() == len(bare):
            break
    return chosen


def _metadata(blocks: list[Block], title: Optional[str]) -> Metadata:
    meta = Metadata(title=title)
    texts = [b for b in blocks if b.kind != "table"]
    # The 落款 is at the end: a date line, the unit (or, for a personal document, the name)
    # just above it or on the same line.
    for index in range(len(texts) - 1, max(-1, len(texts) - 7), -1):
        block = texts[index]
        if IMPRINT_LINE.search(block.text):
            continue  # the 版记 under the 落款 (抄送：…, ××办公室　2014年3月21日印发) is not the signature
        found = find_date(block.text)
        if not found or len(block.text) > 40:
            continue
        meta.date, meta.date_text = found
        before = block.text[: block.text.rfind(found[1])].strip(" ：:")
        signer = before if before and len(before) <= 40 else None
        if signer is None and index > 0:
            candidate = texts[index - 1].text.strip()
            if len(candidate) <= 40 and not candidate.endswith(tuple(SENTENCE_END + "，,：:")) \
                    and not IMPRINT_LINE.search(candidate):
                signer = candidate
        if signer and _PERSON.match(signer):
            meta.author = signer
        elif signer:
            meta.unit = signer
        break
    if meta.date is None:
        # A date under the title: “（二〇一四年三月十日）”.
        for block in texts[:4]:
            found = find_date(block.text)
            if found and len(block.text) <= 30:
                meta.date, meta.date_text = found
                break
    if meta.unit is None:
        meta.unit = _unit_from_subtitle(texts[1:4]) or (_unit_from_title(title) if title else None)
    return meta


# The 版记 under the 落款: “抄送：县委督导组。”, “××镇党政办公室　2014年3月21日印发”.
_CN_DIGIT = r"[\d〇零一二三四五六七八九十]"
IMPRINT_LINE = re.compile(rf"^\s*(?:抄送|抄报|主送|分送|共印|印数)\s*[：:]"
                          rf"|^[^，,。；;]{{0,24}}?{_CN_DIGIT}{{2,4}}年{_CN_DIGIT}{{1,2}}月{_CN_DIGIT}{{1,3}}日\s*(?:印发|翻印|印制)\s*$")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{1,2}(?:[×xX＊*]{1,2}|某{1,2}|[\u4e00-\u9fff]{1,2})$")
_UNIT_IN_LINE = re.compile(
    r"^(?P<unit>.{2,30}?(?:委员会|常委会|人民政府|政府|党委|党组|党工委|支部|局|中心|学院|大学|医院|"
    r"公司|集团|街道|社区|村委会|办公室|镇|乡))"
)


def _unit_from_subtitle(blocks: list[Block]) -> Optional[str]:
    """The unit in an author line under the title: “岚川县人民政府常务副县长　王××”,
    “（岚川县政务服务中心主任）”."""
    for block in blocks:
        text = block.text.strip("（）() ")
        if block.kind != "paragraph" or len(text) > 40 or find_date(text):
            continue
        match = _UNIT_IN_LINE.match(text)
        if match and len(text) > len(match.group("unit")):
            return match.group("unit")
    return None


def _unit_from_title(title: str) -> Optional[str]:
    """The unit or person a title names before its document type (“中共××县委常委会关于…
    整改方案” → 中共××县委常委会), if what stands there reads as a unit or a person."""
    for pattern, is_person in ((_TITLE_UNIT, False), (_PERSON_TITLE, True)):
        match = pattern.match(title)
        if not match:
            continue
        unit = match.group("unit").strip("“”\" ")
        if len(unit) < 2 or "关于" in unit:
            continue
        if _UNIT_TAIL.search(unit):
            return unit
        if is_person:
            # “岚川县政务服务中心主任张某某个人对照检查材料”: the unit stands before the post.
            in_line = _UNIT_IN_LINE.match(unit)
            return in_line.group("unit") if in_line and len(unit) > len(in_line.group("unit")) else None
    return None
