"""The PDF reader: Chinese paragraph joining, running headers, tables over page breaks,
completeness against pdfplumber, (cid:…) fonts, fake bold, scans and encryption."""

import difflib
import io
import re
from collections import Counter

import pdfplumber
import pytest
from builders import pdf_bytes, scanned_pdf_bytes
from cid_pdf import cid_pdf_bytes
from conftest import require
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import docparse
from docparse import ocr

PROSE = ("我们对照党章和中央八项规定精神，认真查摆了领导班子在形式主义、官僚主义、享乐主义和奢靡之风方面"
         "存在的突出问题，深刻剖析了产生问题的根源，逐条明确了整改措施、责任领导和完成时限。")
HEADER = ["序号", "存在问题", "整改措施", "责任领导", "完成时限"]


def plan_spec(rows=30):
    table = [HEADER] + [[str(i), f"问题{i}：部分会议议题重复，效率不高。", f"措施{i}：合并同类会议，控制规模。",
                         "王××" if i <= 15 else "李××", f"2014年{i % 9 + 1}月底前"] for i in range(1, rows + 1)]
    return [
        {"kind": "title", "text": "岚川县政务服务中心党组整改方案"},
        {"kind": "para", "text": PROSE},
        {"kind": "heading", "level": 1, "text": "一、存在的主要问题"},
        {"kind": "para", "text": "（一）形式主义方面。" + PROSE},
        {"kind": "para", "text": "1. 会议多。" + PROSE},
        {"kind": "table", "rows": table, "merges": [(1, 3, 3, 3)], "header_repeat": True},
        {"kind": "heading", "level": 1, "text": "二、整改措施"},
        {"kind": "para", "text": PROSE * 2},
        {"kind": "sign", "lines": ["岚川县政务服务中心党组", "2014年3月12日"]},
    ]


@pytest.fixture(scope="module")
def plan_pdf():
    return pdf_bytes(plan_spec(), header="党的群众路线教育实践活动文件")


@pytest.fixture(scope="module")
def plan(plan_pdf):
    return docparse.parse(plan_pdf, filename="plan.pdf")


def test_paragraphs_are_rejoined_without_spaces_or_breaks(plan):
    paragraphs = [b.text for b in plan.blocks if b.kind in ("paragraph", "list_item")]
    assert PROSE in paragraphs
    assert PROSE * 2 in paragraphs
    assert "形式主义方面。" + PROSE in paragraphs
    for text in paragraphs:
        assert "\n" not in text and not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text)


def test_outline_and_metadata(plan):
    assert [(b.label, b.level) for b in plan.blocks if b.label] == [
        ("一、", 1), ("（一）", 2), ("1.", 3), ("二、", 1)]
    assert plan.metadata.title == "岚川县政务服务中心党组整改方案"
    assert plan.metadata.unit == "岚川县政务服务中心党组"
    assert plan.metadata.date == "2014-03-12"
    assert plan.metadata.pages >= 3


def test_running_header_and_page_numbers_are_removed(plan):
    assert "党的群众路线教育实践活动文件" not in plan.text
    assert "—" not in plan.text


def test_table_continued_over_pages_is_one_table_without_repeated_headers(plan):
    tables = [b.table for b in plan.blocks if b.table is not None]
    assert len(tables) == 1
    table = tables[0]
    assert table.header == HEADER
    body = table.text_rows()
    assert [row[0] for row in body] == [str(i) for i in range(1, 31)]
    assert body[1][3] == "王××" and body[2][3] == "王××"
    assert body[29] == ["30", "问题30：部分会议议题重复，效率不高。", "措施30：合并同类会议，控制规模。", "李××",
                        "2014年4月底前"]
    pages = {row[0].location.page for row in table.body}
    assert len(pages) >= 2


def test_no_character_lost_against_pdfplumber(plan_pdf, plan):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        baseline = Counter(c for page in pdf.pages for c in page.extract_text() if not c.isspace())
    ours = Counter(c for c in plan.text if not c.isspace())
    # What we drop on purpose: the running header, page numbers, repeated table headers.
    pages = plan.metadata.pages
    expected_drop = Counter("党的群众路线教育实践活动文件" * pages) + Counter("——" * pages) \
        + Counter("".join(HEADER) * (pages - 2)) + Counter(str(i) for i in range(1, pages + 1))
    missing = baseline - ours
    assert missing - expected_drop == Counter()


def test_cid_font_text_is_recovered():
    lines = ["一、存在的主要问题：文山会海依然存在。", "二、整改措施：精简会议，2014年6月底前完成。"]
    data = cid_pdf_bytes(lines)
    document = docparse.parse(data, filename="cid.pdf")
    assert [f"{b.label}{b.text}" for b in document.blocks] == lines
    assert not document.notices


