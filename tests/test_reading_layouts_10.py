"""Real-page shapes read in the nineteenth session: unnumbered problem paragraphs under headings in the
author's own words, 一是/二是 clauses with no heading the reader knows, a measure passed over between
two read ones, a page title among a site's chrome, progress-report and preview titles, headlines and
dated news leads. Every text here is invented."""

from sifeng import review
from sifeng.doctype import page_titles, title_type

OWN_HEADINGS = """（二）联系服务群众不够深入
下基层调研的次数不少，但多是看点、听汇报，到困难多、矛盾多的村组去得少，群众反映的宅基地审批慢的问题，拖了半年才研究。
对来访群众有时态度生硬，说话打官腔，让群众多跑了冤枉路。去年冬天，一位老人为低保的事来了三趟，我只是让他找经办人，没有当场过问。
（三）工作作风不够扎实
安排工作习惯于开会布置、发文推动，会议多、文件多，抓落实的办法少。有的会议开了半天，议而不决，决而不行。
对下面报上来的材料只看数字、不看实情，个别村上报的数据明显偏高也没有追问。
三、产生问题的原因
一是理想信念有所松懈，放松了主观世界的改造。二是宗旨意识有所淡化。
"""


def test_unnumbered_paragraphs_under_the_authors_own_headings_are_problems():
    result = review(OWN_HEADINGS.encode("utf-8"), filename="page.txt")
    texts = [p.text for p in result.problems]
    assert any(t.startswith("下基层调研的次数不少") for t in texts)
    assert any("只看数字、不看实情" in t for t in texts)
    # the causes are not problems
    assert not any("理想信念有所松懈" in t for t in texts)
    assert result.doc_type == "对照检查材料"
    assert result.verdict == "无法判断（需人工审阅）"  # an excerpt with no title: typed, not judged


CLAUSES_UNDER_CHROME = """首页 > 范文 > 对照检查材料
班子成员个人对照检查材料
发布时间：2014-08-03
一是学风不够端正，理论学习停留在读文件、抄笔记上，没有联系思想实际深入思考；二是深入基层不够，调研多是走过场，听取汇报多，解剖麻雀少；三是对分管单位要求不严，存在老好人思想，发现问题不愿批评。
——试读结束——
登录后开通VIP查看全文
"""


def test_ordinal_clauses_of_one_paragraph_are_a_list_of_problems():
    result = review(CLAUSES_UNDER_CHROME.encode("utf-8"), filename="page.txt")
    texts = [p.text for p in result.problems]
    assert len(texts) == 3
    assert texts[1].startswith("深入基层不够")
    assert not result.measures  # the preview's chrome promises nothing


NEWS_WITH_CHROME_HEADING = """首页 > 新闻中心 > 基层动态
县委常委班子召开专题民主生活会
2014年9月20日，县委常委班子召开党的群众路线教育实践活动专题民主生活会。市委督导组到会指导。
会上，县委书记代表常委班子作对照检查，从四个方面查摆了班子存在的突出问题，深刻剖析了问题根源。
随后，常委班子成员逐一进行个人对照检查，开展批评和自我批评。大家认为，有的同志下基层调研走马观花，有的会议多、文件多，抓落实不够。
督导组组长在点评时指出，这次民主生活会准备充分、主题鲜明，达到了预期目的。
"""


def test_a_news_report_under_a_breadcrumb_is_not_read_as_a_problem_list():
    result = review(NEWS_WITH_CHROME_HEADING.encode("utf-8"), filename="page.txt")
    assert result.doc_type is None
    assert result.verdict == "无法判断（需人工审阅）"


DIRECTIONS = """四、今后的努力方向
（一）加强理论学习，坚定理想信念
坚持每周集中学习一次，认真研读党章和系列讲话，做到学而信、学而用，年底前撰写心得体会不少于3篇。
（二）践行群众路线，改进工作作风
每月到联系村蹲点不少于4天，面对面听取群众意见，对群众反映的问题建立台账，限期办结。
（三）严守八项规定，保持清正廉洁
严格执行公务接待标准，不超标准用车，不收受礼品礼金，管好身边工作人员。
"""


