"""The measure span reader (CRF with the rules as features): owners and deadlines in the forms the
rules alone missed, and its model directory."""

import json
from pathlib import Path

import pytest

from classifiers.spans import bio, default_tagger, read_measure, spans_from_tags

REF = "2014-03-10"


def test_bio_round_trip():
    text = "由办公室负责，2014年6月底前完成"
    tags = bio(text, {"OW": "办公室", "DL": "2014年6月底前"})
    found = spans_from_tags(tags)
    assert [text[s:e] for s, e in found["OW"]] == ["办公室"]
    assert [text[s:e] for s, e in found["DL"]] == ["2014年6月底前"]


def test_shipped_model_is_present_and_pickle_free():
    assert default_tagger() is not None
    folder = Path(default_tagger().model_path_).parent
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["format"] == "crfsuite" and (folder / "README.md").exists()
    assert not list(folder.glob("*.pkl")) and not list(folder.glob("*.pickle"))


@pytest.mark.parametrize("text, owner", [
    ("财务科每季度抽查一次报销凭证，抽查结果在局务会上通报。", "财务科"),
    ("局长为第一责任人，对本局办公用房清理负总责。", "局长"),
    ("整改工作由分管副镇长主持，镇纪委全程监督。", "分管副镇长"),
    ("责成城建站于5月底前完成集镇违章建筑清理。", "城建站"),
    ("清理超标办公用房　镇党政办　李某某　2014年10月31日", "镇党政办"),
])
def test_owner_forms(text, owner):
    read = read_measure(text, REF)
    assert read.owner is not None and read.owner.text == owner


@pytest.mark.parametrize("text, span, kind, due", [
    ("派出所户籍窗口实行预约办证，10月1日起执行。", "10月1日起", "date", "2014-10-01"),
    ("对群众反映的3件投诉，限期十五天办结并回复。", "限期十五天", "date", "2014-03-25"),
    ("每逢春节、中秋等节点，纪委提前发文重申纪律要求。", "每逢春节", "recurring", None),
    ("清理超标办公用房　镇党政办　李某某　2014年10月31日", "2014年10月31日", "date", "2014-10-31"),
])
def test_deadline_forms(text, span, kind, due):
    read = read_measure(text, REF)
    assert read.deadline is not None and (read.deadline.text, read.deadline.kind, read.deadline.due) == (span, kind, due)


def test_clause_subjects_are_candidates_and_the_ranker_takes_them():
    from classifiers.owners import owner_candidates
    from classifiers.spans import default_tagger

    text = "经回头看，窗口推诿问题已明显改善。下一步，行政许可科将落实一次性告知制度，明年1月起执行。"
    assert "行政许可科" in [o.text for o in owner_candidates(text)]
    tagger = default_tagger()
    assert tagger is not None and tagger.owner_ranker is not None
    assert read_measure(text, REF).owner.text == "行政许可科"


@pytest.mark.parametrize("text, owner", [
    ("各单位主要负责人是办公用房清理整改工作的第一责任人，对本单位清理工作负总责。", "各单位主要负责人"),
    ("二级单位的清理整改工作，由所属一级单位负责。", "所属一级单位"),
    ("每个单位都要制定整改任务书，实行一把手负责制，并在一定范围内公示。", "一把手"),
])
def test_owner_names_beyond_the_suffix_list(text, owner):
    assert read_measure(text, REF).owner.text == owner


def test_objects_and_vague_collectives_are_not_owners():
    # The object of the measure and a vague collective are not chosen by the ranker either.
    assert read_measure("对县直各单位公车进行一次全面清理，登记造册。", REF).owner is None
    assert read_measure("全体干部职工要进一步增强宗旨意识。", REF).owner is None


def test_an_owner_span_cut_short_takes_the_bounds_of_the_rule_name():
    from classifiers.spans import read_measure

    read = read_measure("违规公务用车原则上由公务用车主管部门统一收缴后处理。", "2014-06-01")
    assert read.owner is not None and read.owner.text == "公务用车主管部门"
