"""Problems and measures told together without labels, and measures that do not answer the problems one
for one (writers A and O, 2026-12-06)."""

from sifeng.review import default_reviewer


def _review(text: str):
    return default_reviewer().review(text.encode("utf-8"), filename="plan.txt")


PLAN = """某镇党委关于党的群众路线教育实践活动整改方案

一、存在的问题及整改措施
1.在为民办事方面，还存在办事效率不高的问题，群众办理农村建房审批等事项，材料要在镇里几个站所之间来回送，一件事要跑四五趟，下步将在镇便民服务中心设立综合受理窗口，八个站所的业务统一受理、内部流转，群众只跑一次（责任单位：党政办；完成时限：2014年10月底前）。
2.在公务接待方面，还存在接待标准把关不严的问题，去年镇里接待费中有一部分在村里报销，下步将清理2013年以来村级账目中的接待费用，镇里的接待费一律在镇财政所列支（责任单位：财政所；完成时限：2014年9月底前）。
3.在工作纪律方面，还存在部分干部下班早、周一来得晚的问题，有的干部周五下午三点多就开车回城了，下步将实行周五下午和周一上午点名制度，点名结果由镇纪委每周公布（责任单位：镇纪委；完成时限：2014年8月底前）。

中共某镇委员会
2014年7月10日
"""


def test_a_measure_going_on_from_a_comma_inside_the_problem_paragraph_is_read_apart():
    review = _review(PLAN)
    assert len(review.problems) == 3 and len(review.measures) == 3
    assert all(m.text.startswith("下步将") for m in review.measures)
    assert review.problems[1].text.endswith("去年镇里接待费中有一部分在村里报销")
    assert [m.problem for m in review.measures] == [0, 1, 2]


PERSONAL = """个人整改措施

村党支部书记　某某
一、存在的问题
我家里办红白事时收受过村民的礼金，数额不大，但影响不好。
二、整改措施
针对我在村部坐班少、群众找我办事要到家里或田里去找的问题，今后每周一、周四上午在村部坐班，手机号码在村务公开栏公布。
针对去年村里修路时我自己定了施工队、没有经过村民代表会的问题，以后村里五万元以上的工程一律经村民代表会议讨论。
退还收受的礼金，今后家里办事不收村民礼金，9月底前完成。

2014年7月
"""


def test_a_sentence_naming_the_problem_it_answers_is_a_measure():
    review = _review(PERSONAL)
    texts = [m.text for m in review.measures]
    assert any(t.startswith("针对去年村里修路") for t in texts)
    assert not any(p.text.startswith("针对") for p in review.problems)


def test_measures_in_the_order_of_the_problems_but_not_answering_them_leave_a_problem_without_one():
    from sifeng.understand import Item, Understanding, link_measures

    def item(text, section):
        return Item(text=text, location=None, section=section)

    u = Understanding(scope="班子", problems=[
        item("以文件落实文件，以县委办名义印发的文件照转上级文件多", "problems"),
        item("督查工作重发文轻跟踪，交办事项很少到现场核实", "problems"),
        item("会议安排统筹不够，一周内连续安排五六个全县性会议", "problems"),
    ], measures=[
        item("建立发文审核制度，凡以县委办名义印发的文件必须提出具体要求", "measures"),
        item("实行会议计划月报制度，同一周内安排的全县性会议不超过2个", "measures"),
        item("推行视频会议，全县性会议直接开到乡镇", "measures"),
    ])
    link_measures(u)
    assert u.order_misaligned
    assert [m.problem for m in u.measures][1:] == [2, 2]


WITH_CAMPAIGNS = """某县委常委会整改方案

一、存在的问题
1.会议偏多偏长，有的会议层层陪会。
2.办公用房超标，部分单位领导干部办公用房面积超过标准。
二、整改措施
1.全县性会议实行年度计划管理，压缩三分之一以上。（牵头单位：县委办；完成时限：2014年6月底前）
三、专项整治
（一）整治办公用房超标问题。由县机关事务管理局牵头，对县直单位办公用房进行全面清查，超标部分在2014年6月底前全部腾退。
四、建章立制
2014年9月底前，县委办牵头修订《县委常委会议事规则》，县纪委牵头制定《领导干部下基层调研办法》。
"""


