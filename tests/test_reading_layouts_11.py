"""Real-page shapes read in the twentieth session: self-examination titles that pair problems with
measures, a model-text site's opening line, a mirror's byline in traditional script, a progress report
declared in its opening, numbered problems each followed by a paragraph that explains it. Every text
here is invented."""

from docparse import parse
from sifeng import review
from sifeng.doctype import page_titles, title_type
from sifeng.reader import measureness


def test_a_title_that_pairs_found_problems_with_measures_names_a_self_examination():
    assert title_type("作风建设方面存在的问题及整改措施") == "对照检查材料"
    assert title_type("班子成员个人存在问题和整改措施") == "对照检查材料"
    assert title_type("2024年领导班子作风问题查找清单和整改措施") == "对照检查材料"
    assert title_type("学习教育方面存在的问题及整改措施（支部班子组织生活会剖析材料）") == "对照检查材料"
    # a plan's list of the problems it was handed, each with its measure, is still a plan
    assert title_type("东岭村党支部问题清单及整改措施") == "整改方案"
    assert title_type("局党组整改措施") == "整改方案"


def test_a_model_text_sites_opening_line_names_what_the_page_collects():
    text = "序论：在您撰写乡镇干部个人剖析材料时，参考他人的优秀作品可以开阔视野，小编为您整理的5篇范文。\n一、存在的问题\n"
    assert "乡镇干部个人剖析材料" in page_titles(text)


def test_a_mirrors_byline_in_traditional_script_is_not_the_title():
    page = "時間:2023-04-02 09:15:10\n序論:供參考。\n一、存在的問題\n1、學習不夠深入。\n"
    document = parse(page.encode("utf-8"), filename="page.txt")
    assert not (document.metadata.title or "").startswith("時間")


NUMBERED_WITH_EXPLANATIONS = """序论：在您撰写教师党员自我剖析材料时，参考他人的优秀作品可以开阔视野，小编为您整理的3篇范文。
一、我在工作中存在的问题
1、备课不够认真，照搬教案多，结合学情少。
有时赶进度，课前只把往年的教案翻出来改改日期，没有根据这届学生的情况重新设计，课堂上讲得多、练得少。
2、对后进学生关心不够。
作业批改只打对错，很少找基础差的学生个别谈话，家长来问情况时也只是简单应付几句。
3、参加集体教研不积极。
教研活动常以忙为由请假，轮到自己上公开课时临时拼凑，课后评议也很少发言。
4、学习新课标不够深入。
上级发的学习材料只浏览一遍，笔记是为了检查而抄的，没有真正用到课堂上。
"""


def test_numbered_problems_each_followed_by_their_explanation_are_read_as_problems():
    result = review(NUMBERED_WITH_EXPLANATIONS.encode("utf-8"), filename="page.txt")
    texts = [p.text for p in result.problems]
    assert len(texts) == 4
    assert texts[1].startswith("对后进学生关心不够")
    assert result.doc_type == "对照检查材料"  # named by the site's opening line


def test_the_same_page_in_traditional_script_reads_the_same_problems():
    from classifiers.normalise import _converter

    converter = _converter()
    if converter is None:  # (OpenCC is an install requirement; without it nothing is converted)
        return
    import opencc

    traditional = opencc.OpenCC("s2t").convert(NUMBERED_WITH_EXPLANATIONS)
    assert traditional != NUMBERED_WITH_EXPLANATIONS
    result = review(traditional.encode("utf-8"), filename="page.txt")
    assert len(result.problems) == 4
    # a measure scorer reads a traditional sentence as it reads the simplified one
    assert abs(measureness("對後進學生關心不夠。") - measureness("对后进学生关心不够。")) < 1e-9


PROGRESS_OPENING = """自全市开展违规吃喝问题专项整治以来，我局党组高度重视，把专项整治作为改进作风的重要抓手，一体推进学查改，取得了阶段性成效。现将工作进展情况汇报如下：
一、强化组织领导
成立了由党组书记任组长的专项整治工作专班，制定了任务清单，明确了各科室的责任。
"""


def test_an_opening_that_reports_a_campaigns_progress_declares_a_look_back_report():
    result = review(PROGRESS_OPENING.encode("utf-8"), filename="page.txt")
    assert result.doc_type == "回头看自查报告"
    assert result.verdict == "无法判断（需人工审阅）"  # nothing was read: typed, not judged


WRITING_GUIDE = """班子对照检查“廉洁自律”方面存在的问题及整改措施
今年的民主生活会要求把廉洁自律作为对照重点。今天讲讲这一方面怎么写，分为三个部分：一是要求原文，二是存在问题，三是技巧经验。
一、要求原文
领导干部要严格执行中央八项规定及其实施细则精神，自觉遵守廉洁从政的各项规定，管好家属子女和身边工作人员。
二、存在问题
这一部分可以对照要求原文来拟写，站在班子的角度找差距，下面我举例三条。
一是执行公务接待标准不够严格。个别时候接待上级检查，陪餐人数超过规定，菜品也有超标。
二是对公务用车管理不够到位。有的车辆节假日没有封存，存在私用的隐患。
三是对身边人员教育提醒不够。对科室负责人的廉洁谈话流于形式，一年只谈一次。
"""


