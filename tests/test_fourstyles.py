"""Four-styles classifiers: the cue baseline and the shipped model, their explanations, and
the classify / evaluate commands."""

import json

import pytest
from typer.testing import CliRunner

from classifiers.fourstyles import CueClassifier, LinearStyleClassifier, is_exhortation_or_denial
from sifeng.cli import app


def test_cue_classifier_uses_taxonomy_cues_and_respects_negation():
    cues = CueClassifier()
    assert cues.classify("会议多、文件多，以会议落实会议").labels == ["形式主义"]
    assert cues.classify("要坚决反对形式主义，以会议落实会议的现象必须杜绝").labels == []
    assert cues.classify("未发现公款吃喝问题").labels == []
    assert is_exhortation_or_denial("进一步改进文风会风")


@pytest.fixture(scope="module")
def model():
    return LinearStyleClassifier.load()


@pytest.mark.parametrize("text, expected", [
    ("对上级部署层层转发了事，以文件落实文件", "形式主义"),
    ("办事群众在窗口等了半天无人理会", "官僚主义"),
    ("周末常到郊区农家乐打牌", "享乐主义"),
    ("用公款在高档酒店宴请上级检查人员", "奢靡之风"),
])
def test_model_understands_behaviour(model, text, expected):
    prediction = model.classify(text)
    assert expected in prediction.labels
    assert prediction.scores[expected] > 0.5
    assert prediction.evidence[expected] and all(p in text for p in prediction.evidence[expected])


@pytest.mark.parametrize("text", ["要坚决反对形式主义和官僚主义", "一、存在的主要问题",
                                  "本人从未接受过管理服务对象的宴请", "2014年全县经济运行总体平稳"])
def test_model_leaves_non_problems_unlabelled(model, text):
    assert model.classify(text).labels == []


runner = CliRunner()


def test_classify_cli_plain_and_jsonl(tmp_path):
    plain = runner.invoke(app, ["classify", "周末常到郊区农家乐打牌", "--explain"])
    assert plain.exit_code == 0 and "享乐主义" in plain.stdout
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "对群众反映的问题推诿扯皮"}\n', encoding="utf-8")
    out = runner.invoke(app, ["classify", "--input", str(path)])
    row = json.loads(out.stdout)
    assert row["id"] == 1 and row["labels"] == ["官僚主义"] and set(row["scores"]) == {
        "形式主义", "官僚主义", "享乐主义", "奢靡之风"}


def test_evaluate_cli_reports_per_label_figures(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [{"text": "对群众反映的问题推诿扯皮", "labels": ["官僚主义"]},
            {"text": "要坚决反对形式主义", "labels": []},
            {"text": "周末常到郊区农家乐打牌", "labels": ["享乐主义"]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "fourstyles", "--data", str(path), "--format", "json", "--errors"])
    payload = json.loads(result.stdout)
    assert payload["n"] == 3 and payload["per_label"]["官僚主义"]["f1"] == 1.0
    assert payload["negatives_unlabelled"] == 1.0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "缺标签"}\n', encoding="utf-8")
    failed = runner.invoke(app, ["evaluate", "fourstyles", "--data", str(bad)])
    assert failed.exit_code == 1 and "第1行" in failed.stderr
