"""report.xlsx: a summary row per submission with a column per flag, and sheets of problems,
measures, copies and unreadable files; frozen headers, filters and conditional formatting."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..flags import flag_specs
from . import write_atomic

if TYPE_CHECKING:
    from ..batch import Batch

SEVERITY_CN = {"high": "严重", "medium": "一般", "low": "轻微", "info": "提示"}
_FILLS = {"严重": "F8CBAD", "一般": "FFE699", "轻微": "DDEBF7"}
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_KIND_CN = {"date": "日期", "immediate": "立行立改", "long_term": "长期", "recurring": "周期"}
_OWNER_CN = {"person": "个人", "role": "职务", "department": "单位"}


def _sheet(book: Workbook, title: str, headers: list[str], widths: list[int]):
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    return sheet


def _finish(sheet) -> None:
    if sheet.max_row >= 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(1, sheet.max_row)}"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str) and len(cell.value) > 20)


def write_xlsx(batch: "Batch") -> Path:
    codes = [code for code in flag_specs()]
    book = Workbook()
    book.remove(book.active)

    summary = _sheet(book, "汇总", ["文件", "单位", "类型", "范围", "日期", "结论", "问题数", "措施数", "标记数"]
                     + [flag_specs()[c]["name"] for c in codes] + ["照搬照抄对象", "总文字复制比", "单篇最大文字复制比"],
                     [40, 24, 14, 6, 12, 10, 8, 8, 8] + [12] * len(codes) + [30, 12, 12])
    for entry in batch.entries:
        r = entry.review
        by_code = {f.code: f for f in r.flags}
        summary.append([entry.name, r.unit or r.author or "", r.doc_type or "", r.scope or "", r.date or "",
                        r.verdict, len(r.problems), len(r.measures), len(r.flags)]
                       + [SEVERITY_CN.get(by_code[c].severity, "") if c in by_code else "" for c in codes]
                       + ["；".join(entry.duplicate_names), round(entry.copy_total, 3), round(entry.copy_max, 3)])
    flag_columns = f"J2:{get_column_letter(9 + len(codes))}{max(2, summary.max_row)}"
    for label, color in _FILLS.items():
        summary.conditional_formatting.add(flag_columns, CellIsRule(operator="equal", formula=[f'"{label}"'],
                                                                    fill=PatternFill("solid", fgColor=color)))
    summary.conditional_formatting.add(f"F2:F{max(2, summary.max_row)}", CellIsRule(
        operator="equal", formula=['"退回修改"'], fill=PatternFill("solid", fgColor="F8CBAD")))
    _finish(summary)

    problems = _sheet(book, "问题", ["文件", "单位", "序号", "问题", "四风标签", "聚焦", "说明", "位置"],
                      [36, 20, 6, 60, 20, 6, 36, 14])
    for entry in batch.entries:
        for p in entry.review.problems:
            problems.append([entry.name, entry.review.unit or "", p.id + 1, p.text, "、".join(p.labels),
                             "是" if p.focused else "否", p.focus_note or "", p.where])
    problems.conditional_formatting.add(f"F2:F{max(2, problems.max_row)}", CellIsRule(
        operator="equal", formula=['"否"'], fill=PatternFill("solid", fgColor="F8CBAD")))
    _finish(problems)

    measures = _sheet(book, "措施", ["文件", "单位", "序号", "整改措施", "时限", "时限类型", "到期日", "责任主体",
                                   "责任类型", "空洞程度", "空洞", "对应问题", "位置"],
                      [36, 20, 6, 60, 16, 10, 12, 18, 8, 10, 6, 8, 14])
    for entry in batch.entries:
        for m in entry.review.measures:
            measures.append([entry.name, entry.review.unit or "", m.id + 1, m.text,
                             m.deadline.text if m.deadline else "", _KIND_CN.get(m.deadline.kind, "") if m.deadline else "",
                             (m.deadline.due or "") if m.deadline else "", m.owner.text if m.owner else "",
                             _OWNER_CN.get(m.owner.kind, "") if m.owner else "", m.hollow_score,
                             "是" if m.hollow else "否", (m.problem + 1) if m.problem is not None else "", m.where])
    last = max(2, measures.max_row)
    measures.conditional_formatting.add(f"J2:J{last}", ColorScaleRule(start_type="num", start_value=0,
                                                                      start_color="C6EFCE", end_type="num",
                                                                      end_value=1, end_color="F8CBAD"))
    for column in ("E", "H"):
        measures.conditional_formatting.add(f"{column}2:{column}{last}", CellIsRule(
            operator="equal", formula=['""'], fill=PatternFill("solid", fgColor="FFE699")))
    _finish(measures)

    copies = _sheet(book, "照搬照抄", ["材料甲", "材料乙", "甲中重复比例", "乙中重复比例", "重复字数", "重复段落示例"],
                    [36, 36, 12, 12, 10, 80])
    names = {e.sha256: e.name for e in batch.entries}
    for pair in batch.pairs:
        copies.append([names.get(pair.a, pair.a), names.get(pair.b, pair.b), round(pair.share_a, 3),
                       round(pair.share_b, 3), pair.shared_chars,
                       "……".join(p.text[:60] for p in pair.passages[:3])])
    for row in copies.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "0%"
    _finish(copies)

    if batch.trackings:
        from ..tracking import LEDGER_HEADER, ledger_rows

        ledger = _sheet(book, "整改台账", ["自查报告"] + LEDGER_HEADER, [30, 22, 18, 50, 14, 12, 12, 60, 12, 30])
        for tracking in batch.trackings:
            for row in ledger_rows(tracking):
                ledger.append([tracking.report] + row)
        last = max(2, ledger.max_row)
        for label, color in (("报告未提及", "F8CBAD"), ("只有笼统表述", "FFE699"), ("逾期完成", "FCE4D6"),
                             ("正在推进", "DDEBF7")):
            ledger.conditional_formatting.add(f"G2:G{last}", CellIsRule(
                operator="equal", formula=[f'"{label}"'], fill=PatternFill("solid", fgColor=color)))
        _finish(ledger)

    failed = _sheet(book, "无法读取", ["文件", "原因"], [50, 80])
    for entry in batch.failed:
        failed.append([entry.name, entry.review.flags[0].evidence[0].text if entry.review.flags else ""])
    for problem in batch.input_problems:
        failed.append([problem.name, problem.reason])
    _finish(failed)

    buffer = io.BytesIO()
    book.save(buffer)
    path = batch.out / "report.xlsx"
    write_atomic(path, buffer.getvalue())
    return path
