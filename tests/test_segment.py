"""The paragraph segmenter: a paragraph that holds a problem, its cause and several measures run on
with 一是/二是, 同时, 另外 gives each of them as an item of its own."""

from builders import docx_bytes

import sifeng
from sifeng.segment import default_segmenter, is_title, split_pieces

L1 = ("chineseCounting", "%1、", 0)

RUN_ON = [
    {"kind": "title", "text": "中共云禾县住房和城乡建设局党组整改方案"},
    {"kind": "para", "text": "根据县委教育实践活动领导小组的部署，结合局党组对照检查查摆出的问题，制定本方案。"},
    {"kind": "heading", "level": 1, "text": "整改事项", "num": L1},
    {"kind": "heading", "level": 2, "text": "关于对企业检查过多的问题"},
    {"kind": "para", "text": "2013年我局对在建工地的安全、质量、文明施工检查分别由不同股室组织，有的工地一个月内被检查五六次，"
                             "每次都要求企业准备一套台账。这反映出我们习惯于以检查代替监管。对此，"
                             "局安全质量监督站要将三类检查合并为每月一次联合检查，检查结果当场书面反馈；"
                             "同时，精简工地台账，由原来的二十一种压减到八种以内，年底前完成；"
                             "另外，执法车辆实行统一停放、派车单管理，节假日一律封存，即日起执行。"},
    {"kind": "heading", "level": 2, "text": "关于保障房分配不透明的问题"},
    {"kind": "para", "text": "公租房申请人的资格审核结果没有及时公开，2013年因此引发来信来访11件次。针对上述问题，"
                             "一是住房保障股要在每批次分配前将审核结果在局网站公示不少于15天；"
                             "二是由分管副局长牵头，对已分配的公租房进行一次全面复核，6月底前完成。"},
    {"kind": "sign", "lines": ["中共云禾县住房和城乡建设局党组", "2014年3月12日"]},
]


def test_pieces_cut_at_sentence_ends_and_before_enumerators_never_inside_quotes():
    pieces = split_pieces("针对这一问题，一是推行“一窗受理。一次办结”；二是压缩时限，4月底前完成。对此，")
    assert pieces == ["针对这一问题，", "一是推行“一窗受理。一次办结”；", "二是压缩时限，4月底前完成。对此，"]


def test_titles_and_lead_ins_open_the_item_after_them():
    assert is_title("精简涉税资料。") and is_title("针对“调研不深”的问题。") and is_title("对此，")
    assert not is_title("为此，各单位要严格执行公务接待规定。")


def test_a_paragraph_of_problem_cause_and_run_on_measures_gives_each_measure():
    assert default_segmenter() is not None
    review = sifeng.review(docx_bytes(RUN_ON), filename="方案.docx")
    measures = [m.text for m in review.measures]
    assert any(m.startswith("局安全质量监督站要将三类检查合并") for m in measures)
    assert any(m.startswith("同时，精简工地台账") or m.startswith("精简工地台账") for m in measures)
    assert any("执法车辆实行统一停放" in m and "精简工地台账" not in m for m in measures)
    assert any(m.startswith("住房保障股要在每批次分配前") for m in measures)
    # the problem sentence is not a measure, and the measures answer it
    assert not any("被检查五六次" in m for m in measures)
    problems = [p.text for p in review.problems]
    first = next(i for i, p in enumerate(problems) if "被检查五六次" in p)
    owner = next(m for m in review.measures if m.text.startswith("局安全质量监督站"))
    assert owner.problem == first and owner.owner.text == "局安全质量监督站"
