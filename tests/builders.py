"""Build the office documents sifeng reads, in memory, for tests and for ``examples/``.

Every builder is a pure function that returns the file's bytes, so tests construct their fixtures
in code instead of committing opaque binaries, and ``scripts/make_examples.py`` renders the example
submissions from readable sources.

:func:`docx_bytes` and :func:`pdf_bytes` take a *spec*: a list of block dicts, each with a ``kind``.

===============  =================================================================================
kind             keys
===============  =================================================================================
``title``        ``text``; a ``"\\n"`` splits it over several centred lines, as long titles are
``subtitle``     ``text``: a centred line under the title (author line, ``（2014年3月10日）``)
``heading``      ``text``, ``level`` (1–5, picks the font); optional ``num``, ``list``, ``style``
``para``         ``text``; optional ``num``, ``list``, ``indent``
``table``        ``rows`` (the first row is the header); optional ``merges``, ``header_repeat``,
                 ``widths`` (column widths in cm)
``pagebreak``    —
``sign``         ``lines``: the 落款 (unit, date), right-aligned after some space
``textbox``      ``text``: a floating VML text box (DOCX only)
===============  =================================================================================

``num`` is ``(numFmt, lvlText, ilvl)`` and makes the paragraph a Word automatic-numbering item: the
label lives in ``numbering.xml`` and is *not* part of the paragraph text. ``lvlText`` is written as
Word writes it: ``%1`` is the level-0 counter and ``%2`` the level-1 counter, so a second-level
``（一）`` is ``("chineseCounting", "（%2）", 1)``. Items sharing a ``list`` key (default ``"1"``)
share one ``w:num``; a deeper level restarts after every item of a shallower one. A later ``list``
whose levels agree with an earlier one's (none defined differently) shares its ``w:abstractNum``
and restarts at 1 through ``w:lvlOverride/w:startOverride`` — the way Word records “restart
numbering”; a list with a conflicting level gets an ``w:abstractNum`` of its own.
Typed labels (documents numbered by hand) are simply part of ``text``.

``text`` is a string or a list of segments (DOCX only beyond plain text): ``{"text": s}``,
``{"ins": s}`` (tracked insertion), ``{"del": s}`` (tracked deletion, stored as ``w:delText``),
``{"footnote": s}`` (a footnote reference here, with note text ``s``) and
``{"comment": c, "text": s}`` (``s`` in the body, annotated with comment ``c``).

``indent`` is ``"format"`` (default: a two-character first-line indent in the paragraph
properties), ``"spaces"`` (two full-width spaces U+3000 typed before the text) or ``None``.

``merges`` lists inclusive rectangles ``(row0, col0, row1, col1)``; the text of the top-left cell
fills the merged cell (``w:vMerge`` restart/continue down, ``w:gridSpan`` across; ``SPAN`` in PDF).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import random
import re
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

Block = Mapping[str, Any]

# Fixed timestamps keep regenerated files byte-identical, so examples/ does not churn in git.
DEFAULT_TIME = dt.datetime(2014, 3, 1, 9, 0, 0)

FULL_WIDTH_SPACE = "\u3000"

# ---------------------------------------------------------------------------------------------
# Numbering labels
# ---------------------------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

NUM_FORMATS = (
    "decimal",
    "decimalFullWidth",
    "decimalEnclosedCircle",
    "lowerLetter",
    "upperLetter",
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
)


def _chinese_under_100(n: int) -> str:
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def format_number(num_fmt: str, n: int) -> str:
    """Render counter ``n`` in Word number format ``num_fmt`` as Word displays it.

    ``chineseCounting`` is limited to 1–9 and ``ideographTraditional`` to 1–10 (甲…癸): Word and
    LibreOffice disagree on how ``chineseCounting`` writes 10 and above, so a fixture that needs
    longer Chinese lists should use ``chineseCountingThousand`` (十, 十一, 二十…, up to 99).
    """
    if n < 1:
        raise ValueError(f"counter must be positive, got {n}")
    if num_fmt == "decimal":
        return str(n)
    if num_fmt == "decimalFullWidth":
        return str(n).translate(_FULL_WIDTH_DIGITS)
    if num_fmt == "decimalEnclosedCircle" and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if num_fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if num_fmt == "lowerLetter" else letter.upper()
    if num_fmt == "chineseCounting" and n < 10:
        return _CN_DIGITS[n]
    if num_fmt == "chineseCountingThousand" and n < 100:
        return _chinese_under_100(n)
    if num_fmt == "ideographTraditional" and n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    raise ValueError(f"cannot render {n} in numFmt {num_fmt!r}")


def render_label(lvl_text: str, counters: Sequence[int], num_fmts: Sequence[str]) -> str:
    """Expand a Word ``lvlText``: ``%k`` becomes ``counters[k-1]`` written in ``num_fmts[k-1]``."""

    def expand(match: re.Match[str]) -> str:
        k = int(match[1]) - 1
        return format_number(num_fmts[k], counters[k])

    return re.sub(r"%([1-9])", expand, lvl_text)


def chinese_date(day: dt.date) -> str:
    """Write a date the way a 落款 does: ``2014-03-10`` → ``二〇一四年三月十日``."""
    year = "".join(_CN_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{_chinese_under_100(day.month)}月{_chinese_under_100(day.day)}日"


# ---------------------------------------------------------------------------------------------
# Segments (plain text with tracked changes, footnotes and comments)
# ---------------------------------------------------------------------------------------------


def _segments(text: str | Sequence[Mapping[str, str]]) -> list[Mapping[str, str]]:
    return [{"text": text}] if isinstance(text, str) else list(text)


def plain_text(text: str | Sequence[Mapping[str, str]]) -> str:
    """The text a reader sees with all tracked changes accepted (insertions kept, deletions and
    footnote/comment bodies left out)."""
    return "".join(seg.get("text", seg.get("ins", "")) for seg in _segments(text))


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

_FONT_TITLE = "方正小标宋简体"
_FONT_BODY = "仿宋_GB2312"
_FONT_LATIN = "Times New Roman"
_HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: _FONT_BODY, 4: _FONT_BODY, 5: _FONT_BODY}
_BODY_PT = 16  # 三号, the size of 党政机关公文 body text
_INDENT_TWIPS = 2 * _BODY_PT * 20
_AUTHOR = "Administrator"
_VML_NS = "urn:schemas-microsoft-com:vml"


class _DocxWriter:
    """Holds the per-document state (numbering, revision and footnote ids) while blocks are added."""

    def __init__(self, created: dt.datetime) -> None:
        self.doc = Document()
        self.created = created
        self._revision_id = 100
        self._footnotes: Any = None
        self._footnote_id = 0
        self._numbering = self.doc.part.numbering_part.element
        self._next_abstract = 1 + max(
            int(el.get(qn("w:abstractNumId"))) for el in self._numbering.findall(qn("w:abstractNum"))
        )
        self._next_num = 1 + max(int(el.get(qn("w:numId"))) for el in self._numbering.findall(qn("w:num")))
        self._num_by_list: dict[str, int] = {}
        self._setup_page_and_styles()

    # -- document setup ------------------------------------------------------------------------

    def _setup_page_and_styles(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(_BODY_PT)
        normal.font.name = _FONT_LATIN
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT_BODY)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.paragraph_format.line_spacing = Pt(28)
        normal.paragraph_format.space_after = Pt(0)
        props = self.doc.core_properties
        props.author = props.last_modified_by = _AUTHOR
        props.comments = ""
        props.created = props.modified = self.created
        props.revision = 1

    def set_header(self, text: str) -> None:
        paragraph = self.doc.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _style_run(paragraph.add_run(text), "宋体", 10.5)
        border = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
        )
        paragraph._p.get_or_add_pPr().append(border)

    def set_page_number_footer(self) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _style_run(paragraph.add_run("— "), "宋体", 14)
        field = parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
            "<w:t>1</w:t></w:r></w:fldSimple>"
        )
        paragraph._p.append(field)
        _style_run(paragraph.add_run(" —"), "宋体", 14)

    # -- numbering -----------------------------------------------------------------------------

    def define_lists(self, lists: Mapping[str, Mapping[int, tuple[str, str]]]) -> None:
        """Write the ``w:abstractNum``/``w:num`` definitions for the lists a spec uses.

        Lists are taken in order of first use. A list whose levels agree with an earlier list's
        (no level defined differently) joins that list's ``w:abstractNum`` and gets its own
        ``w:num`` with ``w:startOverride``, which is how Word stores “restart numbering”.
        """
        groups: list[dict[int, tuple[str, str]]] = []
        group_of: dict[str, int] = {}
        for key, levels in lists.items():
            for index, group in enumerate(groups):
                if all(group.get(ilvl, definition) == definition for ilvl, definition in levels.items()):
                    group.update(levels)
                    group_of[key] = index
                    break
            else:
                groups.append(dict(levels))
                group_of[key] = len(groups) - 1
        abstract_ids = [self._add_abstract_num(group) for group in groups]
        started: set[int] = set()
        for key, index in group_of.items():
            restart = index in started
            started.add(index)
            overrides = "".join(
                f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="1"/></w:lvlOverride>'
                for ilvl in sorted(groups[index])
            )
            self._numbering.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{self._next_num}">'
                    f'<w:abstractNumId w:val="{abstract_ids[index]}"/>{overrides if restart else ""}</w:num>'
                )
            )
            self._num_by_list[key] = self._next_num
            self._next_num += 1

    def _add_abstract_num(self, levels: Mapping[int, tuple[str, str]]) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        lvls = []
        for ilvl in range(9):
            fmt, text = levels.get(ilvl, ("decimal", f"%{ilvl + 1}."))
            if fmt not in NUM_FORMATS:
                raise ValueError(f"unsupported numFmt {fmt!r}")
            lvls.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:suff w:val="nothing"/><w:lvlText w:val="{html.escape(text, quote=True)}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{_INDENT_TWIPS}"/></w:pPr></w:lvl>'
            )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{0x5F3A0000 + abstract_id:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f"{''.join(lvls)}</w:abstractNum>"
        )
        # abstractNum elements must all precede the num elements (CT_Numbering sequence order)
        self._numbering.findall(qn("w:num"))[0].addprevious(abstract)
        return abstract_id

    # -- inline content ------------------------------------------------------------------------

    def add_segments(
        self,
        paragraph: Paragraph,
        text: str | Sequence[Mapping[str, str]],
        font: str | None,
        size: float | None,
        bold: bool = False,
    ) -> None:
        for seg in _segments(text):
            if "comment" in seg:
                run = paragraph.add_run(seg["text"])
                _style_run(run, font, size, bold)
                comment = self.doc.add_comment(run, text=seg["comment"], author="督导组", initials="DDZ")
                comment._comment_elm.date = self.created  # python-docx stamps the current time
            elif "ins" in seg or "del" in seg:
                self._add_revision(paragraph, seg, font, size, bold)
            elif "footnote" in seg:
                self._add_footnote(paragraph, seg["footnote"])
            else:
                _style_run(paragraph.add_run(seg["text"]), font, size, bold)

    def _add_revision(
        self, paragraph: Paragraph, seg: Mapping[str, str], font: str | None, size: float | None, bold: bool
    ) -> None:
        tag = "ins" if "ins" in seg else "del"
        run = paragraph.add_run(seg[tag])
        _style_run(run, font, size, bold)
        if tag == "del":
            t = run._r.find(qn("w:t"))
            del_text = OxmlElement("w:delText")
            del_text.set(qn("xml:space"), "preserve")
            del_text.text = t.text
            t.addprevious(del_text)
            run._r.remove(t)
        wrapper = OxmlElement(f"w:{tag}")
        wrapper.set(qn("w:id"), str(self._revision_id))
        wrapper.set(qn("w:author"), _AUTHOR)
        wrapper.set(qn("w:date"), self.created.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self._revision_id += 1
        run._r.addprevious(wrapper)
        wrapper.append(run._r)

    def _add_footnote(self, paragraph: Paragraph, note: str) -> None:
        if self._footnotes is None:
            element = parse_xml(
                f"<w:footnotes {nsdecls('w')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                "</w:r></w:p></w:footnote></w:footnotes>"
            )
            part = self.doc.part
            self._footnotes = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, part.package)
            part.relate_to(self._footnotes, RT.FOOTNOTES)
        self._footnote_id += 1
        fid = self._footnote_id
        self._footnotes.element.append(
            parse_xml(
                f'<w:footnote {nsdecls("w")} w:id="{fid}"><w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/>'
                '</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {html.escape(note)}</w:t></w:r>'
                "</w:p></w:footnote>"
            )
        )
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{fid}"/></w:r>'
            )
        )

    # -- blocks --------------------------------------------------------------------------------

    def add_block(self, block: Block) -> None:
        kind = block["kind"]
        if kind == "title":
            for line in block["text"].split("\n"):
                paragraph = self.doc.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.line_spacing = Pt(36)
                _style_run(paragraph.add_run(line), _FONT_TITLE, 22)
        elif kind == "subtitle":
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _style_run(paragraph.add_run(block["text"]), "楷体_GB2312", _BODY_PT)
        elif kind in ("heading", "para"):
            self._add_text_block(block)
        elif kind == "table":
            self._add_table(block)
        elif kind == "pagebreak":
            self.doc.add_page_break()
        elif kind == "sign":
            self.doc.add_paragraph()
            self.doc.add_paragraph()
            for line in block["lines"]:
                paragraph = self.doc.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.right_indent = Pt(4 * _BODY_PT)
                _style_run(paragraph.add_run(line), None, None)
        elif kind == "textbox":
            self._add_textbox(block["text"])
        else:
            raise ValueError(f"unknown block kind {kind!r}")

    def _add_text_block(self, block: Block) -> None:
        is_heading = block["kind"] == "heading"
        level = int(block.get("level", 1))
        style = block.get("style") if is_heading else None
        paragraph = self.doc.add_paragraph(style=style)
        indent = block.get("indent", "format")
        num = block.get("num")
        if num is not None:
            ilvl = num[2]
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = self._num_by_list[str(block.get("list", "1"))]
        elif indent == "format":
            paragraph.paragraph_format.first_line_indent = Pt(2 * _BODY_PT)
        elif indent == "spaces":
            paragraph.add_run(FULL_WIDTH_SPACE * 2)
        if style:
            self.add_segments(paragraph, block["text"], None, None)
            return
        font = _HEADING_FONTS[level] if is_heading else None
        self.add_segments(paragraph, block["text"], font, None, bold=is_heading and level == 3)

    def _add_table(self, block: Block) -> None:
        rows: Sequence[Sequence[str]] = block["rows"]
        ncols = len(rows[0])
        if any(len(row) != ncols for row in rows):
            raise ValueError("every table row must have the same number of cells")
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        covered = _covered_cells(block.get("merges", ()))
        for r0, c0, r1, c1 in block.get("merges", ()):
            table.cell(r0, c0).merge(table.cell(r1, c1))
        widths = block.get("widths")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in covered:
                    continue
                cell = table.cell(r, c)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.line_spacing = Pt(18)
                if r == 0 or len(str(value)) <= 8:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _style_run(paragraph.add_run(str(value)), "黑体" if r == 0 else None, 12)
        if widths:
            # Word reads the cell widths (w:tcW), LibreOffice the grid (w:gridCol): set both
            table.autofit = False
            for c, width in enumerate(widths):
                table.columns[c].width = Cm(width)
            for row in table.rows:
                for c, width in enumerate(widths):
                    row.cells[c].width = Cm(width)
        if block.get("header_repeat", False):
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def _add_textbox(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")} xmlns:v="{_VML_NS}"><w:pict>'
                '<v:shape id="TextBox1" type="#_x0000_t202" style="position:absolute;margin-left:330pt;'
                'margin-top:-10pt;width:120pt;height:30pt;z-index:1" strokecolor="black">'
                '<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
                f'<w:rFonts w:eastAsia="黑体"/><w:sz w:val="24"/></w:rPr><w:t>{html.escape(text)}</w:t></w:r></w:p>'
                "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
            )
        )


def _style_run(run: Any, font: str | None, size: float | None, bold: bool = False) -> None:
    if font is not None:
        run.font.name = _FONT_LATIN
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True


def _covered_cells(merges: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    """Grid positions hidden by a merge (every cell of a merge rectangle but its top-left)."""
    covered = set()
    for r0, c0, r1, c1 in merges:
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    return covered


def _list_levels(spec: Sequence[Block]) -> dict[str, dict[int, tuple[str, str]]]:
    """Collect, per ``list`` key, the level definitions its numbered blocks use."""
    lists: dict[str, dict[int, tuple[str, str]]] = {}
    for block in spec:
        if block.get("num") is None:
            continue
        fmt, text, ilvl = block["num"]
        levels = lists.setdefault(str(block.get("list", "1")), {})
        if levels.setdefault(ilvl, (fmt, text)) != (fmt, text):
            raise ValueError(f"list {block.get('list', '1')!r} defines level {ilvl} twice differently")
    return lists


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with fixed member timestamps so identical input gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info))
    return out.getvalue()


def docx_bytes(
    spec: Sequence[Block],
    *,
    header: str | None = None,
    page_numbers: bool = False,
    created: dt.datetime = DEFAULT_TIME,
) -> bytes:
    """Build a .docx from ``spec`` (see the module docstring).

    ``header`` puts a running header line on every page; ``page_numbers`` adds a ``— N —`` PAGE
    field footer. ``created`` is written to the core properties and to tracked changes.
    """
    writer = _DocxWriter(created)
    if header:
        writer.set_header(header)
    if page_numbers:
        writer.set_page_number_footer()
    writer.define_lists(_list_levels(spec))
    for block in spec:
        writer.add_block(block)
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return _normalise_zip(buffer.getvalue(), created)


# ---------------------------------------------------------------------------------------------
# PDF with a text layer
# ---------------------------------------------------------------------------------------------

PDF_FONT = "STSong-Light"
_NO_LINE_START = frozenset("，。、；：？！）》」』”’…—%％·")
_NO_LINE_END = frozenset("（《「『“‘")


@lru_cache(maxsize=1)
def _register_pdf_font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    return PDF_FONT


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def break_lines(text: str, width: float, size: float, first_indent: float, measure: Any) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points.

    Chinese may break between any two characters, but a line must not start with closing
    punctuation nor end with opening punctuation, and runs of ASCII letters/digits (``2014``) stay
    together. ``measure(s, size)`` returns the width of ``s``; the first line is ``first_indent``
    narrower.
    """
    lines: list[str] = []
    start, n = 0, len(text)
    available = width - first_indent
    while start < n:
        end, used = start, 0.0
        while end < n and used + measure(text[end], size) <= available + 1e-6:
            used += measure(text[end], size)
            end += 1
        end = max(end, start + 1)
        if end < n:
            if text[end] in _NO_LINE_START and end - start > 1:
                end -= 1
            if text[end - 1] in _NO_LINE_END and end - start > 1:
                end -= 1
            word_start = end
            while word_start > start and _is_word_char(text[word_start - 1]) and _is_word_char(text[word_start]):
                word_start -= 1
            if word_start > start:
                end = word_start
        lines.append(text[start:end])
        start = end
        available = width
    return lines


