"""Layouts read in the twelfth session's cold-brief sets (the texts here are our own): a list typed
with the space bar in a text file, village prose that runs the problem, what was done and the next
step into one sentence, a plan that names each problem in the lead of its measure (针对……的问题：),
a sentence that announces the changes, a limit written with 以下, a unit's party body signing without
中共, a decision listing its measures after a colon, rule paragraphs with the owner in prose, and an
off-topic problem that only a general pledge follows."""

from docparse import parse
from sifeng import review
from sifeng.understand import is_intro, is_signing_line


def _texts(items):
    return [i.text.rstrip("。；") for i in items]


SPACED_LIST = "\r\n".join([
    "××村党支部整改清单",
    "",
    "　　经党员大会讨论，村党支部列出整改清单如下，请大家监督。",
    "　　序号  存在问题                        整改措施                              责任人        完成时间",
    "　　1     村务公开不及时，下半年收支到次年才公开      收支按季度上墙公开，群众可随时查阅凭证      报账员李××      每季度",
    "　　2     村干部坐班少，群众办事常找不到人            两委干部轮流在便民服务室坐班，坐班表上墙      支书赵××      7月15日起",
    "　　3     低保评定优亲厚友，个别干部亲属享受低保      对全村低保户重新评议，评议结果公示7天      村两委      8月底前",
    "",
    "　　　　　　　　　　　　　　　　　　中共××村支部委员会",
    "　　　　　　　　　　　　　　　　　　二〇一四年七月八日",
])


def test_a_list_typed_with_the_space_bar_is_a_table():
    document = parse(SPACED_LIST.encode("utf-8"), filename="qingdan.txt")
    assert document.metadata.title == "××村党支部整改清单"  # (the centred signature under the table is no title style)
    tables = [b for b in document.blocks if b.table is not None]
    assert len(tables) == 1 and len(tables[0].table.rows) == 4
    result = review(SPACED_LIST.encode("utf-8"), filename="qingdan.txt")
    assert _texts(result.problems)[1] == "村干部坐班少，群众办事常找不到人"
    assert _texts(result.measures)[1] == "两委干部轮流在便民服务室坐班，坐班表上墙"
    assert result.measures[2].owner.text == "村两委" and result.measures[2].deadline.text == "8月底前"


def test_two_spaces_in_a_sentence_do_not_make_a_table():
    text = "××镇整改方案\n一、存在的问题\n1. 会议多  文件多，干部忙于应付。\n二、整改措施\n1. 每月会议不超过两次。\n"
    assert all(b.table is None for b in parse(text.encode("utf-8"), filename="a.txt").blocks)


VILLAGE = """刘河村党支部整改方案
按照镇党委的安排，村党支部对查摆出的问题进行了梳理，把问题和整改打算写在下面，请党员群众监督。
一、查摆出的问题和整改打算
村两委成员平时各忙各的，有的在外跑运输，有的在家搞养殖，村部常锁着门，群众来办事找不到人，今年4月起我们已经在村部门口公布了两委成员的手机号码，下一步两委成员轮流在村部坐班，坐班表贴在村务公开栏上。
村里的账目公开不及时，去年下半年的账到今年3月才张贴出来，群众对修村道的开支有意见。这件事由村会计负责，每季度末把收支明细张贴到公开栏。
个别村干部评低保时优亲厚友，今年5月已经重新入户核查，取消了2户，由村党支部书记牵头，年底前把全村低保户再逐户核一遍。
村里的饮水井坏了半年没人管，群众挑水要走二里路，主要是维修资金还没有落实，村两委已经向镇里打了报告，争取春节前把水井修好。
二、下一步工作
今后，村党支部将继续按照镇党委的要求，认真抓好整改落实。
中共××镇刘河村支部委员会
二〇一四年六月十八日
"""


def test_village_prose_gives_the_problem_and_the_next_step_apart():
    result = review(VILLAGE.encode("utf-8"), filename="cun.txt")
    measures = _texts(result.measures)
    assert "下一步两委成员轮流在村部坐班，坐班表贴在村务公开栏上" in measures
    assert "争取春节前把水井修好" in measures
    assert "这件事由村会计负责，每季度末把收支明细张贴到公开栏" in measures
    assert "由村党支部书记牵头，年底前把全村低保户再逐户核一遍" in measures
    assert any(p.text.startswith("村两委成员平时各忙各的") and "坐班" not in p.text for p in result.problems)


def test_a_measure_sentence_with_jinhou_stays_one_measure():
    text = """××局整改方案
一、存在的问题
1. 会议室和接待室装饰超标准，配了高档桌椅。
二、整改措施
1. 对会议室和接待室超标准的装饰进行整改，高档会议桌椅调剂到基层分局使用，今后办公楼维修一律按标准报批。由办公室负责，6月底前完成。
"""
    result = review(text.encode("utf-8"), filename="a.txt")
    assert len(result.measures) == 1 and "今后办公楼维修一律按标准报批" in result.measures[0].text


