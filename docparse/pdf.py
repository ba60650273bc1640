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
from .layout import PositionedLine, chars_to_lines, dedupe_chars, measure, shape_lines, strip_running_lines
from .limits import Deadline, Limits
from .model import Location, Notice, Table
from .ocr import ENGINE_NAMES, OcrUnavailable, ocr_available, ocr_page_lines
from .structure import RawBlock
from .pdfium import PageContent, open_document, read_page
from .tables import (continues, fill_grid, guess_header_rows, merge_continuation, renumber,
                     renumber_columns)
from .text import clean, paragraphs_from_lines

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


def _junk_share(chars: list[dict]) -> float:
    return sum(1 for c in chars if _is_junk(c["text"])) / len(chars) if chars else 0.0


class _PlumberPages:
    """pdfminer through pdfplumber: the fallback for files PDFium refuses to open."""

    def __init__(self, data: bytes):
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
            self.count = len(self.pdf.pages)
        except PDFPasswordIncorrect as exc:
            raise EncryptedFileError() from exc
        except PDFEncryptionError as exc:
            raise EncryptedFileError("文件使用了不支持的加密方式，请去除密码后重新提交") from exc
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            raise DamagedFileError(f"文件已损坏：PDF 结构无法读取（{exc.__class__.__name__}）") from exc

    def content(self, index: int) -> PageContent:
        page = self.pdf.pages[index]
        try:
            chars = [{**c, "size": c.get("size", 10.0)} for c in page.chars]
            content = PageContent(width=float(page.width), height=float(page.height),
                                  chars=chars, edges=list(page.edges), images=len(page.images))
        except Exception as exc:
            raise DamagedFileError(f"文件已损坏：第{index + 1}页内容无法读取（{exc.__class__.__name__}）") from exc
        page.flush_cache()
        return content

    def close(self) -> None:
        self.pdf.close()


class _PdfiumPages:
    def __init__(self, document):
        self.document = document
        self.count = len(document)

    def content(self, index: int) -> PageContent:
        page = self.page(index)
        try:
            return read_page(page)
        finally:
            page.close()

    def page(self, index: int):
        import pypdfium2 as pdfium

        try:
            return self.document[index]
        except pdfium.PdfiumError as exc:
            raise DamagedFileError(f"文件已损坏：第{index + 1}页无法载入") from exc

    def close(self) -> None:
        self.document.close()


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return _PdfiumPages(open_document(data))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4:  # FPDF_ERR_PASSWORD: a user password is set
            raise EncryptedFileError() from exc
    return _PlumberPages(data)


def _find_tables(content: PageContent) -> list[list[tuple]]:
    """Cell boxes of ruled tables, by pdfplumber's lattice algorithm on the page's edges."""
    from pdfplumber import table as lattice
    from pdfplumber import utils

    edges = utils.filter_edges(content.edges, min_length=1)
    if len(edges) < 4:
        return []
    edges = lattice.merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3,
                                join_x_tolerance=3, join_y_tolerance=3)
    edges = utils.filter_edges(edges, min_length=3)
    cells = lattice.intersections_to_cells(lattice.edges_to_intersections(edges, 3, 3))
    return lattice.cells_to_tables(cells)


def _table_from(boxes: list[tuple], page_chars: list[dict], page_number: int) -> Optional[Table]:
    """A Table from cell boxes placed on the grid of the ruling lines they share."""
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
        text = clean("".join(l.text for l in lines))
        placed.append((r0, c0, max(1, r1 - r0), max(1, c1 - c0), text))
    grid = fill_grid(placed, max(1, len(ys) - 1),
                     lambda r, c: Location(page=page_number, row=r, column=c))
    # Grid lines that only bound merged cells leave empty logical rows and columns.
    grid = [row for row in grid if any(cell.span_of is None for cell in row)]
    if not grid:
        return None
    keep = [c for c in range(len(grid[0])) if any(row[c].span_of is None for row in grid)]
    grid = renumber(renumber_columns([[row[c] for c in keep] for row in grid]))
    return Table(rows=grid, header_rows=guess_header_rows(grid))


