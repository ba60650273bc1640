"""The .docx reader: automatic numbering, levels, merged cells, text boxes, tracked changes,
and what stays out of the body."""

import io
import zipfile

import pytest
from builders import docx_bytes

import docparse

L1 = ("chineseCounting", "%1、", 0)
L2 = ("chineseCounting", "（%2）", 1)
L3 = ("decimal", "%3.", 2)


def items(document):
    return [(b.label, b.level, b.text) for b in document.blocks if b.label]


def test_automatic_numbering_is_rendered_with_levels_and_restarts():
    spec = [
        {"kind": "title", "text": "中共岚川县委常委班子整改方案"},
        {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": L1},
        {"kind": "heading", "level": 2, "text": "形式主义方面", "num": L2},
        {"kind": "para", "text": "会议多、文件多，以会议落实会议。", "num": L3},
        {"kind": "para", "text": "调研走马观花，多是听汇报、看材料。", "num": L3},
        {"kind": "heading", "level": 2, "text": "官僚主义方面", "num": L2},
        {"kind": "para", "text": "窗口办事群众等候时间长。", "num": L3},
        {"kind": "heading", "level": 1, "text": "整改措施", "num": L1},
        {"kind": "heading", "level": 2, "text": "精简会议文件", "num": L2},
    ]
    document = docparse.parse(docx_bytes(spec), filename="plan.docx")
    assert items(document) == [
        ("一、", 1, "存在的主要问题"),
        ("（一）", 2, "形式主义方面"),
        ("1.", 3, "会议多、文件多，以会议落实会议。"),
        ("2.", 3, "调研走马观花，多是听汇报、看材料。"),
        ("（二）", 2, "官僚主义方面"),
        ("1.", 3, "窗口办事群众等候时间长。"),
        ("二、", 1, "整改措施"),
        ("（一）", 2, "精简会议文件"),
    ]
    # The label lives in numbering.xml, not in the paragraph text.
    assert all(not b.text.startswith(("一", "（", "1")) for b in document.blocks if b.label)
    kinds = {b.text: b.kind for b in document.blocks}
    assert kinds["存在的主要问题"] == "heading"
    assert kinds["会议多、文件多，以会议落实会议。"] == "list_item"


@pytest.mark.parametrize("fmt, lvl_text, expected", [
    ("chineseCounting", "%1、", ["一、", "二、", "三、"]),
    ("chineseCountingThousand", "（%1）", ["（一）", "（二）", "（三）"]),
    ("ideographTraditional", "%1、", ["甲、", "乙、", "丙、"]),
    ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
    ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
    ("lowerLetter", "%1)", ["a)", "b)", "c)"]),
    ("upperLetter", "%1.", ["A.", "B.", "C."]),
    ("decimal", "（%1）", ["（1）", "（2）", "（3）"]),
])
def test_number_formats_and_level_texts(fmt, lvl_text, expected):
    spec = [{"kind": "para", "text": f"第{i}项整改措施的具体内容。", "num": (fmt, lvl_text, 0)}
            for i in range(3)]
    document = docparse.parse(docx_bytes(spec))
    assert [b.label for b in document.blocks if b.label] == expected


def test_restarted_list_starts_again_at_one():
    # Two lists with the same definition: Word records “restart numbering” as a new w:num
    # with a startOverride on the shared abstractNum.
    spec = [
        {"kind": "para", "text": "第一份清单的第一项。", "num": ("decimal", "%1.", 0), "list": "a"},
        {"kind": "para", "text": "第一份清单的第二项。", "num": ("decimal", "%1.", 0), "list": "a"},
        {"kind": "para", "text": "中间的说明文字。"},
        {"kind": "para", "text": "第二份清单的第一项。", "num": ("decimal", "%1.", 0), "list": "b"},
    ]
    document = docparse.parse(docx_bytes(spec))
    assert [b.label for b in document.blocks if b.label] == ["1.", "2.", "1."]


def test_typed_and_automatic_labels_share_one_outline():
    spec = [
        {"kind": "para", "text": "一、存在的问题"},
        {"kind": "para", "text": "文山会海问题突出。", "num": ("decimal", "%1.", 0)},
        {"kind": "para", "text": "二、整改措施"},
        {"kind": "para", "text": "（一）压缩会议数量。"},
    ]
    document = docparse.parse(docx_bytes(spec))
    assert items(document) == [("一、", 1, "存在的问题"), ("1.", 2, "文山会海问题突出。"),
                               ("二、", 1, "整改措施"), ("（一）", 2, "压缩会议数量。")]


def test_document_that_starts_at_second_scheme_gets_level_one():
    spec = [{"kind": "para", "text": "（一）学风不浓。"}, {"kind": "para", "text": "1.学习不系统。"},
            {"kind": "para", "text": "（二）作风不实。"}]
    assert [b.level for b in docparse.parse(docx_bytes(spec)).blocks if b.label] == [1, 2, 1]


def test_merged_cells_are_repeated_into_each_logical_row_and_header_found():
    rows = [["序号", "存在问题", "整改措施", "责任领导", "完成时限"],
            ["1", "会议偏多", "合并同类会议", "王××", "2014年6月底前"],
            ["2", "文件偏多", "压缩发文数量", "", "2014年9月底前"],
            ["3", "公车管理不严", "清理超编车辆", "李××", "立行立改"],
            ["4", "备注：以上事项按季度报送进展情况", "", "", ""]]
    spec = [{"kind": "table", "rows": rows, "merges": [(1, 3, 2, 3), (4, 1, 4, 4)],
             "header_repeat": True}]
    document = docparse.parse(docx_bytes(spec))
    table = document.blocks[0].table
    assert table.header == ["序号", "存在问题", "整改措施", "责任领导", "完成时限"]
    assert table.header_rows == 1
    body = table.text_rows()
    assert body[0] == ["1", "会议偏多", "合并同类会议", "王××", "2014年6月底前"]
    assert body[1] == ["2", "文件偏多", "压缩发文数量", "王××", "2014年9月底前"]
    assert body[1][3] == body[0][3]
    assert table.body[1][3].span_of == (1, 3)
    assert body[3] == ["4"] + ["备注：以上事项按季度报送进展情况"] * 4
    cell = table.body[2][4]
    assert (cell.location.table, cell.location.row, cell.location.column) == (0, 3, 4)


def test_tracked_changes_footnotes_comments_headers_and_footers():
    spec = [
        {"kind": "para", "text": [
            {"text": "严格控制"}, {"ins": "会议"}, {"del": "不必要的"}, {"text": "规模。"},
            {"footnote": "脚注：依据县委办文件"}, {"comment": "批注：请补充时限", "text": "每月通报一次。"},
        ]},
        {"kind": "textbox", "text": "文本框中的补充说明"},
    ]
    document = docparse.parse(docx_bytes(spec, header="页眉：岚川县委办公室", page_numbers=True))
    text = document.text
    assert "严格控制会议规模。每月通报一次。" in text
    assert "不必要的" not in text
    for absent in ("脚注", "批注", "页眉", "—"):
        assert absent not in text
    box = [b for b in document.blocks if b.location.region == "textbox"]
    assert [b.text for b in box] == ["文本框中的补充说明"]


def test_metadata_from_title_and_chinese_numeral_sign_off():
    spec = [
        {"kind": "title", "text": "中共岚川县青石镇委员会\n党的群众路线教育实践活动整改方案"},
        {"kind": "para", "text": "按照县委统一部署，制定本方案。"},
        {"kind": "sign", "lines": ["中共岚川县青石镇委员会", "二〇一四年三月十日"]},
    ]
    meta = docparse.parse(docx_bytes(spec)).metadata
    assert meta.title == "中共岚川县青石镇委员会党的群众路线教育实践活动整改方案"
    assert meta.unit == "中共岚川县青石镇委员会"
    assert meta.date == "2014-03-10"
    assert meta.date_text == "二〇一四年三月十日"


def test_paragraph_locations_count_body_paragraphs():
    spec = [{"kind": "para", "text": "第一段。"}, {"kind": "para", "text": ""},
            {"kind": "para", "text": "第三段。"}]
    blocks = docparse.parse(docx_bytes(spec)).blocks
    assert [(b.text, b.location.paragraph) for b in blocks] == [("第一段。", 0), ("第三段。", 2)]


def test_macro_enabled_document_is_read_like_docx():
    data = docx_bytes([{"kind": "para", "text": "启用宏的文档正文。"}])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            target.writestr(info, content)
    assert docparse.parse(out.getvalue(), filename="x.docm").blocks[0].text == "启用宏的文档正文。"


def test_word_file_without_extension_is_sniffed(tmp_path):
    path = tmp_path / "整改方案"
    path.write_bytes(docx_bytes([{"kind": "para", "text": "没有扩展名的文件。"}]))
    document = docparse.parse(path)
    assert document.format == "docx" and document.blocks[0].text == "没有扩展名的文件。"
