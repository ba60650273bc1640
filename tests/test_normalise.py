"""Normalisation before every judgement keeps length, so spans found in it index the original."""

import pytest

from classifiers.normalise import normalise


@pytest.mark.parametrize("original, expected", [
    ("本人對群眾反映的問題推三阻四,辦事效率低.", "本人对群众反映的问题推三阻四，办事效率低。"),
    ("２０１４年６月底前完成(由辦公室負責)", "2014年6月底前完成（由办公室负责）"),
    ('县委"一把手"说：2014.6完成', "县委“一把手”说：2014.6完成"),
    ("会议多　文件多\t调研少", "会议多 文件多 调研少"),
])
def test_canonical_form_of_the_same_length(original, expected):
    assert normalise(original) == expected
    assert len(normalise(original)) == len(original)


def test_spans_and_evidence_come_from_the_original_text():
    from classifiers.deadlines import find_deadline
    from classifiers.owners import find_owner

    text = "清理超標辦公用房，責任單位：縣機關事務局，完成時限：２０１４年９月底前"
    owner, deadline = find_owner(text), find_deadline(text, "2014-03-01")
    assert owner.text == "縣機關事務局" and text[owner.start:owner.end] == owner.text
    assert deadline.text == "２０１４年９月底前" and deadline.due == "2014-09-30"
