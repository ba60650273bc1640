"""Layouts read in the eleventh session's cold-brief sets (the texts here are our own): blank forms
still to be filled in, a self-examination excerpt that opens at a style heading, the 本人 of the
people a window unit serves, a measures label opening the paragraph under its problem, sub-titles
over measure paragraphs, one owner and deadline written once for two measures, a rule plan with
inline labels read once, a heading with 的, and the family explanation that is really another one."""

from classifiers.requirements import six_explanations
from docparse import parse
from sifeng import review
from sifeng.doctype import blank_slots
from sifeng.understand import detect_scope, heading_kind

BLANK_OUTLINE = """领导班子对照检查材料撰写提纲（参考模板）
说明：本提纲供各单位领导班子撰写对照检查材料时参考，不得照搬照抄。
一、“四风”方面存在的突出问题
（一）形式主义方面
（列出具体表现和典型事例，不写一般性问题。）
（二）官僚主义方面
（同上。）
二、产生问题的原因剖析
（从理想信念、宗旨意识、党性修养、政治纪律等方面剖析根源。）
三、努力方向和整改措施
（针对查摆的问题，逐条提出整改措施，明确努力方向。）
领导班子（盖章）
××××年××月××日
"""

BLANK_FORM = """班子成员个人整改清单
姓名：　　　　　职务：　　　　　分管工作：
一、存在的问题（对照“四风”逐条填写）
1.
2.
3.
二、整改措施（与上述问题逐条对应）
1.　　　　　　　　　　完成时限：
2.　　　　　　　　　　完成时限：
3.　　　　　　　　　　完成时限：
本表由班子成员本人如实填写，问题要具体，措施要可检查，不要写空话套话，于四月二十日前交镇党政办汇总后报县活动办。
"""


def test_a_blank_outline_named_like_a_submission_is_a_template_not_judged():
    result = review(BLANK_OUTLINE.encode("utf-8"), filename="tigang.txt")
    assert result.doc_type is None and result.not_submission == "空白模板"
    assert result.verdict == "无法判断（需人工审阅）"
    assert {f.code for f in result.flags} == {"structure_unrecognised"}  # says why, judges nothing


def test_empty_numbered_lines_and_blank_fields_count_as_slots_to_fill():
    # 3 empty items, 3 empty items with a field label, 2 blank fields before the next label on one line
    # (the text reader squeezes the runs of spaces)
    assert blank_slots(parse(BLANK_FORM.encode("utf-8"), filename="form.txt").text) == 8
    result = review(BLANK_FORM.encode("utf-8"), filename="form.txt")
    assert result.doc_type is None and result.not_submission == "空白模板"


def test_a_filled_plan_has_no_slots():
    text = """××镇党委整改方案
一、存在的问题
1. 会议多，一周要开三四个会。
二、整改措施
1. 每周一只开一次例会，每次不超过1小时。完成时限：2014年6月底前
××镇党委
2014年5月6日
"""
    assert blank_slots(parse(text.encode("utf-8"), filename="plan.txt").text) == 0


EXCERPT = """（一）形式主义方面
1.学习走过场。中心组学习多是念文件，学了什么、用了什么没有人过问，学习笔记有的是会后补抄的。
2.检查考核过多。局机关对基层站所的各类检查一年有二十多次，每次都要台账和照片，基层同志疲于应付。
（二）官僚主义方面
1.下基层调研少。班子成员到基层多是听汇报、看现场，和一线职工面对面交谈少，对基层的难处了解不深。
2.办事拖拉。基层站所报来的请示，有的一个多月没有答复，问到了才去催办。
"""


def test_an_excerpt_that_opens_at_a_style_heading_reads_as_a_self_examination_of_uncertain_type():
    result = review(EXCERPT.encode("utf-8"), filename="page.txt")
    assert len(result.problems) == 4 and not result.measures
    assert result.doc_type == "对照检查材料" and result.doc_type_confidence < 0.6
    assert result.verdict == "无法判断（需人工审阅）"


SERVICE_PLAN = """临川区不动产登记中心整改方案
中心收到群众意见建议58条，归并为两个方面的突出问题。
一、整改的问题和措施
（一）档案查询门槛高，查询本人档案也要开单位介绍信，群众查一次档案往往要请两次假。对此，取消查询本人档案须开介绍信的要求，查询窗口全天开放（档案科负责，10月底前完成）。
（二）办理抵押登记须本人到场签字，外地群众往返奔波。对此，开通委托办理，委托书经公证的不再要求本人到场（业务科负责，11月底前完成）。
临川区不动产登记中心
二〇一四年九月十八日
"""