def read_pdf(data: bytes, limits: Limits, deadline: Deadline) -> tuple[list[RawBlock], list[Notice], int]:
    """Raw blocks, notices (needs_ocr) and page count of a PDF."""
    pages_source = _open(data)
    plumber: Optional[_PlumberPages] = None
    try:
        n_pages = pages_source.count
        if n_pages > limits.max_pdf_pages:
            raise FileTooLargeError(f"PDF 共 {n_pages} 页，超过上限 {limits.max_pdf_pages} 页")
        if n_pages == 0:
            raise DamagedFileError("PDF 中没有任何页面")
        pages: list[_Page] = []
        scanned: list[int] = []
        ocr_done: list[int] = []
        ocr_error: Optional[str] = None
        ocr_engines: list[str] = []
        seen_pages: set[int] = set()
        repeats = _PageRepeats(data, n_pages)
        for index in range(n_pages):
            deadline.check()
            number = index + 1
            try:
                content = pages_source.content(index)
            except DamagedFileError:
                if repeats.skip():
                    continue
                raise
            fingerprint = hash(tuple((c["text"], round(c["x0"]), round(c["top"])) for c in content.chars))
            if content.chars and fingerprint in seen_pages and repeats.skip():
                continue
            seen_pages.add(fingerprint)
            entry = _Page(number=number, height=content.height)
            pages.append(entry)
            chars = content.chars
            if _junk_share(chars) > 0.1 and isinstance(pages_source, _PdfiumPages):
                # pdfminer maps some fonts without ToUnicode through their embedded cmap
                # where PDFium gives raw codes; ask it before calling the page unreadable.
                plumber = plumber or _PlumberPages(data)
                alternative = plumber.content(index).chars
                if _junk_share(alternative) < _junk_share(chars):
                    chars = alternative
            unreadable = _junk_share(chars) > 0.1
            chars = [] if unreadable else dedupe_chars([c for c in chars if not _is_junk(c["text"])])
            if len(chars) < _MIN_CHARS:
                if not content.images and not unreadable and not chars:
                    continue
                scanned.append(number)
                if isinstance(pages_source, _PdfiumPages) and ocr_error is None \
                        and ocr_available():
                    try:
                        page = pages_source.page(index)
                        try:
                            lines, edges, engine = ocr_page_lines(page, number, limits, deadline)
                        finally:
                            page.close()
                        fill_ocr_page(entry, lines, edges, content.width, content.height)
                        ocr_done.append(number)
                        if engine not in ocr_engines:
                            ocr_engines.append(engine)
                    except OcrUnavailable as exc:
                        ocr_error = str(exc)
                continue
            fill_page(entry, content, chars)
    finally:
        pages_source.close()
        if plumber is not None:
            plumber.close()
    notices = _scan_notices(scanned, ocr_done, ocr_error, n_pages, ocr_engines)
    if repeats.skipped:
        notices.append(Notice(code="page_tree_repaired", message=(
            f"PDF 页面树中有循环或重复引用（声明 {n_pages} 页，实有 {repeats.unique} 页），重复的 {repeats.skipped} 页未重复读取")))
        n_pages -= repeats.skipped
    return _assemble(pages), notices, n_pages


class _PageRepeats:
    """A page tree that contains itself makes PDFium count (and return) one page object several
    times. When a page repeats an earlier one, or will not load, pdfminer's walk of the page
    tree (which visits each page object once) says how many pages there really are; pages beyond
    that are skipped rather than read twice or reported as damage."""

    def __init__(self, data: bytes, declared: int):
        self.data, self.declared, self.skipped = data, declared, 0
        self._unique: Optional[int] = None

    @property
    def unique(self) -> int:
        if self._unique is None:
            self._unique = _unique_page_count(self.data) or self.declared
        return self._unique

    def skip(self) -> bool:
        """Whether to skip the current page (a repeat, or one that will not load)."""
        if self.declared - self.skipped > self.unique:
            self.skipped += 1
            return True
        return False


def _unique_page_count(data: bytes) -> Optional[int]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return sum(1 for _ in PDFPage.create_pages(document))
    except Exception:  # a tree pdfminer cannot walk either: keep PDFium's count
        return None


