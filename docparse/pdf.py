"""PDF: text joined into paragraphs the Chinese way, running headers and page numbers removed,
ruled tables turned into rows and merged across page breaks, fake-bold duplicates removed,
“(cid:…)” text recovered through PDFium, and pages without a usable text layer OCR'd or
reported."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Optional, Union

from .errors import DamagedFileError, EncryptedFileError, FileTooLargeError
from .layout import PositionedLine, chars_to_lines, measure, shape_lines, strip_running_lines
from .limits import Deadline, Limits
from .model import Location, Notice, Table
from .ocr import OcrUnavailable, ocr_page_lines, tesseract_available
from .structure import RawBlock
from .tables import continues, fill_grid, guess_header_rows, merge_continuation, renumber_columns
from .text import paragraphs_from_lines

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_MIN_CHARS = 8


@dataclass
class _TableItem:
    table: Table
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    height: float
    lines: list[PositionedLine] = field(default_factory=list)
    tables: list[_TableItem] = field(default_factory=list)


def _is_junk(text: str) -> bool:
    return text.startswith("(cid:") or text == "\ufffd" or (len(text) == 1 and (
        0xE000 <= ord(text) <= 0xF8FF or ord(text) < 32))


def _open_pdf(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree to be read, where damage shows
        return pdf
    except PDFPasswordIncorrect as exc:
        raise EncryptedFileError() from exc
    except PDFEncryptionError as exc:
        raise EncryptedFileError("文件使用了不支持的加密方式，请去除密码后重新提交") from exc
    except (PDFSyntaxError, PSException, KeyError, ValueError, TypeError, AttributeError,
            RecursionError, AssertionError, IndexError) as exc:
        raise DamagedFileError(f"文件已损坏：PDF 结构无法读取（{exc.__class__.__name__}）") from exc
    except Exception as exc:  # pdfminer raises bare Exception subclasses on some damage
        if "password" in str(exc).lower():
            raise EncryptedFileError() from exc
        raise DamagedFileError(f"文件已损坏：PDF 结构无法读取（{exc.__class__.__name__}）") from exc


def _pdfium_document(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None


def _pdfium_chars(page) -> list[dict]:
    """Characters with boxes as PDFium reads them, in pdfplumber's shape (top-left origin).

    PDFium maps glyphs to Unicode through the embedded font's own cmap when a PDF has no
    ToUnicode map, which recovers the text pdfminer reports as “(cid:…)”.
    """
    import pypdfium2.raw as raw

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        chars = []
        for index in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage.raw, index)
            if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13, 32, 0x2):
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            if right <= left and top <= bottom:
                continue
            chars.append({"text": chr(code), "x0": left, "x1": right,
                          "top": height - top, "bottom": height - bottom})
        return chars
    finally:
        textpage.close()


def _table_from(found, page_chars: list[dict], page_number: int) -> Optional[Table]:
    """A Table from a pdfplumber table: cell boxes placed on the grid of its ruling lines."""
    boxes = [c for c in found.cells if c]
    if not boxes:
        return None
    xs = sorted({round(b[0], 1) for b in boxes} | {round(b[2], 1) for b in boxes})
    ys = sorted({round(b[1], 1) for b in boxes} | {round(b[3], 1) for b in boxes})

    def index_of(values: list[float], value: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - value))

    texts: dict[tuple, list[dict]] = {tuple(b): [] for b in boxes}
    for ch in page_chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for b in boxes:
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                texts[tuple(b)].append(ch)
                break
    placed = []
    for b in boxes:
        r0, r1 = index_of(ys, round(b[1], 1)), index_of(ys, round(b[3], 1))
        c0, c1 = index_of(xs, round(b[0], 1)), index_of(xs, round(b[2], 1))
        lines = chars_to_lines(texts[tuple(b)], page_number)
        text = "".join(l.text for l in lines) if lines else ""
        placed.append((r0, c0, max(1, r1 - r0), max(1, c1 - c0), text))
    n_rows = max(1, len(ys) - 1)
    # Grid lines that only bound merged cells leave empty logical columns; drop those.
    grid = fill_grid(placed, n_rows, lambda r, c: Location(page=page_number, row=r, column=c))
    grid = [row for row in grid if any(cell.text or cell.span_of for cell in row)]
    if not grid:
        return None
    keep = [c for c in range(len(grid[0])) if any(
        row[c].span_of is None for row in grid) and any(row[c].text for row in grid)]
    grid = renumber_columns([[row[c] for c in keep] for row in grid])
    return Table(rows=grid, header_rows=guess_header_rows(grid))


def read_pdf(data: bytes, limits: Limits, deadline: Deadline,
             filename: Optional[str] = None) -> tuple[list[RawBlock], list[Notice], int]:
    """Raw blocks, notices (needs_ocr) and page count of a PDF."""
    pdf = _open_pdf(data)
    pdfium_doc = None
    try:
        n_pages = len(pdf.pages)
        if n_pages > limits.max_pdf_pages:
            raise FileTooLargeError(f"PDF 共 {n_pages} 页，超过上限 {limits.max_pdf_pages} 页")
        if n_pages == 0:
            raise DamagedFileError("PDF 中没有任何页面")
        pages: list[_Page] = []
        scanned: list[int] = []
        ocr_done: list[int] = []
        ocr_error: Optional[str] = None
        for number, page in enumerate(pdf.pages, start=1):
            deadline.check()
            entry = _Page(number=number, height=float(page.height))
            pages.append(entry)
            try:
                chars = page.dedupe_chars().chars
            except Exception as exc:  # pdfminer can fail on one damaged content stream
                raise DamagedFileError(f"文件已损坏：第{number}页内容无法读取（{exc.__class__.__name__}）") from exc
            junk = sum(1 for c in chars if _is_junk(c["text"]))
            if chars and junk > 0.1 * len(chars):
                pdfium_doc = pdfium_doc or _pdfium_document(data)
                chars = _pdfium_chars(pdfium_doc[number - 1]) if pdfium_doc is not None else []
                if sum(1 for c in chars if _is_junk(c["text"])) > 0.1 * max(1, len(chars)):
                    chars = []
            chars = [c for c in chars if not _is_junk(c["text"])]
            if len([c for c in chars if c["text"].strip()]) < _MIN_CHARS:
                if not page.images and not chars:
                    continue
                scanned.append(number)
                if tesseract_available() and ocr_error is None:
                    pdfium_doc = pdfium_doc or _pdfium_document(data)
                    if pdfium_doc is not None:
                        try:
                            entry.lines = ocr_page_lines(pdfium_doc[number - 1], number, limits, deadline)
                            ocr_done.append(number)
                        except OcrUnavailable as exc:
                            ocr_error = str(exc)
                continue
            table_chars: list[dict] = []
            if len(page.edges) >= 4:
                for found in page.find_tables():
                    x0, top, x1, bottom = found.bbox
                    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                              and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
                    table = _table_from(found, inside, number)
                    if table is None or len(table.rows) < 2 or len(table.rows[0]) < 2:
                        continue
                    entry.tables.append(_TableItem(table, top, bottom, number))
                    table_chars.extend(inside)
            ids = {id(c) for c in table_chars}
            entry.lines = chars_to_lines([c for c in chars if id(c) not in ids], number)
            page.flush_cache()
    finally:
        pdf.close()
        if pdfium_doc is not None:
            pdfium_doc.close()
    notices = _scan_notices(scanned, ocr_done, ocr_error, n_pages)
    return _assemble(pages), notices, n_pages


def _scan_notices(scanned: list[int], ocr_done: list[int], ocr_error: Optional[str],
                  n_pages: int) -> list[Notice]:
    if not scanned:
        return []
    pages = "、".join(str(p) for p in scanned)
    if ocr_done and len(ocr_done) == len(scanned):
        message = (f"第{pages}页没有可用的文字层（扫描件或字体无法映射），已用 Tesseract 中文识别（OCR）"
                   "取得文字，识别结果可能有错字，引用前请核对原件")
    else:
        reason = ocr_error or "本机未安装 Tesseract 中文识别（OCR）"
        message = (f"第{pages}页没有可用的文字层（扫描件或字体无法映射），未能识别文字：{reason}。"
                   "安装方法（Debian/Ubuntu）：sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    return [Notice(code="needs_ocr", message=message, pages=scanned)]


def _assemble(pages: list[_Page]) -> list[RawBlock]:
    """Running headers removed, lines shaped against the margins, paragraphs rejoined across
    page breaks, tables placed by position and merged when continued on the next page."""
    cleaned = strip_running_lines([p.lines for p in pages], [p.height for p in pages])
    margins = measure([line for lines in cleaned for line in lines])
    items: list[Union[PositionedLine, _TableItem]] = []
    for page, lines in zip(pages, cleaned):
        page_items: list[tuple[float, Union[PositionedLine, _TableItem]]] = \
            [(l.top, l) for l in lines] + [(t.top, t) for t in page.tables]
        items.extend(item for _, item in sorted(page_items, key=lambda pair: pair[0]))
    blocks: list[RawBlock] = []
    run: list[PositionedLine] = []
    table_count = 0

    def flush() -> None:
        for paragraph in paragraphs_from_lines(shape_lines(run, margins)):
            blocks.append(RawBlock(location=Location(page=paragraph.first.page),
                                   text=paragraph.text, centered=paragraph.centered))
        run.clear()

    last_table: Optional[RawBlock] = None
    last_page = 0
    for item in items:
        if isinstance(item, PositionedLine):
            run.append(item)
            last_table = None
            continue
        flush()
        if last_table is not None and last_table.table is not None and \
                item.page == last_page + 1 and continues(last_table.table, item.table):
            last_table.table = _relabel(merge_continuation(last_table.table, item.table),
                                        last_table.location.table or 0)
            last_page = item.page
            continue
        last_page = item.page
        table = _relabel(item.table, table_count)
        last_table = RawBlock(location=Location(page=item.page, table=table_count), table=table)
        blocks.append(last_table)
        table_count += 1
    flush()
    return blocks


def _relabel(table: Table, index: int) -> Table:
    rows = [[cell.model_copy(update={"location": cell.location.model_copy(update={"table": index})})
             for cell in row] for row in table.rows]
    return Table(rows=rows, header_rows=table.header_rows)
