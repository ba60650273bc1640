"""OFD (GB/T 33190): packages built in code, laid out line by line as typesetting software writes
them, read into the same Document a PDF would give, and reviewed."""

import pytest

import docparse
from sifeng.review import review
from builders import ofd_bytes

SPEC = [
    {"kind": "title", "text": "中共青山县林业局党组\n党的群众路线教育实践活动整改方案"},
    {"kind": "para", "text": "为认真解决教育实践活动中查摆出来的“四风”突出问题，经局党组研究，制定本整改方案。"},
    {"kind": "heading", "label": "一、", "text": "存在的突出问题"},
    {"kind": "para", "label": "（一）", "text": "文山会海问题突出，全局性会议多、时间长，有的会议内容重复，以会议落实会议的现象依然存在。"},
    {"kind": "para", "label": "（二）", "text": "办理林木采伐许可证环节多、时间长，群众反映要跑四五趟才能办结，服务意识不强。"},
    {"kind": "para", "label": "（三）", "text": "公务接待超标准，陪餐人数多，有的接待在高档酒店安排。"},
    {"kind": "pagebreak"},
    {"kind": "heading", "label": "二、", "text": "整改措施"},
    {"kind": "para", "label": "1.", "text": "精简会议文件，全局性会议全年压缩三分之一以上（责任单位：办公室；完成时限：2014年12月底前）。"},
    {"kind": "para", "label": "2.", "text": "简化林木采伐许可审批，审批时限由15个工作日压缩到5个工作日（责任单位：资源林政股；完成时限：2014年10月底前）。"},
    {"kind": "para", "label": "3.", "text": "修订《青山县林业局公务接待管理办法》，陪餐人数不超过3人（责任单位：办公室；完成时限：2014年9月底前）。"},
    {"kind": "sign", "lines": ["中共青山县林业局党组", "2014年8月20日"]},
]


@pytest.fixture(scope="module")
def ofd():
    # A running header from the page template, on both pages.
    return ofd_bytes(SPEC, template_header="青山县林业局党组文件")


def test_ofd_is_sniffed_by_content_and_read_as_paragraphs(ofd):
    document = docparse.parse(ofd, filename="upload.bin")
    assert document.format == "ofd"
    texts = [f"{b.label or ''}{b.text}" for b in document.blocks]
    # Lines wrapped by the typesetter are rejoined into paragraphs, labels recognised.
    assert any(t.startswith("（一）文山会海问题突出") and t.endswith("依然存在。") for t in texts), texts
    assert "1.精简会议文件，全局性会议全年压缩三分之一以上（责任单位：办公室；完成时限：2014年12月底前）。" in texts
    assert document.metadata.title and "整改方案" in document.metadata.title
    assert document.metadata.date == "2014-08-20"
    assert document.metadata.pages == 2
    assert not any("党组文件" in b.text for b in document.blocks)


def test_ofd_submission_is_typed_and_its_items_found(ofd):
    result = review(ofd, filename="方案.ofd")
    assert result.doc_type == "整改方案"
    assert len(result.problems) == 3 and len(result.measures) == 3
    assert result.measures[0].owner.text == "办公室" and result.measures[0].deadline.due == "2014-12-31"


def test_ofd_ruled_table_becomes_rows():
    spec = [{"kind": "title", "text": "中共青山县林业局党组制度建设计划"},
            {"kind": "para", "text": "根据整改方案，局党组制定制度建设计划如下。"},
            {"kind": "table", "rows": [["序号", "制度名称", "类别", "责任单位", "完成时限"],
                                       ["1", "《公务接待管理办法》", "修订", "办公室", "2014年9月底前"],
                                       ["2", "《林木采伐许可限时办结制度》", "新建", "资源林政股", "2014年10月底前"]],
             "widths_mm": [14, 60, 18, 30, 32]}]
    document = docparse.parse(ofd_bytes(spec), filename="计划.ofd")
    tables = [b.table for b in document.blocks if b.table is not None]
    assert len(tables) == 1
    assert tables[0].header == ["序号", "制度名称", "类别", "责任单位", "完成时限"]
    assert tables[0].text_rows()[1] == ["2", "《林木采伐许可限时办结制度》", "新建", "资源林政股", "2014年10月底前"]


def test_table_header_left_at_the_foot_of_a_page_joins_its_body_on_the_next():
    # The filler pushes the table down a line at a time, so that for some length its header row is
    # the last thing on page 1 and its rows start page 2; for every length it is one table.
    rows = [["序号", "整改措施", "责任人", "完成时限"],
            ["1", "学院层面会议每月不超过2次，会议材料提前一天发给参会人员。", "党总支书记", "即日起"],
            ["2", "教研活动记录当次填写、当月归档。", "办公室主任", "2014年6月底前"]]
    split_seen = False
    for filler in range(20, 32):
        spec = [{"kind": "title", "text": "学院党总支整改清单"}]
        spec += [{"kind": "para", "text": f"第{n}段说明文字，用来把表格推到页脚附近。"} for n in range(filler)]
        spec += [{"kind": "heading", "label": "二、", "text": "整改清单"},
                 {"kind": "table", "rows": rows, "widths_mm": [14, 90, 26, 24]}]
        document = docparse.parse(ofd_bytes(spec), filename="清单.ofd")
        tables = [b.table for b in document.blocks if b.table is not None]
        assert len(tables) == 1, filler
        assert tables[0].header == rows[0], filler
        assert [r[2] for r in tables[0].text_rows()] == ["党总支书记", "办公室主任"], filler
        assert not any(b.text.startswith("序号整改措施") for b in document.blocks), filler
        split_seen |= tables[0].rows[0][0].location.page != tables[0].rows[1][0].location.page
    assert split_seen


def test_ofd_zip_bomb_and_dtd_are_refused():
    with pytest.raises(docparse.FileTooLargeError) as caught:
        docparse.parse(ofd_bytes(SPEC, bomb=True), filename="bomb.ofd")
    assert "bomb.ofd" in str(caught.value)
    with pytest.raises(docparse.DamagedFileError) as caught:
        docparse.parse(ofd_bytes(SPEC, dtd=True), filename="dtd.ofd")
    assert "DTD" in str(caught.value)


def test_ofd_without_its_document_is_a_clear_error():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'
                                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    with pytest.raises(docparse.DamagedFileError) as caught:
        docparse.parse(buffer.getvalue(), filename="残缺.ofd")
    assert "残缺.ofd" in str(caught.value) and "Doc_0/Document.xml" in str(caught.value)
