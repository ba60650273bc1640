"""Document flags from corpora/flags.yaml: which apply to a document's type and scope, how severe
they are by the share of items that qualify, and their Chinese messages."""

from __future__ import annotations

import functools
from typing import Optional

from classifiers.resources import load_yaml

from .models import Evidence, Flag


@functools.lru_cache(maxsize=1)
def flag_specs() -> dict[str, dict]:
    return {spec["code"]: spec for spec in load_yaml("flags.yaml")["flags"]}


def spec(code: str) -> dict:
    return flag_specs()[code]


def applies(code: str, doc_type: Optional[str], scope: Optional[str]) -> bool:
    """Whether the flag concerns this kind of document. A judging flag needs a known type (a file
    that is not a submission, or of uncertain type, is not judged); a technical one always applies."""
    s = spec(code)
    if s.get("technical"):
        return True
    return doc_type in s["applies_to"] and (scope is None or scope in s["scopes"])


def severity(code: str, share: Optional[float]) -> str:
    """The last step of severity_by_share whose min_share the share reaches."""
    s = spec(code)
    steps = s.get("severity_by_share")
    if share is None or not steps:
        return s["default_severity"]
    chosen = steps[0]["severity"]
    for step in steps:
        if share >= step["min_share"]:
            chosen = step["severity"]
    return chosen


def make_flag(code: str, *, count: int = 0, total: int = 0, evidence: Optional[list[Evidence]] = None,
              share: Optional[float] = None, **values: str) -> Flag:
    """A flag with its message filled in: {count}, {total}, {share} and any other placeholder."""
    s = spec(code)
    if share is None and total:
        share = count / total
    fields = {"count": count, "total": total, "share": f"{(share or 0):.0%}", **values}
    source = s.get("sources") or []
    return Flag(code=code, name=s["name"], severity=severity(code, share),
                message=s["message"].format_map(_Default(fields)), count=count, total=total,
                evidence=evidence or [],
                source=f"{source[0]['file']}：{source[0]['quote']}" if source else None)


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def param(code: str, name: str, default=None):
    return spec(code).get("params", {}).get(name, default)
