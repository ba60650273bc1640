"""review(): problems and measures found, measures judged, flags raised per domain.md §4."""

import json

import pytest
from builders import docx_bytes, txt_bytes
from typer.testing import CliRunner

import sifeng
from sifeng.cli import app
from sifeng.understand import split_enumeration

L1, L2 = ("chineseCounting", "%1、", 0), ("chineseCounting", "（%2）", 1)

GOOD_PLAN = [
    {"kind": "title", "text": "中共岚川县水利局党组\n党的群众路线教育实践活动整改方案"},
    {"kind": "para", "text": "按照县委统一部署，结合征求到的意见建议和对照检查材料查摆的问题，制定本方案。"},
    {"kind": "heading", "level": 1, "text": "存在的主要问题", "num": L1},
    {"kind": "para", "text": "主要表现在：一是会议多、文件多，以会议落实会议；二是下乡多是听汇报、看材料，到工地现场少；"
                             "三是公务接待陪餐人数超标，单位食堂招待标准一再提高。"},
    {"kind": "heading", "level": 1, "text": "整改措施", "num": L1},
    {"kind": "table", "rows": [
        ["序号", "存在问题", "整改措施", "责任领导", "责任单位", "完成时限"],
        ["1", "会议多、文件多", "全年会议压缩三分之一，文件比上年减少30%", "王××", "办公室", "2014年6月底前"],
        ["2", "下乡多是听汇报", "班子成员每季度到工地现场办公不少于2次", "王××", "工程管理股", "每季度"],
        ["3", "公务接待陪餐超标", "严格执行公务接待清单制，陪餐人数不超过3人，接待清单每月公示", "李××", "财务股", "立行立改"],
    ], "merges": [(1, 3, 2, 3)], "header_repeat": True},
    {"kind": "sign", "lines": ["中共岚川县水利局党组", "二〇一四年三月二十日"]},
]

BAD_PLAN = """中共岚川县林业局党组整改方案
一、存在的问题
（一）学习不够深入，理论联系实际不够。
（二）服务群众意识有待加强。
二、整改措施
（一）进一步增强宗旨意识，切实转变工作作风。
（二）坚决反对享乐主义，努力提高服务群众的能力和水平。
（三）建立健全相关制度，确保各项规定落到实处。
中共岚川县林业局党组
2014年3月25日
"""

PERSONAL = """在县委常委班子专题民主生活会上的个人对照检查材料
一、存在的主要问题
（一）下乡调研多是听汇报、看材料，到困难群众家中少。
（二）主持的专题会议偏多，会后抓落实不够。
二、产生问题的根源
理想信念有所弱化，宗旨意识有所淡化。
三、努力方向
（一）每年到基层调研不少于60天。
（二）本人主持的会议全年减少三分之一。
王××
2014年3月15日
"""


@pytest.fixture(scope="module")
def good():
    return sifeng.review(docx_bytes(GOOD_PLAN), filename="good.docx")


def test_table_plan_items_deadlines_and_owners(good):
    assert good.doc_type == "整改方案" and good.scope == "班子"
    assert good.unit == "中共岚川县水利局党组" and good.date == "2014-03-20"
    problems = [p.text for p in good.problems]
    assert "会议多、文件多，以会议落实会议" in problems
    assert "会议多、文件多" in problems
    table_measures = good.measures[-3:]
    assert [m.deadline.kind for m in table_measures] == ["date", "recurring", "immediate"]
    assert table_measures[0].deadline.due == "2014-06-30"
    assert [m.owner.text for m in table_measures] == ["办公室", "工程管理股", "财务股"]
    for m in table_measures:
        assert good.problems[m.problem].text in ("会议多、文件多", "下乡多是听汇报", "公务接待陪餐超标")
        assert not m.hollow
    assert not good.flag("missing_deadline") and not good.flag("missing_owner")
    assert not good.flag("hollow_measures")


def test_enumerated_problems_are_split_and_labelled(good):
    first = good.problems[:3]
    assert [p.text[:6] for p in first] == ["会议多、文件", "下乡多是听汇", "公务接待陪餐"]
    assert "形式主义" in first[0].labels
    assert first[0].label_evidence["形式主义"]


def test_bad_plan_is_flagged_with_evidence():
    review = sifeng.review(txt_bytes(BAD_PLAN), filename="bad.txt")
    assert review.doc_type == "整改方案" and review.scope == "班子"
    assert len(review.problems) == 2 and len(review.measures) == 3
    hollow = review.flag("hollow_measures")
    assert hollow and hollow.count == 3 and hollow.severity == "high"
    assert hollow.evidence[0].text == "进一步增强宗旨意识，切实转变工作作风。"
    assert hollow.evidence[0].where == "第6行"
    assert review.flag("missing_deadline").count == 3
    assert review.flag("missing_owner").count == 3
    assert review.verdict == "退回修改"
    assert review.flag("hollow_measures").source.startswith("002_")


