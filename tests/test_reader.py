"""The learned document reader: layouts the rule reader does not know still give their problems
and measures, and files that are not submissions are never judged."""

from builders import docx_bytes, txt_bytes

import sifeng
from sifeng.reader import default_reader, units

UNUSUAL = [
    {"kind": "title", "text": "中共云禾县水务局党组整改落实方案"},
    {"kind": "para", "text": "为抓好教育实践活动整改落实，结合我局实际，制定本方案。"},
    {"kind": "heading", "level": 1, "text": "群众说的问题", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "局机关下基层调研多是听汇报、看材料，到水利工地一线少，对农村饮水工程运行情况掌握不准。"},
    {"kind": "para", "text": "行政审批窗口对办事群众解释政策不耐心，一些审批事项群众要来回跑三四趟。"},
    {"kind": "para", "text": "2013年局机关公务接待费超出预算，部分接待安排在城区酒店。"},
    {"kind": "heading", "level": 1, "text": "我们这样改", "num": ("chineseCounting", "%1、", 0)},
    {"kind": "para", "text": "局班子成员每季度到联系乡镇的水利工地蹲点调研不少于3天，调研报告在局务会上交流。责任单位：办公室；完成时限：2014年12月底前。"},
    {"kind": "para", "text": "审批窗口实行一次性告知和限时办结，8月1日起在大厅公示办事流程。责任单位：审批科。"},
    {"kind": "para", "text": "公务接待一律在机关食堂安排，不上酒水，接待费比上年压缩30%，财务股每月公示。"},
    {"kind": "sign", "lines": ["中共云禾县水务局党组", "2014年6月10日"]},
]


def test_unknown_section_headings_still_give_problems_and_measures():
    assert default_reader() is not None
    review = sifeng.review(docx_bytes(UNUSUAL), filename="水务局整改方案.docx")
    assert review.doc_type == "整改方案"
    assert len(review.problems) == 3 and len(review.measures) == 3
    assert any("听汇报、看材料" in p.text for p in review.problems)
    owners = [m.owner.text if m.owner else None for m in review.measures]
    assert owners[:2] == ["办公室", "审批科"]
    assert review.verdict != "无法判断（需人工审阅）"


def test_units_carry_their_section_heading():
    import docparse

    found = units(docparse.parse(docx_bytes(UNUSUAL), filename="x.docx"))
    heading = {u.text[:8]: u.heading for u in found}
    assert heading["局机关下基层调研"] == "群众说的问题" and heading["审批窗口实行一次"] == "我们这样改"


def test_a_notice_is_read_but_not_judged():
    notice = ("关于做好党的群众路线教育实践活动整改落实工作的通知\n各乡镇党委、县直各单位：\n"
              "根据县委统一部署，现就做好整改落实工作通知如下：\n一、各单位要对照查摆出的问题，逐条制定整改措施，"
              "明确责任人和完成时限。\n二、请各单位于4月30日前将整改方案报县委督导组。\n特此通知。\n"
              "县委教育实践活动领导小组办公室\n2014年4月2日\n")
    review = sifeng.review(txt_bytes(notice), filename="通知.txt")
    assert review.doc_type is None and review.verdict == "无法判断（需人工审阅）"
    assert [f.code for f in review.flags] == ["structure_unrecognised"]


def _table_plan(title: str, opening: str, heading: str, table: dict, sign: list[str]) -> list[dict]:
    """A plan whose only section is one table."""
    return [{"kind": "title", "text": title}, {"kind": "para", "text": opening},
            {"kind": "heading", "level": 1, "text": heading, "num": ("chineseCounting", "%1、", 0)},
            table, {"kind": "sign", "lines": sign}]