def test_the_applicants_own_self_does_not_make_a_units_plan_personal():
    document = parse(SERVICE_PLAN.encode("utf-8"), filename="plan.txt")
    assert detect_scope(document) == "班子"
    result = review(SERVICE_PLAN.encode("utf-8"), filename="plan.txt")
    assert result.doc_type == "整改方案" and result.scope == "班子"


LABEL_UNDER_PROBLEM = """××乡党委书记王××个人整改措施
现制定个人整改措施如下，请组织和群众监督。
一、存在的问题和整改措施
（一）下村调研多是到村部听汇报，进农户少，有5个边远村一年没有去过。
整改措施：2014年底前走遍全乡26个村，每季度到边远村不少于1次。
（二）对乡干部“走读”问题睁一只眼闭一只眼，怕得罪人，没有严肃批评。
整改措施：本人带头住乡，每周在乡里住宿不少于4晚，对班子成员住乡情况每月点名通报。
二〇一四年四月二十五日
"""


def test_a_measures_label_under_a_numbered_problem_answers_it():
    result = review(LABEL_UNDER_PROBLEM.encode("utf-8"), filename="geren.txt")
    assert [p.text.rstrip("。") for p in result.problems] == [
        "下村调研多是到村部听汇报，进农户少，有5个边远村一年没有去过",
        "对乡干部“走读”问题睁一只眼闭一只眼，怕得罪人，没有严肃批评"]
    assert [m.text.rstrip("。")[:10] for m in result.measures] == ["2014年底前走遍全", "本人带头住乡，每周在"]
    assert [m.problem for m in result.measures] == [0, 1]


SUBTITLES = """白沙乡党委整改方案
一、存在的主要问题
1.学习不够深入系统，学用结合不紧，存在以干代学的现象。
2.班子成员深入村组少，对群众反映的问题回应不够及时。
二、整改措施
（一）加强学习，提高素质
一是进一步加强政治理论学习，增强学习的自觉性和主动性；二是每月集中学习一次，由党政办记录考勤。
（二）严明纪律，改进作风
严格执行各项工作纪律，班子成员每周到联系村不少于一天，群众反映的问题三日内答复。
中共白沙乡委员会
二〇一四年四月二十五日
"""


def test_short_numbered_titles_over_measure_paragraphs_are_not_measures():
    result = review(SUBTITLES.encode("utf-8"), filename="plan.txt")
    texts = [m.text for m in result.measures]
    assert "加强学习，提高素质" not in texts and "严明纪律，改进作风" not in texts
    assert len(texts) == 3 and texts[-1].startswith("严格执行各项工作纪律")


ANNOUNCED_AND_BLOCK = """××县委常委班子整改方案
一、存在的问题
1.新区建设贪大求洋，行政中心广场二期亮化工程投资过大。
二、整改措施
今后我们从以下几个方面抓好落实：一是对新区在建和拟建项目逐个重新论证，停建广场二期亮化工程；二是今后新区项目的建设规模和标准报县人大常委会审议后再实施。以上两项由县住建局牵头，2014年9月底前完成。
中共××县委员会
二〇一四年六月十日
"""


def test_an_announcing_lead_is_cut_and_a_closing_line_gives_both_measures_owner_and_deadline():
    result = review(ANNOUNCED_AND_BLOCK.encode("utf-8"), filename="plan.txt")
    assert [m.text[:8] for m in result.measures] == ["对新区在建和拟建", "今后新区项目的建"]
    for measure in result.measures:
        assert measure.owner is not None and measure.owner.text == "县住建局"
        assert measure.deadline is not None and measure.deadline.due == "2014-09-30"


RULE_PLAN = """中共江州职业技术学院委员会制度建设计划
为把好做法用制度固定下来，制定本计划。
一、新建和修订的制度
1．《校领导联系基层和师生制度》。明确每位校领导联系1个二级学院，每学期到联系点调研不少于4次。牵头单位：党委办公室；完成时间：2014年9月底前。
2．《学校公务接待管理办法》。规定接待审批和陪餐人数，校内接待一律安排在学校食堂。牵头单位：校长办公室；完成时间：2014年8月底前。
3．修订《科研经费管理办法》，严禁用科研经费报销个人消费。牵头单位：科研处；完成时间：2014年12月底前。
中共江州职业技术学院委员会
二〇一四年七月十五日
"""


def test_rule_entries_with_inline_labels_are_read_once():
    result = review(RULE_PLAN.encode("utf-8"), filename="zhidu.txt")
    assert len(result.measures) == 3
    assert len({m.text for m in result.measures}) == 3
    assert [m.owner.text for m in result.measures] == ["党委办公室", "校长办公室", "科研处"]


def test_a_heading_written_with_de_is_read_as_without_it():
    assert heading_kind("二、对照“回头看”重点逐项自查的情况") == "progress"
    assert heading_kind("三、几点打算") == "measures"
    assert heading_kind("二、近期要为群众办好的几件实事") == "measures"