def test_a_measure_between_two_read_ones_is_not_passed_over():
    result = review(DIRECTIONS.encode("utf-8"), filename="page.txt")
    texts = [m.text for m in result.measures]
    assert any(t.startswith("每月到联系村蹲点") for t in texts)
    assert len(texts) == 3
    assert not result.problems


SITE_CHROME_TITLE = """××文库，欢迎您！
××镇党委领导班子民主生活会对照检查材料（含案例剖析）
浏览量：34
根据县委统一部署，镇党委领导班子认真开展会前学习，广泛征求意见建议，深入开展谈心谈话，在此基础上，深入查摆问题、剖析根源、明确整改方向，现将对照检查情况报告如下。
会前，班子成员通过集中学习与个人自学相结合的方式，系统学习了有关文件精神，通过发放征求意见函、召开座谈会等形式，共收集到意见建议38条，班子成员之间深入开展了谈心谈话。
一、存在的主要问题
对照重点查摆的方面，班子深刻检视，发现仍存在一些不容忽视的问题。
"""


def test_the_title_among_a_sites_chrome_names_the_type():
    result = review(SITE_CHROME_TITLE.encode("utf-8"), filename="page.txt")
    assert result.doc_type == "对照检查材料"
    assert result.verdict == "无法判断（需人工审阅）"  # cut before its first problem: typed, not judged


def test_a_table_of_contents_heading_is_not_a_title():
    page = "一、存在的问题\n二、原因分析\n三、整改措施\n" + SITE_CHROME_TITLE.split("\n", 1)[1]
    assert review(page.encode("utf-8"), filename="page.txt").doc_type == "对照检查材料"


def test_titles_of_progress_reports_previews_and_headlines():
    assert title_type("××区政务服务窗口作风问题整改情况总结报告") == "回头看自查报告"
    assert title_type("××区政务服务窗口作风问题整改情况总结报告_共14页××区政务服务窗口作风问题整改情况总结报告") \
        == "回头看自查报告"
    assert title_type("局党组领导班子作风问题查找清单") == "对照检查材料"
    assert title_type("××市开展专题教育\n领导干部要制定问题整改清单") is None  # a headline, not a name
    assert title_type("××局问题整改清单") == "整改方案"
    assert title_type("××局2014年应建立的制度建设清单") == "制度建设计划"  # the verb qualifies the name
    assert page_titles("《2023年××局作风专项整治方案.docx》由会员分享，可在线阅读。\n正文") == ["2023年××局作风专项整治方案"]


DATED_NEWS = """2018年6月1日上午,××区××局召开机关作风整顿自查自纠汇报会,全体党员干部参加,督导组到会指导。
会上,党支部书记代表局领导班子从工作开展情况、存在问题以及整改措施等方面进行了汇报,各科室负责人结合工作实际作了自查自纠汇报。
督导组组长对该局工作予以肯定,并对下一步工作提出了三点意见:一是进一步提高认识,明确作风整顿工作的指导思想;二是进一步围绕目标,结合实际,落实自查自纠和整改提高;三是进一步强化党建引领,统筹做好整顿工作和中心工作。
局长强调,要按照区里的统一部署和督导组的要求,巩固现阶段成果,继续做好下一步的整改提高。
"""


def test_a_dated_news_lead_is_news_whatever_points_it_quotes():
    result = review(DATED_NEWS.encode("utf-8"), filename="page.txt")
    assert result.doc_type is None
    assert result.verdict == "无法判断（需人工审阅）"
    assert result.not_submission == "新闻报道"


def test_a_unit_publishing_its_rectification_of_what_inspectors_found_reports_on_it():
    assert title_type("××市卫生健康委党组关于巡察整治情况的公告") == "回头看自查报告"
    assert title_type("关于报送巡察整治情况报告的通知") is None
    page = ("- 信息来源：市卫生健康委\n- 发布日期：2025-09-24\n"
            "根据市委统一部署，市委第四巡察组对委党组开展了巡察，并进行了反馈。按照党务公开原则和巡察工作有关要求，"
            "现将巡察整治情况予以公布。\n一、整改工作组织情况\n委党组坚决履行巡察整改主体责任，召开专题民主生活会，"
            "成立由委党组书记任组长的领导小组，下设办公室具体负责日常工作，确保巡察整改各项任务落地见效。\n")
    assert review(page.encode("utf-8"), filename="page.txt").doc_type == "回头看自查报告"
