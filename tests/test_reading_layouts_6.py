"""Layouts read in the fourteenth session's cold-brief sets (the texts here are our own): a look-back's
table of what was done (整改事项 | 牵头领导 | 责任部门 | 时间节点 | 完成情况), a numbered item that opens
with a date (五、2013年10月……), a paragraph whose last sentence opens the list of what is to be done
(下一步我打算做好以下几件事：), and a problem left unanswered among numbered problem-and-measure pairs."""

from docparse import parse
from docparse.numbering import split_label
from sifeng import review


def _texts(items):
    return [i.text.rstrip("。；") for i in items]


def _codes(result):
    return {f.code for f in result.flags}


PROGRESS_TABLE = """<html><head><meta charset="utf-8"><title>××供水公司党支部整改落实情况“回头看”自查报告</title></head><body>
<h1>××供水公司党支部整改落实情况“回头看”自查报告</h1>
<p>按照县国资委党委的通知要求，公司党支部对照整改方案逐项进行了自查，现将自查情况报告如下。</p>
<h2>一、整改任务完成情况</h2>
<p>公司整改方案共确定整改事项5项，已完成4项，正在推进1项。</p>
<table>
<tr><th>序号</th><th>整改事项</th><th>牵头领导</th><th>责任部门</th><th>时间节点</th><th>完成情况</th></tr>
<tr><td>1</td><td>营业大厅增设老年人办事窗口，缴费排队不超过15分钟</td><td>孙××</td><td>营业所</td><td>2014年9月底前</td><td>已完成。平均排队8分钟</td></tr>
<tr><td>2</td><td>公开水表安装收费标准，取消材料费搭车收费</td><td>孙××</td><td>营业所</td><td>立行立改</td><td>已完成</td></tr>
<tr><td>3</td><td>抢修电话24小时有人接听，调度室每周抽查一次</td><td>钱××</td><td>调度室</td><td>立行立改</td><td>已完成。抽查20次未发现漏接</td></tr>
<tr><td>4</td><td>公司内部会议每月不超过2次，取消重复报表</td><td>钱××</td><td>综合部</td><td>2014年8月底前</td><td>已完成。下半年月均会议1.5次</td></tr>
<tr><td>5</td><td>生产用车全部安装定位装置，实行派车单管理</td><td>李××</td><td>财务部</td><td>2014年12月底前</td><td>正在推进。已安装9台，还有3台待装</td></tr>
</table>
<h2>二、存在的不足</h2>
<p>（一）少数抄表员入户抄表时不出示工作证，12月仍有用户投诉。</p>
<h2>三、下一步措施</h2>
<p>（一）2015年1月底前为全部抄表员统一制作胸牌，营业所每月随机回访入户用户不少于30户（营业所负责）。</p>
<p>（二）剩余3台生产用车的定位装置2015年2月底前安装完毕（财务部负责）。</p>
<p>中共××供水有限公司支部委员会</p>
<p>二〇一五年一月十日</p>
</body></html>
"""


def test_a_look_backs_table_of_what_was_done_holds_no_problem():
    result = review(PROGRESS_TABLE.encode("utf-8"), filename="huitoukan.html")
    assert result.doc_type == "回头看自查报告"
    problems = _texts(result.problems)
    assert problems == ["少数抄表员入户抄表时不出示工作证，12月仍有用户投诉"]
    measures = " ".join(_texts(result.measures))
    assert "统一制作胸牌" in measures and "定位装置2015年2月底前安装完毕" in measures
    assert "营业大厅增设老年人办事窗口" not in " ".join(problems + [measures])
    assert "problems_without_measures" not in _codes(result)


PLAN_WITH_A_TASK_TABLE = PROGRESS_TABLE.replace("整改落实情况“回头看”自查报告", "整改方案").replace(
    "<th>完成情况</th>", "<th>备注</th>").replace("<td>已完成。平均排队8分钟</td>", "<td></td>")


def test_a_task_table_without_a_filled_progress_column_is_not_taken_for_a_report():
    # (the same table in a plan, its last column a remark: the rule for a look-back's account of
    # what was done does not apply, and its rows are read as before)
    result = review(PLAN_WITH_A_TASK_TABLE.encode("utf-8"), filename="fangan.html")
    read = " ".join(_texts(result.problems) + _texts(result.measures))
    assert "营业大厅增设老年人办事窗口" in read


