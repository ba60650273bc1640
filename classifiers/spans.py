"""The learned reader of a measure's deadline and owner: a linear-chain CRF over its characters
(CRFsuite), with the rules of deadlines.py and owners.py as features rather than as the decision.

The rules know the forms (dates in every notation, 责任单位：…, 由…负责) and the CRF learns, from the
measure corpus, where they miss: an owner that is the subject of the sentence, a verb other than
负责, the cells of a table row flattened into text, a start date, a period. Due dates are still
normalised by the rules, from the span the CRF found.

The model directory (models/measurespans-*/) holds CRFsuite's own model file (no pickle), the
feature configuration in meta.json and a model card.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from .crf import CrfModel
from .deadlines import Deadline, choose_deadline, find_deadline, find_deadlines
from .normalise import normalise, strip_glosses
from .owners import (LEAD_VERB, NOT_OF_NAME, REPORTS_TO, Owner, accept as owner_kind, find_owner, find_owners,
                     in_secondary_field, only_supervises, runs_on, supervisor)

MODEL_NAME = "measurespans"
TAGS = ("DL", "OW")
_SEPARATORS = set("\u3000\t｜|")
_LABEL_WORDS = re.compile(r"(责任|牵头|负责|主责|时限|时间|完成|办结|落实|配合|领导|单位|部门|科室|人)[：:]$")


def _kind(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if ch in "〇零一二三四五六七八九十百两":
        return "N"
    if ch.isspace() or ch in _SEPARATORS:
        return "S"
    if ch.isascii() and ch.isalpha():
        return "L"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    return "P"


@dataclass
class RuleReading:
    """What the rules find in a measure: every deadline candidate and every owner, most explicit
    first. Computed once per measure and shared by the features and the decision."""

    deadlines: list[Deadline]
    owners: list[Owner]

    @classmethod
    def of(cls, text: str, ref_date: Optional[str]) -> "RuleReading":
        return cls(find_deadlines(text, ref_date), find_owners(text))


def char_features(text: str, ref_date: Optional[str] = None,
                  rules: Optional[RuleReading] = None) -> list[list[str]]:
    """Features of each character of `text` (normalised; the same length as the input)."""
    rules = rules or RuleReading.of(text, ref_date)
    norm = normalise(text)
    n = len(norm)
    marks: list[list[str]] = [[] for _ in range(n)]

    def mark(start: int, end: int, name: str) -> None:
        for k in range(max(0, start), min(n, end)):
            marks[k].append(name + ("B" if k == start else "I"))

    for d in rules.deadlines:
        mark(d.start, d.end, f"dl_{d.kind}")
    best_d = choose_deadline(rules.deadlines)
    if best_d is not None:
        mark(best_d.start, best_d.end, "dlbest")
    for rank, o in enumerate(rules.owners):
        mark(o.start, o.end, "ow" if rank else "owbest")
    padded = "^^" + norm + "$$"
    features = []
    for i, ch in enumerate(norm):
        j = i + 2
        f = [
            "bias", f"c={ch}", f"k={_kind(ch)}",
            f"c-1={padded[j - 1]}", f"c+1={padded[j + 1]}", f"c-2={padded[j - 2]}", f"c+2={padded[j + 2]}",
            f"b-={padded[j - 1:j + 1]}", f"b+={padded[j:j + 2]}", f"t={padded[j - 1:j + 2]}",
            f"k-1={_kind(padded[j - 1])}{_kind(ch)}", f"k+1={_kind(ch)}{_kind(padded[j + 1])}",
            f"pos={min(4, i * 5 // max(1, n))}",
        ]
        if _LABEL_WORDS.search(norm[max(0, i - 6):i]):
            f.append("after_label")
        if i and norm[i - 1] in "（(":
            f.append("after_paren")
        f.extend(marks[i])
        features.append(f)
    return features


def bio(text: str, spans: dict[str, Optional[str]]) -> list[str]:
    """BIO tags for `text` with each tag's span (an exact substring; its first occurrence)."""
    tags = ["O"] * len(text)
    for tag, span in spans.items():
        if not span:
            continue
        start = text.find(span)
        if start < 0:
            raise ValueError(f"span {span!r} is not in {text!r}")
        tags[start] = f"B-{tag}"
        for k in range(start + 1, start + len(span)):
            tags[k] = f"I-{tag}"
    return tags


