"""Required content of a 对照检查材料: the six explanations and the four root-cause dimensions
(seed 001: “对‘三公’经费支出、职务消费、人情消费、公务用车、办公用房和住房、家属子女从业等情况要作出
说明”, “从理想信念、宗旨意识、党性修养、政治纪律等方面深刻剖析根源”). Synonyms are data in
corpora/requirements.yaml: a strong one counts anywhere, a weak one only inside the section where the
explanations (or causes) are given, or in a sentence about oneself or the team.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .resources import load_yaml

_SELF = re.compile(r"本人|我|班子|我们|自己")


@dataclass(frozen=True)
class Found:
    """A requirement item located in the text: its id, name and the sentence that shows it."""

    id: str
    name: str
    quote: str


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；;！？\n])", text) if s.strip()]


@functools.lru_cache(maxsize=None)
def _about_other(group: str, item_id: str) -> re.Pattern[str]:
    """A sentence headed by another item of `group` than `item_id` (its name or a strong synonym)."""
    others = [w for item in load_yaml("requirements.yaml")[group]["items"] if item["id"] != item_id
              for w in [item["name"], *item.get("synonyms", {}).get("strong", [])]]
    return re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]?)?\s*(?:关于|在|对于?)?(?:"
                      + "|".join(map(re.escape, others)) + r")(?:方面|情况|问题)?[，,：:。]")


def _find(group: str, full_text: str, section_text: str) -> list[Found]:
    spec = load_yaml("requirements.yaml")[group]
    sentences = _sentences(full_text)
    section_sentences = _sentences(section_text)
    found = []
    for item in spec["items"]:
        synonyms = item.get("synonyms", {})
        quote = None
        for word in synonyms.get("strong", []):
            quote = next((s for s in sentences if word in s), None)
            if quote:
                break
        if quote is None:
            # A weak word does not count in a sentence headed by another item (“关于人情消费，2013年儿子
            # 结婚……” says nothing of what the family does for a living).
            about_other = _about_other(group, item["id"])

            def free(s: str) -> bool:
                return not about_other.match(s)

            for word in synonyms.get("weak", []):
                quote = next((s for s in section_sentences if word in s and free(s)), None) or next(
                    (s for s in sentences if word in s and _SELF.search(s) and free(s)), None)
                if quote:
                    break
        if quote:
            found.append(Found(item["id"], item["name"], quote.strip()))
    return found


def six_explanations(full_text: str, section_text: str = "") -> list[Found]:
    """Which of the six items are explained, with the sentence that explains each."""
    return _find("six_explanations", full_text, section_text)


def root_cause_dimensions(full_text: str, section_text: str = "") -> list[Found]:
    """Which of the four root-cause dimensions are analysed, with a sentence for each."""
    return _find("root_cause_dimensions", full_text, section_text)


def all_items(group: str) -> list[tuple[str, str]]:
    """(id, name) of every item of `six_explanations` or `root_cause_dimensions`."""
    return [(i["id"], i["name"]) for i in load_yaml("requirements.yaml")[group]["items"]]
