"""Plain text from OA systems: encodings, line endings, indentation, hard wrapping."""

import pytest
from builders import txt_bytes

import docparse

TEXT = ("中共岚川县住建局党组整改方案\n"
        "　　根据县委教育实践活动领导小组的统一部署，结合征求到的意见建议，制定本方案。\n"
        "一、存在的主要问题\n"
        "　　（一）会议多、文件多，以会议落实会议，以文件落实文件。\n"
        "　　（二）窗口服务群众意识不强，办事群众反映“门难进、脸难看”。\n"
        "二、整改措施\n"
        "　　1．严格控制会议数量，全年会议压缩三分之一。\n"
        "中共岚川县住建局党组\n"
        "2014年3月12日\n")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_encodings_and_line_endings(encoding, newline):
    data = TEXT.replace("\n", newline).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    document = docparse.parse(data, filename="plan.txt")
    assert document.format == "txt"
    assert document.metadata.title == "中共岚川县住建局党组整改方案"
    assert document.metadata.unit == "中共岚川县住建局党组"
    assert document.metadata.date == "2014-03-12"
    assert [(b.label, b.level, b.text) for b in document.blocks if b.label] == [
        ("一、", 1, "存在的主要问题"),
        ("（一）", 2, "会议多、文件多，以会议落实会议，以文件落实文件。"),
        ("（二）", 2, "窗口服务群众意识不强，办事群众反映“门难进、脸难看”。"),
        ("二、", 1, "整改措施"),
        ("1．", 2, "严格控制会议数量，全年会议压缩三分之一。"),
    ]


def test_big5_text():
    text = "關於開展黨的群眾路線教育實踐活動的整改方案\n　　一、存在問題：會議過多，文件過多。\n"
    document = docparse.parse(text.encode("big5"), filename="tw.txt")
    assert "會議過多，文件過多。" in document.text


def test_builder_oa_export_round_trip():
    document = docparse.parse(txt_bytes(TEXT), filename="oa.txt")
    assert document.blocks[1].text.startswith("根据县委教育实践活动领导小组")


