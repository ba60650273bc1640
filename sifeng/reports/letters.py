"""Draft feedback letters (督导反馈意见, .docx) for flagged submissions: each issue found, with the
quoted evidence, where it is, and the requirement of the notices it falls short of — so that the
inspection group can “该指出的指出，该批评的批评，该纠正的纠正” (seed 002)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from classifiers.resources import load_yaml
from docparse.numbering import int_to_cn

from . import write_atomic

if TYPE_CHECKING:
    from ..screen import Batch, Entry


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(15)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")


def _source_text(source: str) -> str:
    """“002_….txt：quote” → 上海市委…《…》：“quote”."""
    file, _, quote = source.partition("：")
    title = load_yaml("seeds.yaml")["seeds"].get(file, file)
    return f"{title}指出：“{quote}”"


def letter_bytes(entry: "Entry") -> bytes:
    review = entry.review
    document = Document()
    _font(document)
    unit = review.unit or review.author or entry.name
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"关于{unit}{review.doc_type or '材料'}的督导反馈意见")
    run.bold = True
    run.font.size = Pt(20)
    note = document.add_paragraph("（初稿，由 sifeng 生成，请督导组核实修改后使用）")
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{unit}：")
    document.add_paragraph(
        f"　　经审阅你单位报送的《{review.title or entry.name}》，现将发现的问题反馈如下。"
        "请对照有关要求认真研究，逐项修改完善后重新报送。")
    for index, flag in enumerate(review.flags, start=1):
        heading = document.add_paragraph()
        heading.add_run(f"{int_to_cn(index)}、{flag.name}").bold = True
        document.add_paragraph("　　" + flag.message)
        for evidence in flag.evidence[:8]:
            quote = evidence.text if len(evidence.text) <= 120 else evidence.text[:118] + "……"
            if not quote:
                continue
            extra = f"（{evidence.note}）" if evidence.note else ""
            document.add_paragraph(f"　　——{evidence.where}：“{quote}”{extra}")
        if len(flag.evidence) > 8:
            document.add_paragraph(f"　　——另有{len(flag.evidence) - 8}处，详见审查报告。")
        if flag.source:
            document.add_paragraph("　　依据：" + _source_text(flag.source))
    document.add_paragraph("")
    sign = document.add_paragraph("督导组")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = document.add_paragraph("　　年　　月　　日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _file_name(entry: "Entry") -> str:
    base = entry.review.unit or Path(entry.name.split("!")[-1]).stem
    safe = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", base).strip(" .")[:60] or "材料"
    return f"督导反馈意见_{safe}_{entry.sha256[:8]}.docx"


def write_letters(batch: "Batch") -> Path:
    folder = batch.out / "letters"
    folder.mkdir(exist_ok=True)
    for entry in batch.entries:
        if entry.failed or not entry.review.flags:
            continue
        write_atomic(folder / _file_name(entry), letter_bytes(entry))
    return folder
