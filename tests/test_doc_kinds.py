"""Files that are not submissions (corpora/doc_kinds.yaml) are recognised as such, and a
submission that shares their words is not taken for one."""

from sifeng import review


def _not_judged(page: str, filename: str = "page.txt"):
    """Review `page` and check it got no type and no judgement (无法判断); the review, for more checks."""
    result = review(page.encode("utf-8"), filename=filename)
    assert result.doc_type is None
    assert result.verdict == "无法判断（需人工审阅）"
    return result

ACTIVITY_PLAN = """县农机局党组关于深入开展党的群众路线教育实践活动的实施方案

根据县委的统一部署，局机关从2014年2月起开展党的群众路线教育实践活动，结合实际，制定本实施方案。
一、指导思想和目标要求
以为民务实清廉为主要内容，着力解决农机补贴办理慢、下乡服务少等突出问题。
二、参加范围
局机关全体党员干部和下属站所党员。
三、方法步骤
（一）学习教育、听取意见（2月中旬至3月底）
1.召开动员大会，局党组书记作动员讲话。
2.组织党员干部集中学习规定篇目，时间不少于5天。
（二）查摆问题、开展批评（4月至5月中旬）
3.班子和班子成员撰写对照检查材料，召开专题民主生活会。
（三）整改落实、建章立制（5月中旬至7月底）
4.制定整改方案，列出问题清单，明确整改时限和责任人。
5.开展专项整治，对公务用车、业务招待进行集中清理。
6.建立健全制度，形成作风建设长效机制。
四、组织领导
成立局教育实践活动领导小组，局党组书记任组长。
"""

RECTIFICATION_PLAN = """县农机局党组教育实践活动整改方案

根据专题民主生活会查摆的问题，结合实际，制定本方案。
一、存在的主要问题
1.农机购置补贴审核要跑县、乡两级，补贴到账时间长，农户意见大。
2.局领导下乡多到示范园区，偏远乡镇很少去。
二、整改措施
1.补贴申请改由乡农机站一次受理，县局10个工作日内办结。责任单位：农机化管理股；完成时限：2014年8月底前。
2.局领导每人每月到偏远乡镇调研不少于2天。责任单位：办公室；完成时限：长期坚持。
"""


def test_a_plan_that_deploys_the_activity_is_not_a_submission():
    result = _not_judged(ACTIVITY_PLAN, filename="fangan.txt")
    assert result.not_submission == "活动实施方案"


def test_a_rectification_plan_of_the_activity_is_still_a_plan():
    result = review(RECTIFICATION_PLAN.encode("utf-8"), filename="zhenggai.txt")
    assert result.doc_type == "整改方案"
    assert result.not_submission is None
    assert len(result.measures) == 2


NOTICE_PAGE = """通知公告
当前位置：首页 >> 通知公告 >> 正文
关于继续推进制度建设的通知
作者：办公室　　阅读次数：
各部门：
进一步加强规章制度建设是推进依法治校的必然要求。2018年初各部门对原有管理制度进行梳理，提出了存、废、改、立计划，拟废止制度70项，拟修订制度57项，拟新建制度61项。
请各部门结合工作实际，继续对已有制度进行全面梳理：上位依据已废止的，予以废止；条款与实际脱离的，予以修改；需要填补空白的，予以建立。
请各部门指定专人作为联络员负责制度的梳理、统计，“废改立”计划和联络员名单于5月15日前报学院办公室。
2021年5月6日
"""


def test_a_notice_under_a_web_pages_chrome_is_not_a_submission():
    result = _not_judged(NOTICE_PAGE)
    assert result.not_submission == "通知、通告"


def test_a_notice_that_issues_a_plan_is_the_plan():
    from sifeng.doctype import _NOTICE_TITLE

    assert _NOTICE_TITLE.search("通知公告关于继续推进制度建设的通知")
    assert not _NOTICE_TITLE.search("关于印发《县委常委班子整改方案》的通知")


def test_a_units_own_notice_of_rectification_progress_reports_on_it():
    from sifeng.doctype import title_type

    assert title_type("中共××县人民法院党组关于巡察整改进展情况的通报") == "回头看自查报告"
    assert title_type("××局党组关于巡察整改情况的公布") == "回头看自查报告"
    assert title_type("关于报送整改方案的通知") is None
    # a notice that asks for such reports is none of them
    assert title_type("关于报送整改落实情况报告的通知") is None


PROGRESS_PAGE = """当前位置：首页 >> 巡察整改
字体大小：大 中 小
××区教育局党委关于巡察整改进展情况的通报
发布时间：2024-03-05  信息来源：区委巡察办
根据区委统一部署，区委第二巡察组于2023年9月至10月对区教育局党委进行了巡察，并于11月反馈了巡察意见。按照党务公开原则，现将巡察整改进展情况予以公布。
一、整改工作组织情况
局党委成立巡察整改工作领导小组，召开专题会议研究整改工作，建立问题、任务、责任三张清单。
"""