def test_unmappable_font_is_treated_like_a_scan(monkeypatch):
    monkeypatch.setattr("docparse.pdf.ocr_available", lambda: False)
    data = cid_pdf_bytes(["完全无法映射的字体文字内容。"], keep_cmap=False)
    document = docparse.parse(data, filename="broken-font.pdf")
    assert document.has_notice("needs_ocr")
    notice = document.notices[0]
    assert notice.pages == [1]
    assert "pip install rapidocr-onnxruntime" in notice.message
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in notice.message


def _fake_bold_pdf() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont("STSong-Light", 14)
    for dx, dy in ((0, 0), (0.3, 0), (0, 0.3)):
        c.drawString(72 + dx, 700 + dy, "一、存在的主要问题")
    c.drawString(72, 670, "会议多、文件多的问题仍然比较突出，需要认真加以整改。")
    c.save()
    return buffer.getvalue()


def test_fake_bold_duplicates_are_removed():
    document = docparse.parse(_fake_bold_pdf(), filename="bold.pdf")
    assert [(b.label, b.text) for b in document.blocks][0] == ("一、", "存在的主要问题")


def _encrypted(user: str, owner: str) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=StandardEncryption(user, owner, canPrint=1))
    c.setFont("STSong-Light", 14)
    c.drawString(72, 700, "加密文件中的整改措施正文内容。")
    c.save()
    return buffer.getvalue()


def test_owner_password_only_pdf_is_read():
    document = docparse.parse(_encrypted("", "owner-secret"), filename="locked.pdf")
    assert document.blocks[0].text == "加密文件中的整改措施正文内容。"


def test_user_password_pdf_is_a_clear_error():
    with pytest.raises(docparse.EncryptedFileError) as caught:
        docparse.parse(_encrypted("user-secret", "owner-secret"), filename="密码.pdf")
    assert "密码.pdf" in str(caught.value) and "密码" in caught.value.reason


SCAN_LINES = ["根据县委统一部署，我们认真查摆了领导班子在“四风”方面存在的突出问题。",
              "一、会议多、文件多，以会议落实会议的问题比较突出。"]


@pytest.fixture(scope="module")
def scan_pdf():
    return scanned_pdf_bytes(SCAN_LINES, title="青石镇党委整改方案", sign=["青石镇党委", "2014年3月10日"],
                             seal="中共青石镇委员会", dpi=200)


def test_scan_without_an_ocr_engine_reports_needs_ocr(monkeypatch, scan_pdf):
    monkeypatch.setattr("docparse.pdf.ocr_available", lambda: False)
    document = docparse.parse(scan_pdf, filename="scan.pdf")
    assert document.has_notice("needs_ocr")
    assert "未能识别文字" in document.notices[0].message


@pytest.mark.parametrize("engine, name", [("tesseract", "Tesseract"), ("rapidocr", "RapidOCR")])
def test_scan_is_ocrd(scan_pdf, monkeypatch, engine, name):
    available = {"tesseract": ocr.tesseract_available, "rapidocr": ocr.rapidocr_available}[engine]
    require(available(), engine)
    monkeypatch.setenv("SIFENG_OCR_ENGINE", engine)
    document = docparse.parse(scan_pdf, filename="scan.pdf")
    assert document.has_notice("needs_ocr")
    assert f"已用 {name}" in document.notices[0].message
    paragraphs = [b.text for b in document.blocks]
    # OCR may misread or drop a character or two; each line must come through as one paragraph.
    for line in SCAN_LINES:
        best = max(difflib.SequenceMatcher(None, line, p).ratio() for p in paragraphs)
        assert best >= 0.85, (line, paragraphs)
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", document.text)
    assert document.metadata.date == "2014-03-10"


def test_rapidocr_runs_with_the_network_blocked(scan_pdf, monkeypatch):
    """The PP-OCR models ship inside the wheel: a fresh engine loads and reads with no socket."""
    import socket

    require(ocr.rapidocr_available(), "rapidocr")

    def refuse(*args, **kwargs):
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("SIFENG_OCR_ENGINE", "rapidocr")
    ocr._rapid.cache_clear()
    document = docparse.parse(scan_pdf, filename="scan.pdf")
    assert "已用 RapidOCR" in document.notices[0].message
    assert any("会议多" in b.text for b in document.blocks)


TABLE_SPEC = [
    {"kind": "title", "text": "中共青山镇委员会整改问题清单"},
    {"kind": "para", "text": "镇党委对照检查查摆出的问题，逐项明确整改措施、责任人和完成时限，具体如下："},
    {"kind": "table", "rows": [["序号", "存在问题", "整改措施", "责任人", "完成时限"],
                               ["1", "会议多、文件多，以会议落实会议", "镇机关会议每月不超过2次，文件精简三分之一", "李××", "2014年6月底前"],
                               ["2", "办事群众排长队，窗口服务态度差", "便民服务中心实行首问负责和限时办结", "王××", "2014年5月底前"],
                               ["3", "公务接待超标准，陪餐人数多", "接待一律执行公函制度，陪餐不超过3人", "张××", "立即执行"]],
     "widths": [1.2, 4.5, 5.5, 1.8, 2.6]},
    {"kind": "sign", "lines": ["中共青山镇委员会", "2014年4月20日"]},
]