def test_a_son_in_the_gift_money_explanation_is_not_the_family_business_explanation():
    text = ("关于人情消费，2013年儿子结婚，只请了双方亲属，没有收受职工和企业的礼金。\n"
            "关于公务用车，本人没有配备专车。")
    assert "jiashu_zinv_congye" not in {f.id for f in six_explanations(text, text)}
    told = text + "\n本人爱人在县医院工作，女儿在读大学，均未经商办企业。"
    assert "jiashu_zinv_congye" in {f.id for f in six_explanations(told, told)}


SPACED_WEB_TABLE = """<html><body><h1>中共溪口县教育局党组问题整改清单</h1>
<p>局党组对征求到的意见建议进行梳理，形成问题整改清单如下，现予公示。</p>
<p>序号　存在问题　整改措施　完成时限　责任领导　责任股室</p>
<p>（一）形式主义方面</p>
<p>1　对学校的检查评比多，学校疲于准备材料　将检查评比项目压减到10项以内，不要求学校专门制作汇报材料　2014年9月底前　副局长邱××　督导室</p>
<p>（二）官僚主义方面</p>
<p>2　教师办手续要在多个股室之间来回跑　在局机关一楼设立教师服务窗口，一个窗口受理　2014年7月底前　副局长邱××　人事股</p>
<p>（注：本清单中的整改事项完成后，将在局网站逐项公布完成情况。）</p>
<p>中共溪口县教育局党组</p><p>二〇一四年五月二十八日</p></body></html>"""


def test_a_web_table_typed_with_full_width_spaces_keeps_its_category_rows_and_columns():
    document = parse(SPACED_WEB_TABLE.encode("utf-8"), filename="qingdan.html")
    table = next(b.table for b in document.blocks if b.table is not None)
    assert [c.text for c in table.rows[0]] == ["序号", "存在问题", "整改措施", "完成时限", "责任领导", "责任股室"]
    assert table.rows[1][0].text == "（一）形式主义方面" and not table.rows[1][1].text
    result = review(SPACED_WEB_TABLE.encode("utf-8"), filename="qingdan.html")
    assert [p.text[:8] for p in result.problems] == ["对学校的检查评比", "教师办手续要在多"]
    assert [m.owner.text for m in result.measures] == ["督导室", "人事股"]
    assert not any(m.text.startswith("（注") for m in result.measures)  # the note under the list is no item


CIRCLED = """××县委常委会整改方案
一、整改的主要任务
1.会议文件偏多。2013年全县性会议56次，有的会议层层陪会，有的文件照抄照转。
整改措施：①2014年全县性会议、县委县政府发文数量均比上年压减三分之一以上；②能合并召开的会议一律合并，会议讲话一般不超过30分钟。
责任领导：县委副书记　牵头单位：县委办　完成时限：2014年12月底前
二、组织保障
县委书记对整改工作负总责。
中共××县委员会
二〇一四年四月二十八日
"""


def test_circled_numbers_run_together_in_a_paragraph_are_measures_each():
    result = review(CIRCLED.encode("utf-8"), filename="plan.txt")
    assert [m.text[:10] for m in result.measures] == ["2014年全县性会议", "能合并召开的会议一律"]
    assert all(m.problem == 0 and m.owner.text == "县委办" for m in result.measures)


LIST_LABEL = """城关派出所所长孙××个人整改措施
一、存在的问题
（一）对户籍窗口群众办证难问题重视不够，群众补办身份证要跑三四趟。
（二）对所里民警的日常管理偏松，有的民警值班期间打牌。
二、整改措施
（一）户籍窗口实行中午不休息、周六上午值班，办证材料一次性告知，2014年8月底前落实到位。
（二）加强学习，深入基层调研，不断提高驾驭复杂治安局势的能力和水平。
完成时限：长期坚持
（三）从严管理队伍，民警值班期间一律不得打牌，违者当月通报并扣发绩效。
完成时限：即日起
城关派出所所长孙××
二〇一四年七月十日
"""


def test_a_deadline_line_inside_a_numbered_list_of_measures_is_the_last_measures_own():
    result = review(LIST_LABEL.encode("utf-8"), filename="geren.txt")
    first, second, third = result.measures
    assert first.deadline.text.startswith("2014年8月底前")
    assert second.deadline.kind == "long_term" and third.deadline.kind == "immediate"


VILLAGE_LIST = """××村党支部、村委会整改清单
根据镇党委要求，村两委对党员群众提出的意见进行了梳理，列出以下整改清单，请群众监督。
一、存在的问题
1.村干部坐班不正常，群众办事找不到人。
二、整改措施
1.村两委干部轮流在村部值班，值班表在村务公开栏公布。责任人：王××，完成时间：2014年6月底前。
××村党支部
××村村民委员会
以上报告，请审阅。
二〇一四年五月二十八日
"""