def spans_from_tags(tags: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {t: [] for t in TAGS}
    start, current = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and current == tag[2:]:
            continue
        if current is not None:
            found[current].append((start, i))
            current = None
        if tag != "O":
            start, current = i, tag[2:]
    return found


@dataclass
class MeasureSpans:
    deadline: Optional[Deadline]
    owner: Optional[Owner]


class SpanTagger(CrfModel):
    """scikit-learn-style estimator: `fit(texts, spans, ref_dates)` learns, `read` reads one
    measure. `spans` are dicts {"DL": text or None, "OW": text or None}."""

    def fit(self, texts: Sequence[str], spans: Sequence[dict], ref_dates: Sequence[Optional[str]],
            model_path: Optional[Path] = None) -> "SpanTagger":
        import tempfile

        path = model_path or Path(tempfile.mkdtemp(prefix="sifeng-crf-")) / "model.crfsuite"
        xs = [char_features(text, ref) for text, ref in zip(texts, ref_dates)]
        ys = [bio(text, span) for text, span in zip(texts, spans)]
        self.fit_sequences(xs, ys, path)
        return self

    def read(self, text: str, ref_date: Optional[str] = None) -> MeasureSpans:
        """The measure's deadline (kind and due from the rules, applied to the span found) and
        owner (kind from the owner lexicon)."""
        rules = RuleReading.of(text, ref_date)
        found = spans_from_tags(self.tag(char_features(text, ref_date, rules)) if text else [])
        deadline = choose_deadline([d for d in (_deadline_of(text, s, e, ref_date, rules.deadlines)
                                                for s, e in found["DL"]) if d is not None])
        owner = None
        norm = normalise(text)
        for s, e in found["OW"]:
            lead = LEAD_VERB.match(normalise(text[s:e])) or NOT_OF_NAME.match(normalise(text[s:e]))
            s = s + lead.end() if lead else s
            # A span cut short (“公务用车主管部” of 公务用车主管部门) takes the bounds of the rule
            # candidate that covers it: the rules know where a name ends.
            cover = next((o for o in rules.owners if o.start == s and e < o.end), None)
            if cover is not None:
                s, e = cover.start, cover.end
            cut = REPORTS_TO.search(normalise(text[s:e]))  # “局分管领导向局长报告” → 局分管领导
            e = s + cut.start() if cut else e
            name = text[s:e].strip()
            kind = owner_kind(normalise(name)) if name and not runs_on(norm, e) and not only_supervises(norm, e) \
                and not in_secondary_field(norm, s) else None
            if name and kind:
                owner = Owner(text=name, kind=kind, start=s, end=s + len(name))
                break
        # Where the CRF finds nothing, an explicit rule form still counts (a labelled or
        # parenthesised owner, 由…负责, a date the rules read); the weakest rule (a sentence
        # subject) does not decide alone. Measured on dev and the real-text check.
        if deadline is None:
            deadline = choose_deadline(rules.deadlines)
        if owner is None:
            owner = next((o for o in rules.owners if o.rank < 4), None)
        # Then the learned choice among the weaker candidates (sentence and clause subjects):
        # “…。下一步，行政许可科将…”, “村两委10月底前更换…”.
        ranker = getattr(self, "owner_ranker", None)
        if owner is None and ranker is not None:
            owner = ranker.best(text)
        if owner is None:  # no one else named: the body that presses or inspects
            owner = supervisor(text)
        return MeasureSpans(deadline, owner)


def _deadline_of(text: str, start: int, end: int, ref_date: Optional[str],
                 candidates: list[Deadline]) -> Optional[Deadline]:
    """A Deadline for the span text[start:end]: the rules' reading of it when they read it, else
    its kind from its words (a span the rules cannot date keeps no due date)."""
    span = text[start:end]
    for d in candidates:
        if d.start == start and d.end == end:
            return d
    inner = find_deadlines(span, ref_date)
    if inner:
        d = max(inner, key=lambda x: x.end - x.start)
        return Deadline(text=span, kind=d.kind, due=d.due, start=start, end=end)
    norm = normalise(span)
    if re.search(r"立行立改|即知即改|马上|立即|即日|当即", norm):
        kind = "immediate"
    elif re.search(r"每|逢", norm):
        kind = "recurring"
    elif re.search(r"长期|持续|常态|长效|常抓|坚持", norm):
        kind = "long_term"
    else:
        return None
    return Deadline(text=span, kind=kind, due=None, start=start, end=end)


def save(tagger: SpanTagger, folder: Path, meta: dict, card: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "model.crfsuite"
    if tagger.model_path_.resolve() != target.resolve():
        target.write_bytes(tagger.model_path_.read_bytes())
    (folder / "meta.json").write_text(json.dumps({**meta, "format": "crfsuite", "name": MODEL_NAME,
                                                  "tags": list(TAGS), "c1": tagger.c1, "c2": tagger.c2},
                                                 ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")


def load(folder: Optional[Path] = None) -> SpanTagger:
    from .hollowness import latest_model
    from .owner_ranker import OwnerRanker

    folder = Path(folder) if folder else latest_model(MODEL_NAME)
    tagger = SpanTagger.from_folder(folder)
    tagger.owner_ranker = OwnerRanker.load(folder)
    return tagger


@functools.lru_cache(maxsize=1)
def default_tagger() -> Optional[SpanTagger]:
    """The shipped model, or None when none is installed (the rules then decide alone)."""
    try:
        return load()
    except (FileNotFoundError, ImportError, OSError):
        return None


def read_measure(text: str, ref_date: Optional[str] = None) -> MeasureSpans:
    """Deadline and owner of one measure: the shipped CRF when present, else the rules. Pronunciation
    glosses of web mirrors (責(zé)任單位) are read past; the spans found quote the text as given."""
    stripped, kept = strip_glosses(text)
    if len(stripped) == len(text):
        return _read_measure(text, ref_date)
    found = _read_measure(stripped, ref_date)

    def back(span):
        if span is None:
            return None
        start, end = kept[span.start], kept[span.end - 1] + 1
        return dataclasses.replace(span, text=text[start:end], start=start, end=end)
    return MeasureSpans(back(found.deadline), back(found.owner))


def _read_measure(text: str, ref_date: Optional[str] = None) -> MeasureSpans:
    tagger = default_tagger()
    if tagger is not None:
        try:
            return tagger.read(text, ref_date)
        except ImportError:
            pass
    # the rules alone, with the same last resort as the model's reading: the body that presses or inspects
    return MeasureSpans(find_deadline(text, ref_date), find_owner(text) or supervisor(text))
