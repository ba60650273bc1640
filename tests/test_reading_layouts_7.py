"""Layouts read in the fifteenth session's cold-brief sets (the texts here are our own): an unheaded
personal plan whose problems are a semicolon list in its opening paragraph and whose measures open
with 对于……的问题，; prose problem paragraphs under a topic that tell of several conducts; a look-back
whose third shortfall has no next step; sentences that only announce the measures; titles that name
a report on the rectification's progress; and a campaign's plan of activities."""

from sifeng import review
from sifeng.doctype import title_type


def _texts(items):
    return [i.text.rstrip("。；") for i in items]


def _codes(result):
    return {f.code for f in result.flags}


UNHEADED_PLAN = """县第五中学校长李××个人整改措施

经过征求意见和专题民主生活会，教职工和家长给我提了不少意见，我也认真作了反思。归纳起来，我在“四风”方面的问题主要有四个：学校布置给班主任的检查、评比和材料过多，老师们忙于应付；深入课堂和学生宿舍少，对学生的学习和生活情况了解不够；学校重大事项决策前征求教职工意见不充分，去年修订考核办法时没有提交教代会讨论；学校接待来访人员有时安排在校外饭店，超出了规定标准。

对于检查评比过多的问题，11月底前由学校办公室对各类检查评比进行清理，班主任需要填报的表册从15种压缩到6种以内。

对于深入一线不够的问题，我每学期听课不少于40节，每周至少两天在学生食堂就餐。

对于决策不民主的问题，本学期内修订学校《教职工代表大会实施细则》，考核、评优等事项一律提交教代会审议。

对于接待超标的问题，立行立改，来访公务活动一律在学校食堂安排工作餐，不上酒水，接待清单由总务处登记备查。

以上措施，我将在教职工大会上公开，接受大家监督。

李××
2014年10月8日
"""


def test_an_unheaded_plans_problem_list_and_its_parallel_measures_are_read():
    result = review(UNHEADED_PLAN.encode("utf-8"), filename="geren.txt")
    assert result.doc_type == "个人整改措施"
    problems = _texts(result.problems)
    assert len(problems) == 4
    assert problems[0].startswith("学校布置给班主任的检查、评比和材料过多")
    assert problems[1].startswith("深入课堂和学生宿舍少")
    assert problems[3].startswith("学校接待来访人员有时安排在校外饭店")
    assert not any("归纳起来" in p for p in problems)  # the announcing lead is no problem
    measures = " ".join(_texts(result.measures))
    for promise in ("11月底前由学校办公室对各类检查评比进行清理", "我每学期听课不少于40节",
                    "本学期内修订学校《教职工代表大会实施细则》", "来访公务活动一律在学校食堂安排工作餐"):
        assert promise in measures
    # every problem has its measure: nothing unanswered
    assert "problems_without_measures" not in _codes(result)
    assert result.verdict != "无法判断（需人工审阅）"


PROSE_SELF_EXAMINATION = """青河镇党委书记王××个人对照检查材料

按照县委的部署，我认真学习了规定篇目，广泛征求了意见，对照“四风”作了检查，现报告如下。

在联系群众方面，我下村多是在村部听汇报，进农户家门少，有的村一年去了几次，却叫不出几户困难户的名字。对群众来访有时不够耐心，去年冬天几位村民为征地补偿的事到镇里找我，我只让他们去找分管领导，群众后来又跑了三趟才解决。

在执行八项规定方面，2013年镇里接待上级检查有几次安排在镇上的饭店，菜品标准超过了规定，我没有制止；镇政府办公楼维修时，我的办公室面积达到30平方米，超出了规定标准。

针对以上问题，我将从这几方面改起。每月至少安排四天住村，每个村每年走访农户不少于20户。坚持每周一上午在便民服务大厅接待群众来访，来访事项一周内答复。镇里公务接待一律在机关食堂安排工作餐。办公室超标部分年底前腾退。

王××
2014年7月20日
"""


