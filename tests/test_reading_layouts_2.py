"""Layouts read in the tenth session's fresh sets (the texts here are our own): a numbered paragraph that
labels its problem and its measure in brackets, a look-back paragraph whose progress comes before its
shortcomings and next step, a hand-broken line in an indented text file, a signing date whose 〇 a scan
lost, and the closing words of a self-examination."""

from docparse import parse
from sifeng import review

BRACKETED = """县中心卫生院党支部教育实践活动整改方案
根据县卫生局党委的部署，院党支部制定本方案。
一、问题及整改措施
1．【问题】收费窗口只开1个，赶集日群众排队一个多小时。【措施】收费窗口增加到3个，赶集日上午加开临时窗口。【责任科室】门诊部【时限】2014年8月底前
2．【问题】院周会内容重复，临床骨干开会时间多、看病人时间少。
3．【问题】2013年组织职工外出“考察”，实际到景区游玩。【措施】职工外出学习一律报院支部审批，不得安排旅游项目。【时限】立行立改
二、工作要求
院长对整改工作负总责。
中共××县中心卫生院支部委员会
2014年7月2日
"""


def test_bracket_labels_make_one_problem_and_one_measure_each():
    result = review(BRACKETED.encode("utf-8"), filename="plan.txt")
    assert [p.text for p in result.problems] == [
        "收费窗口只开1个，赶集日群众排队一个多小时。",
        "院周会内容重复，临床骨干开会时间多、看病人时间少。",
        "2013年组织职工外出“考察”，实际到景区游玩。"]
    first, last = result.measures[0], result.measures[-1]
    assert first.text.startswith("收费窗口增加到3个") and first.owner.text == "门诊部"
    assert first.deadline.due == "2014-08-31" and last.deadline.kind == "immediate"
    assert "problems_without_measures" in {f.code for f in result.flags}  # the second problem has none


LOOK_BACK = """中共××镇委员会关于整改落实情况“回头看”的自查报告
镇党委对整改方案的落实情况进行了“回头看”，现报告如下。
一、逐项整改情况
（一）关于干部下村少的问题。班子成员每月驻村不少于5天，下半年人均驻村30天，这项任务已完成。还存在的不足：部分干部到村多是开会，入户走访记录有的是事后补写的。下一步：镇纪委每月抽取2个村，电话回访10户群众，结果在周例会上通报。
（二）关于公务接待超标准的问题。机关食堂接待实行“一函一单”，这项任务已完成。还存在的不足：接待上级检查人员时仍有超过工作餐标准的情况。
中共××镇委员会
2014年12月30日
"""


