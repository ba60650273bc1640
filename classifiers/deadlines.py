"""Deadlines of measures: find the time commitment in a measure and normalise it against the
document's date (domain.md §6; corpora/measures/CONVENTIONS.md §1).

Four kinds: `date` (with a `due` day), `immediate` (立行立改), `long_term` (长期坚持) and
`recurring` (每季度). Dates of the past problem, start points, base years, service time limits,
caps and document numbers are not deadlines. Trigger words, festivals and the exclusion contexts
are data in corpora/lexicons/deadlines.yaml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Optional, Union

from dateutil.relativedelta import relativedelta

from docparse.numbering import cn_to_int

from .normalise import normalise
from .resources import load_yaml

DateLike = Union[str, dt.date, None]
KINDS = ("date", "immediate", "long_term", "recurring")
_PRIORITY = {"date": 0, "immediate": 1, "recurring": 2, "long_term": 3}
_WIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_CN = "〇零○一二三四五六七八九十两"
_NUM = rf"(?:\d{{1,3}}|[{_CN}]{{1,3}})"
_YEAR = rf"(?P<y>(?:19|20)\d{{2}}|二[〇零○][{_CN}]{{2}}|今|明|次|本|去|当)年(?:度)?"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_BEFORE = r"(?P<before>之前|以前|前|以内|之内|内)?"


_YEAR_ONLY = re.compile(rf"^(?:(?:19|20)\d{{2}}|二[〇零○][{_CN}]{{2}})年(?:度)?$")


@dataclass(frozen=True)
class Deadline:
    """A time commitment found in a measure. `start`/`end` index `text` in the input."""

    text: str
    kind: str
    due: Optional[str]
    start: int
    end: int


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_yaml("lexicons/deadlines.yaml")


@functools.lru_cache(maxsize=1)
def _patterns() -> list[_Pattern]:
    lex = _lexicon()
    festivals = "|".join(sorted(lex["festivals"], key=len, reverse=True))
    periods = "|".join(sorted(lex["periods"], key=len, reverse=True))
    words = lambda key: "|".join(sorted(lex[key], key=len, reverse=True))  # noqa: E731
    specs = [
        # A start date is a commitment to have the measure in force by then (CONVENTIONS §1.5).
        ("start", rf"(?:(?P<y>(?:19|20)\d{{2}}|二[〇零○][{_CN}]{{2}}|今|明|次|下)年(?:度)?)?"
                  rf"(?:{_MONTH.replace('(?:份)?', '')}(?:{_DAY})?)?(?:起|开始)(?!草|来|步|诉)"),
        ("limit", rf"限期(?P<n>{_NUM}|半)(?:个)?(?P<unit>工作日|月|周|星期|日|天|年)"),
        ("full", rf"(?:{_YEAR})?{_MONTH}{_DAY}{_BEFORE}"),
        ("dotted", r"(?<![\d.])(?P<y>(?:19|20)\d{2})[./-](?P<m>1[0-2]|0?[1-9])(?:[./-](?P<d>3[01]|[12]\d|0?[1-9]))?(?![\d.])"
                   r"(?P<before>之前|以前|前)?"),
        ("relative", rf"(?P<n>{_NUM}|半)(?:个)?(?P<unit>工作日|月|周|星期|日|天|年)(?:内|以内|之内)"),
        ("recurring", rf"每(?:逢(?P<fest>{festivals})|(?:[两二三四五六1-6])?(?:个)?(?P<p>{periods})"
                      rf"(?:(?:至少|不少于)?{_NUM}次|\d{{1,2}}日(?:前)?|[一二三四五六日]|年底|末|底)?)"
                      # “一月一结”, “一周安排一次”, “一年两次”: a count per period said without 每
                      rf"|(?<![第\d{_CN}])一(?:周|月|季度|季|年|学期)[^，,。；;\d]{{0,4}}?[一两二三四]次"
                      r"|(?<![第\d])一(?:周|月|季|年)一(?:结|报|查|评|清|公开|通报)"
                      r"|逐(?:月|季|年)(?:汇总|通报|统计|检查|考核|上报|报送|公示|分析)"),
        ("yearpos", rf"(?P<y>(?:19|20)\d{{2}}|二[〇零○][{_CN}]{{2}}|今|明|本|当)年(?:度)?(?P<h>底|末|内|中)(?:末|底)?{_BEFORE}"),
        ("month", rf"(?:{_YEAR})?(?:(?:明年|下年))?{_MONTH}(?P<pos>底|末|上旬|中旬|下旬|初)?{_BEFORE}"),
        ("quarter", rf"(?:{_YEAR})?(?:第)?(?P<q>[一二三四1-4])季度(?:末|底)?{_BEFORE}"),
        ("half", rf"(?:{_YEAR})?(?P<h>上半年|下半年|年中|年底|年末|年内|年度内|全年)(?:末|底)?{_BEFORE}"),
        ("year", rf"(?<![\d{_CN}])(?P<y>(?:19|20)\d{{2}}|二[〇零○][{_CN}]{{2}})年(?:度)?(?P<pos>底|末)?{_BEFORE}(?![\d{_CN}]|月)"),
        ("this", r"(?P<this>本月|当月|下月|本季度|本季|下季度)(?:底|末|内)(?:前)?"),
        # “国庆前”, “‘十一’之前” (quoted, as 十一 alone is also a number)
        ("festival", rf"(?:(?P<f>{festivals})|[“\"‘'](?P<fq>十一|五一|七一|八一)[”\"’'])(?:节)?(?:之前|前)"),
        ("campaign", r"(?:教育实践)?活动(?:基本)?结束(?:之前|前)"),
        ("immediate", rf"(?:{words('immediate')})"),
        ("long_term", rf"(?:{words('long_term')})"),
    ]
    return [_Pattern(name, re.compile(rx)) for name, rx in specs]


def _as_date(value: DateLike) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text == "半":
        return None
    return cn_to_int(text.replace("○", "〇").replace("两", "二"))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _Due:
    """Normalising one match to a calendar day, relative to the document date."""

    def __init__(self, ref: Optional[dt.date]):
        self.ref = ref

    def year(self, raw: Optional[str]) -> tuple[Optional[int], bool]:
        """The year named (and whether it was explicit), or the reference year."""
        if raw in ("今", "本", "当"):
            return (self.ref.year if self.ref else None), True
        if raw in ("明", "次", "下"):
            return (self.ref.year + 1 if self.ref else None), True
        if raw == "去":
            return (self.ref.year - 1 if self.ref else None), True
        if raw:
            return _number(raw), True
        return (self.ref.year if self.ref else None), False

    def roll(self, day: dt.date, explicit: bool) -> dt.date:
        """An undated month or season already past at the reference date means next year's."""
        if not explicit and self.ref and day < self.ref:
            return day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) \
                else _month_end(day.year + 1, 2)
        return day

    def __call__(self, name: str, m: re.Match[str]) -> Optional[dt.date]:
        g = m.groupdict()
        if name == "start":
            if not g.get("y") and not g.get("m"):
                return None
            year, explicit = self.year(g.get("y"))
            if year is None:
                return None
            month, day = _number(g.get("m")) or 1, _number(g.get("d")) or 1
            try:
                return self.roll(dt.date(year, month, day), explicit)
            except ValueError:
                return None
        if name in ("full", "dotted", "month", "quarter", "half", "year", "yearpos"):
            year, explicit = self.year(g.get("y"))
            if name == "month" and m.group(0).startswith(("明年", "下年")) and self.ref:
                year, explicit = self.ref.year + 1, True
            if year is None:
                return None
        if name in ("full", "dotted"):
            month, day = _number(g["m"]), _number(g.get("d"))
            if day is None:
                return self.roll(_month_end(year, month), explicit)
            try:
                return self.roll(dt.date(year, month, day), explicit)
            except ValueError:
                return None
        if name == "month":
            month = _number(g["m"])
            if not month or month > 12:
                return None
            pos, before = g.get("pos"), g.get("before")
            if pos == "上旬" or pos == "初":
                day = dt.date(year, month, 10)
            elif pos == "中旬":
                day = dt.date(year, month, 20)
            elif pos is None and before in ("前", "之前", "以前"):
                day = dt.date(year, month, 1)
            else:
                day = _month_end(year, month)
            return self.roll(day, explicit)
        if name == "quarter":
            quarter = _number(g["q"]) or 1
            return self.roll(_month_end(year, quarter * 3), explicit)
        if name == "half":
            month = 6 if g["h"] in ("上半年", "年中") else 12
            return self.roll(_month_end(year, month), explicit)
        if name == "year":
            return _month_end(year, 12)
        if name == "yearpos":
            return _month_end(year, 6 if g["h"] == "中" else 12)
        if self.ref is None:
            return None
        if name == "this":
            this = g["this"]
            if this in ("本月", "当月"):
                return _month_end(self.ref.year, self.ref.month)
            if this == "下月":
                nxt = self.ref + relativedelta(months=1)
                return _month_end(nxt.year, nxt.month)
            quarter_end = ((self.ref.month - 1) // 3 + 1) * 3
            if this == "下季度":
                nxt = dt.date(self.ref.year, quarter_end, 1) + relativedelta(months=3)
                return _month_end(nxt.year, nxt.month)
            return _month_end(self.ref.year, quarter_end)
        if name in ("relative", "limit"):
            return self._relative(g["n"], g["unit"])
        if name == "festival":
            return self._festival(g["f"] or g["fq"])
        if name == "campaign":
            return _as_date(_lexicon()["campaign_end"])
        return None

    def _relative(self, raw: str, unit: str) -> Optional[dt.date]:
        ref = self.ref
        assert ref is not None
        if raw == "半":
            return ref + (relativedelta(months=6) if unit == "年" else
                          relativedelta(days=15) if unit == "月" else relativedelta(days=3))
        n = _number(raw)
        if n is None:
            return None
        if unit == "月":
            return ref + relativedelta(months=n)
        if unit == "年":
            return ref + relativedelta(years=n)
        if unit in ("周", "星期"):
            return ref + dt.timedelta(days=7 * n)
        if unit == "工作日":
            day, left = ref, n
            while left:
                day += dt.timedelta(days=1)
                if day.weekday() < 5:
                    left -= 1
            return day
        return ref + dt.timedelta(days=n)

    def _festival(self, name: str) -> Optional[dt.date]:
        ref = self.ref
        assert ref is not None
        spec = _lexicon()["festivals"].get(name) or _lexicon()["festivals"].get(name + "节")
        if spec is None:
            return None
        for year in (ref.year, ref.year + 1):
            if "fixed" in spec:
                day = dt.date.fromisoformat(f"{year}-{spec['fixed']}")
            else:
                found = spec["lunar"].get(str(year))
                if found is None:
                    continue
                day = dt.date.fromisoformat(found)
            if day > ref:
                return day - dt.timedelta(days=1)
        return None


def _kind(name: str) -> str:
    if name in ("immediate", "long_term", "recurring"):
        return name
    return "date"


def _excluded(name: str, norm: str, start: int, end: int, due: Optional[dt.date],
              ref: Optional[dt.date]) -> bool:
    """Whether a match is a time mention that is not this measure's deadline (§1.4)."""
    lex = _lexicon()["not_deadline"]
    before, after = norm[max(0, start - 4):start], norm[end:end + 6]
    if name == "immediate" and norm[start:end] == "即日起":
        return False
    if name == "long_term" and norm[start:end] == _lexicon()["long_term_bare"]:
        following = norm[end:end + 2]
        if following[:1] and "\u4e00" <= following[0] <= "\u9fff" and \
                not following.startswith(tuple(_lexicon()["long_term_bare_followers"])):
            return True
    if name == "long_term" and norm[start:end] == _lexicon()["long_term_modifier"]:
        following = norm[end:end + 2]
        if following[:1] and "\u4e00" <= following[0] <= "\u9fff" and \
                not following.startswith(tuple(_lexicon()["long_term_modifier_followers"])):
            return True  # (“常态化督导”, “常态化长效化机制”: a kind of work, not when it is done)
    if name in ("immediate", "long_term"):
        clause = re.split(r"[，,；;。：:]", norm[:start])[-1]
        return name == "immediate" and (clause.endswith("的") or any(
            w in clause for w in lex["conditional_before"] if w != "的"))
    if name == "recurring":
        return any(w in norm[end:end + 14] for w in lex["limit_after"])
    if name == "start":  # “自…起” is its own form; only a start already past is not a commitment
        # (a plan dated 7月8日 whose rule applies “2014年7月起” starts it this month, not in the past)
        return due is not None and ref is not None and due < ref.replace(day=1)
    if any(before.endswith(w) for w in lex["before"]) or any(after.startswith(w) for w in lex["after"]):
        return True
    if name == "relative":
        window_after = norm[end:end + 10].split("，")[0]
        if not window_after.startswith(("完成", "全部", "基本", "全面")) and any(w in window_after for w in lex["service_after"] + lex["limit_after"]) or \
                any(norm[max(0, start - 6):start].endswith(w) or w in norm[max(0, start - 8):start]
                    for w in lex["service_before"]):
            return True
    if re.match(r"^\s*(?:至|到|—|-|~)\s*\d", after) or re.search(r"\d\s*(?:至|到|—|-)$", before):
        return True
    return due is not None and ref is not None and due < ref


_TITLED = re.compile(r"《[^《》]{1,80}》")


def find_deadlines(text: str, ref_date: DateLike = None) -> list[Deadline]:
    """Every time commitment in `text` that can be the measure's deadline, in text order."""
    ref = _as_date(ref_date)
    norm = normalise(text).translate(_WIDTH)  # same length: spans cut from `text` as found
    # “9 月 20 日前”, “12 月底前” (text taken from a PDF): the spaces inside a date are read past, and a
    # span found in the compacted text is mapped back onto the original
    keep = [i for i, ch in enumerate(norm) if not (ch == " " and 0 < i < len(norm) - 1
                                                   and _DATE_SIDE.match(norm[i - 1]) and _DATE_AFTER.match(norm[i + 1]))]
    if len(keep) == len(norm):
        return _deadlines_in(norm, text, ref, None)
    return _deadlines_in("".join(norm[i] for i in keep), text, ref, keep)


_DATE_SIDE = re.compile(r"[0-9年月日号]")
_DATE_AFTER = re.compile(r"[0-9年月日号底前中上下旬起]")


def _deadlines_in(norm: str, text: str, ref: Optional[dt.date], keep: Optional[list[int]]) -> list[Deadline]:
    """The deadlines of `norm` (the normalised text, compacted where `keep` maps its positions back
    onto `text`'s)."""
    def span(start: int, end: int) -> tuple[int, int]:
        return (keep[start], keep[end - 1] + 1) if keep is not None else (start, end)

    due_of = _Due(ref)
    # a time inside a document's title (《关于2020年公办幼儿园……的通报》) dates that document, not the measure
    taken: list[tuple[int, int]] = [m.span() for m in _TITLED.finditer(norm)]
    found: list[Deadline] = []
    for pattern in _patterns():
        for match in pattern.regex.finditer(norm):
            start, end = match.span()
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            due = due_of(pattern.name, match) if _kind(pattern.name) == "date" else None
            if _kind(pattern.name) == "date" and due is None and ref is not None:
                continue
            # Claim the span first: a date that is excluded still is not a deadline inside
            # a shorter pattern (“2013年以来” must not leave “2013年” to the year pattern).
            taken.append((start, end))
            if _excluded(pattern.name, norm, start, end, due, ref):
                continue
            s0, e0 = span(start, end)
            found.append(Deadline(text=text[s0:e0], kind=_kind(pattern.name),
                                  due=due.isoformat() if due else None, start=s0, end=e0))
    found.sort(key=lambda d: d.start)
    # A bare year (“2014年度粮食直补”, “2014年共查处…”) is a deadline only when nothing else is.
    if len(found) > 1:
        found = [d for d in found if not _YEAR_ONLY.match(d.text.translate(_WIDTH))] or found
    return found


def find_deadline(text: str, ref_date: DateLike = None) -> Optional[Deadline]:
    """The measure's deadline among every time commitment in it (see `choose_deadline`)."""
    return choose_deadline(find_deadlines(text, ref_date))


def choose_deadline(candidates: list[Deadline]) -> Optional[Deadline]:
    """A date before immediate before recurring before long-term; of several dates, the last
    (the one by which the whole measure is done)."""
    if not candidates:
        return None
    best = min(_PRIORITY[c.kind] for c in candidates)
    chosen = [c for c in candidates if _PRIORITY[c.kind] == best]
    return chosen[-1] if best == 0 else chosen[0]
