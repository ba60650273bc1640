"""Layouts read in the ninth session's fresh sets (the texts here are our own): a title over a paragraph
of 一是/二是 clauses, a lead-in above a task table, the problems a plan lists in its opening, a look-back's
progress and shortcomings sections, a who-does-it sentence after a measure, and the six explanations."""

from sifeng import review


def _review(text: str):
    return review(text.encode("utf-8"), filename="plan.txt")


PLAN_WITH_TITLED_CLAUSES = """中共××县住建局党组教育实践活动整改方案
根据县委部署，局党组对查摆的问题进行了梳理，制定本方案。
一、存在的突出问题
（一）建设项目审批环节多，报建到取得施工许可要经过局里6个股室签字。
（二）对群众投诉的物业纠纷，各股室和开发商之间互相推，有的投诉半年没有结果。
（三）局机关会议、文件偏多，有的通知只是把上级文件改头换面转发。
二、整改措施
（一）改进审批服务
一是审批环节由6个压减到3个，实行一个窗口受理，2014年8月底前完成；二是物业投诉建立台账，实行首接负责、限时办结，由房管股负责，2014年7月底前建立。
（二）精简会议文件
一是局机关会议和发文比上年各减少30%，2014年底前见效；二是转发上级文件不再层层加码，由办公室把关，立行立改。
三、组织保障
局党组书记对整改工作负总责。
中共××县住建局党组
2014年6月4日
"""


def test_a_title_over_clauses_is_not_a_measure():
    result = _review(PLAN_WITH_TITLED_CLAUSES)
    texts = [m.text for m in result.measures]
    assert len(texts) == 4
    assert "改进审批服务" not in texts and "精简会议文件" not in texts
    assert texts[0].startswith("审批环节由6个压减到3个")


RULES_PLAN = """中共××燃气集团委员会制度建设计划
集团党委对现行管理制度进行了梳理。从查摆情况看，制度方面的漏洞主要是：一是工程报装收费标准不透明，个别项目经理向开发商收取协调费；二是业务招待没有总量控制，部分分公司招待费连年超预算。据此，拟修订制度2项。
一、修订
《工程报装服务规定》：收费标准和办理时限在营业厅公开，报装全部进入客户服务中心受理。牵头部门：客户服务中心；完成时间：2014年9月底前。
《业务招待管理办法》：实行招待费总额控制，招待清单每季度在内网公示。牵头部门：财务部；完成时间：2014年8月底前。
中共××燃气集团委员会
2014年7月22日
"""


def test_the_problems_a_plan_lists_in_its_opening_are_read():
    result = _review(RULES_PLAN)
    assert [p.text for p in result.problems] == ["工程报装收费标准不透明，个别项目经理向开发商收取协调费",
                                                 "业务招待没有总量控制，部分分公司招待费连年超预算"]
    assert len(result.measures) == 2


LOOK_BACK = """××村党支部关于整改落实情况“回头看”的自查报告
按照镇党委的安排，村党支部对照整改清单逐条进行了回头看，现将情况报告如下。
一、整改承诺兑现情况
整改清单公布的6条问题已整改到位5条。村务、财务从7月起按季度公开，9月份公开时召开了村民代表答疑会；村红白理事会已成立，修订后的村规民约已在党员大会上通过。
二、仍需努力的地方
1．党员活动日坚持得不够好，农忙时节有两个月没有按时开展，事后补了记录。
2．村干部坐班有时流于形式，下午到村部的群众有时仍找不到人。
三、下一步打算
1．党员活动日遇农忙顺延不取消，2015年起每次活动公布到会人数，由支部书记罗××负责。
2．坐班登记改为电话打卡，村务监督委员会每月抽查一次。由监委会主任丁××负责。
中共××村支部委员会
2014年12月20日
"""


def test_a_look_backs_progress_is_no_measure_and_what_is_still_wrong_are_its_problems():
    result = _review(LOOK_BACK)
    assert [p.text[:8] for p in result.problems] == ["党员活动日坚持得", "村干部坐班有时流"]
    assert [m.text[:8] for m in result.measures] == ["党员活动日遇农忙", "坐班登记改为电话"]
    # the sentence saying who does it stays with its measure
    assert result.measures[1].text.endswith("由监委会主任丁××负责")


TABLE_PLAN = """中共××镇委员会教育实践活动整改方案
为认真解决镇党委领导班子在“四风”方面存在的突出问题，制定本方案。
一、整改问题清单
镇党委在专题民主生活会上查摆出的突出问题共3项，逐项明确了整改措施、责任单位和完成时限。
序号\t存在问题\t整改措施\t责任单位\t完成时限
1\t镇里会议多、会议长，村干部一个月有七八天在镇上开会\t镇级会议每月集中安排一次，会议时间不超过1小时\t党政办\t2014年6月底前
2\t群众到镇里办事要跑好几个站所\t便民服务中心设立综合受理窗口，一窗受理、限时办结\t便民服务中心\t2014年7月底前
3\t个别干部工作日中午饮酒\t工作日午间一律禁酒，镇纪委不定期抽查\t镇纪委\t立行立改
二、组织保障
镇党委书记对整改工作负总责。
中共××镇委员会
2014年5月22日
"""