def test_a_look_back_paragraph_gives_its_shortcoming_and_next_step_not_its_progress():
    result = review(LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    assert [p.text for p in result.problems] == [
        "部分干部到村多是开会，入户走访记录有的是事后补写的。",
        "接待上级检查人员时仍有超过工作餐标准的情况。"]
    assert [m.text for m in result.measures] == ["镇纪委每月抽取2个村，电话回访10户群众，结果在周例会上通报。"]


def test_an_unindented_line_goes_on_with_the_paragraph_in_an_indented_file():
    text = ("县教育局副局长个人整改措施\n\n"
            "　　按照局党委的安排，结合征求到的意见，现将本人的整改措施报告如下。\n"
            "　　一、今后打算\n"
            "　　每学期到分管的学校听课不少于10节，听课后与授课教师当面交流。\n"
            "　　以上整改打算，本人将在分管股室公开，请局党委和同志们\n"
            "监督，整改进展在年底述职时一并报告。\n")
    texts = [b.text for b in parse(text.encode("utf-8"), filename="a.txt").blocks]
    assert "以上整改打算，本人将在分管股室公开，请局党委和同志们监督，整改进展在年底述职时一并报告。" in texts
    assert "县教育局副局长个人整改措施" in texts  # (the title, before any indented line, stays alone)


def test_a_scanned_date_without_its_zero_and_closing_words_are_no_measures():
    text = """柳塘村党支部整改方案
一、整改措施
1．村务公开栏每季度更新一次，由村文书负责，2014年6月底前完成第一次更新。
以上检查，不妥之处，请同志们批评指正。
柳塘村党支部
二一四年五月二十日
"""
    result = review(text.encode("utf-8"), filename="plan.txt")
    assert [m.text for m in result.measures] == ["村务公开栏每季度更新一次，由村文书负责，2014年6月底前完成第一次更新。"]


LOOK_BACK_BUT = """县二中校长关于个人整改措施落实情况的“回头看”自查报告
本人对照个人整改措施逐条进行了自查，现报告如下。
一、落实情况及存在的差距
1．关于听课和联系教师。2014年秋季学期本人听课40节。但本人听课仍以高三年级为主，对低年级教师的困难了解不够。下一步，每周听课不少于3节，其中初中年级不少于1节。
2．关于减少会议和材料。全校教职工大会已由每周一次改为每月一次。但年级组仍要求班主任每周填写5种材料。下一步，2015年2月底前对班主任填写的材料统一清理，保留不超过3种。
局党组将把“回头看”查出的差距纳入2015年度整改台账，实行挂号销号。
2015年1月8日
"""


def test_a_look_back_item_gives_what_follows_but_as_problem_and_what_follows_next_step_as_measure():
    result = review(LOOK_BACK_BUT.encode("utf-8"), filename="huitoukan.txt")
    assert [p.text for p in result.problems] == [
        "本人听课仍以高三年级为主，对低年级教师的困难了解不够。", "年级组仍要求班主任每周填写5种材料。"]
    assert [m.text for m in result.measures] == [
        "每周听课不少于3节，其中初中年级不少于1节。", "2015年2月底前对班主任填写的材料统一清理，保留不超过3种。"]


def test_a_further_commitment_after_a_semicolon_and_a_next_steps_heading():
    text = """县国税局办税服务厅党支部整改落实情况“回头看”自查报告
支部对照整改方案逐项检查了整改落实情况，现报告如下。
一、存在的问题
1．窗口人员对新出台的营改增政策解释不清，纳税人有时要跑两三个窗口。
2．农业口的会议层层开，有的会议内容同上级会议几乎一样。
二、下步工作
1．每周五下午组织窗口人员集中学习新政策，每月进行一次业务测试，由办税服务厅主任负责。
2．上级会议已经部署清楚的不再重复开会，全年会议比上年减少三分之一；还要精简各类材料报表，能合并的一律合并，年底前完成清理。
2014年6月18日
"""
    result = review(text.encode("utf-8"), filename="huitoukan.txt")
    texts = [m.text for m in result.measures]
    assert len(texts) == 3 and texts[0].startswith("每周五下午组织窗口人员集中学习新政策")
    assert texts[1].startswith("上级会议已经部署清楚的") and "精简" not in texts[1]
    assert "精简各类材料报表，能合并的一律合并，年底前完成清理" in texts[2]


PLAIN_SPOKEN = """青山乡乡长对照检查材料
这次专题民主生活会前，我到全乡各村走了一遍，听取了意见。
一、对照检查出来的问题
一方面的问题是下村不深。最远的竹坪村一年也就去两三次，去了多是在村部听汇报。
第二方面，乡里的会和材料多。2013年乡政府召开的各类会议有90多次。
二、今后怎么改
我准备从两个方面改。一是每月到村不少于12天，今年内把全乡低保户走访一遍；二是乡政府会议每月集中开一次，不再要求各村每月报工作进度表。
唐××
二〇一四年三月二十八日
"""


def test_plain_spoken_headings_open_problems_and_measures_and_announcing_words_are_dropped():
    result = review(PLAIN_SPOKEN.encode("utf-8"), filename="duizhao.txt")
    assert len(result.problems) == 2 and result.problems[1].text.startswith("第二方面，乡里的会和材料多")
    assert [m.text for m in result.measures][0].startswith("每月到村不少于12天")


def test_labels_inside_a_personal_list_and_plain_spoken_table_columns():
    text = """医院院长个人整改措施
一、问题和改法
1．毛病：坐门诊、查病房少了，每周的专家门诊从两个半天减到半天。改法：从6月起恢复每周两个半天的专家门诊。
2．毛病：听职工意见少，职工代表大会一年只开一次。改法：每季度召开一次一线护士座谈会，我本人参加。
"""
    result = review(text.encode("utf-8"), filename="geren.txt")
    assert [p.text[:6] for p in result.problems] == ["坐门诊、查病", "听职工意见少"]
    assert [m.text[:6] for m in result.measures] == ["从6月起恢复", "每季度召开一"]


def test_columns_named_who_and_by_when_give_owner_and_deadline():
    from docparse.model import Cell, Location, Table
    from sifeng.understand import column_roles

    header = ["序号", "整治任务", "谁来抓", "啥时候完"]
    table = Table(rows=[[Cell(text=h, row=0, column=k, location=Location(row=0, column=k)) for k, h in enumerate(header)]], header_rows=1)
    roles = column_roles(table)
    assert roles.get("owner") == 2 and roles.get("deadline") == 3