def test_personal_self_examination_flags_and_exemptions():
    review = sifeng.review(PERSONAL.encode("utf-8"), filename="personal.txt")
    assert review.doc_type == "对照检查材料" and review.scope == "个人"
    assert review.author == "王××"
    # Direction-setting measures of a 对照检查材料 need no deadline; a personal document no owner.
    assert not review.flag("missing_deadline") and not review.flag("missing_owner")
    six = review.flag("missing_six_explanations")
    assert six and six.count == 6
    causes = review.flag("missing_root_cause")
    assert causes and causes.count == 2 and "党性修养" in causes.message
    checklist = next(c for c in review.checklists if c.id == "duizhao_jiancha")
    assert any(i.result == "fail" for i in checklist.items)


def test_enumeration_split():
    assert split_enumeration("主要是：一是会多；二是文多；三是检查多。") == ["会多", "文多", "检查多"]
    assert split_enumeration("一是会多") == ["一是会多"]


def test_json_shape_follows_domain_contract(good):
    payload = json.loads(good.to_json())
    for key in ("source", "doc_type", "scope", "unit", "date", "problems", "measures", "flags", "checklists"):
        assert key in payload
    measure = payload["measures"][-1]
    assert set(measure["deadline"]) == {"text", "kind", "due"}
    assert set(measure["owner"]) == {"text", "kind"}
    assert isinstance(measure["hollow"], bool) and 0 <= measure["hollow_score"] <= 1


runner = CliRunner()