def test_a_task_table_takes_its_measures_from_the_measures_column():
    # 整治任务 | 整治重点 | 推进措施: the task column names the topic; the measure is in 推进措施
    table = {"kind": "table", "rows": [
        ["序号", "整治任务", "整治重点", "推进措施", "牵头单位", "完成时限"],
        ["1", "整治文山会海", "全县性会议多、会期长，一些会议层层陪会", "全县性会议每年控制在12个以内，会期不超过半天", "县委办", "2014年10月底前"],
        ["2", "整治门难进脸难看", "便民服务窗口一次告知不到位，群众多次跑腿", "窗口实行首问负责和一次性告知，每月公布群众评议结果", "县政务中心", "2014年9月底前"],
    ]}
    review = sifeng.review(docx_bytes(_table_plan(
        "中共云禾县委“四风”突出问题专项整治方案", "为集中解决“四风”突出问题，制定本方案。", "整治任务", table,
        ["中共云禾县委", "2014年8月20日"])), filename="专项整治方案.docx")
    assert [m.text for m in review.measures] == [
        "全县性会议每年控制在12个以内，会期不超过半天", "窗口实行首问负责和一次性告知，每月公布群众评议结果"]
    assert [p.text for p in review.problems][:1] == ["全县性会议多、会期长，一些会议层层陪会"]
    assert [m.owner.text for m in review.measures] == ["县委办", "县政务中心"]


def test_inline_labels_cut_a_paragraph_into_units():
    from sifeng.reader import lead_label_kind, split_labelled

    text = ("存在不足：包村干部一个月只去村里一两次。原因：考勤只看签到表。"
            "下步措施：12月起包村干部每周在村工作不少于两天。责任人：组织委员。时限：长期坚持。")
    assert split_labelled(text) == [
        ("problem", "包村干部一个月只去村里一两次。"), ("cause", "考勤只看签到表。"),
        ("measure", "12月起包村干部每周在村工作不少于两天。责任人：组织委员。时限：长期坚持。")]
    # owner and deadline labels stay with their measure; a lone lead label cuts nothing
    assert split_labelled("每季度蹲点调研不少于3天。（责任领导：局党组书记；责任科室：办公室；完成时限：长期坚持）") == []
    assert split_labelled("下步措施：门诊部在12月底前再增设自助机4台。") == []
    assert [lead_label_kind(t) for t in ("完成时限：6月", "整改情况：已完成", "下步措施：", "原问题：", "党委书记王××：")] == \
        ["deadline", "progress", "measure", "problem", "other"]


def test_items_numbered_by_name_are_items():
    """“任务一：”“问题二、” number items as “一、” does; the label's word tells what the item is."""
    plan = ("中共云禾县林业局党组“四风”突出问题专项整治方案\n"
            "为集中整治“四风”突出问题，结合我局实际，制定本方案。\n"
            "问题一：局机关到林区一线调研少，护林员反映的巡护经费问题一年多没有答复。\n"
            "问题二：林木采伐审批要跑三个股室，群众办一个证往返县城三四趟。\n"
            "任务一：局班子成员每季度到联系林场蹲点不少于3天，护林员反映的问题一个月内答复。责任单位：办公室。\n"
            "任务二：采伐审批集中到服务窗口一站办理，9月底前承诺时限压缩到5个工作日。责任单位：资源股。\n"
            "中共云禾县林业局党组\n2014年7月8日\n")
    review = sifeng.review(txt_bytes(plan), filename="专项整治方案.txt")
    assert [p.text[:6] for p in review.problems] == ["局机关到林区", "林木采伐审批"]
    assert [m.text[:6] for m in review.measures] == ["局班子成员每", "采伐审批集中"]
    assert [m.owner.text for m in review.measures] == ["办公室", "资源股"]