def test_a_prose_paragraph_under_a_topic_is_one_problem_per_conduct():
    result = review(PROSE_SELF_EXAMINATION.encode("utf-8"), filename="duizhao.txt")
    assert result.doc_type == "对照检查材料"
    problems = _texts(result.problems)
    assert len(problems) == 4
    assert problems[0].startswith("我下村多是在村部听汇报")
    assert problems[1].startswith("对群众来访有时不够耐心")
    assert problems[2].startswith("2013年镇里接待上级检查有几次安排在镇上的饭店")
    assert problems[3].startswith("镇政府办公楼维修时")
    assert not any(p.startswith(("在联系群众方面", "在执行八项规定方面")) for p in problems)
    # the sentence that only announces the measures is none of them
    assert not any("从这几方面改起" in m for m in _texts(result.measures))


LOOK_BACK = """××学院党委副书记赵××个人整改落实情况“回头看”自查报告

按照学校党委的要求，我对照个人整改措施逐项作了自查，现将有关情况报告如下。

一、整改落实情况

个人整改措施确定的五项任务，已完成四项，一项正在推进。

二、存在的差距和不足

对照师生的期盼，我个人整改中还有差距。一是与青年教师的直接交流还不多，听到的真实声音有限；二是学生思想政治教育仍有重活动数量、轻实际效果的倾向，一些主题教育活动以发通知、交总结为主；三是对研究生辅导员队伍建设关注不够，辅导员配备比例长期达不到要求。

三、下一步措施

下一步，我将着力做好以下工作：一是每月参加一次青年教师座谈，面对面听取青年教师意见；二是3月底前对学生工作部门组织的主题教育活动进行梳理，压减三分之一；三是每学期对学生思想政治教育效果开展一次问卷调查。

赵××
2015年1月12日
"""


def test_a_look_back_shortfall_with_no_next_step_is_unanswered():
    result = review(LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    assert result.doc_type == "回头看自查报告"
    assert len(result.problems) == 3 and len(result.measures) == 3
    by_id = {m.id: m for m in result.measures}
    # the measures cut from one paragraph answer the problems they speak to, not all the second one
    first = result.problems[0]
    assert any("青年教师座谈" in by_id[k].text for k in first.measures)
    assert not result.problems[2].measures
    assert "problems_without_measures" in _codes(result)
    assert result.verdict not in ("合格", "基本合格")


def test_titles_of_progress_reports_name_a_look_back():
    assert title_type("中共××县供电公司委员会关于教育实践活动整改落实进展情况的汇报") == "回头看自查报告"
    assert title_type("××县人民医院教育实践活动整改落实情况进展表") == "回头看自查报告"
    assert title_type("××公交集团党委2014年度整改落实工作总结") == "回头看自查报告"
    assert title_type("张××同志个人整改措施落实情况报告") == "回头看自查报告"
    assert title_type("市教育局关于违规吃喝专项整治工作进展情况汇报") == "回头看自查报告"
    # plans stay plans
    assert title_type("××局党组教育实践活动整改方案") == "整改方案"
    assert title_type("关于开展“回头看”的实施方案") is None


SITE_LINES = UNHEADED_PLAN.replace(
    "以上措施，我将在教职工大会上公开，接受大家监督。",
    "以上措施，我将在教职工大会上公开，接受大家监督。\n\n下载此文档　举报　上一篇：教师党员个人整改承诺书　下一篇：乡镇干部个人整改措施\n\n"
    "本站资料均由网友上传，仅供学习交流，如有侵权请联系删除。")


def test_a_reposting_sites_lines_are_no_measures():
    result = review(SITE_LINES.encode("utf-8"), filename="geren.txt")
    measures = " ".join(_texts(result.measures))
    assert "上一篇" not in measures and "侵权" not in measures
    assert "11月底前由学校办公室对各类检查评比进行清理" in measures