def _scan_notices(scanned: list[int], ocr_done: list[int], ocr_error: Optional[str],
                  n_pages: int, engines: Optional[list[str]] = None) -> list[Notice]:
    if not scanned:
        return []
    pages = "、".join(str(p) for p in scanned)
    if ocr_done and len(ocr_done) == len(scanned):
        used = "、".join(ENGINE_NAMES.get(e, e) for e in engines or []) or "OCR"
        message = (f"第{pages}页没有可用的文字层（扫描件或字体无法映射），已用 {used} 中文识别（OCR）"
                   "取得文字，识别结果可能有错字，引用前请核对原件")
    else:
        reason = ocr_error or "本机没有可用的中文 OCR 引擎"
        message = (f"第{pages}页没有可用的文字层（扫描件或字体无法映射），未能识别文字：{reason}。"
                   "安装方法：pip install rapidocr-onnxruntime（模型随安装包提供），或 "
                   "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    return [Notice(code="needs_ocr", message=message, pages=scanned)]


def _worth_keeping(table: Optional[Table]) -> Optional[Table]:
    """A ruled table of two rows or more and two columns or more; or a lone row of column names
    (a header left at the foot of a page, its body on the next: kept to be continued)."""
    if table is None or len(table.rows[0]) < 2:
        return None
    if len(table.rows) >= 2:
        return table
    return Table(rows=table.rows, header_rows=1) if guess_header_rows(table.rows, alone=True) else None


def fill_page(entry: _Page, content: PageContent, chars: list[dict]) -> None:
    """A page's ruled tables (cells from the ruling lines, text by position) and its other text
    as lines. Shared by the PDF and OFD readers."""
    number = entry.number
    in_tables: set[int] = set()
    for boxes in _find_tables(content):
        x0 = min(b[0] for b in boxes)
        top = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        bottom = max(b[3] for b in boxes)
        inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                  and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        table = _table_from(boxes, inside, number)
        table = _worth_keeping(table)
        if table is None:
            continue
        entry.tables.append(_TableItem(table, top, bottom, number))
        in_tables.update(id(c) for c in inside)
    entry.lines = chars_to_lines([c for c in chars if id(c) not in in_tables], number)


def _pseudo_chars(line: PositionedLine) -> list[dict]:
    """An OCR'd line as characters spread over its box (ideographs full width, others half), so a
    line that crosses a cell border is split where the border is."""
    weights = [1.0 if ord(ch) > 0x2E7F else 0.5 for ch in line.text]
    total = sum(weights) or 1.0
    unit = (line.x1 - line.x0) / total
    chars, x = [], line.x0
    for ch, w in zip(line.text, weights):
        if not ch.isspace():
            chars.append({"text": ch, "x0": x, "x1": x + w * unit, "top": line.top, "bottom": line.bottom,
                          "size": line.size})
        x += w * unit
    return chars


def fill_ocr_page(entry: _Page, lines: list[PositionedLine], edges: list[dict], width: float,
                  height: float) -> None:
    """An OCR'd page: ruled tables found in the image become tables (the OCR'd text placed in
    their cells by position), the other lines stay lines."""
    used: set[int] = set()
    if edges:
        for boxes in _find_tables(PageContent(width=width, height=height, chars=[], edges=edges, images=1)):
            x0 = min(b[0] for b in boxes)
            top = min(b[1] for b in boxes)
            x1 = max(b[2] for b in boxes)
            bottom = max(b[3] for b in boxes)
            inside = [k for k, l in enumerate(lines) if k not in used
                      and x0 <= (l.x0 + l.x1) / 2 <= x1 and top <= (l.top + l.bottom) / 2 <= bottom]
            chars = [c for k in inside for c in _pseudo_chars(lines[k])]
            table = _table_from(boxes, chars, entry.number)
            table = _worth_keeping(table)
            if table is None:
                continue
            entry.tables.append(_TableItem(table, top, bottom, entry.number))
            used.update(inside)
    from .imagetables import borderless_table

    # A table without rulings is looked for among the lines cut at their wide gaps.
    expanded, owner = [], []
    for k in range(len(lines)):
        if k in used:
            continue
        for piece in lines[k].pieces or [lines[k]]:
            expanded.append(piece)
            owner.append(k)
    found = borderless_table(expanded, entry.number)
    if found is not None:
        table, top, bottom, taken = found
        entry.tables.append(_TableItem(table, top, bottom, entry.number))
        used.update(owner[i] for i in taken)
    entry.lines = [l for k, l in enumerate(lines) if k not in used]


def assemble(pages: list[_Page]) -> list[RawBlock]:
    return _assemble(pages)


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
