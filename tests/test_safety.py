"""Hostile and damaged inputs: every one ends quickly in a clear, typed Chinese error or in a
correct parse, never a stack trace or a hang."""

import io
import time
import zipfile

import pytest
from builders import docx_bytes, pdf_bytes

import docparse
from docparse import Limits

GOOD_DOCX = docx_bytes([{"kind": "para", "text": "正常的整改方案正文。"}])


def _rezip(data: bytes, replace: dict) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def _fails_with(error, data, filename="bad.docx", limits=None, within=5.0):
    start = time.monotonic()
    with pytest.raises(error) as caught:
        docparse.parse(data, filename=filename, limits=limits or docparse.DEFAULT_LIMITS)
    assert time.monotonic() - start < within
    message = str(caught.value)
    assert filename in message and "无法读取" in message
    return caught.value


def test_empty_file():
    _fails_with(docparse.EmptyFileError, b"", "empty.docx")
    _fails_with(docparse.EmptyFileError, b"  \r\n\t", "blank.txt")


def test_binary_garbage():
    import random

    rng = random.Random(1)
    garbage = bytes(rng.randrange(256) for _ in range(20000))
    err = _fails_with(docparse.UnsupportedFormatError, garbage, "garbage.bin")
    assert "无法识别" in err.reason


def test_truncated_docx():
    _fails_with(docparse.DamagedFileError, GOOD_DOCX[: len(GOOD_DOCX) // 2], "truncated.docx")


def test_truncated_pdf():
    data = pdf_bytes([{"kind": "para", "text": "被截断的PDF文件。" * 50}])
    with pytest.raises(docparse.ParseError):
        docparse.parse(data[: len(data) // 3], filename="truncated.pdf")


def test_zip_bomb_docx_is_refused_before_expansion():
    bomb = b"<w:t>" + b"A" * (60 * 1024 * 1024) + b"</w:t>"
    data = _rezip(GOOD_DOCX, {"word/media/padding.xml": bomb})
    assert len(data) < 1024 * 1024
    err = _fails_with(docparse.FileTooLargeError, data, "bomb.docx")
    assert "压缩炸弹" in err.reason


def test_too_many_unzipped_bytes():
    data = _rezip(GOOD_DOCX, {"word/media/big.bin": bytes(range(256)) * 8192})
    limits = Limits(max_unzipped_bytes=1024 * 1024)
    _fails_with(docparse.FileTooLargeError, data, "big.docx", limits=limits)


def test_entity_bomb_in_document_xml():
    source = zipfile.ZipFile(io.BytesIO(GOOD_DOCX)).read("word/document.xml")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10)) + b"]>")
    body = source.split(b"?>", 1)[1].replace(b"\xe6\xad\xa3", b"&lol9;", 1)
    err = _fails_with(docparse.DamagedFileError, _rezip(GOOD_DOCX, {"word/document.xml": laughs + body}),
                      "lol.docx")
    assert "DTD" in err.reason


def test_external_entity_is_refused():
    source = zipfile.ZipFile(io.BytesIO(GOOD_DOCX)).read("word/document.xml")
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    body = source.split(b"?>", 1)[1]
    _fails_with(docparse.DamagedFileError, _rezip(GOOD_DOCX, {"word/document.xml": xxe + body}), "xxe.docx")


def test_encrypted_ooxml_container():
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(GOOD_DOCX)).encrypt("secret", out)
    err = _fails_with(docparse.EncryptedFileError, out.getvalue(), "加密.docx")
    assert "密码" in err.reason
    assert msoffcrypto


def test_other_office_formats_are_named():
    data = _rezip(GOOD_DOCX, {})
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    err = _fails_with(docparse.UnsupportedFormatError, xlsx.getvalue(), "表格.xlsx")
    assert "Excel" in err.reason
    assert docparse.parse(data).blocks


def test_file_size_limit(tmp_path):
    path = tmp_path / "large.txt"
    path.write_bytes("整改方案正文。\n".encode() * 1000)
    with pytest.raises(docparse.FileTooLargeError) as caught:
        docparse.parse(path, limits=Limits(max_file_bytes=1000))
    assert "large.txt" in str(caught.value) and "MB" in caught.value.reason


def test_pdf_page_limit():
    data = pdf_bytes([{"kind": "para", "text": "多页文件。"}, {"kind": "pagebreak"},
                      {"kind": "para", "text": "第二页。"}, {"kind": "pagebreak"},
                      {"kind": "para", "text": "第三页。"}])
    err = _fails_with(docparse.FileTooLargeError, data, "long.pdf", limits=Limits(max_pdf_pages=2))
    assert "页" in err.reason