def test_the_title_the_village_bodies_signing_and_a_closing_formula_are_no_items():
    result = review(VILLAGE_LIST.encode("utf-8"), filename="qingdan.txt")
    assert len(result.problems) == 1 and len(result.measures) == 1
    assert result.measures[0].text.startswith("村两委干部轮流在村部值班")


SPOKEN = """我的整改措施
石桥村文书　张某某
这次活动，乡里包村的同志和村里的党员群众给我提了不少意见，我一条一条都记下来了。
对照这些意见，我自己找了下面几条毛病。
群众来村里开证明，我有时候不在，就让人家第二天再来，有的老人为开一个证明跑了三趟。
上班时间我有时候在办公室用电脑打扑克，群众来了还要等我把这一把打完。
针对这几条毛病，我定了下面几条改的办法。
从今天起我每天上午8点到11点都在村委会，开证明的当场给开，不让群众跑第二趟。
上班时间不再打扑克、玩游戏，办公室电脑上的游戏我都删掉。
请乡党委和全村党员群众监督我。
二〇一四年五月六日
"""


def test_sentences_that_announce_the_lists_after_them_open_problems_and_measures():
    result = review(SPOKEN.encode("utf-8"), filename="geren.txt")
    assert [p.text[:8] for p in result.problems] == ["群众来村里开证明", "上班时间我有时候"]
    assert [m.text[:8] for m in result.measures] == ["从今天起我每天上", "上班时间不再打扑"]


LOOK_BACK_TABLE_AND_SHORTFALL = """个人整改措施落实情况“回头看”自查报告
副总经理　孙××
公司党委：
现将我的个人整改措施落实情况报告如下。
序号\t整改任务\t完成情况\t下步措施
1\t深入供水一线少\t2014年下半年到各营业所现场办公12次\t每月到营业所和加压站现场办公不少于2次
2\t用户报修响应慢\t开通24小时报修热线\t2015年6月底前将报修处理情况纳入营业所月度考核
回头看，我的整改还有不足：有的整改任务满足于制度出台，执行情况跟踪检查少。今后每季度对分管部门的制度执行情况抽查一次，抽查结果报公司党委。
孙××
二〇一五年一月八日
"""


def test_a_look_back_table_gives_its_next_steps_and_a_shortfall_paragraph_its_problem_and_measure():
    result = review(LOOK_BACK_TABLE_AND_SHORTFALL.encode("utf-8"), filename="huitoukan.txt")
    assert result.doc_type == "回头看自查报告"
    assert [p.text for p in result.problems] == ["有的整改任务满足于制度出台，执行情况跟踪检查少。"]
    texts = [m.text for m in result.measures]
    assert texts[0].startswith("每月到营业所") and texts[1].startswith("2015年6月底前")
    assert texts[-1].startswith("每季度对分管部门的制度执行情况抽查一次")


ARTICLES_OF_A_PROMISE = """个人整改措施落实情况“回头看”自查报告
活动中我给自己定了三条整改措施，现在对照着说一说。
第一条，每月下村不少于8天。这一条基本做到了，全年下村107天。但是下村主要是跑项目、催进度，坐下来跟群众拉家常的时候少。以后我每次下村至少走访3户群众，把群众提的事记在本子上。
第二条，工作日中午不喝酒。这一条做到了，中午一次酒也没有喝过。
第三条，分管的计生服务站办证一次办结。服务站现在实行了一次性告知，但是外出人员的婚育证明还要群众回村里开，有的要跑两三趟。我跟县计生局衔接，明年3月底前把婚育证明改成由乡服务站直接函调核实。
赵××
二〇一四年十二月二十六日
"""


def test_a_look_back_that_goes_through_its_promises_article_by_article_is_no_set_of_rules():
    result = review(ARTICLES_OF_A_PROMISE.encode("utf-8"), filename="huitoukan.txt")
    assert result.not_submission is None and result.doc_type == "回头看自查报告"
    assert [p.text[:8] for p in result.problems] == ["下村主要是跑项目", "外出人员的婚育证"]
    assert [m.text[:8] for m in result.measures] == ["以后我每次下村至", "我跟县计生局衔接"]


def test_numbers_in_brackets_and_a_title_before_them_split_an_item():
    from sifeng.understand import split_marked
    assert split_marked("严明窗口工作纪律。（1）实行上下班刷卡考勤，考勤情况每周通报；（2）工作时间窗口人员一律不得玩手机。") == [
        "实行上下班刷卡考勤，考勤情况每周通报", "工作时间窗口人员一律不得玩手机。"]
    assert split_marked("会议时间控制在（1）小时以内") is None
    assert heading_kind("四、努力的重点") == "measures" and heading_kind("三、工作任务") == "measures"
