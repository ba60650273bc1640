"""Word .docx: body paragraphs and tables in reading order, automatic numbering rendered into
labels, merged cells resolved, text boxes kept, tracked deletions dropped, and headers,
footers, comments and footnotes kept out of the body."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from .errors import DamagedFileError
from .limits import Deadline, Limits
from .model import Location, Table
from .numbering import format_number
from .ooxml import check_package, refuse_dtd
from .structure import RawBlock
from .tables import drop_repeated_headers, fill_grid, guess_header_rows

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
_MC_FALLBACK = f"{{{MC_NS}}}Fallback"
_VAL = W + "val"
_PPR, _PSTYLE, _NUMPR, _NUMID, _ILVL = W + "pPr", W + "pStyle", W + "numPr", W + "numId", W + "ilvl"
_JC, _OUTLINE, _PAGE_BREAK_BEFORE = W + "jc", W + "outlineLvl", W + "pageBreakBefore"
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", _MC_FALLBACK, W + "delText",
         W + "instrText", W + "commentReference", W + "footnoteReference",
         W + "endnoteReference", W + "pPr", W + "rPr"}
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo",
               W + "smartTag"}


def _val(element: Optional[etree._Element], default: Optional[str] = None) -> Optional[str]:
    if element is None:
        return default
    return element.get(W + "val", default)


def _int(value: Optional[str], default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class LevelDef:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: Optional[int] = None
    legal: bool = False


@dataclass
class NumDef:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, LevelDef] = field(default_factory=dict)


@dataclass
class StyleInfo:
    based_on: Optional[str] = None
    num_id: Optional[str] = None
    ilvl: Optional[int] = None
    outline: Optional[int] = None
    centered: Optional[bool] = None
    title: bool = False


class Numbering:
    """Word's numbering definitions and the running counters that render labels."""

    def __init__(self, root: Optional[etree._Element], styles: "Styles"):
        self.abstracts: dict[str, dict[int, LevelDef]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, NumDef] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        self._styles = styles
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId", "")
            self.abstracts[aid] = {_int(lvl.get(W + "ilvl"), 0): _level(lvl)
                                   for lvl in abstract.iter(W + "lvl")}
            link = _val(abstract.find(W + "numStyleLink"))
            if link:
                self.style_links[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId", "")
            definition = NumDef(abstract=_val(num.find(W + "abstractNumId"), "") or "")
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = override.find(W + "startOverride")
                if start is not None:
                    definition.starts[ilvl] = _int(_val(start), 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    definition.levels[ilvl] = _level(lvl)
            self.nums[nid] = definition

    def _abstract_levels(self, num: NumDef) -> tuple[str, dict[int, LevelDef]]:
        aid = num.abstract
        # A numStyleLink points at a style whose numbering holds the real definition.
        link = self.style_links.get(aid)
        linked = self._styles.own(link) if link else None
        if linked is not None and linked.num_id in self.nums:
            aid = self.nums[linked.num_id].abstract  # type: ignore[index]
        return aid, self.abstracts.get(aid, {})

    def render(self, num_id: str, ilvl: int) -> Optional[str]:
        """Advance the counter of (list, level) and return the label as Word shows it."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid, levels = self._abstract_levels(num)
        levels = {**levels, **num.levels}
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if (num_id, ilvl) not in self._started and ilvl in num.starts:
            counters[ilvl] = num.starts[ilvl] - 1
        self._started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, definition in levels.items():
            if deeper > ilvl:
                restart_after = definition.restart if definition.restart is not None else deeper
                if ilvl < restart_after:
                    counters.pop(deeper, None)
        if level.fmt == "bullet":
            return level.text or None

        def substitute(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            ref = levels.get(index, LevelDef())
            value = counters.get(index, ref.start)
            fmt = "decimal" if (level.legal and ref.fmt != "none") else ref.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", substitute, level.text) or None


def _level(lvl: etree._Element) -> LevelDef:
    restart = lvl.find(W + "lvlRestart")
    return LevelDef(
        fmt=_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
        text=_val(lvl.find(W + "lvlText"), "") or "",
        start=_int(_val(lvl.find(W + "start")), 1),
        restart=_int(_val(restart), 0) if restart is not None else None,
        legal=lvl.find(W + "isLgl") is not None and _val(lvl.find(W + "isLgl"), "1") not in ("0", "false"),
    )


_STYLE_START = re.compile(rb'<w:style\b[^>]*?w:styleId="([^"]+)"')


class Styles:
    """Paragraph styles, resolved on first use along their basedOn chain.

    A styles part can hold hundreds of definitions (350 KB in Word's default template) of which a
    document uses a handful; each style is parsed from the raw part only when first asked for.
    """

    def __init__(self, raw: Optional[bytes]):
        self._raw = raw or b""
        self._spans: dict[str, tuple[int, int]] = {}
        self._parsed: dict[str, Optional[etree._Element]] = {}
        self._resolved: dict[Optional[str], StyleInfo] = {}
        for match in _STYLE_START.finditer(self._raw):
            end = self._raw.find(b"</w:style>", match.end())
            if end < 0:
                continue
            self._spans.setdefault(match.group(1).decode("utf-8", "replace"), (match.start(), end + len(b"</w:style>")))

    def _element(self, style_id: str) -> Optional[etree._Element]:
        if style_id not in self._parsed:
            span = self._spans.get(style_id)
            element = None
            if span:
                fragment = (b'<w:styles xmlns:w="' + W_NS.encode() + b'">' + self._raw[span[0]:span[1]]
                            + b"</w:styles>")
                try:
                    style = etree.fromstring(fragment, _XML_PARSER)[0]
                    if style.get(W + "type") in (None, "paragraph"):
                        element = style
                except (etree.XMLSyntaxError, IndexError):
                    element = None
            self._parsed[style_id] = element
        return self._parsed[style_id]

    def own(self, style_id: str) -> Optional[StyleInfo]:
        """The style's own properties, without what it inherits."""
        element = self._element(style_id)
        return None if element is None else _style_info(element)

    def resolved(self, style_id: Optional[str]) -> StyleInfo:
        """Properties of a style with inheritance applied (the nearest definition wins)."""
        if style_id in self._resolved:
            return self._resolved[style_id]
        result = StyleInfo()
        seen: set[str] = set()
        current = style_id
        while current and current not in seen:
            seen.add(current)
            info = self.own(current)
            if info is None:
                break
            if result.num_id is None and info.num_id is not None:
                result.num_id, result.ilvl = info.num_id, info.ilvl
            if result.outline is None:
                result.outline = info.outline
            if result.centered is None:
                result.centered = info.centered
            result.title = result.title or info.title
            current = info.based_on
        self._resolved[style_id] = result
        return result


def _style_info(style: etree._Element) -> StyleInfo:
    info = StyleInfo(based_on=_val(style.find(W + "basedOn")))
    name = (_val(style.find(W + "name"), "") or "").lower()
    heading = re.match(r"^(heading|标题)\s*([1-9])$", name)
    if heading:
        info.outline = int(heading.group(2))
    info.title = name in ("title", "标题")
    ppr = style.find(W + "pPr")
    if ppr is not None:
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            info.num_id = _val(numpr.find(W + "numId"))
            ilvl = numpr.find(W + "ilvl")
            info.ilvl = _int(_val(ilvl), 0) if ilvl is not None else None
        outline = ppr.find(W + "outlineLvl")
        if outline is not None and _int(_val(outline), 9) < 9:
            info.outline = _int(_val(outline), 0) + 1
        jc = _val(ppr.find(W + "jc"))
        if jc is not None:
            info.centered = jc == "center"
    return info


class _Reader:
    def __init__(self, document: etree._Element, styles: "Styles",
                 numbering: Numbering, deadline: Deadline):
        self.document = document
        self.styles = styles
        self.numbering = numbering
        self.deadline = deadline
        self.paragraph_index = 0
        self.table_index = 0
        self.page = 1
        self.paged = False
        self.has_hidden = False
        self.blocks: list[RawBlock] = []

    def read(self) -> list[RawBlock]:
        body = self.document.find(W + "body")
        if body is None:
            raise DamagedFileError("文件已损坏：找不到正文（word/document.xml 中没有 body）")
        self.paged = any(True for _ in body.iter(W + "lastRenderedPageBreak")) or any(
            br.get(W + "type") == "page" for br in body.iter(W + "br"))
        self.has_hidden = any(True for _ in body.iter(W + "vanish"))
        self._children(body)
        if not self.paged:
            for block in self.blocks:
                block.location = block.location.model_copy(update={"page": None})
        return self.blocks

    def _children(self, parent: etree._Element) -> None:
        for child in parent:
            if child.tag == W + "p":
                self._paragraph(child)
            elif child.tag == W + "tbl":
                self._table(child)
            elif child.tag in _CONTAINERS:
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    self._children(content)

    # -- paragraphs ---------------------------------------------------------------------

    def _paragraph_props(self, p: etree._Element) -> tuple[Optional[str], Optional[int], Optional[int], bool, bool]:
        style_id = num_id = None
        ilvl = outline = None
        centered: Optional[bool] = None
        ppr = p.find(_PPR)
        # One pass over the paragraph properties; lxml's find per property costs more.
        for child in (ppr if ppr is not None else ()):
            tag = child.tag
            if tag == _PSTYLE:
                style_id = child.get(_VAL)
            elif tag == _NUMPR:
                for part in child:
                    if part.tag == _NUMID:
                        num_id = part.get(_VAL)
                    elif part.tag == _ILVL:
                        ilvl = _int(part.get(_VAL), 0)
            elif tag == _JC:
                centered = child.get(_VAL) == "center"
            elif tag == _OUTLINE:
                level = _int(child.get(_VAL), 9)
                outline = level + 1 if level < 9 else None
            elif tag == _PAGE_BREAK_BEFORE and self.paged:
                self.page += 1
        style = self.styles.resolved(style_id)
        if num_id is None and style.num_id is not None:
            num_id = style.num_id
            ilvl = style.ilvl if ilvl is None else ilvl
        if outline is None:
            outline = style.outline
        if centered is None:
            centered = style.centered
        title = style.title
        label = None
        if num_id and num_id != "0":
            label = self.numbering.render(num_id, ilvl or 0)
        return label, outline, ilvl, bool(centered), title

    def _text(self, element: etree._Element) -> tuple[str, list[etree._Element]]:
        """Visible text of a paragraph, and the text-box contents found inside it."""
        parts: list[str] = []
        boxes: list[etree._Element] = []
        stack = [element]
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag == W + "t":
                parts.append(node.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                if node.get(W + "type") == "page":
                    self.page += 1
                else:
                    parts.append("\n")
            elif tag == W + "lastRenderedPageBreak":
                self.page += 1
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "txbxContent":
                boxes.append(node)
            elif tag in _SKIP:
                continue
            elif tag == W + "r" and self.has_hidden and _hidden(node):
                continue
            if tag not in _SKIP and tag != W + "t":
                stack.extend(reversed(node))
        return "".join(parts), boxes

    def _paragraph(self, p: etree._Element) -> None:
        label, outline, _, centered, title = self._paragraph_props(p)
        page_before = self.page
        text, boxes = self._text(p)
        location = Location(paragraph=self.paragraph_index, page=page_before)
        self.paragraph_index += 1
        if text.strip():
            self.blocks.append(RawBlock(location=location, text=text, label=label,
                                        heading_level=outline, centered=centered,
                                        title_style=title))
        for box in boxes:
            for inner in box.iter(W + "p"):
                box_label, _, _, _, _ = self._paragraph_props(inner)
                box_text, _ = self._text(inner)
                if box_text.strip():
                    self.blocks.append(RawBlock(
                        location=location.model_copy(update={"region": "textbox"}),
                        text=box_text, label=box_label))

    # -- tables --------------------------------------------------------------------------

    def _cell_text(self, tc: etree._Element) -> str:
        lines = []
        for child in tc.iter(W + "p"):
            label, *_ = self._paragraph_props(child)
            text, _ = self._text(child)
            text = text.strip()
            if text:
                lines.append(f"{label}{text}" if label else text)
        return "\n".join(lines)

    def _table(self, tbl: etree._Element) -> None:
        self.deadline.check()
        index = self.table_index
        self.table_index += 1
        placed: list[list] = []
        open_cells: dict[int, list] = {}
        header_rows = 0
        counting_header = True
        rows = [tr for tr in tbl if tr.tag == W + "tr"]
        for r, tr in enumerate(rows):
            trpr = tr.find(W + "trPr")
            before = _int(_val(trpr.find(W + "gridBefore")), 0) if trpr is not None and trpr.find(W + "gridBefore") is not None else 0
            is_header = trpr is not None and trpr.find(W + "tblHeader") is not None and \
                _val(trpr.find(W + "tblHeader"), "1") not in ("0", "false")
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            col = before
            for tc in tr:
                if tc.tag != W + "tc":
                    continue
                tcpr = tc.find(W + "tcPr")
                span = 1
                vmerge = None
                if tcpr is not None:
                    span = max(1, _int(_val(tcpr.find(W + "gridSpan")), 1))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        vmerge = _val(vm, "continue")
                if vmerge == "continue" and col in open_cells:
                    open_cells[col][2] += 1
                else:
                    cell = [r, col, 1, span, self._cell_text(tc)]
                    placed.append(cell)
                    for c in range(col, col + span):
                        open_cells.pop(c, None)
                    if vmerge == "restart":
                        open_cells[col] = cell
                col += span
        grid = fill_grid([tuple(c) for c in placed], len(rows),
                         lambda row, column: Location(
                             table=index, row=row, column=column, page=self.page))
        if not grid:
            return
        table = Table(rows=grid, header_rows=header_rows or guess_header_rows(grid))
        self.blocks.append(RawBlock(
            location=Location(table=index, paragraph=self.paragraph_index, page=self.page),
            table=drop_repeated_headers(table)))


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and _val(vanish, "1") not in ("0", "false")


_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True)


def _xml(archive: zipfile.ZipFile, name: str) -> Optional[etree._Element]:
    raw = _raw_part(archive, name)
    if raw is None:
        return None
    try:
        return etree.fromstring(raw, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DamagedFileError(f"文件已损坏：部件“{name}”无法解析") from exc


def _raw_part(archive: zipfile.ZipFile, name: str) -> Optional[bytes]:
    """A part's bytes, refused if it declares a DTD; parsed later, piece by piece."""
    try:
        raw = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise DamagedFileError(f"文件已损坏：部件“{name}”无法解压") from exc
    refuse_dtd(name, raw)
    return raw


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type suffix → target part name, for the part at `part`."""
    folder, _, base = part.rpartition("/")
    rels = _xml(archive, f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
    found: dict[str, str] = {}
    if rels is None:
        return found
    for rel in rels.iter(_REL_NS + "Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(kind, target)
    return found


def read_docx(data: bytes, limits: Limits, deadline: Deadline) -> list[RawBlock]:
    """Raw blocks of a .docx (or .docm/.dotx) in reading order.

    Only the main document, its styles and its numbering are parsed — with the parser settings
    python-docx uses (no entity resolution, no network) — because loading every part of the
    package (theme, fonts, settings …) costs more than the rest of the reading put together.
    """
    check_package(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedFileError("文件已损坏：压缩结构无法读取") from exc
    with archive:
        main = _relationships(archive, "").get("officeDocument", "word/document.xml")
        document = _xml(archive, main)
        if document is None or document.tag != W + "document":
            raise DamagedFileError("文件已损坏：找不到 Word 正文部件（document.xml）")
        parts = _relationships(archive, main)
        styles = Styles(_raw_part(archive, parts["styles"]) if "styles" in parts else None)
        numbering = _xml(archive, parts["numbering"]) if "numbering" in parts else None
    reader = _Reader(document, styles, Numbering(numbering, styles), deadline)
    return reader.read()
