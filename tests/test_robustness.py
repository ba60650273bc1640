"""Answers that survive rewrites keeping the meaning (ASCII punctuation, traditional script,
full-width digits, a neutral lead-in), over the dev splits: the bar is 98% unchanged for each."""

import json
from pathlib import Path

import pytest

from classifiers.fourstyles import default_classifier
from classifiers.robustness import rewrites, unchanged_rates
from classifiers.measure_eval import rewrite_rates

REPO = Path(__file__).resolve().parents[1]
BAR = 0.98


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_rewrites_keep_the_text_recognisable():
    variants = rewrites("2014年6月底前完成，由办公室负责。")
    assert variants["ascii_punctuation"][0] == "2014年6月底前完成,由办公室负责."
    assert variants["traditional"][0] == "2014年6月底前完成，由辦公室負責。"
    assert variants["fullwidth_digits"][0].startswith("２０１４年６月")
    lead, shift = variants["lead_in"]
    assert lead.endswith("2014年6月底前完成，由办公室负责。") and shift == len(lead) - len("2014年6月底前完成，由办公室负责。")


def test_four_styles_labels_survive_rewrites():
    items = _load(REPO / "corpora" / "fourstyles" / "dev.jsonl")
    model = default_classifier()
    rates = unchanged_rates([i["text"] for i in items], lambda t: tuple(model.classify(t, explain=False).labels))
    for name, rate in rates.items():
        assert rate >= BAR, f"{name}: {rate:.1%} of statements keep their labels"


def test_deadline_owner_and_due_survive_rewrites():
    rates = rewrite_rates(_load(REPO / "corpora" / "measures" / "dev.jsonl"))
    for name, rate in rates.items():
        assert rate >= BAR, f"{name}: {rate:.1%} of measures keep deadline, due and owner"


@pytest.mark.parametrize("text", ["本人對群眾反映的問題推三阻四，辦事效率低。", "本人对群众反映的问题推三阻四,办事效率低."])
def test_traditional_and_ascii_variants_read_like_the_original(text):
    model = default_classifier()
    original = model.classify("本人对群众反映的问题推三阻四，办事效率低。", explain=False)
    assert model.classify(text, explain=False).labels == original.labels == ["官僚主义"]
