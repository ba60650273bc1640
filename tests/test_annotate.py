"""The annotation round trip on the CLI alone: export → labels changed as a reviewer would →
import → retrain → compare; malformed imports rejected with the corpus unchanged; agreement."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sifeng.annotate.agreement import cohen_kappa, krippendorff_alpha
from sifeng.cli import app

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, list(args))
    return result


@pytest.fixture
def small_corpus(tmp_path):
    rows = [json.loads(line) for line in (REPO / "corpora/fourstyles/train.jsonl").read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "pool.jsonl"
    path.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) for r in rows[:40]),
                    encoding="utf-8")
    return path, {r["text"]: r["labels"] for r in rows[:40]}


def test_label_studio_round_trip_keeps_every_label(small_corpus, tmp_path):
    pool, gold = small_corpus
    out = tmp_path / "ls"
    assert _run("annotate", "export", "--task", "fourstyles", "--from", str(pool), "--to", "label-studio",
                "--out", str(out)).exit_code == 0
    tasks = json.loads((out / "fourstyles-label-studio.json").read_text(encoding="utf-8"))
    config = (out / "fourstyles-label-studio-config.xml").read_text(encoding="utf-8")
    assert '<Choices name="styles" toName="text" choice="multiple"' in config
    assert len(tasks) == 40 and all("predictions" in t and t["predictions"][0]["model_version"] for t in tasks)
    # A reviewer accepts or corrects each pre-filled guess; the export carries annotations.
    for task in tasks:
        labels = gold[task["data"]["text"]]
        task["annotations"] = [{"completed_by": {"id": 7, "email": "reviewer@unit"}, "created_at": "2026-11-20T10:00:00Z",
                                "result": [{"from_name": "styles", "to_name": "text", "type": "choices",
                                            "value": {"choices": labels}}] if labels else []}]
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    result = _run("annotate", "import", str(exported), "--format", "label-studio", "--into", str(corpus))
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 40
    assert all(r["labels"] == gold[r["text"]] for r in rows)
    assert all(r["annotators"] == ["reviewer@unit"] for r in rows)
    # Importing again adds nothing; a different label for a known text is a conflict, not an overwrite.
    again = _run("annotate", "import", str(exported), "--format", "label-studio", "--into", str(corpus))
    assert again.exit_code == 0 and "新增 0 条" in again.stderr
    tasks[0]["annotations"][0]["result"] = [{"from_name": "styles", "to_name": "text", "type": "choices",
                                             "value": {"choices": ["奢靡之风"]}}] if gold[tasks[0]["data"]["text"]] != ["奢靡之风"] else []
    exported.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    before = corpus.read_bytes()
    conflict = _run("annotate", "import", str(exported), "--format", "label-studio", "--into", str(corpus))
    assert conflict.exit_code == 3 and "冲突" in conflict.stderr
    assert corpus.read_bytes() == before


@pytest.mark.parametrize("content, expected", [
    ('[{"id": 1, "data": {"text": "会多"}, "annotations": [{"result": [{"type": "choices", "value": {"choices": ["形式"]}}]}]}]',
     "未知标签“形式”"),
    ('[{"id": 1, "data": {"text": "会多"', "不是有效的 Label Studio 导出 JSON"),
    ('[{"id": 1, "data": {}}]', "缺少 data.text"),
])
def test_malformed_label_studio_imports_are_rejected(tmp_path, content, expected):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "x", "text": "已有条目", "labels": []}\n', encoding="utf-8")
    before = corpus.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = _run("annotate", "import", str(bad), "--format", "label-studio", "--into", str(corpus))
    assert result.exit_code == 1 and expected in result.stderr and "语料未改动" in result.stderr
    assert corpus.read_bytes() == before


def test_doccano_measures_round_trip_and_validation(tmp_path):
    pool = tmp_path / "measures.jsonl"
    pool.write_text('{"id": "m1", "text": "2014年9月底前清退超标办公用房，责任人：王××。", "ref_date": "2014-03-10"}\n'
                    '{"id": "m2", "text": "进一步增强宗旨意识。", "ref_date": "2014-03-10"}\n', encoding="utf-8")
    out = tmp_path / "dc"
    assert _run("annotate", "export", "--task", "measures", "--from", str(pool), "--to", "doccano",
                "--out", str(out)).exit_code == 0
    lines = [json.loads(line) for line in (out / "measures-doccano.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["label"] == [[0, 9, "时限-日期"], [22, 25, "责任-个人"]] and lines[0]["hollow"] == "具体"
    corpus = tmp_path / "corpus.jsonl"
    result = _run("annotate", "import", str(out / "measures-doccano.jsonl"), "--format", "doccano",
                  "--task", "measures", "--into", str(corpus))
    assert result.exit_code == 0, result.stderr
    row = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    assert row["deadline"] == {"text": "2014年9月底前", "kind": "date", "due": "2014-09-30"}
    assert row["owner"] == {"text": "王××", "kind": "person"} and row["hollow"] is False
    lines[1]["label"] = [[0, 99, "时限-日期"]]
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    rejected = _run("annotate", "import", str(broken), "--format", "doccano", "--task", "measures", "--into", str(corpus))
    assert rejected.exit_code == 1 and "第2行（m2）" in rejected.stderr and "超出文本范围" in rejected.stderr


def test_agreement_statistics():
    assert cohen_kappa([1, 1, 0, 0], [1, 1, 0, 0]) == 1.0
    assert abs(cohen_kappa([1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]) - 0.3333) < 1e-3
    # By hand: o11=4, o00=3, o10=o01=1; Do=2/9, De=40/72, alpha=1-0.4.
    assert krippendorff_alpha([[1, 1, 1], [0, 0, 0], [1, 1, 0]]) == pytest.approx(0.6)


def test_agreement_cli_on_two_doccano_annotators(tmp_path):
    a, b = tmp_path / "甲.jsonl", tmp_path / "乙.jsonl"
    a.write_text('{"text": "会多文多", "label": ["形式主义"]}\n{"text": "公款吃喝", "label": ["奢靡之风"]}\n'
                 '{"text": "门难进", "label": ["官僚主义"]}\n', encoding="utf-8")
    b.write_text('{"text": "会多文多", "label": ["形式主义"]}\n{"text": "公款吃喝", "label": ["享乐主义", "奢靡之风"]}\n'
                 '{"text": "门难进", "label": ["官僚主义"]}\n', encoding="utf-8")
    result = _run("annotate", "agreement", str(a), str(b), "--format", "doccano", "--json")
    payload = json.loads(result.stdout)
    assert payload["annotators"] == ["乙", "甲"] and payload["items"] == 3
    assert payload["per_label"]["形式主义"]["cohen_kappa"] == 1.0
    assert len(payload["disagreements"]) == 1 and payload["disagreements"][0]["text"] == "公款吃喝"


def test_retrain_and_compare_from_the_cli(tmp_path):
    rows = [json.loads(line) for line in (REPO / "corpora/fourstyles/train.jsonl").read_text(encoding="utf-8").splitlines()]
    small, larger = tmp_path / "small.jsonl", tmp_path / "larger.jsonl"
    small.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows[::12]), encoding="utf-8")
    larger.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows[::4]), encoding="utf-8")
    dev = REPO / "corpora/fourstyles/dev.jsonl"
    for data, name in ((small, "a-0.0.1"), (larger, "b-0.0.2")):
        trained = _run("train", "fourstyles", "--data", str(data), "--dev", str(dev), "--out", str(tmp_path / name))
        assert trained.exit_code == 0, trained.stderr
        assert (tmp_path / name / "weights.bin").exists() and (tmp_path / name / "MODEL_CARD.md").exists()
    compared = _run("evaluate", "fourstyles", "--data", str(dev), "--compare", str(tmp_path / "a-0.0.1"),
                    "--compare", str(tmp_path / "b-0.0.2"), "--format", "json")
    result = json.loads(compared.stdout)
    assert result["n"] == len(dev.read_text(encoding="utf-8").splitlines()) and result["difference"] == pytest.approx(result["macro_f1_b"] - result["macro_f1_a"])
    low, high = result["interval"]
    assert low <= result["difference"] <= high
    assert result["beyond_noise"] == (low > 0 or high < 0)
    assert result["macro_f1_b"] > result["macro_f1_a"]


def test_suggest_prefers_uncertain_and_varied_items(tmp_path):
    pool = tmp_path / "pool.jsonl"
    texts = ["对上级文件层层转发了事"] * 1 + ["对上级文件层层转发了事，没有结合实际"] + \
            ["周末常到郊区农家乐打牌", "单位组织职工到外地考察", "有的同志工作中存在不足", "开展了专题学习"]
    pool.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), encoding="utf-8")
    result = _run("annotate", "suggest", "--task", "fourstyles", "--from", str(pool), "--n", "3")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and len({r["text"] for r in rows}) == 3
    assert all(0 <= r["uncertainty"] <= 1 for r in rows)


def test_label_studio_sdk_accepts_our_config_predictions_and_reads_annotations(tmp_path):
    """Label Studio's own parser (label-studio-sdk) validates the config we write, the predictions
    we pre-fill and the annotation shape we import."""
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    pool = tmp_path / "measures.jsonl"
    pool.write_text('{"id": "m1", "text": "2014年9月底前清退超标办公用房，责任人：王××。", "ref_date": "2014-03-10"}\n'
                    '{"id": "m2", "text": "进一步增强宗旨意识。", "ref_date": "2014-03-10"}\n', encoding="utf-8")
    for task, source in (("measures", pool), ("fourstyles", pool)):
        out = tmp_path / task
        assert _run("annotate", "export", "--task", task, "--from", str(source), "--to", "label-studio",
                    "--out", str(out)).exit_code == 0
        interface = sdk.LabelInterface((out / f"{task}-label-studio-config.xml").read_text(encoding="utf-8"))
        tasks = json.loads((out / f"{task}-label-studio.json").read_text(encoding="utf-8"))
        for entry in tasks:
            assert interface.validate_prediction(entry["predictions"][0])
    wrong = {"model_version": "x", "score": 1.0, "result": [
        {"from_name": "spans", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["不存在"]}}]}
    measures = sdk.LabelInterface((tmp_path / "measures" / "measures-label-studio-config.xml").read_text(encoding="utf-8"))
    assert not measures.validate_prediction(wrong)