PREAMBLE_ONLY_PLAN = """××县人民政府党组党的群众路线教育实践活动整改方案
2014-06-12
为做好县政府党组教育实践活动整改落实、建章立制工作，根据县委的部署要求，经县政府党组会议研究，制定本整改方案。
一、指导思想
以邓小平理论、“三个代表”重要思想、科学发展观为指导，紧紧围绕为民务实清廉的主题，以整治“四风”为重点，
切实转变作风，以活动的实际成效取信于民。
"""


def test_a_progress_notice_under_a_pages_chrome_or_declared_in_its_opening_is_a_look_back_report():
    result = review(PROGRESS_PAGE.encode("utf-8"), filename="page.txt")
    assert result.doc_type == "回头看自查报告"
    # without the title line, the opening sentence (现将……整改进展情况予以公布) still says what the text is
    opening_only = "\n".join(line for line in PROGRESS_PAGE.splitlines() if "通报" not in line)
    assert review(opening_only.encode("utf-8"), filename="page.txt").doc_type == "回头看自查报告"


def test_a_plan_whose_page_holds_only_its_preamble_is_still_the_plan_and_is_not_judged():
    result = review(PREAMBLE_ONLY_PLAN.encode("utf-8"), filename="page.txt")
    assert result.doc_type == "整改方案"
    assert result.verdict == "无法判断（需人工审阅）"  # no measure was read, so nothing is passed


def test_titles_in_traditional_script_and_titles_over_a_byline_name_their_type():
    from sifeng.doctype import title_type

    assert title_type("整改承諾書") == "整改方案"
    assert title_type("个人整改承诺书") == "个人整改措施"
    page = "“转变作风、狠抓落实”大讨论\n个人剖析材料\n城关小学：李××\n一、存在的主要问题\n" \
           "（一）一直以来，我满足于完成上级布置的任务，对学生家长反映的问题回应不及时，有时以工作忙为由推脱。\n" \
           "（二）备课多凭老经验，教案年年照抄，学校检查时才突击补写，听课记录也是应付了事。\n" \
           "（三）对学困生关心不够，课后辅导时间少，家访一学期只去过两户，家长有意见也没有及时沟通。\n" \
           "二、努力方向\n今后每学期家访不少于10户，每周安排两个下午为学困生辅导，教案按周重新备写。\n"
    assert review(page.encode("utf-8"), filename="page.txt").doc_type == "对照检查材料"


# A document site's preview: the document's name only in the chrome (one line per page image, the
# 文档简介 block, a file name with the site's VIP mark), the body cut before its items.
PREVIEW = """城关镇机关作风问题整改情况报告_第1页
城关镇机关作风问题整改情况报告_第2页
城关镇机关作风问题整改情况报告_第3页
已阅读3页,还剩6页未读 继续免费阅读
版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领
文档简介
城关镇机关作风问题整改情况报告一、整改工作开展情况 去年12月县委第二督导组反馈意见后,镇党委召开专题会议,逐条研究反馈的问题,明确了牵头领导和责任办公室,每月调度一次进度,
截至目前已完成整改事项9项,正在推进3项。二、具体问题的整改情况(一)关于"下村调研走马观花"的问题
"""


def test_a_document_sites_preview_is_typed_by_the_name_in_its_chrome():
    from sifeng.doctype import page_titles

    assert page_titles(PREVIEW)[0] == "城关镇机关作风问题整改情况报告"
    assert page_titles("原创力文档\n乡卫生院问题整改方案.docxVIP\n• 0\n• 约5千字") == ["乡卫生院问题整改方案"]
    assert page_titles("当前位置:首页 > 范文大全 > 整改报告 > 正文\n党员检视问题整改台账\n时间:2024-11-01") == ["党员检视问题整改台账"]
    assert review(PREVIEW.encode("utf-8"), filename="page.txt").doc_type == "回头看自查报告"


NEWS_HALF_WIDTH = """县"懒政怠政"专项整治见实效
2023-05-12 09:30 | 县融媒体中心客户端记者 王××
近日,记者从县专项整治办公室获悉,今年以来,该县聚焦群众反映强烈的办事难、办事慢问题,
组织各单位开展自查自纠和明察暗访,督促整改问题43个,通报典型案例5起,处理责任人7人。
全县各部门围绕审批提速、窗口服务、下村办事等方面,梳理问题清单,制定整改措施,建立销号台账,
一批群众反映多年的难事得到解决。下一步,该县将继续保持高压态势,推动专项整治向纵深发展。
"""