def test_hard_wrapped_text_is_rejoined():
    paragraph = ("我们认真对照党章和八项规定精神，深入查摆领导班子在形式主义、官僚主义、享乐主义和奢靡之风"
                 "方面存在的突出问题，共梳理出四个方面十二条问题，逐条明确了整改措施和完成时限。")
    width = 30
    wrapped = [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
    text = "县委办整改情况报告\n" + "\n".join(wrapped) + "\n" + "\n".join(wrapped) + "\n"
    document = docparse.parse(text.encode("utf-8"), filename="wrapped.txt")
    assert [b.text for b in document.blocks[1:]] == [paragraph, paragraph]


def test_a_first_line_that_lost_its_indent_in_a_pdf_copy_still_runs_on():
    # Copied out of a PDF: each paragraph's first line was wrapped two characters short (its indent
    # is gone), yet its sentence goes on in the next line.
    items = ["（一）学习方面。作为局长，我始终要求全局干部把理论学习作为一项重要任务来抓，但往往是会上强调得多，"
             "会后检查得少，集中学习局限于通读摘抄，深入研讨较少，交流心得较少。",
             "（二）作风方面。作为班子的班长，能够认识到转变作风的紧迫性，但深入基层调研的时间不多，听汇报多、"
             "看现场少，对群众反映的办证难问题没有一抓到底，一定程度上存在以会议落实会议的现象。"]
    width = 26
    lines = []
    for item in items:
        lines.append(item[:width - 2])
        rest = item[width - 2:]
        lines += [rest[i:i + width] for i in range(0, len(rest), width)]
    document = docparse.parse(("\n".join(lines) + "\n").encode("utf-8"), filename="copied.txt")
    assert [b.label for b in document.blocks] == ["（一）", "（二）"]
    assert [b.label + b.text for b in document.blocks] == items


def test_location_is_the_line_number():
    document = docparse.parse(TEXT.encode("utf-8"), filename="plan.txt")
    first_item = next(b for b in document.blocks if b.label == "一、")
    assert first_item.location.line == 3


def test_full_width_spaces_between_fields_are_kept():
    # a table row flattened into text: the full-width spaces separate measure, owner and date
    text = ("县农业局整改清单\n"
            "１．清理局属宾馆长期挂账的接待费　计财股　李×　2014.04.30\n"
            "２．局机关会议一律控制在1小时以内  办公室  王××  2014.05.31\n")
    document = docparse.parse(text.encode("utf-8"), filename="清单.txt")
    assert "清理局属宾馆长期挂账的接待费\u3000计财股\u3000李×\u30002014.04.30" in document.text
    # in a typed text file, runs of two or more spaces between three or more fields separate them too
    # (a list typed with the space bar)
    assert "局机关会议一律控制在1小时以内\u3000办公室\u3000王××\u30002014.05.31" in document.text
    # a single ASCII space between Chinese characters is still dropped (as PDF and OCR leave them)
    single = docparse.parse("县农业局整改清单\n会议一律控制 在1小时以内。\n".encode("utf-8"), filename="a.txt")
    assert "会议一律控制在1小时以内" in single.text
    from classifiers.spans import default_tagger

    first = next(b.text for b in document.blocks if "接待费" in b.text)
    assert default_tagger().read(first, "2014-03-01").owner.text == "计财股"


def test_reposted_page_bullets_meta_line_and_flattened_outline():
    """A page copied off a 范文 site: the title with a page number, a 时间/作者 line, Wingdings
    bullets turned into a glued “l”, and an outline whose line breaks were lost."""
    page = ("某局领导班子整改方案(3)\n"
            "时间: 08-01 作者:王某 栏目:范文\n"
            "l全年会议数量比上年压减三分之一。\n"
            "l每个文件原则上不超过三千字。\n"
            "为切实抓好整改落实，制定本方案。一、工作目标全面完成办公用房清理，建立长效机制，做到底数清楚、"
            "管理规范。二、清理方式1.超过标准占用办公用房的，应予以腾退。2.未经批准改变使用功能的，应恢复原"
            "使用功能。3.出租、出借的办公用房到期收回，不得续租。本单位1、2号楼由办公室统一管理。\n")
    document = docparse.parse(page.encode("utf-8"), filename="page.txt")
    assert document.metadata.title == "某局领导班子整改方案(3)"
    labelled = [(b.label, b.kind, b.text[:8]) for b in document.blocks if b.label]
    assert labelled[:2] == [("l", "list_item", "全年会议数量比上"), ("l", "list_item", "每个文件原则上不")]
    assert [label for label, _, _ in labelled[2:]] == ["一、", "二、", "1.", "2.", "3."]
    assert ("二、", "heading", "清理方式") in labelled
    # “1、2号楼” inside a sentence is not an item.
    assert document.blocks[-1].text.endswith("本单位1、2号楼由办公室统一管理。")


def test_a_sentence_with_a_few_numbers_is_not_cut():
    text = ("　　今年共清理超标办公用房1.5万平方米，涉及1、2、3号楼和（一）类用房，比上年减少三成，"
            "其余部分将在年底前完成清理，并按规定统一调剂使用，所有结果在局网站公示，接受群众监督。\n")
    document = docparse.parse(text.encode("utf-8"), filename="note.txt")
    assert [b.kind for b in document.blocks] == ["paragraph"]


def test_a_numbered_style_line_ending_in_a_full_stop_is_a_heading():
    text = ("二、“四风”方面存在的突出问题\n（一）形式主义方面。\n"
            "一是窗口服务承诺挂在墙上，对是否兑现缺少跟踪检查；二是评比主要看各窗口报送的材料。\n"
            "（二）严格控制会议数量。\n")
    blocks = docparse.parse(text.encode("utf-8"), filename="x.txt").blocks
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["形式主义方面。"] == "heading"
    assert kinds["严格控制会议数量。"] == "list_item"


def test_a_short_numbered_row_of_fields_is_not_a_heading():
    text = ("三、下一步整改安排\n"
            "２．合并基层报表台账，保留８种以内　预算股　２０１５年３月底前\n")
    blocks = docparse.parse(text.encode("utf-8"), filename="x.txt").blocks
    assert [b.kind for b in blocks if b.label] == ["heading", "list_item"]


def test_a_reposted_pages_breadcrumb_and_timestamp_are_not_part_of_the_title():
    from docparse import parse

    page = ("当前位置:自查报告 > 镇清理办公用房自查自纠报告\n\n镇清理办公用房自查自纠报告\n\n"
            "时间:2020-01-13 12:05:01 浏览次数:\n\n按照上级通知精神，我镇认真开展办公用房清理自查自纠工作。")
    assert parse(page.encode(), filename="page.txt").metadata.title == "镇清理办公用房自查自纠报告"
    news = "省局扎实开展专项整治工作\n\n24.06.2016  01:09\n\n省局按照省委要求，扎实开展四个专项整治工作。"
    assert parse(news.encode(), filename="page.txt").metadata.title == "省局扎实开展专项整治工作"



def test_rows_written_with_bars_are_read_as_one_table_with_its_header():
    from docparse import parse

    text = ("个人整改落实情况回头看自查报告\n二、没有完成的事项\n事项｜进展｜下步安排\n"
            "保障房审核时间长，群众要等三个月｜审核环节已由五个压缩为三个｜2015年3月底前推行联审联办\n"
            "对执法检查重罚款轻整改督促不力｜修订了检查办法｜明年上半年每月参加一次执法检查\n"
            "这一句里只有一个|竖线，不是表格。\n")
    doc = parse(text.encode("utf-8"), filename="报告.txt")
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    assert tables[0].header == ["事项", "进展", "下步安排"]
    assert [row[2].text for row in tables[0].body] == ["2015年3月底前推行联审联办", "明年上半年每月参加一次执法检查"]
    assert any(b.text.startswith("这一句里只有一个") for b in doc.blocks if b.table is None)


@pytest.mark.parametrize("tail", [
    # 落款, then the 版记 (抄送 and the 印发 line with its own date), as OA systems print them
    "中共××镇委员会\n二〇一四年三月二十日\n抄送：县委教育实践活动领导小组办公室。\n××镇党政办公室　　2014年3月21日印发\n",
    # the 版记 first and the date line last
    "中共××镇委员会\n抄送：县委教育实践活动领导小组办公室。\n××镇党政办公室　　2014年3月21日印发\n二〇一四年三月二十日\n",
])
def test_the_imprint_is_not_the_signature(tail):
    text = "中共××镇委员会对照检查材料\n一、存在的问题\n会议多、文件多，以会议落实会议。\n" + tail
    meta = docparse.parse(txt_bytes(text), filename="a.txt").metadata
    assert meta.date == "2014-03-20"
    assert meta.unit != "××镇党政办公室　　2014年3月21日印发" and "印发" not in (meta.unit or "")


def test_a_table_typed_with_full_width_spaces_is_a_table():
    text = ("杨××同志个人整改措施\n"
            "　　序号　存在问题　　　　整改措施　　　　　　　整改时限\n"
            "　　１　门诊坐诊时间不固定　　每周二、周四上午固定在专家门诊坐诊　即日起\n"
            "　　２　后勤采购只看报价单　　大宗物资采购由本人带队现场验收\n"
            "　　以上整改措施，本人将在院务公开栏公示。\n")
    doc = docparse.parse(txt_bytes(text), filename="a.txt")
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert rows[0] == ["序号", "存在问题", "整改措施", "整改时限"]
    assert rows[1][2:] == ["每周二、周四上午固定在专家门诊坐诊", "即日起"]
    assert rows[2][3] == ""                                  # a row short of fields: its last cell is empty
    assert doc.blocks[-1].kind == "paragraph"                # the closing sentence stays a paragraph


def test_a_rule_typed_under_the_header_of_a_space_table_does_not_end_it():
    text = ("××中心整改方案\n问题和整改措施清单\n"
            "序号  存在问题                      整改措施                          责任人    完成时限\n"
            "--------------------------------------------------------------------------------------\n"
            "1     窗口中午没人，群众吃闭门羹    实行午间轮岗，每窗口中午留1人     王××      4月底前\n"
            "2     办事指南多年没更新            重新编印办事指南，一次性告知      李××      5月15日前\n"
            "======================================================================================\n"
            "三、保障措施\n")
    doc = docparse.parse(txt_bytes(text), filename="a.txt")
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert rows[0] == ["序号", "存在问题", "整改措施", "责任人", "完成时限"]
    assert rows[1][1:3] == ["窗口中午没人，群众吃闭门羹", "实行午间轮岗，每窗口中午留1人"]
    assert len(rows) == 3                                    # the rules are no rows
    assert doc.blocks[-1].text.endswith("保障措施")


def test_spaced_prose_without_a_header_of_column_names_is_not_a_table():
    text = "标题\n　　会议　文件　简报都要压缩。\n　　一是压缩会议　二是精简文件\n"
    doc = docparse.parse(txt_bytes(text), filename="a.txt")
    assert not any(b.kind == "table" for b in doc.blocks)


def test_a_bar_table_whose_bars_ocr_read_as_the_ideograph_gun_is_still_a_table():
    from docparse.ocr import _tidy

    text = ("整治任务分解\n序号|整治任务|牵头单位|完成时限\n"
            "1|窗口推行挂牌上岗和限时办结丨警务督察大队丨2014年7月15日前\n"
            "2|清理户政证明材料，能内网核查的一律取消丨治安大队丨2014年8月底\n")
    doc = docparse.parse(text.encode("utf-8"), filename="t.txt")
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert rows[1] == ["1", "窗口推行挂牌上岗和限时办结", "警务督察大队", "2014年7月15日前"]
    # a year split by a gap between glyphs is joined; 丨 alone in prose is left as it is
    assert _tidy("副局长黄××|201 4年7月15日前") == "副局长黄××|2014年7月15日前"
    assert "丨" in _tidy("中丨国")
