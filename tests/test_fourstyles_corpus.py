"""The four-styles corpus meets its brief: size, negatives, cue-free positives, every label well
represented, and no dev item a near-duplicate of a train item."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from classifiers.evaluation import cue_free
from classifiers.fourstyles import labels

FOLDER = Path(__file__).resolve().parents[1] / "corpora" / "fourstyles"


def load(name):
    return [json.loads(line) for line in (FOLDER / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def train():
    return load("train.jsonl")


@pytest.fixture(scope="module")
def dev():
    return load("dev.jsonl")


def test_shape_and_sizes(train, dev):
    assert len(train) >= 2400 and len(dev) >= 500
    ids = [i["id"] for i in train + dev]
    assert len(ids) == len(set(ids))
    for item in train + dev:
        assert item["text"].strip()
        assert item["labels"] == [n for n in labels() if n in item["labels"]], item["id"]


@pytest.mark.parametrize("split", ["train", "dev"])
def test_negatives_cue_free_positives_and_label_balance(split, train, dev):
    items = train if split == "train" else dev
    positives = [i for i in items if i["labels"]]
    assert (len(items) - len(positives)) / len(items) >= 0.25
    assert sum(cue_free(i["text"]) for i in positives) / len(positives) >= 1 / 3
    for name in labels():
        assert sum(name in i["labels"] for i in positives) / len(positives) >= 0.15, name


def _grams(text, n=5):
    chars = "".join(text.split())
    return {chars[i:i + n] for i in range(max(1, len(chars) - n + 1))}


def test_no_dev_item_is_a_near_duplicate_of_a_train_item(train, dev):
    index = defaultdict(set)
    train_grams = [_grams(i["text"]) for i in train]
    for k, grams in enumerate(train_grams):
        for gram in grams:
            index[gram].add(k)
    offenders = []
    for item in dev:
        grams = _grams(item["text"])
        candidates = set().union(*(index.get(g, set()) for g in grams)) if grams else set()
        for k in candidates:
            other = train_grams[k]
            jaccard = len(grams & other) / len(grams | other)
            if jaccard >= 0.5:
                offenders.append((item["id"], train[k]["id"], round(jaccard, 2)))
    assert offenders == []