def test_a_news_report_with_half_width_punctuation_is_not_a_submission():
    from sifeng.doctype import _not_submission

    kind, hits, _ = _not_submission("", NEWS_HALF_WIDTH[:400])
    assert kind["kind"] == "news" and hits >= 4  # 近日, 记者 获悉 该县
    result = _not_judged(NEWS_HALF_WIDTH)
    assert result.not_submission == "新闻报道"


LECTURE = """但是，我们也要看到，对照上级的要求和群众的期盼，我们的队伍里还存在一些不容忽视的问题。
有的同志学习热情不高，平时很少读书看报，对新的政策规定一知半解，开会时人在心不在。有的同志组织观念淡薄，该请示的不请示，
该报告的不报告，对集体研究的事情会上不说会后乱说。有的同志服务意识不强，群众来办事时脸难看、话难听，能拖就拖。
这些问题虽然发生在少数人身上，但影响的是整个单位的形象，大家一定要引起高度重视，认真对照检查，切实加以纠正。
"""


def test_a_type_guessed_from_the_wording_alone_with_nothing_read_is_no_type(monkeypatch):
    import classifiers.doctypes as doctypes
    from docparse import parse
    from sifeng.doctype import judge

    class Sure:  # the model's guess, whatever the text: a self-examination, 80% sure
        def proba(self, title, text):
            return {**{name: 0.0 for name in doctypes.TYPES}, "对照检查材料": 0.8, doctypes.NOT_A_SUBMISSION: 0.1}

    monkeypatch.setattr(doctypes, "default_model", lambda: Sure())
    document = parse(LECTURE.encode("utf-8"), filename="page.txt")
    first = judge(document, "page.txt", problems=0, measures=0)
    assert first.doc_type is None and "没有读出问题或措施" in first.reason
    assert judge(document, "page.txt", problems=3, measures=0).doc_type == "对照检查材料"


def test_a_mirror_pages_pronunciation_glosses_do_not_hide_what_it_declares():
    page = ("根據(jù)市委統(tǒng)一部署,2023年3月至6月,市委第三巡察組對(duì)市中心醫(yī)院黨委進(jìn)行了巡察。"
            "按照黨務(wù)公開(kāi)原則和巡察工作有關(guān)要求,現(xiàn)將巡察整改情況(kuàng)予以公布。\n"
            "一、加強(qiáng)組織領(lǐng)導(dǎo),把巡察整改作為首要政治任務(wù)抓緊抓好\n"
            "(一)強(qiáng)化組織領(lǐng)導(dǎo)。院黨委成立由黨委書記任組長的整改工作領導小組,將任務分解到各部門,"
            "每月調度一次整改進展,確保各項整改任務落地落實。\n")
    from docparse import parse
    from sifeng.doctype import judge

    assert judge(parse(page.encode("utf-8"), filename="page.txt"), "page.txt", 0, 0).doc_type == "回头看自查报告"


def test_a_report_names_a_look_back_and_a_campaign_against_conduct_names_a_special_plan():
    from sifeng.doctype import title_type

    # what the unit checked and changed, in one report
    assert title_type("××支部标准化建设自查情况及整改措施报告") == "回头看自查报告"
    assert title_type("办公用房自查及整改情况报告") == "回头看自查报告"
    # a report on a campaign is not the campaign's plan
    assert title_type("县纪委监委开展违规吃喝问题专项整治工作汇报") is None
    assert title_type("整治形式主义为基层减负工作情况报告") is None
    assert title_type("××县违规吃喝问题专项整治实施方案") == "专项整治方案"
    assert title_type("××法院机关作风整顿活动实施方案") == "专项整治方案"


MEETING_PLAN = """××学院基层党组织党史学习教育专题组织生活会工作实施方案
根据上级党委安排，今年七月前后，各基层党组织要结合学习教育召开一次专题组织生活会，现就有关事项制定如下方案。
一、提高思想认识
召开专题组织生活会是学习教育的重要内容，各党支部要精心组织，确保开出质量、开出效果。
二、认真做好准备
各党支部书记要带头学习，组织党员广泛开展交流，党员之间相互提醒，查找自身不足，撰写发言材料。
"""


def test_a_plan_for_holding_a_meeting_is_not_a_submission_by_its_title_alone():
    result = _not_judged(MEETING_PLAN)
    assert result.not_submission == "活动实施方案"


def test_a_preview_whose_page_lines_ran_together_is_typed_by_them():
    from sifeng.doctype import page_titles

    page = ("××局“回头看”工作总结报告_第1页××局“回头看”工作总结报告_第2页已阅读2页,还剩4页未读\n付费下载\n"
            "文档简介\n××局“回头看”工作总结报告一、工作开展情况根据上级安排……")
    assert page_titles(page) == ["××局“回头看”工作总结报告"] * 3
    assert page_titles("文档简介\n2026年四风问题自查报告及整改措施第一章问题画像") == ["2026年四风问题自查报告及整改措施"]