def test_a_writing_guide_whose_examples_read_as_problems_is_not_judged():
    result = review(WRITING_GUIDE.encode("utf-8"), filename="page.txt")
    assert result.doc_type is None
    assert result.not_submission == "写作指导"
    assert result.verdict == "无法判断（需人工审阅）"


CUT_AT_SECOND = """更新时间：2019-03-02 10:12　作者：佚名
二是用权不够规范。严格用权，就是要按规矩、按程序办事，把权力关进制度的笼子里。应该说，近年来镇里的议事规则不断完善，但对照要求还有差距。如去年采购办公桌椅时，由于时间紧，我没有上班子会研究，就让党政办先行订购了，事后才补了程序。
三是对下属管理偏松。由于好人主义思想作怪，个别站所干部上班迟到早退、工作日中午饮酒，我知道后只是口头提醒，没有严肃处理，导致有的同志我行我素。
四是抓落实不够有力。去年以来，各村虽然都成立了红白理事会，但有的村只是挂了牌子，大操大办的现象仍有发生，我到村里检查多是听汇报，没有一户一户去核实。
五是谋发展急于求成。在产业结构调整上，有时为了出成绩，不顾群众意愿推广新品种，结果销路不畅，群众意见很大。
"""


def test_an_excerpt_cut_at_its_second_item_reads_every_item_of_the_list():
    result = review(CUT_AT_SECOND.encode("utf-8"), filename="page.txt")
    texts = [p.text for p in result.problems]
    assert any(t.startswith("用权不够规范") for t in texts)  # its explanation opens with a standard, not a fault
    assert any(t.startswith("抓落实不够有力") for t in texts)
    assert len([t for t in texts if t.startswith(("用权", "对下属", "抓落实", "谋发展"))]) == 4


def test_a_preview_that_runs_its_title_into_the_body_is_named_by_it():
    page = ("1、河口小学对照“庸懒散”自查情况汇报河口小学对照庸懒散自查情况汇报我校接到镇中心校通知后，立即组织全体教师学习"
            "作风整顿文件，成立了领导小组，召开了动员会，对照文件逐条开展自查。")
    result = review(page.encode("utf-8"), filename="page.txt")
    assert result.doc_type == "回头看自查报告"


def test_a_self_check_that_reports_as_follows_and_progress_labels_declare_a_look_back_report():
    from sifeng.doctype import declaration

    said = "我院对照评议要求，就收费公示、医德医风等方面作了逐项自查，现将基本情况作如下报告。"
    assert declaration(said) == (("回头看自查报告",), None)
    progress = "整改措施：\n每周安排半天集中学习。\n进展成效：已开展专题学习4次，工作响应速度有所提升。"
    assert declaration(progress) == (("回头看自查报告",), None)
    # a plan that promises to report its progress later declares nothing of the kind
    assert declaration("整改措施：每周安排半天集中学习。整改进展情况按季度报送。") is None


def test_a_model_text_sites_suffixes_do_not_hide_the_type():
    assert title_type("小学师德整改自查报告样板") == "回头看自查报告"
    assert title_type("社区党委班子对照检查材料精选5篇") == "对照检查材料"
    assert title_type("乡镇整改方案推荐3篇") == "整改方案"


def test_an_author_who_says_he_writes_a_self_check_report_declares_one():
    from sifeng.doctype import declaration

    said = "近期我单位发现部分员工存在推诿扯皮的现象。为深入剖析问题根源，明确整改方向，特撰写此份自查报告。"
    assert declaration(said) == (("回头看自查报告",), None)


def test_a_unit_that_reports_its_own_inspection_rectification_declares_a_look_back_report():
    from sifeng.doctype import declaration

    said = ("根据县委统一部署，县委第一巡察组对县科协党组开展了常规巡察，并反馈了巡察意见。县科协党组按照巡察整改方案确定的任务，"
            "逐条逐项抓好落实。截至6月底，18项整改措施已完成15项。按照巡察工作有关要求，现将具体情况通报如下。")
    assert declaration(said) == (("回头看自查报告",), None)
    typo = "按照巡察工作有关要求，现将巡察整改进展情况报予以公布。"
    assert declaration(typo) == (("回头看自查报告",), None)
    # an inspection group's own report on what it found is no unit's report on its rectification
    assert declaration("县委第二巡察组对县水利局开展了巡察。现将巡察发现的问题反馈如下。") is None
