"""The exported linear model scores exactly as the scikit-learn estimator it came from."""

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifiers.linear import LinearModel, char_ngrams, platt_fit

TEXTS = ["会议多文件多", "公款吃喝", "门难进脸难看", "超标配车", "以会议落实会议", "节日收受礼金",
         "窗口推诿扯皮", "大操大办婚宴", "检查评比过多", "公车私用"]
LABELS = np.array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])


def dense(text):
    return [len(text) / 10, float("公" in text)]


def analyzer(text):
    return char_ngrams(text, 1, 2)


def test_round_trip_matches_sklearn(tmp_path):
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    X = sparse.hstack([vectorizer.fit_transform(TEXTS), sparse.csr_matrix([dense(t) for t in TEXTS])]).tocsr()
    model = LogisticRegression(C=5).fit(X, LABELS)
    a, b = platt_fit(model.decision_function(X), LABELS)
    linear = LinearModel(vocab={k: int(v) for k, v in vectorizer.vocabulary_.items()}, idf=vectorizer.idf_,
                         coef=model.coef_.T, intercept=model.intercept_, platt=np.array([[a, b]]),
                         thresholds=np.array([0.5]), labels=["style"], ngram_range=(1, 2), meta={}, dense=dense)
    linear.save(tmp_path / "m")
    loaded = LinearModel.load(tmp_path / "m", dense=dense)
    for text in TEXTS + ["从未见过的句子"]:
        expected = model.decision_function(
            sparse.hstack([vectorizer.transform([text]), sparse.csr_matrix([dense(text)])]).tocsr())[0]
        assert abs(loaded.decision(text)[0] - expected) < 1e-9
    assert a < 0  # probability rises with the score
    positive = loaded.proba("公款吃喝")[0]
    assert 0.5 < positive <= 1
    phrases = loaded.explain("公款吃喝", top=2)
    assert phrases and all(phrase in "公款吃喝" for phrase in phrases)


def test_a_file_that_is_not_a_sifeng_model_is_refused(tmp_path):
    (tmp_path / "meta.json").write_text('{"format": "other"}', encoding="utf-8")
    try:
        LinearModel.load(tmp_path)
    except ValueError as exc:
        assert "不是 sifeng 线性模型" in str(exc)
    else:
        raise AssertionError("loaded a foreign model")


def test_vocabulary_is_saved_as_lines_and_older_json_models_still_load(tmp_path):
    import json

    from classifiers.linear import read_vocab, write_vocab

    vocab = {"会议": 1, "公": 0, "吃喝": 2}
    write_vocab(tmp_path, vocab)
    assert (tmp_path / "vocab.txt").read_text(encoding="utf-8") == "公\n会议\n吃喝"
    assert read_vocab(tmp_path) == vocab
    old = tmp_path / "old"
    old.mkdir()
    (old / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    assert read_vocab(old) == vocab
    try:
        write_vocab(tmp_path, {"公": 0, "私": 2})
    except ValueError as exc:
        assert "连续编号" in str(exc)
    else:
        raise AssertionError("saved a vocabulary with a gap in its columns")