def test_cli_review_text_and_json(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(BAD_PLAN, encoding="gbk")
    text = runner.invoke(app, ["review", str(path)])
    assert text.exit_code == 0, text.output
    assert "退回修改" in text.stdout and "整改措施空洞" in text.stdout
    assert "进一步增强宗旨意识" in text.stdout
    payload = json.loads(runner.invoke(app, ["review", str(path), "--format", "json"]).stdout)
    assert payload["verdict"] == "退回修改"


def test_cli_measures_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "2014年9月底前清退超标办公用房，责任人：王××", "ref_date": "2014-03-10"}\n'
                    'not json\n'
                    '{"text": "进一步增强宗旨意识"}\n', encoding="utf-8")
    result = runner.invoke(app, ["measures", str(path)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["deadline"] == {"text": "2014年9月底前", "kind": "date", "due": "2014-09-30"}
    assert lines[0]["owner"] == {"text": "王××", "kind": "person"}
    assert lines[0]["hollow"] is False and lines[1]["hollow"] is True
    assert "第2行" in result.stderr


def test_a_plan_whose_problems_were_not_found_is_not_passed():
    plan = ("中共岚川县交通局党组整改方案\n二、整改措施\n1.压缩会议数量，全年会议减少三分之一，2014年6月底前完成，由办公室负责。\n"
            "2.公务接待一律在机关食堂安排，不上酒水，财务科每月公示，2014年5月底前完成。\n中共岚川县交通局党组\n2014年3月28日\n")
    review = sifeng.review(plan.encode("utf-8"), filename="plan.txt")
    assert review.doc_type == "整改方案" and review.measures and not review.problems
    assert review.verdict == "无法判断（需人工审阅）"
    assert "没有识别出要整改的问题" in review.flag("structure_unrecognised").message


def test_scraps_are_not_items():
    from docparse import Location
    from sifeng.review import drop_fragments
    from sifeng.understand import Item, Understanding

    u = Understanding(scope="班子")
    u.problems = [Item(text="O", location=Location(), section="problems"),
                  Item(text="会议多、文件多，以会议落实会议。", location=Location(), section="problems")]
    u.measures = [Item(text="〇", location=Location(), section="measures"),
                  Item(text="全县性会议每年不超过12个。", location=Location(), section="measures", problem=1)]
    drop_fragments(u)
    assert [p.text for p in u.problems] == ["会议多、文件多，以会议落实会议。"]
    assert [(m.text, m.problem) for m in u.measures] == [("全县性会议每年不超过12个。", 0)]


@pytest.mark.parametrize("title,expected", [
    ("县水利局党组整改方案（修改稿）.docx", "整改方案"),
    ("张某对照检查材料-终稿.docx", "对照检查材料"),
    ("个人对照检查材料\n青石镇副镇长　刘××", "对照检查材料"),
    ("桃源村党支部整改落实回头看自查情况", "回头看自查报告"),
    ("对照检查要有“专属辣味”", None),             # a commentary that names the kind
    ("关于报送整改方案和个人整改措施的通知", None),  # a notice
    ("对照检查材料汇编（第一辑）", None),
    ("扎实推进专项整治\n——县市场监管局经验交流材料", None),
    ("县道路运输管理所关于集中整治“吃拿卡要”问题的工作方案", "专项整治方案"),
    ("镇清理办公用房自查自纠报告", "回头看自查报告"),
    ("形象工程政绩工程专项整治行动自查报告例文", "回头看自查报告"),
    ("2024年党政机关办公用房清理管理工作自查总结", "回头看自查报告"),
    ("党的群众路线教育实践活动“回头看”实施方案", None),  # the organiser's plan for the look-back
])
def test_a_title_names_a_type_only_when_it_reads_as_a_document_name(title, expected):
    from sifeng.doctype import title_type

    assert title_type(title) == expected


def test_a_two_line_title_whose_second_line_was_not_centred_still_names_the_type():
    from docparse.model import Block, Document, Location, Metadata
    from sifeng.doctype import judge

    blocks = [Block(kind="heading", text="××市政务服务中心管理办公室党组", level=0, location=Location(page=1)),
              Block(kind="paragraph", text="关于教育实践活动整改落实情况“回头看”的自查报告", location=Location(page=1)),
              Block(kind="paragraph", text="按照市委的通知要求，中心党组逐项对账，现将自查情况报告如下。" * 3,
                    location=Location(page=1))]
    document = Document(source="x.pdf", format="pdf", metadata=Metadata(title=blocks[0].text), blocks=blocks)
    judgement = judge(document, "x.pdf", problems=2, measures=2)
    assert (judgement.doc_type, judgement.basis) == ("回头看自查报告", "title")


def test_the_signing_unit_is_not_a_measure():
    from docparse.model import Block, Document, Location, Metadata
    from sifeng.understand import is_sign_off

    document = Document(source="x.docx", format="docx", metadata=Metadata(), blocks=[])
    for text, expected in [("中共××县××乡委员会", True), ("赵××", True), ("中共青石镇委员会", True),
                           ("严格执行各项规章制度。", False), ("县委办公室", False)]:
        block = Block(kind="paragraph", text=text, location=Location(paragraph=1))
        assert is_sign_off(block, document) is expected, text


def test_no_type_when_no_type_classifier_agrees(monkeypatch):
    """The model's gate says “a submission” but every type's own probability is tiny: the file gets
    no type (无法判断), not the likeliest of six unlikely types."""
    import classifiers.doctypes as doctypes
    from docparse.model import Block, Document, Location, Metadata
    from sifeng.doctype import judge

    class Unsure:
        def proba(self, title, text):
            return {"对照检查材料": 0.01, "整改方案": 0.04, "个人整改措施": 0.01, "专项整治方案": 0.02,
                    "制度建设计划": 0.01, "回头看自查报告": 0.01, "none": 0.3}

    monkeypatch.setattr(doctypes, "default_model", lambda: Unsure())
    body = "为认真贯彻落实中央八项规定，切实转变机关作风，结合实际，特制定本细则。" * 4
    document = Document(source="x.txt", format="txt", metadata=Metadata(),
                        blocks=[Block(kind="paragraph", text=body, location=Location(line=1))])
    judgement = judge(document, "x.txt", problems=0, measures=0)
    assert judgement.doc_type is None and judgement.reason and "看不出" in judgement.reason


def test_the_notice_that_issues_a_plan_is_typed_by_the_plan():
    from sifeng.doctype import title_type

    assert title_type("关于印发《县水利局党组整改方案》的通知") == "整改方案"
    assert title_type("关于转发《关于进一步做好办公用房整改工作的通知》的通知") is None


@pytest.mark.parametrize("head, expected", [
    ("根据县委的部署，结合我局实际，制定本方案。一、工作目标", "plans"),
    ("按照市委要求，在市政府党组专题民主生活会明确的整改方向基础上，制定如下整改方案。", "plans"),
    ("我决定剖析自己，做如下四风对照检查：第一，形式主义之风要挖除。", "对照检查材料"),
    ("我镇认真开展清理自查工作，现将自查情况汇报如下：", "回头看自查报告"),
    ("认真组织开展公务用车情况的自查自纠工作。现将相关情况汇报如下：", "回头看自查报告"),
    ("现将我局办公用房清理管理工作自查如下：", "回头看自查报告"),
    ("为认真贯彻落实中央八项规定，结合实际，特制定本细则。", None),   # rules declare no plan
    ("会议要求，各单位要制定整改方案，报县委督导组。", None),          # a plan to be made, not this text
    ("各口线都要在年初制定本年度详细的工作计划，认真做好总结。", None),  # this year's plan, not this text
])
def test_an_untitled_opening_that_says_what_it_is_declares_its_family(head, expected):
    from sifeng.doctype import PLAN_TYPES, declared_family

    family = declared_family(head)
    assert (family and ("plans" if family[0] in PLAN_TYPES and len(family) > 1 else family[0])) == expected


def test_an_untitled_page_with_many_problems_read_is_typed_uncertain_rather_than_not_a_submission(monkeypatch):
    """A self-examination's page 2 (no title, no declaration) that the model leans to call “not a
    submission” but where the reader found eleven problems is typed, and marked uncertain."""
    import classifiers.doctypes as doctypes
    from docparse.model import Block, Document, Location, Metadata
    from sifeng.doctype import judge

    class Leaning:
        def proba(self, title, text):
            return {"对照检查材料": 0.19, "整改方案": 0.5, "个人整改措施": 0.01, "专项整治方案": 0.02,
                    "制度建设计划": 0.01, "回头看自查报告": 0.01, "none": 0.54}

    monkeypatch.setattr(doctypes, "default_model", lambda: Leaning())
    body = "1、形式主义方面：（1）学风不够实，没有系统学习园区工作所需的知识。（2）工作作风不够实，以会议落实会议。" * 2
    document = Document(source="x.txt", format="txt", metadata=Metadata(),
                        blocks=[Block(kind="paragraph", text=body, location=Location(line=1))])
    judgement = judge(document, "x.txt", problems=11, measures=0)
    assert (judgement.doc_type, judgement.basis) == ("对照检查材料", "items") and not judgement.certain
    assert judge(document, "x.txt", problems=1, measures=0).doc_type is None


@pytest.mark.parametrize("opening, expected", [
    ("1、乡镇办公用房清理自查报告 根据中央有关通知精神，我乡开展了清理工作。", "乡镇办公用房清理自查报告"),
    ("【2017公务用车自查报告】为贯彻落实有关要求……", "2017公务用车自查报告"),
    ("为贯彻落实中央八项规定，结合实际，特制定本细则。", ""),
])
def test_a_page_whose_title_runs_into_its_first_sentence_still_shows_its_name(opening, expected):
    from sifeng.doctype import _opening_title

    assert _opening_title(opening) == expected


PER_PROBLEM_PLAN = (
    "中共岚川县农业局党组整改方案\n"
    "一、需要着力解决的问题及整改举措\n"
    "（一）关于会议多、文件多的问题\n"
    "问题表现：局机关去年召开各类会议112次，印发文件268份，乡镇农技站长一个月要到县里开四五次会。\n"
    "整改目标：会议和文件数量各压缩三分之一以上。\n"
    "整改措施：\n"
    "1.实行会议年度计划管理，全局性会议每季度不超过2次，一般性工作部署一律通过内网通知。\n"
    "2.确需印发的文件由办公室审核把关，篇幅原则上不超过3页。\n"
    "责任领导：分管副局长　责任单位：办公室　完成时限：2014年4月底前\n"
    "（二）关于下乡调研不深不实的问题\n"
    "问题表现：班子成员下乡多是到几个示范园区转一转，听乡镇汇报，很少到偏远村组和农户家里。\n"
    "（三）关于公务接待不规范的问题\n"
    "问题表现：上级部门来考察时多次安排在农家山庄就餐，陪餐人员超过规定。\n"
    "整改措施：\n"
    "1.严格执行公务接待审批单制度，接待一律安排在机关食堂，陪餐不超过3人，接待清单每季度公示。\n"
    "2.公务用车全部收回由办公室集中管理、统一派车，节假日封存。\n"
    "责任领导：纪检组长　责任单位：财务股　完成时限：即日起\n"
    "中共岚川县农业局党组\n二〇一四年三月二十四日\n")


@pytest.fixture(scope="module")
def per_problem():
    return sifeng.review(txt_bytes(PER_PROBLEM_PLAN), filename="per_problem.txt")


def test_label_lines_under_a_block_of_measures_give_each_its_owner_and_deadline(per_problem):
    measures = {m.text[:8]: m for m in per_problem.measures}
    assert len(per_problem.measures) == 4
    first = measures["实行会议年度计划"]
    assert first.owner.text == "办公室" and first.deadline.text == "2014年4月底前"
    assert first.deadline.due == "2014-04-30"
    car = measures["公务用车全部收回"]
    assert car.owner.text == "财务股" and car.deadline.kind == "immediate"
    assert not per_problem.flag("missing_owner") and not per_problem.flag("missing_deadline")


def test_a_target_is_not_a_measure(per_problem):
    assert not any("三分之一以上" in m.text for m in per_problem.measures)


def test_in_a_plan_written_problem_by_problem_a_problem_the_next_one_follows_has_no_measure(per_problem):
    flag = per_problem.flag("problems_without_measures")
    assert flag is not None and flag.count == 1
    assert "偏远村组" in flag.evidence[0].text


def test_label_fields_read_only_lines_made_of_labels():
    from sifeng.understand import label_fields

    assert label_fields("责任领导：分管副局长　责任单位：办公室　完成时限：2014年4月底前") == ("办公室", "2014年4月底前")
    assert label_fields("（完成时限：2014年8月10日前）") == (None, "2014年8月10日前")
    assert label_fields("责任领导：纪检组长") == ("纪检组长", None)  # no unit named: the leader
    assert label_fields("责任单位：办公室，每月公开一次") is None     # says more than labels


def test_objective_conditions_are_unfocused_and_own_conduct_is_not():
    from sifeng.review import focus_score

    outside = focus_score("全县财力比较薄弱，刚性支出占到八成以上，许多民生项目受财力制约一时难以实施。")
    own = focus_score("本人下基层调研少，到分管的村组走访不够，对群众反映的问题过问不多。")
    assert outside is not None and outside > 0.6 > own


def test_in_a_look_back_table_only_unfinished_rows_give_items():
    report = ("县人民医院党委整改落实“回头看”自查报告\n"
              "根据县委的统一安排，我院对照整改方案逐项进行了自查，现将情况报告如下。\n"
              "一、整改事项对账\n"
              "序号｜整改事项｜整改措施｜完成情况｜下步打算\n"
              "1｜门诊挂号、缴费排长队｜增设自助挂号缴费机6台｜已完成｜无\n"
              "2｜住院部夜间护士呼叫响应慢｜增配夜班护士｜未完成｜护理部12月底前招聘护士12名，充实内科、外科夜班\n"
              "3｜公务接待在外就餐｜接待一律在职工食堂｜已完成｜\n"
              "中共××县人民医院委员会\n二〇一四年十一月二十日\n")
    review = sifeng.review(report.encode("utf-8"), filename="huitoukan.txt")
    assert [p.text for p in review.problems] == ["住院部夜间护士呼叫响应慢"]
    assert [m.text for m in review.measures] == ["护理部12月底前招聘护士12名，充实内科、外科夜班"]
    assert review.measures[0].problem == 0


def test_section_names_and_the_closing_pledge_are_not_items():
    from docparse import Location
    from sifeng.review import drop_fragments
    from sifeng.understand import Item, Understanding

    u = Understanding(scope="班子")
    u.problems = [Item(text="存在的主要问题", location=Location(), section="problems"),
                  Item(text="关于形式主义", location=Location(), section="problems"),
                  Item(text="四风方面存在的问题：", location=Location(), section="problems"),
                  Item(text="会议多、文件多，以会议落实会议。", location=Location(), section="problems")]
    u.measures = [Item(text="一、整改措施", location=Location(), section="measures"),
                  Item(text="局党组将以此次整改为契机，坚持从严治队，打造群众满意的队伍。", location=Location(),
                       section="measures"),
                  Item(text="以此次活动为契机，建立会议审批制度，全年会议减少三分之一。", location=Location(),
                       section="measures", problem=3)]
    drop_fragments(u)
    assert [p.text for p in u.problems] == ["会议多、文件多，以会议落实会议。"]
    assert [(m.text[:8], m.problem) for m in u.measures] == [("以此次活动为契机", 0)]


def test_a_rules_plan_under_li_gai_fei_headings_is_read():
    plan = ("县市场监督管理局党组制度建设计划\n"
            "为深化教育实践活动整改，局党组制定本计划。\n"
            "立：\n"
            "《日常监督检查“双随机”工作办法》：随机抽取检查对象、随机选派执法人员，抽查结果向社会公开。责任单位：市场规范科　完成时限：2014年10月底前\n"
            "改：\n"
            "《个体工商户登记工作规范》：登记材料精简为4项，当场办结。责任单位：登记注册科\n"
            "废：\n"
            "《企业年检工作考核办法》：按年检户数考核基层所的规定导致年底突击检查，予以废止。责任单位：局办公室\n"
            "中共××县市场监督管理局党组\n二〇一四年九月十二日\n")
    review = sifeng.review(plan.encode("utf-8"), filename="zhidu.txt")
    assert review.doc_type == "制度建设计划"
    assert [m.text[:7] for m in review.measures] == ["《日常监督检查", "《个体工商户登", "《企业年检工作"]
    assert [m.owner.text for m in review.measures] == ["市场规范科", "登记注册科", "局办公室"]
    assert review.measures[2].deadline is None       # 导致年底突击检查 is the problem, not a deadline


def test_a_lead_in_and_a_semicolon_list_are_cut_into_items():
    from sifeng.understand import split_colon_list

    text = ("经过查摆和同志们的批评帮助，我对自己的问题有了比较清醒的认识，概括起来主要有这样几条：分管党建工作以来，"
            "对村级党组织的指导多停留在发通知上；家在县城，晚上群众找我常常找不到人；参加学习时多是照本宣科读材料。")
    assert split_colon_list(text) == ["分管党建工作以来，对村级党组织的指导多停留在发通知上",
                                      "家在县城，晚上群众找我常常找不到人", "参加学习时多是照本宣科读材料"]
    assert split_colon_list("整改措施：全年会议压缩三分之一；文件减少30%。") is None        # parts too short
    assert split_colon_list("会议多、文件多，以会议落实会议；下乡调研少，听汇报多。") is None  # no lead-in


def test_the_imprint_line_and_the_cause_analysis_are_not_items():
    from docparse.structure import IMPRINT_LINE as _IMPRINT
    from sifeng.review import _CAUSE_LEAD

    assert _IMPRINT.match("××镇党政办公室　2014年3月21日印发")
    assert not _IMPRINT.match("修订《公务接待办法》，9月底前印发")          # a measure that ends with 印发
    assert _CAUSE_LEAD.match("以上问题的产生，归根到底是本人对自己要求不够严格。")
    assert not _CAUSE_LEAD.match("以上问题反映出班子作风不实，会议多、文件多。")


def test_the_sentence_that_announces_the_problems_is_not_one():
    from sifeng.review import _LIST_INTRO

    assert _LIST_INTRO.search("经过前段时间征求意见和明察暗访，我们发现窗口服务中主要存在以下几个方面的问题。")
    assert not _LIST_INTRO.search("对科级以下干部关心不够，下基层调研少的问题")   # 以下 as “below”


def test_bare_question_and_measure_headings_and_a_lookback_still_to_do():
    # A personal plan under bare 问题 / 措施 headings, items without a closing full stop; and a
    # 回头看 whose unfinished items (还没改好的) each carry their plan after 打算：.
    personal = ("王××个人整改措施\n一、问题\n1. 亲自接待来所群众少，群众想见所长要先过好几道关\n"
                "2. 辖区企业请吃饭，有时碍于情面去了\n二、措施\n1. 每周三上午为所长接待日，不预约、不设门槛\n"
                "2. 即日起不参加辖区企业和管理对象安排的宴请\n王××\n二〇一四年三月二十日\n")
    review = sifeng.review(personal.encode("utf-8"), filename="个人整改措施.txt")
    assert [m.text for m in review.measures] == ["每周三上午为所长接待日，不预约、不设门槛",
                                                 "即日起不参加辖区企业和管理对象安排的宴请"]
    assert len(review.problems) == 2
    lookback = ("某村党支部整改落实“回头看”自查情况\n一、已经改好的\n1. 村务公开栏已按月更新，集体收支逐笔公开。\n"
                "二、还没改好的\n1. 党员活动日有时还是走过场，内容就是念文件。打算：从明年1月起每次党员活动日安排一件实事，村支书负责。\n"
                "2. 对在外务工党员的管理还跟不上。打算：加强流动党员管理，想办法把他们组织起来。\n"
                "中共某村支部委员会\n二〇一四年十二月二日\n")
    review = sifeng.review(lookback.encode("utf-8"), filename="回头看.txt")
    assert [p.text for p in review.problems] == ["党员活动日有时还是走过场，内容就是念文件", "对在外务工党员的管理还跟不上"]
    assert [m.text for m in review.measures][1] == "加强流动党员管理，想办法把他们组织起来"
    assert review.measures[1].hollow


def test_plan_of_rules_in_a_table_keeps_every_row_when_no_problem_list_is_found():
    # A 制度建设计划 with no problem list: the rows of its task table are its measures, whatever the
    # learned reader makes of the rest.
    plan = ("××村制度建设计划\n为巩固教育实践活动成果，村两委研究，建立完善以下制度：\n"
            # an OA export: the Word table's cells separated by full-width spaces
            "序号　　制度名称　　　　主要内容　　　　　　责任人　　完成时间\n"
            "　1　　村务公开制度　　　每季度公开一次　　　村委会　　2014年6月\n"
            "　2　　村级财务审批制度　500元以上两人签字　村监委会　2014年5月\n"
            "　3　　民主议事制度　　　重大事项提交村民代表会议　　村党支部　2014年6月\n"
            "以上制度由村党支部书记负总责。\n××村党支部\n二〇一四年四月二十五日\n")
    review = sifeng.review(plan.encode("utf-8"), filename="制度建设计划.txt")
    assert review.doc_type == "制度建设计划"
    assert [m.text for m in review.measures] == ["村务公开制度", "村级财务审批制度", "民主议事制度"]
    assert [m.owner.text for m in review.measures] == ["村委会", "村监委会", "村党支部"]
    assert review.measures[1].deadline.due == "2014-05-31"


def test_aspect_titles_closing_promises_and_causes_are_not_items():
    from sifeng.review import _ASPECT_TITLE, _CAUSE_LEAD, _LIST_CLOSE

    assert _ASPECT_TITLE.fullmatch("在服务病人方面") and _ASPECT_TITLE.fullmatch("（二）关于个人作风方面：")
    assert not _ASPECT_TITLE.fullmatch("在服务病人方面，门诊医生态度生硬")
    assert _LIST_CLOSE.match("对这些问题，局党组将在下一步工作中认真加以解决。")
    assert _CAUSE_LEAD.match("主要原因是支部班子宗旨意识不强，服务群众的观念淡薄。")
    assert not _CAUSE_LEAD.match("原定6月底前完成的窗口改造已经完成。")


def test_measure_label_inside_a_problem_block_ends_with_the_block():
    # “一、整改的主要问题和措施” → “（一）关于…的问题” → problems, then “整改措施：” and the measures; the
    # next “（二）…” opens a new block whose first items are problems again.
    plan = ("中共××县农机局党组党的群众路线教育实践活动整改方案\n一、整改的主要问题和措施\n（一）关于文山会海的问题\n"
            "1. 局机关2013年召开各类会议46次，多数会议以传达上级文件为主。\n整改措施：\n"
            "2. 办公室自8月1日起实行会议计划审批，全系统大会每年不超过3次。\n（二）关于深入基层不够的问题\n"
            "1. 局领导下乡多在春耕、秋收两个时段，平时到合作社了解情况少。\n整改措施：\n"
            "2. 局领导每人联系2个农机合作社，每季度到联系点不少于2次。\n中共××县农机局党组\n2014年7月8日\n")
    review = sifeng.review(plan.encode("utf-8"), filename="方案.txt")
    assert [p.text[:6] for p in review.problems] == ["局机关201", "局领导下乡多"]
    assert [m.text[:6] for m in review.measures] == ["办公室自8月", "局领导每人联"]


SELF_EXAMINATION_WITH_CAUSE_HEADINGS = """县水务局党组对照检查材料

一、存在的突出问题
1.会议多、文件多，2013年局机关发文156件，其中转发上级文件占一半以上。
2.到基层调研多是听汇报，到工程现场解决问题少。
二、需要说明的情况
（一）“三公”经费支出。2013年局机关“三公”经费比上年下降21%。
（二）职务消费。班子成员没有办理公款消费卡。
（三）人情消费。班子成员没有借婚丧嫁娶收受礼金。
（四）公务用车。局机关公务用车3辆，均按规定使用。
（五）办公用房和住房。班子成员办公用房均未超标。
（六）家属子女从业。班子成员配偶子女没有在本系统经商办企业。
三、问题出在哪里
（一）理想信念有所动摇
学习满足于读文件，联系实际少。
（二）宗旨意识有所淡化
对群众急难的事情感受不深。
（三）党性修养锻炼不够
相互批评辣味不足，对自身要求放松。
（四）政治纪律执行不严
执行民主集中制不够严格。
四、努力方向
1.2014年局机关发文数量比上年减少三分之一，能不转发的一律不转发。
2.班子成员每人每月到工程现场调研不少于3天。
"""


def test_cause_headings_name_their_dimensions_under_a_plain_spoken_section_title():
    result = sifeng.review(txt_bytes(SELF_EXAMINATION_WITH_CAUSE_HEADINGS), filename="duizhao.txt")
    assert result.doc_type == "对照检查材料"
    assert [i.name for i in result.root_causes if i.found] == ["理想信念", "宗旨意识", "党性修养", "政治纪律"]
    assert "missing_root_cause" not in [f.code for f in result.flags]


def test_an_item_after_an_inline_label_is_what_the_label_says():
    from sifeng.understand import Item, Understanding, retype_by_labels
    from docparse.model import Location

    text = ("一、存在问题：村干部坐班时间不固定，群众来办事找不到人。整改措施：村两委干部每天轮流在村部值班。\n"
            "二、存在问题：去年修文化广场搞了剪彩仪式，花钱买了鞭炮。整改措施：以后村里的项目建成后不再搞剪彩仪式。")
    item = lambda t: Item(text=t, location=Location(), section="problems")  # noqa: E731
    u = Understanding(scope="班子", problems=[item("村干部坐班时间不固定，群众来办事找不到人。"),
                                             item("去年修文化广场搞了剪彩仪式，花钱买了鞭炮。"),
                                             item("以后村里的项目建成后不再搞剪彩仪式。")],
                      measures=[Item(text="村两委干部每天轮流在村部值班。", location=Location(), section="measures",
                                     problem=0)])
    retype_by_labels(text, u)
    assert [p.text for p in u.problems] == ["村干部坐班时间不固定，群众来办事找不到人。", "去年修文化广场搞了剪彩仪式，花钱买了鞭炮。"]
    assert [(m.text, m.problem) for m in u.measures] == [("村两委干部每天轮流在村部值班。", 0),
                                                         ("以后村里的项目建成后不再搞剪彩仪式。", 1)]


def test_a_title_about_a_problem_is_not_one_and_its_measures_answer_the_statement():
    from sifeng.review import drop_fragments
    from sifeng.understand import Item, Understanding
    from docparse.model import Location

    p = lambda t: Item(text=t, location=Location(), section="problems")  # noqa: E731
    u = Understanding(scope="个人", problems=[p("二、关于科研项目评审“重关系、轻质量”的问题"),
                                             p("校内科研项目立项评审中，本人对评审专家打招呼的现象没有制止。")],
                      measures=[Item(text="推动科研处修订《校级科研项目管理办法》，评审专家随机抽取。", location=Location(),
                                     section="measures", problem=0)])
    drop_fragments(u)
    assert [x.text for x in u.problems] == ["校内科研项目立项评审中，本人对评审专家打招呼的现象没有制止。"]
    assert u.measures[0].problem == 0


def test_a_title_that_names_a_person_is_personal_though_it_names_the_body():
    from docparse import parse
    from sifeng.understand import detect_scope

    doc = parse(txt_bytes("梅岭乡党委书记龚××对照检查材料\n\n一、存在的问题\n1.下村调研少，多是听汇报。\n"), filename="a.txt")
    assert detect_scope(doc) == "个人"
    doc = parse(txt_bytes("梅岭乡党委领导班子对照检查材料\n\n一、存在的问题\n1.下村调研少，多是听汇报。\n"), filename="b.txt")
    assert detect_scope(doc) == "班子"


@pytest.mark.parametrize("line,expected", [("二〇→四年四月三十日", True), ("二〇一四年四月三十日", True),
                                           ("2014年4月30日前完成公示", False)])
def test_a_line_that_is_only_a_date_is_the_sign_off_even_as_ocr_leaves_it(line, expected):
    from sifeng.understand import _SIGNING_DATE

    assert bool(_SIGNING_DATE.match(line)) is expected


def test_a_problem_column_after_a_topic_column_holds_the_problems():
    from docparse.model import Cell, Location, Table
    from sifeng.understand import column_roles

    rows = [["整治项目", "突出问题", "整治任务", "牵头部门", "完成时限"],
            ["用户服务", "报装要经过多个部门盖章，业主反映报装慢。", "报装环节由7个精简为3个。", "客户服务部", "2014年10月31日"]]
    table = Table(rows=[[Cell(text=t, row=r, column=c, location=Location()) for c, t in enumerate(row)]
                        for r, row in enumerate(rows)],
                  header_rows=1)
    roles = column_roles(table)
    assert (roles["problem"], roles["measure"], roles["category"]) == (1, 2, 0)


BLOCK_DEADLINE_PLAN = """县农业局党组整改方案

一、存在的主要问题
1.到基层调研多是听汇报，农技人员下乡少。
2.下乡就餐不规范，项目验收评审中有超标准用餐。
二、整改措施
一是实行农技人员包村联户，每名农技人员每年在乡镇田间工作不少于100天，由局党组每半年考核一次；二是局党组成员下乡一律不接受乡镇安排的工作餐，由办公室负责登记；三是清理2013年以来项目验收评审经费中的餐费支出，违规部分由相关人员退赔，财务股牵头。以上两项6月底前完成。
"""


def test_a_deadline_written_once_for_the_measures_before_it_goes_to_them_and_is_no_measure():
    result = sifeng.review(txt_bytes(BLOCK_DEADLINE_PLAN), filename="fangan.txt")
    texts = [m.text for m in result.measures]
    assert len(texts) == 3 and not any(t.startswith("以上") for t in texts)
    assert texts[2].startswith("清理2013年以来")
    deadlines = [m.deadline.text if m.deadline else None for m in result.measures]
    assert deadlines[1:] == ["6月底前", "6月底前"]
    assert deadlines[0] != "6月底前"  # it names its own frequency, and the closing line is not its deadline


SPEECH = """在全县整改落实工作推进会上的讲话

同志们：
今天召开这次会议，主要是对全县整改落实工作再动员、再部署。从县委督导组近期掌握的情况看，全县整改工作总体进展顺利，但也有一些单位存在不容忽视的问题。有的单位整改方案照搬上级文件，有的整改措施只有表态没有时限。
下面，我讲三点意见。
一、各单位要对照查摆出的问题，逐条列出整改清单，每一条都要明确由谁来改、什么时候改好。
二、要把群众反映最强烈的问题作为整改的重中之重，看得见、摸得着的问题要马上改。
三、县委督导组要加强督查，对整改不力的单位要通报批评。
同志们，整改落实是教育实践活动的关键环节，希望大家以更加务实的作风抓好各项整改任务。
"""


def test_a_speech_is_not_a_submission_and_lists_no_items():
    result = sifeng.review(txt_bytes(SPEECH), filename="jianghua.txt")
    assert result.doc_type is None and result.not_submission
    assert result.problems == [] and result.measures == []
    assert result.verdict == "无法判断（需人工审阅）"


def test_under_a_problems_and_measures_heading_a_paragraph_opening_with_duici_holds_measures():
    text = ("乡镇党委整改方案\n\n一、整改的主要问题和措施\n（一）关于便民服务中心办事难的问题\n"
            "便民服务中心中午和周末无人值班，群众返乡后办事常常扑空，有的事项要跑镇、村两三趟。\n"
            "对此，镇党委研究确定了两条办法：一是便民服务中心自3月1日起实行午间和周六轮班制，由党政办排班公示。\n"
            "二是对低保、医保等12项高频事项推行村级代办，4月底前在14个村全部设立代办点。\n"
            "（二）关于包村干部不在村的问题\n"
            "多数包村干部只在上级检查时才去村里，平时很少到村，群众称之为挂名干部。为此，从3月起实行包村干部驻村日志制度，驻村日志由镇纪委每月抽查一次。\n")
    result = sifeng.review(txt_bytes(text), filename="zhen.txt")
    problems = [p.text for p in result.problems]
    measures = [m.text for m in result.measures]
    assert len(problems) == 2 and problems[0].startswith("便民服务中心中午") and problems[1].startswith("多数包村干部")
    assert [m[:8] for m in measures] == ["便民服务中心自3", "对低保、医保等1", "从3月起实行包村"]
    assert [m.problem for m in result.measures] == [0, 0, 1]