class _CJKText(Flowable):
    """A paragraph wrapped at any character by measured width, first-line indent, justified."""

    def __init__(
        self,
        text: str,
        *,
        size: float,
        leading: float,
        first_indent: float = 0.0,
        align: str = "justify",
        space_before: float = 0.0,
        lines: list[str] | None = None,
        ends_paragraph: bool = True,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.leading = leading
        self.first_indent = first_indent
        self.align = align
        self.space_before = space_before
        self._preset = lines
        self._lines = lines
        self._wrapped_width: float | None = None
        self._ends_paragraph = ends_paragraph

    def _measure(self, s: str, size: float) -> float:
        return pdfmetrics.stringWidth(s, PDF_FONT, size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # lines handed over by split() were broken for this frame already and stay as they are
        if self._preset is None and avail_width != self._wrapped_width:
            self._lines = break_lines(self.text, avail_width, self.size, self.first_indent, self._measure)
            self._wrapped_width = avail_width
        self.width = avail_width
        self.height = self.space_before + len(self._lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int((avail_height - self.space_before) // self.leading)
        if fit < 1 or fit >= len(self._lines):
            return []
        head = _CJKText(
            self.text,
            size=self.size,
            leading=self.leading,
            first_indent=self.first_indent,
            align=self.align,
            space_before=self.space_before,
            lines=self._lines[:fit],
            ends_paragraph=False,
        )
        tail = _CJKText(
            self.text,
            size=self.size,
            leading=self.leading,
            align=self.align,
            lines=self._lines[fit:],
            ends_paragraph=self._ends_paragraph,
        )
        return [head, tail]

    def draw(self) -> None:
        assert self._lines is not None
        canvas = self.canv
        y = self.height - self.space_before - self.size
        for i, line in enumerate(self._lines):
            indent = self.first_indent if i == 0 else 0.0
            line_width = self._measure(line, self.size)
            room = self.width - indent - line_width
            last = i == len(self._lines) - 1 and self._ends_paragraph
            text_object = canvas.beginText()
            text_object.setFont(PDF_FONT, self.size)
            if self.align == "center":
                text_object.setTextOrigin(room / 2, y)
            elif self.align == "right":
                text_object.setTextOrigin(indent + room, y)
            else:
                text_object.setTextOrigin(indent, y)
            # Tc persists in the graphics state across text objects, so set it on every line
            justify = self.align == "justify" and not last and len(line) > 1
            text_object.setCharSpace(room / (len(line) - 1) if justify else 0)
            text_object.textOut(line)
            canvas.drawText(text_object)
            y -= self.leading


_PDF_BODY = 12.0
_PDF_LEADING = 21.0
_PDF_HEADING_SIZES = {1: 14.0, 2: 13.0, 3: 12.0, 4: 12.0, 5: 12.0}


def _pdf_flowables(block: Block, frame_width: float) -> list[Flowable]:
    kind = block["kind"]
    if block.get("num") is not None:
        raise ValueError("PDF has no automatic numbering: type the label into the text")
    if kind == "title":
        return [
            _CJKText(line, size=18, leading=28, align="center", space_before=6 if i == 0 else 0)
            for i, line in enumerate(block["text"].split("\n"))
        ] + [Spacer(1, 8)]
    if kind == "subtitle":
        return [_CJKText(block["text"], size=_PDF_BODY, leading=_PDF_LEADING, align="center"), Spacer(1, 6)]
    if kind in ("heading", "para"):
        is_heading = kind == "heading"
        size = _PDF_HEADING_SIZES[int(block.get("level", 1))] if is_heading else _PDF_BODY
        text = plain_text(block["text"])
        indent = block.get("indent", "format")
        if indent == "spaces":
            text = FULL_WIDTH_SPACE * 2 + text
        first_indent = 2 * size if indent == "format" else 0.0
        return [
            _CJKText(
                text,
                size=size,
                leading=_PDF_LEADING + (3 if is_heading else 0),
                first_indent=first_indent,
                space_before=4 if is_heading else 0,
            )
        ]
    if kind == "table":
        return [_pdf_table(block, frame_width), Spacer(1, 8)]
    if kind == "pagebreak":
        return [PageBreak()]
    if kind == "sign":
        return [Spacer(1, 2 * _PDF_LEADING)] + [
            _CJKText(line, size=_PDF_BODY, leading=_PDF_LEADING, align="right") for line in block["lines"]
        ]
    raise ValueError(f"block kind {kind!r} is not supported in PDF")


def _pdf_table(block: Block, frame_width: float) -> Table:
    rows: Sequence[Sequence[str]] = block["rows"]
    ncols = len(rows[0])
    widths = block.get("widths")
    col_widths = [w * 72 / 2.54 for w in widths] if widths else [frame_width / ncols] * ncols
    covered = _covered_cells(block.get("merges", ()))
    data = [
        [
            ""
            if (r, c) in covered
            else _CJKText(
                str(value), size=10, leading=14, align="center" if r == 0 or len(str(value)) <= 6 else "justify"
            )
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    style = [
        *([("GRID", (0, 0), (-1, -1), 0.6, colors.black)] if block.get("borders", True) else []),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        *([("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))] if block.get("borders", True) else []),
    ] + [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in block.get("merges", ())]
    return Table(
        data, colWidths=col_widths, repeatRows=1 if block.get("header_repeat", False) else 0, style=TableStyle(style)
    )


def pdf_bytes(spec: Sequence[Block], *, header: str | None = None, page_numbers: bool = True) -> bytes:
    """Build an A4 PDF with a real Chinese text layer (CID font ``STSong-Light``) from ``spec``.

    Paragraphs wrap at any character by measured width and are justified; tables are ruled
    (``GRID``) and, with ``header_repeat``, repeat their header row on every page they continue
    on. ``header`` is drawn at the top of every page and ``page_numbers`` puts ``— N —`` at the
    bottom. Labels must be typed into the text (PDF has no automatic numbering).
    """
    _register_pdf_font()
    buffer = io.BytesIO()
    margin = 72.0
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        invariant=True,
        title="",
        author=_AUTHOR,
        creator="Microsoft® Word 2010",
    )

    def decorate(canvas: Any, document: Any) -> None:
        width, height = A4
        canvas.saveState()
        if header:
            canvas.setFont(PDF_FONT, 9)
            canvas.drawCentredString(width / 2, height - 44, header)
            canvas.setLineWidth(0.5)
            canvas.line(margin, height - 50, width - margin, height - 50)
        if page_numbers:
            canvas.setFont(PDF_FONT, 10.5)
            canvas.drawCentredString(width / 2, 40, f"— {document.page} —")
        canvas.restoreState()

    story: list[Flowable] = []
    for block in spec:
        story.extend(_pdf_flowables(block, doc.width))
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Scanned PDF (image only)
# ---------------------------------------------------------------------------------------------

_CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
_SEAL_RED = (214, 32, 38)


@lru_cache(maxsize=1)
def find_cjk_font() -> str:
    """Path of a TrueType/OpenType font on this system that has Chinese glyphs.

    Raises ``FileNotFoundError`` when there is none (install ``fonts-wqy-zenhei``).
    """
    for candidate in _CJK_FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in sorted(listing.splitlines()):
        path = line.split(":")[0].strip()
        if path.lower().endswith((".ttf", ".ttc", ".otf")):
            return path
    raise FileNotFoundError("no CJK font found; install fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei)")


def _seal_image(diameter: int, text: str, font_path: str) -> Image.Image:
    """A round red official seal (公章): ring, unit name along the upper arc, star in the centre,
    drawn as white-background RGB so it can be multiplied onto a page like ink."""
    scale = 2  # draw large and shrink, for smooth edges
    size = diameter * scale
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(6, size // 40)
    draw.ellipse((ring // 2, ring // 2, size - ring // 2, size - ring // 2), outline=255, width=ring)
    centre = size / 2
    sweep = min(250.0, 22.0 * len(text))
    # characters as large as the arc allows, so long unit names do not overlap each other
    arc_per_char = (centre - ring - size * 0.09) * math.radians(sweep) / len(text)
    char_px = int(min(size * 0.13, arc_per_char * 0.95))
    font = ImageFont.truetype(font_path, char_px)
    radius = centre - ring - char_px * 0.75
    for i, ch in enumerate(text):
        # angle measured clockwise from the top of the seal
        angle = -sweep / 2 + sweep * (i + 0.5) / len(text)
        glyph = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(glyph).text((char_px, char_px), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC)
        rad = math.radians(angle - 90)
        x = centre + radius * math.cos(rad) - char_px
        y = centre + radius * math.sin(rad) - char_px
        mask.paste(255, (int(x), int(y)), glyph)
    star_r = size * 0.14
    points = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.4
        a = math.radians(-90 + 36 * k)
        points.append((centre + r * math.cos(a), centre + r * math.sin(a)))
    draw.polygon(points, fill=255)
    mask = mask.resize((diameter, diameter), Image.Resampling.LANCZOS)
    layer = Image.new("RGB", (diameter, diameter), "white")
    layer.paste(_SEAL_RED, (0, 0), mask.point(lambda v: int(v * 0.85)))
    return layer


def scanned_pdf_bytes(
    lines: Sequence[str],
    *,
    title: str | None = None,
    sign: Sequence[str] = (),
    seal: str | None = None,
    dpi: int = 200,
    skew_degrees: float = 0.35,
    seed: int = 7,
) -> bytes:
    """Render a document as a scanner would deliver it: page images in a PDF with no text layer.

    ``title`` is centred at the top (``"\\n"`` splits it); each element of ``lines`` is a paragraph,
    wrapped to the page with a two-character first-line indent. ``sign`` (the 落款) is right-aligned
    at the end and ``seal``, the unit name, is stamped over it as a red round seal. Text is black at ``dpi`` (≥ 200 keeps it
    OCR-able); the page is slightly skewed and speckled like a real scan, deterministically from
    ``seed``.
    """
    font_path = find_cjk_font()
    px = dpi / 72.0
    page_w, page_h = round(8.27 * dpi), round(11.69 * dpi)
    margin_x, margin_top, margin_bottom = round(2.7 / 2.54 * dpi), round(3.2 / 2.54 * dpi), round(3.0 / 2.54 * dpi)
    body_font = ImageFont.truetype(font_path, round(15 * px))
    title_font = ImageFont.truetype(font_path, round(21 * px))
    leading = round(27 * px)
    text_w = page_w - 2 * margin_x

    def measure(s: str, _size: float) -> float:
        return body_font.getlength(s)

    # every output line as (x, font, text, advance); pages are cut from this list below
    laid: list[tuple[int, ImageFont.FreeTypeFont, str, int]] = []
    if title:
        for line in title.split("\n"):
            laid.append(((page_w - round(title_font.getlength(line))) // 2, title_font, line, round(36 * px)))
        laid.append((0, body_font, "", leading // 2))
    indent = round(body_font.getlength(FULL_WIDTH_SPACE * 2))
    for paragraph in lines:
        for i, part in enumerate(break_lines(paragraph, text_w, 0, indent, measure)):
            laid.append((margin_x + (indent if i == 0 else 0), body_font, part, leading))
    first_sign_line = len(laid) + 1  # after the blank space that precedes the 落款
    if sign:
        laid.append((0, body_font, "", leading * 2))
    for line in sign:
        laid.append((page_w - margin_x - round(body_font.getlength(line)) - indent, body_font, line, leading))

    pages: list[Image.Image] = []
    sign_boxes: dict[int, list[tuple[int, int, int, int]]] = {}
    page = draw = None
    y = page_h
    for index, (x, font, text, step) in enumerate(laid):
        if page is None or y + step > page_h - margin_bottom:
            page = Image.new("RGB", (page_w, page_h), "white")
            draw = ImageDraw.Draw(page)
            pages.append(page)
            y = margin_top
        assert draw is not None
        if text:
            draw.text((x, y), text, font=font, fill=(0, 0, 0))
            if index >= first_sign_line:
                width = round(font.getlength(text))
                sign_boxes.setdefault(len(pages) - 1, []).append((x, y, x + width, y + step))
        y += step

    if seal and sign_boxes:
        page_no, boxes = max(sign_boxes.items())
        diameter = round(4.2 / 2.54 * dpi)
        cx = (min(b[0] for b in boxes) + max(b[2] for b in boxes)) // 2
        cy = (min(b[1] for b in boxes) + max(b[3] for b in boxes)) // 2
        stamp = _seal_image(diameter, seal, font_path)
        target = pages[page_no]
        box = (cx - diameter // 2, cy - diameter // 2)
        region = target.crop((box[0], box[1], box[0] + diameter, box[1] + diameter))
        target.paste(ImageChops.multiply(region, stamp), box)

    rng = random.Random(seed)
    scans = []
    for page in pages:
        speckle = ImageDraw.Draw(page)
        for _ in range(60):
            sx, sy = rng.randrange(page_w), rng.randrange(page_h)
            shade = rng.randrange(120, 200)
            speckle.point((sx, sy), fill=(shade, shade, shade))
        angle = rng.uniform(-skew_degrees, skew_degrees)
        scans.append(page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255)))

    buffer = io.BytesIO()
    stamp_time = DEFAULT_TIME.timetuple()
    scans[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=scans[1:],
        resolution=float(dpi),
        quality=85,
        creationDate=stamp_time,
        modDate=stamp_time,
        producer="Scanner",
        title="",
    )
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# HTML and plain text
# ---------------------------------------------------------------------------------------------

_PY_CODEC = {"gb2312": "gbk", "gbk": "gbk", "gb18030": "gb18030"}


def html_bytes(
    title: str,
    paragraphs: Sequence[str],
    *,
    charset: str = "utf-8",
    site: str = "岚川县人民政府",
    column: str = "党的群众路线教育实践活动",
    published: str = "2014-04-20 09:30",
    source: str = "县委办",
    sign: Sequence[str] = (),
) -> bytes:
    """A page as saved from a government web site (“网页，全部”): ``<meta charset>``, scripts and
    styles, navigation bar, breadcrumb, the article in ``<div class="article">`` (title, publish
    line, one ``<p>`` per paragraph, right-aligned ``sign`` lines), share buttons and a footer with
    版权所有 / ICP备案号 / 联系我们.

    ``charset`` is declared in the page and used to encode it; ``gb2312`` is encoded as GBK, as the
    sites that declare it actually do.
    """
    esc = html.escape
    body = "\n".join(f'<p style="text-indent:2em;">{esc(p)}</p>' for p in paragraphs)
    signature = "\n".join(f'<p style="text-align:right;">{esc(line)}</p>' for line in sign)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="keywords" content="{esc(column)},整改方案" />
<title>{esc(title)}_{esc(site)}</title>
<link href="/images/style.css" rel="stylesheet" type="text/css" />
<style type="text/css">
body {{ margin:0; font-family:"宋体"; font-size:12px; background:#f2f2f2; }}
.nav li {{ float:left; list-style:none; padding:0 18px; line-height:36px; }}
.article {{ width:920px; margin:0 auto; background:#fff; padding:30px 40px; }}
.article h1 {{ font-size:22px; color:#c00; text-align:center; }}
.article .info {{ text-align:center; color:#666; border-bottom:1px dashed #ccc; }}
.article p {{ font-size:16px; line-height:30px; }}
</style>
<script type="text/javascript">
var _siteId = "lcx";
function setFontSize(size) {{ document.getElementById("zoom").style.fontSize = size + "px"; }}
</script>
</head>
<body>
<div class="top"><img src="/images/banner.jpg" alt="{esc(site)}" /><span>{esc(site)}门户网站</span></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zxfw/">在线服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/qzlx/">{esc(column)}</a></li>
</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/qzlx/">{esc(column)}</a></div>
<div class="article">
<h1>{esc(title)}</h1>
<div class="info">发布时间：{esc(published)}&nbsp;&nbsp;来源：{esc(source)}&nbsp;&nbsp;浏览次数：<script type="text/javascript">document.write(Math.floor(Math.random()*900)+100);</script>&nbsp;&nbsp;【字体：<a href="javascript:setFontSize(18)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a>】</div>
<div class="TRS_Editor" id="zoom">
{body}
{signature}
</div>
<div class="share">分享到：<a href="#" class="weibo">新浪微博</a> <a href="#" class="qzone">QQ空间</a> <a href="#" class="weixin">微信</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
<p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/sitemap/">网站地图</a></p>
<p>版权所有：{esc(site)}办公室&nbsp;&nbsp;地址：岚川县人民路1号&nbsp;&nbsp;ICP备案号：岚ICP备05001234号</p>
<p>建议使用1024×768分辨率 IE7.0以上版本浏览</p>
</div>
</body>
</html>
"""
    return page.replace("\n", "\r\n").encode(_PY_CODEC.get(charset.lower(), charset), errors="xmlcharrefreplace")


def txt_bytes(text: str, encoding: str = "gb18030", newline: str = "\r\n") -> bytes:
    """Encode ``text`` as an OA system exports it: legacy Chinese encoding and CRLF line ends."""
    return text.replace("\r\n", "\n").replace("\n", newline).encode(encoding)


__all__ = [
    "DEFAULT_TIME",
    "FULL_WIDTH_SPACE",
    "NUM_FORMATS",
    "break_lines",
    "chinese_date",
    "docx_bytes",
    "find_cjk_font",
    "format_number",
    "html_bytes",
    "pdf_bytes",
    "plain_text",
    "render_label",
    "scanned_pdf_bytes",
    "txt_bytes",
]


# -- OFD ------------------------------------------------------------------------------------


def _ofd_width(ch: str, size: float) -> float:
    return size if ord(ch) > 0x2E7F else size * 0.5


def _ofd_wrap(text: str, width: float, size: float, indent: float) -> list[tuple[float, str]]:
    """Lines of a paragraph as a typesetter breaks them: (x offset, text)."""
    lines, line, used, first = [], "", indent, True
    for ch in text:
        w = _ofd_width(ch, size)
        if used + w > width and line:
            lines.append((indent if first else 0.0, line))
            line, used, first = "", 0.0, False
        line += ch
        used += w
    if line:
        lines.append((indent if first else 0.0, line))
    return lines


def ofd_bytes(spec: Sequence[Block], *, size: float = 5.6, template_header: str | None = None,
              bomb: bool = False, dtd: bool = False) -> bytes:
    """An OFD package (GB/T 33190) laid out line by line, as typesetting software writes one: every
    visual line is a TextObject whose TextCode gives each character's advance in DeltaX (with the
    “g N v” shorthand), tables are ruled with PathObjects, an optional template carries a running
    header. Page A4, margins 28 mm (left/right) and 37 mm (top), sizes in millimetres.

    `bomb` adds a member that expands 1,000-fold; `dtd` puts an entity declaration in a page."""
    left, right, top, bottom_limit = 28.0, 182.0, 37.0, 262.0
    pages: list[list[str]] = [[]]
    y = top
    ids = iter(range(10, 10_000_000))

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = top

    def text_line(x: float, baseline: float, text: str, font_size: float) -> None:
        widths = [_ofd_width(ch, font_size) for ch in text[:-1]]
        if widths and all(w == widths[0] for w in widths):
            delta = f"g {len(widths)} {widths[0]:g}"
        else:
            delta = " ".join(f"{w:g}" for w in widths)
        width = sum(widths) + (_ofd_width(text[-1], font_size) if text else 0)
        pages[-1].append(
            f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.2f} {baseline - font_size:.2f} {width + 1:.2f} '
            f'{font_size * 1.3:.2f}" Font="3" Size="{font_size:g}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{font_size:.2f}" DeltaX="{delta}">{_xml_escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>")

    def paragraph(text: str, *, indent: float, font_size: float, centered: bool = False, align_right=False) -> None:
        nonlocal y
        leading = font_size * (1.3 if centered else 1.6)
        for offset, line in _ofd_wrap(text, right - left, font_size, indent):
            if y + leading > bottom_limit:
                new_page()
            y += leading
            width = sum(_ofd_width(ch, font_size) for ch in line)
            x = left + offset
            if centered:
                x = left + (right - left - width) / 2
            elif align_right:
                x = right - width - 2 * font_size
            text_line(x, y, line, font_size)

    for block in spec:
        kind = block["kind"]
        if kind == "title":
            for part in filter(None, str(block["text"]).split("\n")):
                # A title too long for one line is broken into balanced centred lines.
                per_line = int((right - left) / (size * 1.4)) - 2
                count = -(-len(part) // per_line)
                step = -(-len(part) // count)
                for k in range(0, len(part), step):
                    paragraph(part[k:k + step], indent=0, font_size=size * 1.4, centered=True)  # 二号 over 三号
            y += size
        elif kind == "subtitle":
            paragraph(plain_text(block["text"]), indent=0, font_size=size, centered=True)
            y += size * 0.5
        elif kind == "heading":
            label = block.get("label", "")
            paragraph(label + plain_text(block["text"]), indent=2 * size, font_size=size)
        elif kind == "para":
            label = block.get("label", "")
            paragraph(label + plain_text(block["text"]), indent=2 * size, font_size=size)
        elif kind == "sign":
            y += size * 2
            for line in block["lines"]:
                paragraph(line, indent=0, font_size=size, align_right=True)
        elif kind == "pagebreak":
            new_page()
        elif kind == "table":
            rows = block["rows"]
            widths = block.get("widths_mm") or ([10 * w for w in block["widths"]] if block.get("widths")
                                                else [(right - left) / len(rows[0])] * len(rows[0]))
            if sum(widths) > right - left:
                widths = [w * (right - left) / sum(widths) for w in widths]
            xs = [left]
            for w in widths:
                xs.append(xs[-1] + w)
            cell_size = size * 0.8
            for row in rows:
                cell_lines = [_ofd_wrap(plain_text(cell) if not isinstance(cell, str) else cell, w - 2, cell_size, 0)
                              for cell, w in zip(row, widths)]
                height = max(1, max(len(c) for c in cell_lines)) * cell_size * 1.5 + 2
                if y + height > bottom_limit:
                    new_page()
                row_top = y
                for c, lines in enumerate(cell_lines):
                    baseline = row_top + 1
                    for _, line in lines:
                        baseline += cell_size * 1.5
                        text_line(xs[c] + 1, baseline, line, cell_size)
                path = " ".join([f"M {xs[0]:.2f} {row_top:.2f} L {xs[-1]:.2f} {row_top:.2f}",
                                 f"M {xs[0]:.2f} {row_top + height:.2f} L {xs[-1]:.2f} {row_top + height:.2f}"]
                                + [f"M {x:.2f} {row_top:.2f} L {x:.2f} {row_top + height:.2f}" for x in xs])
                pages[-1].append(f'<ofd:PathObject ID="{next(ids)}" Boundary="0 0 210 297" LineWidth="0.25">'
                                 f"<ofd:AbbreviatedData>{path}</ofd:AbbreviatedData></ofd:PathObject>")
                y = row_top + height
            y += size
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    files: dict[str, bytes] = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody>'
                    "<ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Creator>sifeng tests</ofd:Creator></ofd:DocInfo>"
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").encode(),
        "Doc_0/PublicRes.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
                                '<ofd:Font ID="3" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>').encode(),
    }
    template = ""
    if template_header:
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">'
            f'<ofd:TextObject ID="3" Boundary="28 12 150 6" Font="3" Size="3.5"><ofd:TextCode X="0" Y="3.5" '
            f'DeltaX="g {len(template_header) - 1} 3.5">{_xml_escape(template_header)}</ofd:TextCode></ofd:TextObject>'
            "</ofd:Layer></ofd:Content></ofd:Page>").encode()
        template = '<ofd:TemplatePage ID="1" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
    page_refs = []
    for index, objects in enumerate(pages):
        doctype = '<!DOCTYPE x [<!ENTITY a "aaaa">]>' if dtd and index == 0 else ""
        use_template = '<ofd:Template TemplateID="1" ZOrder="Background"/>' if template_header else ""
        files[f"Doc_0/Pages/Page_{index}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<ofd:Page {ns}>{use_template}<ofd:Content>'
            f'<ofd:Layer ID="{next(ids)}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>').encode()
        page_refs.append(f'<ofd:Page ID="{100 + index}" BaseLoc="Pages/Page_{index}/Content.xml"/>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID>'
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>"
        f"<ofd:Pages>{''.join(page_refs)}</ofd:Pages></ofd:Document>").encode()
    if bomb:
        files["Doc_0/Res/padding.bin"] = b"\0" * (40 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2014, 6, 30, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
