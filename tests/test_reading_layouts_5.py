"""Layouts read in the thirteenth session's cold-brief sets (the texts here are our own): an excuse
sentence inside a problem's paragraph, a look-back's commitments and shortfalls inside its account of
progress, a look-back table that names the plan's tasks, a numbered problem line above 整改措施：, a
section's lead sentence that names the owner and deadline of its measures, owners as vague as 各部门,
a writing outline, a 公开承诺, a portal title with 选登, and a copied page's buttons."""

from docparse import parse
from sifeng import review
from sifeng.doctype import title_type


def _texts(items):
    return [i.text.rstrip("。；") for i in items]


def _codes(result):
    return {f.code for f in result.flags}


SELF_EXAM = """镇长周××同志个人对照检查材料
我2012年任××镇镇长。按照县委的要求，我认真学习、广泛听取意见，对照“四风”查找了自己的问题，现报告如下。
一、存在的突出问题
（一）抓落实停留在会议和文件上。去年全镇防汛我开了四次部署会，会后到山塘水库现场巡查很少，结果有一座山塘漫坝，被县里通报。当然，这也与镇里人手少、上级拨付的防汛资金迟迟不到位有关。
（二）对来访群众缺乏耐心。几户群众反映征地补偿款迟迟不到位，我接访时只说了句“等县里批下来再说”，群众很有意见。
（三）公务接待标准偏高，县直部门来人有时安排在镇上的酒店，还上了白酒。
（四）我家住县城，有一段时间晚上不在镇里住，早上九点才到镇政府。
二、个人有关事项说明
本人2013年没有因公出国（境）；职务消费除按规定报销差旅费外没有其他开支；没有收受礼金；使用镇政府一辆公务用车；办公室14平方米；爱人在县医院工作，女儿在读大学，没有经商办企业。
三、问题产生的根源
一是理想信念有所淡化。二是宗旨意识有所弱化。三是党性修养有所放松。四是政治纪律有所松弛。
四、今后的努力方向
一是每月在便民服务中心坐班接访2天；二是上级来人一律在机关食堂安排工作餐，不上酒；三是工作日晚上一律住在镇里。
周××
二〇一四年五月二十八日
"""


def test_an_excuse_sentence_inside_a_problem_is_a_problem_of_its_own():
    result = review(SELF_EXAM.encode("utf-8"), filename="duizhao.txt")
    texts = _texts(result.problems)
    assert "当然，这也与镇里人手少、上级拨付的防汛资金迟迟不到位有关" in texts
    own = next(t for t in texts if t.startswith("抓落实停留在会议和文件上"))
    assert "当然" not in own and own.endswith("被县里通报")
    assert not next(p for p in result.problems if p.text.startswith("当然")).focused
    assert "unfocused" in _codes(result)


def test_a_problem_with_no_excuse_stays_whole():
    result = review(SELF_EXAM.encode("utf-8"), filename="duizhao.txt")
    assert "几户群众反映征地补偿款迟迟不到位，我接访时只说了句“等县里批下来再说”，群众很有意见" in \
        " ".join(_texts(result.problems))


LOOK_BACK = """中共××学院委员会关于教育实践活动整改落实情况“回头看”的自查报告
按照上级关于开展整改落实情况“回头看”的通知要求，学院党委对照整改方案逐项进行了自查，现将自查情况报告如下。
一、整改方案落实情况
整改方案确定的20项任务，已完成15项，正在推进4项，尚未启动1项。已完成的有：校领导联系班级制度全面落实，清理腾退超标办公用房9间。
正在推进的事项中，学生食堂改造已完成招标，计划于2015年4月底前投入使用，由后勤处负责同步公示饭菜价格。教师考核办法已形成征求意见稿，下一步将提交教代会讨论后印发。
尚未启动的1项中，图书馆阅览室扩建因资金未落实无法实施，待新校区一期工程验收后按方案重新安排。
学院发文数量虽有下降，但以各部门名义印发的通知反而增加，发文总量只减少了8%，没有达到压缩三分之一的目标。
二、下一步整改措施
1.对2014年出台的制度开展一次执行情况检查，2015年5月底前完成，纪委办公室牵头。
2.各部门服务窗口实行中午轮流值班，即日起执行，党委办公室负责督查。
中共××学院委员会
二〇一五年一月二十日
"""