def test_the_lead_in_above_a_task_table_is_no_problem():
    result = _review(TABLE_PLAN)
    assert len(result.problems) == 3 and len(result.measures) == 3
    assert not any("共3项" in p.text for p in result.problems)


SELF_EXAMINATION = """××局局长个人对照检查材料
按照县委的安排，本人认真学习了规定篇目，广泛听取了意见，现对照检查如下。
一、执行中央八项规定精神和个人有关事项
关于“三公”经费，局机关2013年公务接待费9.6万元，本人没有因公出国；关于人情消费，2013年本人儿子结婚，只请了亲属，没有收受下属的礼金。
二、存在的突出问题
（一）下工地检查多是走过场，一般是到项目部会议室听汇报，很少到施工现场看。
（二）对群众反映的灌溉问题回应慢，交代下去就不再过问，群众跑了三趟才解决。
三、整改措施
（一）每月到在建工程现场不少于3次，检查情况形成书面记录。
（二）建立群众用水诉求台账，反映的断水问题24小时内到现场。
"""


def test_the_six_explanations_hold_no_problem():
    result = _review(SELF_EXAMINATION)
    assert [p.text[:6] for p in result.problems] == ["下工地检查多", "对群众反映的"]


def test_a_label_line_with_a_second_time_for_part_of_the_work_still_gives_owner_and_deadline():
    from sifeng.understand import label_fields

    assert label_fields("责任领导：纪委书记郑××　责任科室：纪检监察室　完成时限：2014年6月底前，处方点评长期坚持") == \
        ("纪检监察室", "2014年6月底前")
    assert label_fields("完成时限：2014年6月底前，并向县委报告落实情况") is None


BULLETED_SELF_CHECK = """××中学办公用房清理自查报告
我校于近期开展了办公用房清理自查工作，现将自查情况汇报如下：
一、自查工作的组织
学校成立了专项领导小组，由校长挂帅，后勤处牵头组织实施。
二、自查结果分析
通过本次自查，我们发现了一些需要改进的地方：
- 少数处室办公用房面积超过标准，个别副校长办公室超标5平方米；
- 部分房间长期空置，没有纳入统一调配；
针对上述问题，我们已采取相应措施加以解决：
- 对超标的办公用房进行了调整；
- 将闲置房间纳入统一调配。
三、下一步工作计划
- 每学期开展一次办公用房专项检查，检查结果在校内公示；
- 2015年6月底前建成办公用房管理台账，由后勤处负责。
总之，此次自查工作
"""


def test_hyphen_bullets_findings_done_work_and_a_next_step_plan():
    result = _review(BULLETED_SELF_CHECK)
    assert [p.text[:8] for p in result.problems] == ["少数处室办公用房", "部分房间长期空置"]
    # what was already done is progress, and the closing words are no measure
    assert [m.text[:8] for m in result.measures] == ["每学期开展一次办", "2015年6月底"]


ITEM_BY_ITEM_LOOK_BACK = """中共××中学支部委员会关于整改落实情况“回头看”的自查报告
按照县教育局党委的通知要求，学校党支部对照整改方案逐项进行了回头看，现将情况报告如下。
一、整改任务逐项回头看
（一）关于乱收费问题。2014年春季已将违规收取的补课费全部退还学生。但个别班主任仍以资料费名义向学生收钱，家长有意见。下一步，2015年1月底前由政教处逐班核查，收取的资料费全部退还。
（二）关于校领导深入一线不够的问题。已建立校领导随堂听课制度。但部分校领导的听课记录是事后补填的。下一步，校领导每周随堂听课不少于2节，听课记录由教务处每月检查一次。
二、今后努力方向
今后，学校党支部将把整改落实作为一项经常性工作来抓，做到问题不解决不松手。
以上整改情况，将在明年1月的教职工大会上通报。
"""


def test_what_a_look_back_reports_as_done_and_its_closing_words_are_no_measures():
    result = _review(ITEM_BY_ITEM_LOOK_BACK)
    texts = [m.text for m in result.measures]
    assert not any("已将" in t or "已建立" in t for t in texts)
    assert not any(t.startswith(("今后，学校党支部将把", "以上整改情况")) for t in texts)
    assert any(t.startswith("2015年1月底前由政教处") for t in texts)


def test_a_look_back_table_with_a_gap_column_states_its_problems_there():
    from docparse.model import Cell, Location, Table
    from sifeng.understand import column_roles

    header = ["序号", "整改事项", "存在的差距", "下一步措施", "完成时限"]
    table = Table(rows=[[Cell(text=h, row=0, column=c, location=Location()) for c, h in enumerate(header)]], header_rows=1)
    roles = column_roles(table)
    assert roles["problem"] == 2 and roles["measure"] == 3 and roles.get("category") == 1


