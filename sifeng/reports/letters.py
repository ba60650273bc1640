"""Draft feedback letters (督导反馈意见, .docx) for flagged submissions: each issue found, with the
quoted evidence, where it is, and the requirement of the notices it falls short of — so that the
inspection group can “该指出的指出，该批评的批评，该纠正的纠正” (seed 002)."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing as mp
import os
import re
from concurrent.futures import ProcessPoolExecutor
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
    from ..batch import Batch, Entry


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
    # Named by the input name's hash: byte-identical copies under two names get two letters.
    return f"督导反馈意见_{safe}_{hashlib.sha256(entry.name.encode()).hexdigest()[:8]}.docx"


def _review_digest(entry: "Entry") -> str:
    return hashlib.sha256(json.dumps([entry.name, entry.review.model_dump(mode="json")], ensure_ascii=False,
                                     sort_keys=True).encode()).hexdigest()


def _write_one(job: tuple[Path, "Entry"]) -> None:
    path, entry = job
    write_atomic(path, letter_bytes(entry))


def write_letters(batch: "Batch", parallel_from: int = 40) -> Path:
    """A letter for each judged submission with flags; none for files that are not submissions,
    were not read, or whose structure was not recognised. A letter whose review is unchanged since
    the last run is kept; letters of this tool that no longer apply are removed."""
    folder = batch.out / "letters"
    folder.mkdir(exist_ok=True)
    ledger = folder / ".digests.json"
    try:
        old = json.loads(ledger.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    wanted: dict[str, str] = {}
    jobs = []
    for entry in batch.entries:
        if not entry.judged or not entry.review.flags:
            continue
        name, digest = _file_name(entry), _review_digest(entry)
        wanted[name] = digest
        if old.get(name) != digest or not (folder / name).exists():
            jobs.append((folder / name, entry))
    if len(jobs) >= parallel_from and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=mp.get_context("spawn")) as pool:
            list(pool.map(_write_one, jobs, chunksize=8))
    else:
        for job in jobs:
            _write_one(job)
    for stale in folder.glob("督导反馈意见_*.docx"):
        if stale.name not in wanted:
            stale.unlink()
    write_atomic(ledger, json.dumps(wanted, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return folder