def test_a_look_backs_commitments_under_way_are_measures():
    result = review(LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    assert result.doc_type == "回头看自查报告"
    texts = _texts(result.measures)
    assert "计划于2015年4月底前投入使用，由后勤处负责同步公示饭菜价格" in texts
    assert "下一步将提交教代会讨论后印发" in texts
    assert "待新校区一期工程验收后按方案重新安排" in texts
    # what was done is no measure
    assert not any(t.startswith("已完成") or "清理腾退" in t for t in texts)
    planned = next(m for m in result.measures if m.text.startswith("计划于"))
    assert planned.deadline is not None and planned.deadline.due == "2015-04-30"


def test_a_look_backs_admitted_shortfall_is_a_problem():
    result = review(LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    assert any("没有达到压缩三分之一的目标" in t for t in _texts(result.problems))
    # (the paragraph that counts what was done is none)
    assert not any(t.startswith("整改方案确定的20项任务") for t in _texts(result.problems))


def test_commitments_are_read_only_in_a_look_back():
    plan = LOOK_BACK.replace("关于教育实践活动整改落实情况“回头看”的自查报告", "整改方案").replace("回头看", "整改")
    result = review(plan.encode("utf-8"), filename="fangan.txt")
    assert "待新校区一期工程验收后按方案重新安排" not in _texts(result.measures)


TASK_TABLE_ROWS = [
    ["序号", "整改事项", "责任科室", "进展情况", "下步措施", "完成时限"],
    ["1", "压减文件数量", "秘书科", "已完成，发文比上年减少27%", "每季度通报各单位发文数量", "每季度"],
    ["2", "改进督查方式", "督查室", "基本完成，部分专项督查仍要求报送材料", "专项督查一律不再要求乡镇报送书面材料", "2015年1月起"],
    ["3", "修订信息考评办法", "信息科", "未完成，征求意见稿已形成", "提交室务会审定后印发", "2015年1月底前"],
    # (a complaint taken up among the tasks: most of the column still names tasks)
    ["4", "乡镇反映的“材料多、报表多”问题", "综合科", "推进中", "清理县委办要求乡镇报送的报表，保留的列出目录", "2015年3月底前"],
]


def _docx(rows, before, after) -> bytes:
    import io

    from docx import Document as Docx

    document = Docx()
    document.add_heading("中共××县委办公室关于整改落实情况的自查报告", 0)
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in after:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_look_back_table_of_the_plans_tasks_states_no_problems():
    data = _docx(TASK_TABLE_ROWS, ["按照县委的部署，办公室对整改任务逐项进行了自查，现将情况报告如下。", "一、整改任务落实情况"],
                 ["二、存在的问题", "个别科室对基层来办事的同志态度生硬，乡镇办公室人员多次反映。",
                  "三、下一步打算", "在一楼设立基层来访接待室，安排专人接待，2015年3月底前完成。"])
    result = review(data, filename="zicha.docx")
    problems = _texts(result.problems)
    assert "压减文件数量" not in problems and "改进督查方式" not in problems
    assert not any("材料多、报表多" in t for t in problems)
    assert any(t.startswith("个别科室对基层来办事的同志态度生硬") for t in problems)
    assert "专项督查一律不再要求乡镇报送书面材料" in _texts(result.measures)


def test_a_table_whose_first_column_states_faults_keeps_them_as_problems():
    rows = [list(TASK_TABLE_ROWS[0])] + [
        ["1", "窗口排长队，群众办一件事要跑几个窗口", "社保科", "推进中", "推行一窗受理", "2015年6月底前"],
        ["2", "夜间急诊呼叫响应慢", "医务科", "推进中", "夜班增加一名值班护士", "即日起"]]
    result = review(_docx(rows, ["现将自查情况报告如下。", "一、整改任务落实情况"], []), filename="zicha2.docx")
    assert "夜间急诊呼叫响应慢" in _texts(result.problems)


VILLAGE_LIST = """上湾村党支部整改清单
按照乡党委要求，村党支部梳理出4个方面的问题，制定整改清单如下，并在村务公开栏张贴。
一、问题及整改措施
1、村务公开不及时。村里的财务收支有半年多没有上墙，群众对低保评定有意见。
整改措施：村务、财务每季度公开一次，低保评定结果张榜公示7天。责任人：村支部书记王某某，2014年9月底前。
2、村干部坐班不正常，群众来村部办事经常找不到人。
整改措施：村两委成员轮流在村部值班，值班表和联系电话贴在村部门口，即日起执行。
3、有优亲厚友的现象，2013年全村的危房改造指标有2户给了村干部的亲属。
整改措施：对2013年以来的危房改造户进行一次清查，不符合条件的予以清退，由村务监督委员会负责，年底前完成。
4、村里开会多、学习走过场，党员大会常常就是念念文件。
整改措施：进一步加强党员教育管理，提高组织生活质量。
中共××乡上湾村支部委员会
二〇一四年八月五日
"""


def test_a_numbered_line_above_a_measure_label_is_the_problem_it_answers():
    result = review(VILLAGE_LIST.encode("utf-8"), filename="qingdan.txt")
    problems = _texts(result.problems)
    assert "村干部坐班不正常，群众来村部办事经常找不到人" in problems
    assert "村里开会多、学习走过场，党员大会常常就是念念文件" in problems
    assert len(result.problems) == 4 and len(result.measures) == 4
    duty = next(m for m in result.measures if m.text.startswith("村两委成员轮流在村部值班"))
    assert problems[duty.problem] == "村干部坐班不正常，群众来村部办事经常找不到人"
    assert "problems_without_measures" not in _codes(result)


SECTION_LEADS = """××县国土资源局专项整治方案
为解决群众反映强烈的突出问题，结合我局实际，制定本方案。
一、整治重点
一是办证窗口对群众冷硬横推，让群众来回跑；二是个别国土所工作人员在建房审批中接受吃请。
二、整治措施
（一）规范窗口服务
本项整治由分管副局长郑××牵头，局办证大厅具体负责，2014年7月底前完成。
1.在办证大厅公布12类登记事项的办理条件、材料清单和办结时限。
2.实行首问负责和一次性告知，群众第二次来办同一事项仍缺材料的记入台账。
（二）整治建房审批中的吃拿卡要
本项整治由纪检组长冯××牵头，监察室具体负责，长期坚持。
1.农村建房审批结果在村务公开栏和国土所同时公示，公示期不少于7天。
2.在各国土所设立举报箱、公布举报电话，对查实接受吃请的工作人员一律调离岗位。
中共××县国土资源局党组
二〇一四年五月十日
"""


def test_a_sections_lead_sentence_gives_its_owner_and_deadline_to_the_measures_under_it():
    result = review(SECTION_LEADS.encode("utf-8"), filename="zhuanxiang.txt")
    texts = _texts(result.measures)
    assert not any(t.startswith("本项整治由") for t in texts)
    publish = next(m for m in result.measures if m.text.startswith("在办证大厅公布"))
    assert publish.owner.text == "分管副局长郑××" and publish.deadline.text == "2014年7月底前"
    report = next(m for m in result.measures if m.text.startswith("在各国土所设立举报箱"))
    assert report.owner.text == "纪检组长冯××" and report.deadline.kind == "long_term"
    assert "missing_owner" not in _codes(result)


RULE_PLAN_ROWS = [
    ["序号", "制度名称", "责任部门", "完成时间"],
    ["1", "《公务接待管理办法》", "办公室", "2014年7月底前"],
    ["2", "《公务用车使用管理规定》", "各部门", "2014年8月底前"],
]


def test_an_owner_as_vague_as_gebumen_counts_as_none_for_the_flag():
    import io

    from docx import Document as Docx

    document = Docx()
    document.add_heading("××燃气集团党委制度建设计划", 0)
    document.add_paragraph("为巩固教育实践活动成果，结合集团实际，制定本计划。")
    table = document.add_table(rows=len(RULE_PLAN_ROWS), cols=4)
    for r, row in enumerate(RULE_PLAN_ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    result = review(out.getvalue(), filename="zhidu.docx")
    assert result.doc_type == "制度建设计划"
    flag = next(f for f in result.flags if f.code == "missing_owner")
    assert flag.count == 1 and "各部门" in flag.evidence[0].note


OUTLINE = """个人对照检查材料撰写提纲（参考）
各村党支部、镇直各单位党员干部：现将个人对照检查材料撰写提纲印发给你们，请参照撰写，5月20日前交镇活动办。
一、基本情况
（简要说明学习教育、听取意见、谈心谈话情况，不超过300字）
二、存在的主要问题
（对照形式主义、官僚主义、享乐主义、奢靡之风，逐项列出具体表现，每个方面要有典型事例）
三、个人有关事项说明
（班子成员须逐项说明；一般党员可不写此部分）
四、产生问题的原因
（从理想信念、宗旨意识、党性修养、政治纪律等方面剖析，不少于500字）
五、努力方向和整改措施
（针对查摆出的问题逐条提出，措施要具体，能量化的要量化，有完成时限）
××镇教育实践活动办公室
二〇一四年五月六日
"""


def test_a_writing_outline_is_a_blank_template_and_not_judged():
    result = review(OUTLINE.encode("utf-8"), filename="tigang.txt")
    assert result.doc_type is None and result.not_submission == "空白模板"
    assert result.verdict == "无法判断（需人工审阅）"


PROMISE = """××村党支部书记赵××公开承诺
在教育实践活动中，经过党员群众提意见和本人查摆，我在作风上存在以下问题，现向全村党员群众作出公开承诺，请大家监督。
一、本人存在的问题
1.村里的事多是我和村主任两个人商量就定了，2013年村民代表会议只开过两次。
2.农闲时我常到镇上的棋牌室打牌，有时一打就是一下午。
二、承诺事项
1.村里的重大事项一律先经村民代表会议讨论，每季度至少召开一次村民代表会议。
2.不再进棋牌室打牌。
承诺人：赵××
二〇一四年五月三十日
【打印本页】　【关闭窗口】
"""


def test_a_persons_public_promise_is_a_personal_plan():
    result = review(PROMISE.encode("utf-8"), filename="chengnuo.txt")
    assert result.doc_type == "个人整改措施" and result.scope == "个人"
    assert len(result.problems) == 2
    assert _texts(result.measures) == ["村里的重大事项一律先经村民代表会议讨论，每季度至少召开一次村民代表会议", "不再进棋牌室打牌"]


def test_titles_that_name_a_type_beside_a_name_or_report_a_promise():
    assert title_type("党员对照检查材料选登：普外科护士长何××") == "对照检查材料"
    assert title_type("王××：个人整改措施") == "个人整改措施"
    assert title_type("镇党委班子向群众作出公开承诺") is None
    assert title_type("对照检查材料汇编：第一辑") is None


def test_declaring_a_personal_plan_after_looking_at_oneself():
    text = ("个人整改措施清单县城投公司副总经理　赵某某\n"
            "根据公司党委的安排，本人对照检查，制定个人整改措施如下。\n"
            "一、问题及整改措施\n"
            "1.本人到项目工地多是听汇报、看报表，2013年到施工一线检查只有4次。\n"
            "整改措施：每月到在建项目工地现场检查不少于2次，检查情况记入巡查台账。\n"
            "2.有时对施工单位人员态度急躁，当众训斥人。\n"
            "整改措施：注意工作方法，改进工作作风。\n"
            "赵某某\n二〇一四年五月二十日\n")
    assert parse(text.encode("utf-8"), filename="a.txt").text
    result = review(text.encode("utf-8"), filename="qingdan.txt")
    assert result.doc_type == "个人整改措施"


def test_a_self_examinations_did_this_but_that_problem_is_kept_whole():
    # “……我开了四次部署会，逐级签了责任书，但……”: in a self-examination that is the problem, not a look-back's
    # progress and shortfall (which lost its first half and made the next sentence a measure)
    text = SELF_EXAM.replace(
        "（一）抓落实停留在会议和文件上。去年全镇防汛我开了四次部署会，会后到山塘水库现场巡查很少，结果有一座山塘漫坝，被县里通报。",
        "（一）抓落实停留在会议和文件上。去年全镇防汛，我开了四次部署会，逐级签了责任书，但汛前对山塘水库的巡查没有跟上，"
        "结果有一座山塘漫坝，被县里通报。")
    result = review(text.encode("utf-8"), filename="duizhao.txt")
    first = next(t for t in _texts(result.problems) if t.startswith("抓落实停留在会议和文件上"))
    assert "逐级签了责任书，但汛前对山塘水库的巡查没有跟上" in first
    assert not any("山塘" in t for t in _texts(result.measures))
