"""Old Word formats through LibreOffice, and the message when it is missing."""

import subprocess

import pytest
from builders import docx_bytes
from conftest import require

import docparse
from docparse import office

SPEC = [
    {"kind": "title", "text": "岚川县教育局党组整改方案"},
    {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "检查评比过多，基层学校迎检负担重。", "num": ("decimal", "（%2）", 1)},
    {"kind": "table", "rows": [["序号", "存在问题", "责任领导"], ["1", "检查多", "王××"],
                                ["2", "评比多", ""]], "merges": [(1, 2, 2, 2)]},
    {"kind": "sign", "lines": ["岚川县教育局党组", "2014年4月1日"]},
]


@pytest.fixture(scope="module")
def doc_bytes(tmp_path_factory):
    require(office.soffice_path() is not None, "LibreOffice")
    tmp = tmp_path_factory.mktemp("doc")
    (tmp / "plan.docx").write_bytes(docx_bytes(SPEC))
    subprocess.run([office.soffice_path(), "--headless", "--convert-to", "doc", "--outdir", str(tmp),
                    str(tmp / "plan.docx"), f"-env:UserInstallation={(tmp / 'profile').as_uri()}"],
                   check=True, capture_output=True, timeout=180)
    return (tmp / "plan.doc").read_bytes()


def test_doc_is_converted_and_keeps_numbering_and_merges(doc_bytes):
    document = docparse.parse(doc_bytes, filename="plan.doc")
    assert document.format == "doc"
    assert [(b.label, b.level, b.text) for b in document.blocks if b.label] == [
        ("一、", 1, "存在的主要问题"), ("（1）", 2, "检查评比过多，基层学校迎检负担重。")]
    table = next(b.table for b in document.blocks if b.table is not None)
    assert table.text_rows() == [["1", "检查多", "王××"], ["2", "评比多", "王××"]]


def test_a_relative_temporary_folder_still_converts(doc_bytes, tmp_path, monkeypatch):
    """`sifeng screen examples/ --out screen-out` points TMPDIR at a relative folder inside its output."""
    import tempfile

    monkeypatch.chdir(tmp_path)
    (tmp_path / "rel").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", "rel")
    document = docparse.parse(doc_bytes, filename="plan.doc")
    assert document.metadata.title == "岚川县教育局党组整改方案"


def test_wps_extension_is_read_the_same_way(doc_bytes):
    document = docparse.parse(doc_bytes, filename="计划.wps")
    assert document.format == "wps"
    assert document.metadata.title == "岚川县教育局党组整改方案"


def test_missing_libreoffice_is_a_clear_error(doc_bytes, monkeypatch):
    monkeypatch.setattr(office, "soffice_path", lambda: None)
    with pytest.raises(docparse.ConverterMissingError) as caught:
        docparse.parse(doc_bytes, filename="old.doc")
    message = str(caught.value)
    assert "old.doc" in message and "LibreOffice" in message and "apt-get install" in message


def test_encrypted_word_binary_is_refused_before_conversion(doc_bytes, monkeypatch):
    import olefile

    # Set fEncrypted in the FIB of the WordDocument stream.
    ole = olefile.OleFileIO(doc_bytes, write_mode=True)
    stream = bytearray(ole.openstream("WordDocument").read())
    stream[11] |= 0x01
    ole.write_stream("WordDocument", bytes(stream))
    data = ole.fp.getvalue()
    ole.close()
    monkeypatch.setattr(office, "convert_to_docx", lambda *a, **k: pytest.fail("converted"))
    with pytest.raises(docparse.EncryptedFileError):
        docparse.parse(data, filename="locked.doc")