def test_time_budget_is_enforced():
    data = pdf_bytes([{"kind": "para", "text": "超时测试。" * 200}])
    _fails_with(docparse.ParseTimeoutError, data, "slow.pdf", limits=Limits(total_seconds=0))


def _cyclic_pdf() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"])


def test_cyclic_page_tree_ends_quickly():
    start = time.monotonic()
    with pytest.raises(docparse.ParseError):
        docparse.parse(_cyclic_pdf(), filename="cycle.pdf")
    assert time.monotonic() - start < 5


def test_mislabelled_extension_is_read_by_content():
    document = docparse.parse(GOOD_DOCX, filename="看起来像文本.txt")
    assert document.format == "docx"
    pdf = pdf_bytes([{"kind": "para", "text": "扩展名是 doc 的 PDF 文件。"}])
    assert docparse.parse(pdf, filename="实际是pdf.doc").format == "pdf"


def test_odd_file_names(tmp_path):
    for name in ("-开头是减号.docx", "空 格 与 emoji 😀.docx", "--help.docx"):
        path = tmp_path / name
        path.write_bytes(GOOD_DOCX)
        assert docparse.parse(path).blocks[0].text == "正常的整改方案正文。"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(docparse.ParseError) as caught:
        docparse.parse(tmp_path / "不存在.docx")
    assert "不存在.docx" in str(caught.value) and "文件不存在" in str(caught.value)
    with pytest.raises(docparse.ParseError) as caught:
        docparse.parse(tmp_path)
    assert "文件夹" in str(caught.value)


PLAN_TOP = "一、存在的问题\n会议多、文件多，调研多是听汇报、看材料。\n"
PLAN_REST = "二、整改措施\n压缩会议数量，全年会议减少三分之一，2014年6月底前完成。\n"


def test_scattered_nul_bytes_are_dropped_and_reported():
    data = (PLAN_TOP + PLAN_REST).encode()
    data = data[:12] + b"\x00" * 70 + data[12:]
    document = docparse.parse(data, filename="带空字符.txt")
    assert [b.text for b in document.blocks][:2] == ["存在的问题", "会议多、文件多，调研多是听汇报、看材料。"]
    assert "\x00" not in document.text
    assert any(n.code == "text_repaired" and "70 个空字符" in n.message for n in document.notices)


def test_half_gbk_half_utf8_text_is_decoded_line_by_line():
    data = PLAN_TOP.encode("gbk") + PLAN_REST.encode("utf-8")
    document = docparse.parse(data, filename="编码混杂.txt")
    assert "会议多、文件多，调研多是听汇报、看材料。" in document.text
    assert "2014年6月底前完成" in document.text
    assert any(n.code == "text_repaired" and "逐行解码" in n.message for n in document.notices)


def test_ten_thousand_nested_divs_keep_top_and_innermost_text():
    page = ("<!DOCTYPE html><html><head><title>整改方案</title></head><body>"
            "关于县农业局整改方案的说明：会议多、文件多，调研走过场，群众反映强烈。"
            + "<div>" * 10_000 + "整改措施：压缩会议数量，2014年6月底前完成。" + "</div>" * 10_000
            + "</body></html>").encode()
    start = time.monotonic()
    document = docparse.parse(page, filename="深层嵌套.html")
    assert time.monotonic() - start < 5
    assert "调研走过场，群众反映强烈" in document.text
    assert "压缩会议数量，2014年6月底前完成" in document.text


def _pdf(objects: list) -> bytes:
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, 2)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
              + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.mark.parametrize("kids", [b"[3 0 R 6 0 R]", b"[3 0 R 2 0 R]"])
def test_page_tree_that_contains_itself_is_read_once(kids):
    content = (b"BT /F1 12 Tf 72 720 Td (Plan of the county bureau) Tj 0 -20 Td "
               b"(Measures are listed below.) Tj ET")
    data = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids " + kids + b" /Count 3 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 5 0 R >> >> >>",
                 b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                 b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 2 >>"])
    document = docparse.parse(data, filename="页面树循环.pdf")
    assert document.text.count("Plan of the county bureau") == 1
    assert document.text.count("Measures are listed below.") == 1
    assert document.metadata.pages == 1
    assert any(n.code == "page_tree_repaired" for n in document.notices)