PERSONAL = """镇党委副书记个人整改措施
本人在镇党委专题民主生活会上查摆出的问题，加上同志们提出的批评意见，梳理为四个方面。现将个人整改措施报告如下，请组织和同志们监督。
一、联系点去得少。我联系的××村去年只去过3次，村里修桥的事群众反映了半年，我是在民主生活会上才知道的。
整改措施：每月到联系村不少于2次，10月底前协调交通站把修桥方案定下来。
二、组织学习走过场。组织镇村干部学习，多是念文件，学了什么、用了什么不过问。
整改措施：每次集中学习确定一个专题，由一名班子成员领学，学后组织村干部谈一次体会。
三、讲排场。2013年镇里承办的两次县级现场会，我都安排了横幅、彩旗和迎接队伍。
整改措施：今后镇里承办会议一律不挂横幅、不组织迎送，立行立改。
四、2013年9月家中孩子考上大学，收了部分镇村干部送的贺礼共计2800元。
以上整改措施，我将在每季度的班子会上报告落实情况。
青山镇党委副书记　赵××
二〇一四年七月二十日
"""


def test_a_numbered_item_that_opens_with_a_date_keeps_its_number():
    label, rest = split_label("四、2013年9月家中孩子考上大学")
    assert label is not None and label.value == 4 and rest.startswith("2013年9月")
    label, rest = split_label("三、5月起每周公开一次")
    assert label is not None and label.value == 3
    assert split_label("一、二季度完成")[0] is None  # a span of quarters, no label
    blocks = [b for b in parse(PERSONAL.encode("utf-8"), filename="geren.txt").blocks if b.text.startswith("2013年9月")]
    assert blocks and blocks[0].kind == "list_item" and blocks[0].label == "四、"


def test_an_unanswered_problem_after_the_answered_ones_is_read():
    result = review(PERSONAL.encode("utf-8"), filename="geren.txt")
    problems = _texts(result.problems)
    assert "2013年9月家中孩子考上大学，收了部分镇村干部送的贺礼共计2800元" in problems
    assert len(problems) == 4 and len(result.measures) == 3
    assert "problems_without_measures" in _codes(result)


VILLAGE_LOOK_BACK = """个人整改措施落实情况自查报告
去年8月村党支部专题组织生活会上，我查摆了两个问题，定了三条整改措施。按照镇党委的要求，现在把落实情况向党员和村民代表报告一下。
一、查摆的问题和落实情况
第一个问题是村务、财务公开不及时，有时半年才公开一次，群众有意见。
落实情况：2014年7月起每季度在村务公开栏公开一次，已公开两次。
第二个问题是2013年村里修水渠时，在村部食堂招待施工方，花了集体资金3000多元。
落实情况：这笔钱已由我和另外两名村干部个人退赔。
二、还存在的差距和下一步打算
对照群众的要求，我觉得自己还有差距，主要是带领群众增收的办法不多。下一步我打算做好以下几件事：
村务公开坚持每季度一次，公开后拍照存档报镇农经站。
2015年3月底前召开村民代表会议，讨论村里的水塘承包。
村集体资金一律不用于吃喝招待，每月请村务监督委员会审核一次账目。
柳溪村党支部书记吴××
二〇一五年一月八日
"""