def test_a_table_whose_headers_name_no_role_is_read_by_what_its_cells_hold():
    table = {"kind": "table", "rows": [
        ["整治事项", "具体举措", "牵头科室", "责任人", "完成时限"],
        ["养老待遇核定要群众开的证明过多，系统内能查到的仍要本人开具。", "清理证明材料，系统内能查到的一律不再要求提供，清单在大厅公布。",
         "养老保险股", "杨××", "2014年6月30日"],
        ["大厅窗口忙闲不均，部分窗口人员迟到早退、中午提前离岗。", "实行弹性窗口和中午轮休，局纪检组每周暗访一次。", "纪检组", "冯××", "每周"],
    ]}
    review = sifeng.review(docx_bytes(_table_plan(
        "××县人社局关于整治社保经办服务“庸懒散拖”问题的专项工作方案",
        "为切实解决群众在社保经办中反映突出的问题，局党组决定开展专项整治。", "整治事项及分工", table,
        ["××县人社局党组", "2014年5月20日"])), filename="专项整治方案.docx")
    assert [p.text[:6] for p in review.problems] == ["养老待遇核定", "大厅窗口忙闲"]
    assert [m.text[:6] for m in review.measures] == ["清理证明材料", "实行弹性窗口"]
    assert [m.deadline.due for m in review.measures][:1] == ["2014-06-30"]


def test_parallel_sentences_of_resolve_are_separate_measures():
    from sifeng.understand import split_enumeration

    text = "整改方向 坚持加强学习，提高思想水平。坚持群众路线，增强宗旨意识。坚持真抓实干，一切从实际出发。"
    assert split_enumeration(text) == ["坚持加强学习，提高思想水平。", "坚持群众路线，增强宗旨意识。", "坚持真抓实干，一切从实际出发。"]
    # a run of admissions (有的……。有的……。) is not cut by this rule
    assert len(split_enumeration("有的干部作风漂浮。有的干部不深入。有的干部怕担当。")) == 1


def test_a_personal_list_written_problem_then_gai():
    text = ("镇长陈××个人整改清单\n对照群众提的意见，本人列出以下问题，每一条后面写明怎么改。\n"
            "1．周末回县城的家里，周一上午经常九点多才到镇上。改：立即改正，周一早上８点前到岗，离镇外出向党委书记报告。\n"
            "2．用镇里的车接送过家属，影响不好。改：公车不再用于任何私事，本人用车一律在党政办登记，每月公开一次。\n"
            "陈××\n二〇一四年四月十六日\n")
    review = sifeng.review(txt_bytes(text), filename="个人整改清单.txt")
    assert [p.text for p in review.problems] == ["周末回县城的家里，周一上午经常九点多才到镇上", "用镇里的车接送过家属，影响不好"]
    assert [m.text[:6] for m in review.measures] == ["立即改正，周", "公车不再用于"]


def test_a_lone_problem_among_measures_of_one_list_follows_them():
    from docparse.model import Location
    from sifeng.reader import Unit, smooth

    def list_of(n, heading="重点任务"):
        return [Unit(text=f"第{i}项", location=Location(paragraph=i), block=i, source="block", heading=heading,
                     label="num", level=2, block_kind="list_item") for i in range(n)]

    assert smooth(list_of(6), list("MMPMPM")) == list("MMMMMM")
    assert smooth(list_of(4), list("PMMM")) == list("MMMM")
    # a list of pairs (problem, its measure, problem, its measure …) is left alone
    assert smooth(list_of(6), list("PMPMPP")) == list("PMPMPP")
    # items under different headings are different lists
    units = list_of(3) + list_of(3, heading="保障措施")
    assert smooth(units, list("MMPOPO")) == list("MMPOPO")


def test_the_measureness_score_reads_what_a_unit_says_and_the_reader_takes_it_as_a_feature():
    """models/measureness-*: trained on the measure and four-styles corpora, it tells a commitment
    from a problem, progress or a heading by its words alone, whatever heading it stands under."""
    from sifeng.reader import measureness

    measure = measureness("分局纪委对群众投诉的窗口违纪问题实行一案一查，查实收受财物的，一律调离窗口岗位并在全分局通报。")
    problem = measureness("一些窗口民警对群众咨询爱理不理，群众问多了就显得不耐烦，说话生硬。")
    progress = measureness("截至目前，已清理超标办公用房12间，腾退面积460平方米。")
    assert measure is not None and measure > 0.8 and problem < 0.2 and progress < measure