def test_a_declared_plan_whose_preamble_tells_of_a_campaign_is_a_special_plan():
    from sifeng.doctype import declaration

    campaign = ("为规范我校教师教育教学行为，减轻学生课业负担，学校决定把在职教师有偿补课专项治理作为师德师风建设的"
                "重要内容，结合我校实际，制定此方案。\n一、治理范围\n全体在职教师。\n")
    assert declaration(campaign) == (("整改方案", "专项整治方案", "制度建设计划", "个人整改措施"), "专项整治方案")
    # a plan that names no campaign before it declares itself is left to the type model
    plain = "为切实抓好巡察反馈意见的整改落实，结合我局实际，制定本方案。\n一、总体要求\n"
    assert declaration(plain) == (("整改方案", "专项整治方案", "制度建设计划", "个人整改措施"), None)
    # “……制定实施方案。” at a sentence's end declares a plan as well
    assert declaration("按照区委工委的部署，在全体党员干部中开展作风整顿，结合实际，制定实施方案。")[1] == "专项整治方案"


def test_a_report_right_after_its_self_check_declares_a_look_back():
    from sifeng.doctype import declared_family

    assert declared_family("我单位对照标准逐间核对，认真落实自查整改，现就有关工作总结如下：") == ("回头看自查报告",)
    assert declared_family("对超标部分进行了腾退和整改。现将有关情况报告如下：") == ("回头看自查报告",)
    # a report on other work says nothing of the kind
    assert declared_family("今年以来，全局上下团结一心，圆满完成了各项目标任务。现将有关情况报告如下：") is None
    # nor a summary of a campaign's stage that only mentions 整改 before its declaration
    assert declared_family("聚焦“四风”问题抓整改，整改工作取得阶段性成效。现将有关情况总结如下。") is None


TEMPLATE_PREVIEW = """××单位巡察整改工作方案_第1页××单位巡察整改工作方案_第2页××单位巡察整改工作方案_第3页
已阅读3页,还剩9页未读继续免费阅读
下载本文档
版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领
文档简介
××单位巡察整改工作方案模板一、背景分析
1.1巡察反馈的主要问题
1.2问题产生的原因
二、整改目标
2.1总体目标
2.2阶段目标
三、组织保障
"""


def test_a_preview_that_calls_itself_a_template_is_not_judged():
    result = _not_judged(TEMPLATE_PREVIEW)
    assert result.not_submission == "空白模板"


def test_a_unit_making_its_rectification_progress_public_declares_a_look_back():
    from sifeng.doctype import declared_family

    assert declared_family("按照党务公开规定和巡视工作有关要求，现将巡视整改进展情况通报如下。") == ("回头看自查报告",)


NOTICE_WITH_ATTACHMENT = """关于签订××活动公开承诺书的通知
发布日期:2011-03-18 浏览次数:
院属各支部:
为推动××活动深入开展，经领导小组研究，决定在全院基层党组织中开展公开承诺工作。现将有关事项通知如下:
一、总体要求
各支部要结合本部门工作实际，就有关事项向全院教职工作出公开承诺，承诺书于3月底前报院党委办公室。
附件：
1.2011年基层党组织公开承诺书.doc
2.2011年党员公开承诺书.doc
"""


def test_a_notice_is_not_typed_by_the_names_of_its_attachments():
    _not_judged(NOTICE_WITH_ATTACHMENT)


def test_a_mirrors_glosses_in_the_title_do_not_hide_the_type():
    from docparse import parse
    from sifeng.doctype import judge

    page = ("××小學師德師風自查報(bào)告\n"
            "按照區教育局統一部署，我校組織全體教師對照師德規範逐條開展自查，"
            "查找出課後輔導管理不嚴、個別教師家校溝通方式簡單等問題，逐項明確了整改責任人和完成時限。\n"
            "一、自查工作開展情況\n學校召開全體教師大會進行動員，發放自查表86份，收回86份。\n")
    assert judge(parse(page.encode("utf-8"), filename="page.txt"), "page.txt", 0, 0).doc_type == "回头看自查报告"


# (a reposted report whose headline was lost: its lead, 会上 and 参加会议 say what it is)
NEWS_LEAD = """6月12日上午，××县人社局召开巡察反馈问题整改推进会，局班子成员和各股室负责人参加会议。
会上，局党组书记逐条通报了整改进展：对照巡察组反馈的3个方面12个问题，局党组制定整改措施36条，已完成28条。
下一步，局里将对未完成的事项实行清单管理，每周调度一次，确保9月底前全部整改到位。
"""


def test_a_report_of_a_meeting_on_rectification_is_news():
    result = _not_judged(NEWS_LEAD)
    assert result.not_submission == "新闻报道"
