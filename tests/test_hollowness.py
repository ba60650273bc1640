"""The shipped hollowness model: calibrated scores, verdicts and explanations."""

import numpy as np
import pytest

from classifiers.hollowness import HollownessScorer, mask

SLOGANS = ["进一步增强宗旨意识，切实转变工作作风。", "切实增强服务意识。责任人：张××，完成时限：长期坚持",
           "坚决反对享乐主义，努力提高服务群众的能力和水平。"]
CONCRETE = ["2014年6月底前清退超标办公用房3间，责任人：王××。", "每月召开一次窗口服务讲评会，讲评结果在大厅公示。",
            "工作日午间一律不饮酒，违者在全局通报。"]


@pytest.fixture(scope="module")
def scorer():
    return HollownessScorer.load()


def test_slogans_are_hollow_and_say_what_is_missing(scorer):
    for text in SLOGANS:
        judgement = scorer.judge(text, "2014-03-10")
        assert judgement.hollow and judgement.score > 0.8, text
        assert "action" in judgement.missing
        assert judgement.explanation().startswith("缺少")


def test_concrete_measures_are_not_hollow(scorer):
    for text in CONCRETE:
        judgement = scorer.judge(text, "2014-03-10")
        assert not judgement.hollow and judgement.score < 0.2, text


def test_deadline_and_owner_do_not_make_a_slogan_concrete(scorer):
    bare = scorer.score("切实增强服务意识。")
    dressed = scorer.score("切实增强服务意识。责任人：张××，完成时限：2014年6月底前")
    assert abs(bare - dressed) < 0.05
    assert "张××" not in mask("切实增强服务意识。责任人：张××")


def test_predict_proba_follows_the_sklearn_shape(scorer):
    proba = scorer.predict_proba(SLOGANS + CONCRETE)
    assert proba.shape == (6, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba[:3, 1] > 0.5).all() and (proba[3:, 1] < 0.5).all()


def test_only_obeying_existing_rules_is_hollow_and_a_concrete_way_of_obeying_is_not():
    from classifiers.hollowness import HollownessScorer

    judge = HollownessScorer.load().judge
    # CONVENTIONS.md §3: 只说“严格执行”已有规定 → hollow, even when the rule's name ends in 办法
    assert judge("严格执行中央八项规定和省委实施办法").hollow
    assert judge("严格执行村干部坐班制度。").hollow
    assert not judge("严格执行公务接待“一函一单”，接待清单每月公示。").hollow


def test_a_rules_name_alone_is_a_checkable_output_unless_it_promises_only_a_mechanism():
    from classifiers.hollowness import HollownessScorer

    scorer = HollownessScorer.load()
    assert not scorer.judge("《办公用房管理规定》").hollow
    assert not scorer.judge("《处级干部作风考评办法》").hollow
    # a name that promises only a mechanism is left to the model, which reads it as a pledge
    assert scorer.judge("《作风建设长效机制实施意见》").hollow