BLANK_FORM = """××乡领导班子成员个人整改措施清单
（样表）
姓名：__________　职务：__________
序号\t存在问题\t整改措施\t整改时限
填表说明：
1．“存在问题”按形式主义、官僚主义、享乐主义、奢靡之风分类填写，要联系本人思想和工作实际，不写客观原因。
2．“整改措施”要具体、可检查，写明做什么、做到什么程度，不写“进一步加强”之类的空话。
3．“整改时限”要具体到月；需要长期坚持的，注明“长期坚持”。
4．本表一式两份，经本人签字后于4月20日前报乡党委教育实践活动办公室。
本人签字：__________　年　月　日
"""


def test_a_blank_form_with_its_instructions_is_not_a_submission():
    result = _review(BLANK_FORM)
    assert result.doc_type is None and result.not_submission == "空白模板"


GAPS_AND_NEXT_STEPS = """××学院教务处处长个人整改措施落实情况“回头看”自查报告
根据学院党委的通知要求，本人对照个人整改措施逐条进行了回头看，现将情况报告如下。
一、个人整改措施落实情况
本人个人整改措施共6条，已完成4条。
二、存在的差距和下一步措施
（一）教学管理信息系统建设滞后，教师仍要在纸质表格和系统中重复填报课程信息。
1．2015年3月底前完成教学管理系统与人事系统的数据对接，课程信息一次录入。
2．2015年2月底前停用全部纸质课程信息表。
责任单位：教务处　完成时限：2015年3月底前
（二）对学生反映的选课难问题回应慢，选课系统两次崩溃后只让技术人员尽快修复。
1．1月20日前由本人主持召开一次学生代表座谈会，当面通报故障原因和改进办法。
2．2015年2月15日前完成选课服务器扩容，选课分年级、分时段进行。
××
2015年1月12日
"""


def test_gaps_with_their_next_steps_numbered_under_each():
    result = _review(GAPS_AND_NEXT_STEPS)
    assert [p.text[:8] for p in result.problems] == ["教学管理信息系统", "对学生反映的选课"]
    assert [m.text[:8] for m in result.measures] == ["2015年3月底", "2015年2月底", "1月20日前由本",
                                                    "2015年2月1"]
    assert [m.problem for m in result.measures] == [0, 0, 1, 1]


MEETING_RECORD = """××县人力资源和社会保障局党组会议记录
时间：2014年5月21日上午9:00—11:30
地点：局四楼会议室
主持人：邓××（局党组书记、局长）
出席：黄××、朱××、谢××（党组成员）；列席：各股室负责人
记录人：程××
一、议题：研究局党组教育实践活动整改方案（讨论稿）
黄××发言：社保大厅排队问题群众意见最大，整改措施要具体到增加几个窗口、什么时候到位，建议6月底前完成。
二、会议决定
1．原则同意整改方案（讨论稿），由办公室根据会议意见修改完善后，于5月26日前以党组名义印发。
2．各责任科室按方案分工抓好落实，每月25日前向办公室报送进展情况。
"""

TEMPLATE_FORM = """领导班子成员个人整改清单
（模板）
单位：＿＿＿＿＿＿　姓名：＿＿＿＿＿＿　职务：＿＿＿＿＿＿
序号\t存在问题\t整改措施\t完成时限\t备注
一、填写说明
1．“存在问题”栏填写本人在对照检查和专题民主生活会上查摆出的“四风”方面问题，要具体，有事例。
2．“整改措施”栏要针对问题逐条填写，做到可操作、可检查，不写空话套话。
3．“完成时限”栏写明具体时间节点；需要长期坚持的，写明阶段性目标。
4．本清单填写后经单位主要负责同志审核，于6月10日前报县委教育实践活动办公室。
"""


def test_a_meeting_record_and_a_template_are_not_submissions():
    record = _review(MEETING_RECORD)
    assert record.doc_type is None and record.not_submission == "会议记录、纪要"
    form = _review(TEMPLATE_FORM)
    assert form.doc_type is None and form.not_submission == "空白模板"


def test_a_problem_the_model_files_under_a_style_is_not_unfocused_for_naming_an_outside_cause():
    from sifeng.review import focus_note

    text = "攻坚克难的劲头有所减退。对全县经济总量排位后移的情况，班子习惯于从客观方面找原因，推进不够有力。"
    assert focus_note(text, 0.1, 0.6, 1.0, 0.3) is None
    assert focus_note("上级拨付的资金不到位，经济总量小，项目推进慢。", 0.1, 0.6, 0.0, 0.3) is not None


def test_labels_after_an_item_in_its_paragraph_make_it_a_measure_and_stay_with_it():
    from sifeng.segment import _attributions_joined

    text = "借用企业的越野车立即归还，多报销的油费由经手人如数退回。负责人：党政办主任；时限：立行立改"
    joined = _attributions_joined(text, [("P", "借用企业的越野车立即归还，多报销的油费由经手人如数退回。"),
                                         ("M", "负责人：党政办主任；时限：立行立改")])
    assert joined == [("M", text)]