@pytest.mark.parametrize("condition", ["clean 200 dpi", "degraded 200 dpi (−2° skew, uneven light, noise, JPEG, seal)"])
def test_scanned_table_becomes_rows(condition, monkeypatch):
    """A ruled table in a scan is found in the image (after straightening) and its OCR'd text placed
    in its cells, as for a born-digital table."""
    from scripts.evaluate_ocr import CONDITIONS, scan_pdf_bytes

    require(ocr.rapidocr_available(), "rapidocr")
    monkeypatch.setenv("SIFENG_OCR_ENGINE", "rapidocr")
    document = docparse.parse(scan_pdf_bytes(pdf_bytes(TABLE_SPEC, page_numbers=False), CONDITIONS[condition]),
                              filename="清单扫描件.pdf")
    tables = [b.table for b in document.blocks if b.table is not None]
    assert len(tables) == 1, [b.text for b in document.blocks]
    assert tables[0].header == ["序号", "存在问题", "整改措施", "责任人", "完成时限"]
    rows = tables[0].text_rows()
    assert len(rows) == 3
    assert difflib.SequenceMatcher(None, rows[1][2], "便民服务中心实行首问负责和限时办结").ratio() >= 0.9
    assert rows[2][4] == "立即执行"


@pytest.mark.parametrize("condition", ["clean 200 dpi", "degraded 200 dpi (−2° skew, uneven light, noise, JPEG, seal)"])
def test_scanned_table_without_rulings_becomes_rows(condition, monkeypatch):
    """A table printed without rulings: the header of known column names, the white rivers between
    the columns and the spacing between rows give the cells (lines the detector ran across two
    cells are split at the gap)."""
    from scripts.evaluate_ocr import CONDITIONS, scan_pdf_bytes

    require(ocr.rapidocr_available(), "rapidocr")
    monkeypatch.setenv("SIFENG_OCR_ENGINE", "rapidocr")
    spec = [dict(block, borders=False) if block["kind"] == "table" else block for block in TABLE_SPEC]
    document = docparse.parse(scan_pdf_bytes(pdf_bytes(spec, page_numbers=False), CONDITIONS[condition]),
                              filename="无框清单.pdf")
    tables = [b.table for b in document.blocks if b.table is not None]
    assert len(tables) == 1
    assert tables[0].header == ["序号", "存在问题", "整改措施", "责任人", "完成时限"]
    rows = tables[0].text_rows()
    assert [r[1] for r in rows] == ["会议多、文件多，以会议落实会议", "办事群众排长队，窗口服务态度差", "公务接待超标准，陪餐人数多"]
    assert rows[1][2] == "便民服务中心实行首问负责和限时办结" and rows[2][4] == "立即执行"


def test_an_item_line_that_stops_short_is_not_a_centred_title():
    # OCR'd lines of a printed page: the first line of item (一) stops a few characters short of
    # the margin (proportional quotes), which makes it look symmetric; it still runs on.
    from docparse.layout import Margins, PositionedLine, shape_lines
    from docparse.text import paragraphs_from_lines

    margins = Margins(left=72, right=504, size=11.8, leading=19.2)
    lines = [
        PositionedLine("二、仍需整改的问题", 95, 205, 225, 237, 11.8, 1, ocr=True),
        PositionedLine("（一）存在问题：部分社区考核减下来后，职能部门又以“创建”“达标”名", 102, 473, 244, 256, 11.8, 1, ocr=True),
        PositionedLine("义向社区摊派台账，社区负担反弹。", 73, 266, 264, 276, 11.8, 1, ocr=True),
        PositionedLine("关于整改落实情况的报告", 220, 356, 300, 312, 11.8, 1, ocr=True),
    ]
    shaped = shape_lines(lines, margins)
    assert [line.centered for line in shaped] == [False, False, False, True]
    texts = [p.text for p in paragraphs_from_lines(shaped)]
    assert texts[1] == "（一）存在问题：部分社区考核减下来后，职能部门又以“创建”“达标”名义向社区摊派台账，社区负担反弹。"


def test_a_wrapped_centred_title_is_one_title():
    from docparse.model import Location
    from docparse.structure import RawBlock, build_document

    raws = [RawBlock(location=Location(page=1), text="县市场监管局“吃拿卡要、执法不公”问题专项整治方"),
            RawBlock(location=Location(page=1), text="案", centered=True),
            RawBlock(location=Location(page=1), text="一、突出问题"),
            RawBlock(location=Location(page=1), text="（一）个别执法人员到企业检查时接受吃请。")]
    doc = build_document(raws, fmt="pdf", source="a.pdf")
    assert doc.metadata.title == "县市场监管局“吃拿卡要、执法不公”问题专项整治方案"
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 0