TARGETED = """院长孙××个人整改措施
对照民主生活会上本人查摆的问题和同志们的批评意见，制定个人整改措施如下。
1．针对门诊挂号窗口少、患者排长队的问题：9月底前将挂号收费窗口由4个增加到8个，10月底前开通电话预约。
2．针对患者投诉在科室之间推来推去的问题：在门诊大厅设投诉接待窗口，实行首问负责，一般投诉5个工作日内答复。
3．针对科室学术活动安排在风景区、由供应商出钱的问题：立即停止接受供应商赞助，院内学术活动一律在院内举办。
4．关于住院床位紧张、群众住院难的问题，主要是医院床位编制少、新病房大楼尚未建成。
孙××
二〇一四年八月二十五日
"""


def test_a_plan_that_names_each_problem_in_the_lead_of_its_measure():
    result = review(TARGETED.encode("utf-8"), filename="cuoshi.txt")
    assert _texts(result.problems) == ["门诊挂号窗口少、患者排长队", "患者投诉在科室之间推来推去",
                                       "科室学术活动安排在风景区、由供应商出钱", "住院床位紧张、群众住院难"]
    assert len(result.measures) == 3 and result.measures[0].text.startswith("9月底前将挂号收费窗口")
    assert [m.problem for m in result.measures] == [0, 1, 2]
    assert "problems_without_measures" in {f.code for f in result.flags}


ANNOUNCED = """个人整改措施
西坡村党支部书记　张××
通过这次教育实践活动，我把自己这几年在村里的工作认真想了一遍，问题不少，今天写出来，也想了一些改的办法。
我存在的问题主要有这么几条：一是村里的事习惯一个人说了算，村委会主任提不同意见我也听不进去；二是下组入户少，几户五保老人今年还没有上门看过；三是心思有一半在自己的门市上，村部一个星期去不了两三回。
这些问题群众看在眼里，我心里也有数。下一步我打算这样改：
每个月至少抽4天时间下组，重点走访困难户和五保老人，年底前把全村农户走一遍。
门市的事交给爱人打理，从下个月起我每天都到村部上班，有事外出先向镇里包村干部请假。
张××
二〇一四年七月五日
"""


def test_a_sentence_announcing_the_changes_opens_the_measures():
    result = review(ANNOUNCED.encode("utf-8"), filename="geren.txt")
    measures = _texts(result.measures)
    assert "门市的事交给爱人打理，从下个月起我每天都到村部上班，有事外出先向镇里包村干部请假" in measures
    assert not any("门市的事交给爱人" in p.text for p in result.problems)


def test_a_limit_written_with_yixia_is_no_lead_in():
    assert not is_intro("年底前完成12公里老旧管网改造，产销差率降到25%以下。")
    assert not is_intro("全体教师会控制在50人以下。")
    assert is_intro("现将有关情况报告如下：") and is_intro("主要问题有以下")


def test_a_units_party_body_signs_without_zhonggong():
    assert is_signing_line("大柳镇中心卫生院党支部") and is_signing_line("××县交通运输局党组")
    assert not is_signing_line("加强党支部建设。")


DECIDED = """××镇中心卫生院整改方案
一、存在的主要问题
（一）个别医生上班迟到，患者排队等候时间长。
（二）院里的业务学习多是念文件，走过场。
二、整改措施
针对以上问题，院领导班子研究决定：从7月1日起实行医生到岗签到，由院办公室每天公布签到情况；在门诊大厅设立导医台和意见箱，患者意见当周答复；改进业务学习方式，每月组织一次病例讨论。
大柳镇中心卫生院党支部
大柳镇中心卫生院
二〇一四年六月三十日
"""


def test_a_decision_lists_its_measures_after_the_colon():
    result = review(DECIDED.encode("utf-8"), filename="fangan.txt")
    assert _texts(result.measures) == ["从7月1日起实行医生到岗签到，由院办公室每天公布签到情况",
                                       "在门诊大厅设立导医台和意见箱，患者意见当周答复",
                                       "改进业务学习方式，每月组织一次病例讨论"]


RULES = """××县供电公司党委制度建设计划
为把教育实践活动中的好做法用制度固定下来，确定2014年制度建设项目如下。
一、改进调查研究方面
修订《公司领导班子成员联系基层单位制度》，每位班子成员联系2个供电所。由党委办公室牵头，2014年7月底前完成。
新建《基层调研成果转化办法》，调研报告提出的问题逐项明确承办部门。由发展策划部牵头。
二、厉行勤俭节约方面
废止《职工节日慰问品发放规定》，停止发放节日慰问品。人力资源部负责，即日起执行。
××县供电公司党委
二〇一四年六月五日
"""


def test_rule_paragraphs_with_the_owner_in_prose_are_measures():
    result = review(RULES.encode("utf-8"), filename="zhidu.txt")
    assert len(result.measures) == 3
    assert [m.text[:4] for m in result.measures] == ["修订《公", "新建《基", "废止《职"]