def test_the_campaign_and_rule_making_sections_of_a_plan_hold_measures():
    review = _review(WITH_CAMPAIGNS)
    texts = [m.text for m in review.measures]
    assert any("县机关事务管理局牵头" in t for t in texts)
    assert any("议事规则" in t for t in texts)


def test_the_paragraph_after_an_announced_list_of_problems_holds_them():
    from sifeng.reader import Unit, after_problem_intro

    def unit(text, block, source="clause"):
        return Unit(text=text, location=None, block=block, source=source)

    found = [unit("梳理中发现，现行制度主要存在以下问题：", 0, "block"),
             unit("部分制度制定后束之高阁，执行情况无人检查", 1),
             unit("纳税服务方面的制度重内部管理、轻方便纳税人", 1),
             unit("公务接待、车辆管理等制度标准不明确", 1),
             unit("针对上述问题，局党组研究确定了以下制度建设项目。", 2, "block")]
    assert after_problem_intro(found, ["O", "P", "O", "O", "M"]) == ["O", "P", "P", "P", "M"]
    # where the reader read a measure in it, the paragraph is left as read
    assert after_problem_intro(found, ["O", "P", "M", "O", "M"]) == ["O", "P", "M", "O", "M"]


def test_label_fields_that_a_pdf_ran_together_are_read_apart():
    from sifeng.understand import label_fields

    assert label_fields("责任领导：工委副书记责任单位：社区建设办完成时限：2014年5月底前") == ("社区建设办", "2014年5月底前")
    assert label_fields("责任领导：分管副局长　责任单位：办公室　完成时限：2014年4月底前") == ("办公室", "2014年4月底前")


PER_PROBLEM = """某街道党工委整改方案

一、整改问题和措施
（一）社区牌子多问题
问题表现：各社区挂牌多达二十余块，社区工作者大量时间用在整理台账上。
1.对社区挂牌进行清理，除法定和必需的牌子外一律摘除，每个社区保留不超过4块。
责任领导：工委副书记　责任单位：社区建设办　完成时限：2014年5月底前
（二）办公用房超标问题
问题表现：街道机关搬迁新址后，班子成员办公室面积普遍超过规定标准。
1.按照标准重新调整班子成员办公用房，超出部分改作档案室，调整结果上报区机关事务管理局。
责任领导：工委书记　责任单位：党政办　完成时限：2014年5月15日前
"""


def test_an_item_followed_by_its_owner_and_deadline_line_is_a_measure_and_answers_in_turn():
    review = _review(PER_PROBLEM)
    assert any(m.text.startswith("按照标准重新调整") for m in review.measures)
    assert not any(p.text.startswith("按照标准重新调整") for p in review.problems)
    assert "problems_without_measures" not in [f.code for f in review.flags]


def test_a_pledge_going_on_from_a_comma_with_jinhouyao_is_a_measure():
    from sifeng.understand import MEASURE_MARKER

    text = "在精神状态方面，离全镇群众的期待还有不小的差距，对集镇改造这样的难事有畏难情绪，今后要始终保持干事创业的激情。"
    marker = MEASURE_MARKER.search(text)
    assert marker is not None and text[marker.end():].startswith("今后要")


RULE_PARAGRAPHS = """县委组织部关于建立健全作风建设长效机制的制度建设
计划
针对教育实践活动中查找出的问题，部务会研究确定，今年9月至12月重点建立和完善以下制度。
《干部选拔任用全程纪实办法》。对动议、民主推荐、考察等环节逐一记录，实行一人一档。牵头单位：干部科；完成时间：2014年10月底前。
《乡镇领导班子实绩考核办法》。取消以材料论考核的做法，群众评议权重提高到30%。牵头单位：考核办；完成时间：2014年11月底前。
《党员教育经费使用管理办法》。明确经费开支范围，每半年公开一次。牵头单位：组织科；完成时间：2014年12月底前。
以上制度经部务会审议后印发执行。
"""


def test_rule_paragraphs_under_no_heading_are_measures_with_their_labels():
    from sifeng.understand import _RULE_ENTRY

    entry = _RULE_ENTRY.match("《党员教育经费使用管理办法》。明确经费开支范围。牵头单位：组织科；完成时间：2014年12月底前。")
    assert entry.group("owner") == "组织科" and entry.group("deadline") == "2014年12月底前"
    review = _review(RULE_PARAGRAPHS)
    assert len([m for m in review.measures if m.text.startswith("《")]) == 3