def test_a_paragraph_that_ends_by_opening_the_list_of_what_is_to_be_done():
    result = review(VILLAGE_LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    measures = _texts(result.measures)
    assert "村务公开坚持每季度一次，公开后拍照存档报镇农经站" in measures
    assert "村集体资金一律不用于吃喝招待，每月请村务监督委员会审核一次账目" in measures
    assert "村务公开坚持每季度一次，公开后拍照存档报镇农经站" not in _texts(result.problems)


VILLAGE_PLAN = """石塘村党支部整改方案
按照镇党委的要求，村党支部召开党员大会和村民代表会，征求到群众意见18条，归纳为以下几个方面的问题，逐条提出整改措施。
一、问题及整改措施
1．村两委干部坐班制度执行不好，群众到村部办事经常找不到人。整改措施：从5月起村两委干部实行轮流值班，每天至少1人在村部值班（责任人：村支部书记王××）。
2．村里青壮年大都外出务工，留守的多是老人，村里有事找不到人商量。
3．村务公开不及时，2013年下半年的财务收支到现在还没有张榜公开。整改措施：4月底前把2013年下半年财务收支张榜公开，今后每季度公开一次（责任人：村会计李××）。
4．另外，加强村庄环境整治，每月组织一次全村卫生大扫除，做到垃圾不乱倒、柴草不乱堆。
中共××镇石塘村支部委员会
二〇一四年四月二十日
"""


def test_an_item_with_no_measure_among_problem_and_measure_pairs():
    result = review(VILLAGE_PLAN.encode("utf-8"), filename="cun.txt")
    problems, measures = _texts(result.problems), _texts(result.measures)
    assert "村里青壮年大都外出务工，留守的多是老人，村里有事找不到人商量" in problems
    assert "村里青壮年大都外出务工，留守的多是老人，村里有事找不到人商量" not in measures
    # (an item that promises an action is still a measure)
    assert any(m.startswith("另外，加强村庄环境整治") for m in measures)


HOSPITAL_PROSE = """白石镇卫生院整改方案
按照镇党委的统一部署，我院通过发放征求意见表、召开病人家属座谈会等方式查找了作风方面的问题，特制定本方案。
一、主要问题
归纳起来，主要有以下几个方面：一是门诊医生上班迟到，病人在诊室外面等；二是部分医务人员对病人态度生硬，住院病人按铃后护士迟迟不来；三是个别医生收受病人家属的红包。
二、整改措施
针对这些问题，我们将从以下几个方面进行整改。医生上班的问题，从9月1日起门诊医生实行指纹考勤，由院办公室每天早上核查，迟到的当月扣发绩效。服务态度的问题，在门诊大厅设意见箱，每季度请病人对科室打分，分数与科室绩效挂钩，由分管副院长负责。
红包问题，全院医务人员签订拒收红包承诺书，发现收红包的一律调离临床岗位。同时，加强医德医风教育，努力提高医疗服务水平。
白石镇卫生院
二〇一四年八月十日
"""


def test_an_unnumbered_paragraph_of_promises_is_one_measure_per_promise():
    result = review(HOSPITAL_PROSE.encode("utf-8"), filename="fangan.txt")
    measures = _texts(result.measures)
    assert "从9月1日起门诊医生实行指纹考勤，由院办公室每天早上核查，迟到的当月扣发绩效" in measures
    assert "在门诊大厅设意见箱，每季度请病人对科室打分，分数与科室绩效挂钩，由分管副院长负责" in measures
    assert any(m.endswith("全院医务人员签订拒收红包承诺书，发现收红包的一律调离临床岗位") for m in measures)
    assert any(m.endswith("加强医德医风教育，努力提高医疗服务水平") for m in measures)
    # the sentence that only announces them is no measure
    assert not any("从以下几个方面进行整改" in m for m in measures)
    assert len(measures) == 4


NUMBERED_PROMISES = HOSPITAL_PROSE.replace("针对这些问题，我们将从以下几个方面进行整改。医生上班的问题，", "（一）医生上班的问题，")


def test_a_numbered_item_keeps_its_sentences_together():
    # (the smallest numbered item is one measure, however many sentences it has)
    result = review(NUMBERED_PROMISES.encode("utf-8"), filename="fangan.txt")
    assert any(m.text.startswith("医生上班的问题，从9月1日起") and "服务态度的问题" in m.text for m in result.measures)


COLLEGE_PLAN = """××学院党委领导班子整改方案
学院党委对照师生意见和专题民主生活会查摆的问题，制定本整改方案。
一、存在的主要问题
（一）学院领导深入课堂少，学生评教中反映的问题没有跟踪解决。
（二）学生办理成绩单盖章要找几个办公室，有时一周办不下来。
二、整改措施
（一）改进教风学风
这方面的措施由分管教学的副院长牵头，学院教务办具体落实。
1．学院领导每学期听课不少于8学时，听课记录每学期末在学院网站公布。
（二）改进服务学生工作
学院纪委督促，各系落实。
1．成绩单盖章在各系办公室当天办结，2014年9月1日前开通。
中共××学院委员会
二〇一四年六月五日
"""


def test_a_lead_that_names_who_carries_out_a_group_of_measures():
    result = review(COLLEGE_PLAN.encode("utf-8"), filename="fangan.txt")
    texts = _texts(result.measures)
    assert not any(t.startswith(("这方面的措施由", "学院纪委督促")) for t in texts)
    owners = {m.text[:6]: m.owner.text if m.owner else None for m in result.measures}
    assert owners["学院领导每学"] == "分管教学的副院长"
    assert owners["成绩单盖章在"] == "各系"  # the one who urges is not the owner


TARGETED_LIST = """××集团公司党委整改方案
公司党委对查摆出的问题进行梳理，制定本整改方案。
一、查摆出的主要问题
（一）公司机关对基层的指导多是发文件、要报表，每月要求基层报送的报表有20多种。
（二）业务招待费用偏高，部分招待安排在市区高档酒店。
二、整改措施
（一）针对文山会海问题：一是对基层报表进行清理，保留的报表不超过8种；二是公司机关发文比上年减少30%。
（二）针对业务招待问题：一是业务招待实行事前审批，一律安排在公司内部接待中心；二是全年业务招待费压缩40%。
中共××集团有限公司委员会
二〇一四年八月五日
"""


def test_measures_after_a_lead_that_names_the_problem_they_answer():
    result = review(TARGETED_LIST.encode("utf-8"), filename="fangan.txt")
    measures, problems = " ".join(_texts(result.measures)), " ".join(_texts(result.problems))
    assert "对基层报表进行清理" in measures and "业务招待实行事前审批" in measures
    assert "对基层报表进行清理" not in problems and "业务招待实行事前审批" not in problems


EXCUSE = """村党支部书记个人对照检查材料
按照镇党委的要求，我对照“四风”查找了自己的问题，现报告如下。
一、存在的问题
一是为群众办事不及时。村民到村里开证明、盖章，我经常不在村委会，有时要跑好几趟才能找到人。这主要是因为村干部报酬低，我还要照顾家里的养殖场，实在顾不过来。
二是村务公开走过场，公开栏一年只更新两次，群众看不明白。
二、努力方向
每周一、三、五上午在村委会坐班，坐班时间在公开栏公布。
王××
二〇一四年五月八日
"""


def test_an_excuse_said_in_words_is_a_problem_of_its_own():
    result = review(EXCUSE.encode("utf-8"), filename="duizhao.txt")
    problems = _texts(result.problems)
    assert "这主要是因为村干部报酬低，我还要照顾家里的养殖场，实在顾不过来" in problems
    assert "unfocused" in _codes(result)


DOCTOR = """郑××同志个人整改措施
（县中医院副院长）
根据专题民主生活会上同志们提出的批评意见和本人对照检查查摆出的问题，制定个人整改措施如下。
一、问题及整改措施
（一）深入临床一线少，对分管的门诊、药剂科室运行中的问题掌握不及时。
每周到门诊、药剂科室现场办公不少于2个半天，发现的问题建立台账、限期解决。
（二）分管的医保结算窗口患者排队时间长，高峰时段要等1个多小时，本人没有及时协调解决。
10月底前在住院部增设2个医保结算窗口，开通床旁结算服务。
（三）对医务人员收受“红包”问题抓得不严，认为是个人行为，管理上失之于宽。
进一步加强医德医风教育，努力提高全院医务人员的职业道德水平。
（四）2013年参加省里的学术会议后，顺道到景区游览了一天，相关费用在医院报销。
将游览期间在医院报销的760元费用全部退回，9月底前完成。
以上整改措施，本人将在分管科室范围内公示，接受干部职工监督。
郑××
二〇一四年八月二十八日
"""


def test_every_problem_and_measure_of_an_alternating_list_is_read():
    result = review(DOCTOR.encode("utf-8"), filename="geren.txt")
    problems, measures = _texts(result.problems), _texts(result.measures)
    assert len(problems) == 4 and problems[2].startswith("对医务人员收受“红包”问题抓得不严")
    assert "10月底前在住院部增设2个医保结算窗口，开通床旁结算服务" in measures
    # (the closing line under the last item is no measure)
    assert not any(m.startswith("以上整改措施") for m in measures)
    answered = {result.problems[m.problem].text[:6] for m in result.measures if m.problem is not None}
    assert "分管的医保结" in answered


PERSONAL_LOOK_BACK = """个人整改措施落实情况“回头看”自查报告
按照县委关于开展整改落实情况“回头看”的通知要求，我对去年制定的个人整改措施逐条作了回顾，现将落实情况报告如下。
去年我的个人整改措施共6条。每月到联系村住村2天的承诺，全年实际住村25天；工作日中午不喝酒这一条，一年来都做到了。
还有两条落实得不够好。一条是说要每季度召开一次企业座谈会，实际只开了两次，下半年招商任务重，就放下了；另一条是局里的会议压缩了，我自己主持的会还是偏长，有几次局务会开了一上午，议题准备不充分。
这两条，今年我要改过来。企业座谈会今年每季度第一个月开一次，时间提前公布，不再往后推。局务会议题提前两天送班子成员，一般议题每项讨论不超过20分钟，会议不超过2小时。
李××
二〇一五年一月六日
"""


def test_a_look_backs_counted_out_shortfalls_and_announced_changes():
    result = review(PERSONAL_LOOK_BACK.encode("utf-8"), filename="huitoukan.txt")
    problems, measures = _texts(result.problems), _texts(result.measures)
    assert "说要每季度召开一次企业座谈会，实际只开了两次，下半年招商任务重，就放下了" in problems
    assert "局里的会议压缩了，我自己主持的会还是偏长，有几次局务会开了一上午，议题准备不充分" in problems
    assert "企业座谈会今年每季度第一个月开一次，时间提前公布，不再往后推" in measures
    assert "局务会议题提前两天送班子成员，一般议题每项讨论不超过20分钟，会议不超过2小时" in measures
    # what was done is no item
    assert not any("全年实际住村25天" in t for t in problems + measures)
    assert not any(t.startswith("这两条") for t in measures)