OFF_TOPIC = """王××个人整改措施
一、存在的问题
1. 学习抓得不紧，自己很少主动看书看报，对新出台的政策吃不透。
2. 脾气急，群众来反映问题时态度生硬，去年处理宅基地纠纷时和群众吵了起来。
3. 村里的事务性工作多，上级各部门要的报表多，有时候顾此失彼。
二、整改措施
1. 每周五晚上学习两小时政策文件，年底前把今年出台的惠农政策逐条学一遍。
2. 群众来反映问题先听完再说，当天答复不了的，3天内给个回话。
3. 进一步转变作风，多为群众办实事、办好事。
王××
二〇一四年十一月二十日
"""


def test_an_off_topic_problem_followed_only_by_a_general_pledge_is_unanswered():
    result = review(OFF_TOPIC.encode("utf-8"), filename="geren.txt")
    flags = {f.code: f for f in result.flags}
    assert "problems_without_measures" in flags
    assert [e.text for e in flags["problems_without_measures"].evidence] == [result.problems[2].text]


def test_a_look_back_item_that_names_its_problem_then_reports_what_was_done_is_that_problem():
    from docparse import Location
    from sifeng.review import trim_about_leads
    from sifeng.understand import Item, Understanding

    u = Understanding(scope="班子", problems=[
        Item("关于2013年春节前以“劳务费”名义向职工发放过节费的问题。违规发放的过节费9.6万元已于2014年4月全部收回。",
             Location(paragraph=3), "problems"),
        Item("关于“夜间值班医生脱岗”问题。说明：该问题已向督导组作了书面说明。", Location(paragraph=4), "problems"),
        Item("关于拆迁补偿款拖欠的问题。还有3户尚未兑付，下一步由征收部逐户协商。", Location(paragraph=5), "problems")])
    trim_about_leads(u)
    assert [p.text for p in u.problems] == ["2013年春节前以“劳务费”名义向职工发放过节费", "夜间值班医生脱岗",
                                            "关于拆迁补偿款拖欠的问题。还有3户尚未兑付，下一步由征收部逐户协商。"]


def test_a_clause_with_wojiang_in_a_problem_sentence_is_its_measure():
    text = """双河镇党委书记刘××个人“回头看”自查报告
一、存在的不足
对村级班子建设抓得不够紧，2个村的支部书记长期外出经商，我虽然知道但没有及时调整，我将在2015年3月村级换届前对这2个村的班子作出调整。
刘××
二〇一四年十二月二十五日
"""
    result = review(text.encode("utf-8"), filename="geren.txt")
    assert "我将在2015年3月村级换届前对这2个村的班子作出调整" in _texts(result.measures)
    assert _texts(result.problems) == ["对村级班子建设抓得不够紧，2个村的支部书记长期外出经商，我虽然知道但没有及时调整"]


def test_a_progress_notice_is_typed_by_its_title():
    text = """中共柳川县人民医院委员会关于教育实践活动整改落实进展情况的通报
全院各党支部、各科室：
医院列入整改的问题共6项，已完成整改4项。现将整改进展情况通报如下。
1. 关于“门诊挂号、缴费排长队”问题。整改措施：增设自助挂号缴费机。进展情况：已增设自助机8台。下一步：2015年3月底前开通微信预约挂号。
2. 关于“夜间值班医生脱岗”问题。整改措施：实行夜间查岗，脱岗的按旷工处理。进展情况：已查岗60余次。
中共柳川县人民医院委员会
二〇一五年一月二十一日
"""
    assert review(text.encode("utf-8"), filename="tongbao.txt").doc_type == "回头看自查报告"


def test_a_rule_entry_keeps_its_name_and_its_main_content():
    text = """××学院党委制度建设计划
一、重点制度建设项目
1. 《校内会议管理办法》（新建）。主要内容：会议审批、会期控制、会议费标准。牵头单位：院长办公室；完成时限：2014年9月底前。
2. 《公务接待管理办法》（修订）。主要内容：接待标准、陪餐人数、接待清单。牵头单位：院长办公室；完成时限：2014年9月底前。
中共××学院委员会
二〇一四年六月五日
"""
    result = review(text.encode("utf-8"), filename="zhidu.txt")
    assert [m.text[:10] for m in result.measures] == ["《校内会议管理办法》", "《公务接待管理办法》"]
    assert result.measures[0].owner.text == "院长办公室"


REFERENCED = """街道党工委书记赵××个人整改措施
一、存在的问题
1. 下社区走访多是听社区书记汇报，入户少，对困难居民底数不清。
2. 对小区化粪池外溢问题协调不力，居民反映半年多才解决。
3. 对班子成员的缺点碍于情面不愿当面批评，当“老好人”。
二、整改措施
1. 每周三下午到社区入户走访，2014年9月底前走访完辖区内全部低保户。（针对问题1）
2. 居民反映的跨部门问题，本人亲自召集协调，一个月内给居民答复。（针对问题2）
3. 进一步改进工作作风，做群众的贴心人，长期坚持。
赵××
二〇一四年七月十日
"""


def test_measures_that_name_their_problem_leave_the_unnamed_one_unanswered():
    result = review(REFERENCED.encode("utf-8"), filename="geren.txt")
    assert [m.problem for m in result.measures[:2]] == [0, 1]
    flag = next(f for f in result.flags if f.code == "problems_without_measures")
    assert [e.text for e in flag.evidence] == [result.problems[2].text]
