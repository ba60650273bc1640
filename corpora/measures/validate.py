#!/usr/bin/env python3
"""Validate the measure corpus (train.jsonl, dev.jsonl) against CONVENTIONS.md.

Checks every line: JSON shape, unique ids across splits, exact-substring spans, kind values,
`due` is an ISO date iff kind == "date" (and not before ref_date), ref_date in range, fixed
voice / unit_type / doc_type values, no duplicate texts; prints per-split distributions and flags
near-duplicate texts between train and dev (character 5-gram Jaccard >= 0.6).

Usage: python corpora/measures/validate.py [DIR]   (exit code 0 = no errors, no near-duplicates)
Standard library only.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

SPLITS = ("train", "dev")
DEADLINE_KINDS = {"date", "immediate", "long_term", "recurring"}
OWNER_KINDS = {"person", "role", "department"}
VOICES = {"领导班子", "个人"}
UNIT_TYPES = {"县级领导机关", "县直部门", "乡镇", "街道社区", "村党支部", "窗口单位", "执法监管部门", "高校", "医院", "国有企业"}
DOC_TYPES = {"整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告", "对照检查材料"}
KEYS = {"id", "ref_date", "text", "deadline", "owner", "hollow", "voice", "unit_type", "doc_type"}
REF_MIN, REF_MAX = date(2013, 10, 1), date(2015, 3, 31)
NEAR_DUP = 0.6
MIN_SIZE = {"train": 850, "dev": 250}


def iso(value) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def check_item(obj, where: str, errors: list[str]) -> None:
    def err(msg: str) -> None:
        errors.append(f"{where}: {msg}")

    if not isinstance(obj, dict):
        err("not a JSON object")
        return
    missing = KEYS - obj.keys()
    if missing:
        err(f"missing keys {sorted(missing)}")
        return
    if not isinstance(obj["id"], str) or not obj["id"].startswith("m-"):
        err(f"bad id {obj['id']!r}")
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        err("empty text")
        return
    if text != text.strip():
        err("text has leading/trailing whitespace")
    ref = iso(obj["ref_date"])
    if ref is None:
        err(f"bad ref_date {obj['ref_date']!r}")
    elif not (REF_MIN <= ref <= REF_MAX):
        err(f"ref_date {ref} outside {REF_MIN}..{REF_MAX}")
    if not isinstance(obj["hollow"], bool):
        err("hollow must be true/false")
    if obj["voice"] not in VOICES:
        err(f"bad voice {obj['voice']!r}")
    if obj["unit_type"] not in UNIT_TYPES:
        err(f"bad unit_type {obj['unit_type']!r}")
    if obj["doc_type"] not in DOC_TYPES:
        err(f"bad doc_type {obj['doc_type']!r}")

    dl = obj["deadline"]
    if dl is not None:
        if not isinstance(dl, dict) or set(dl) != {"text", "kind", "due"}:
            err(f"deadline must have exactly text/kind/due: {dl!r}")
        else:
            if not isinstance(dl["text"], str) or not dl["text"] or dl["text"] not in text:
                err(f"deadline.text {dl['text']!r} is not a substring of text")
            if dl["kind"] not in DEADLINE_KINDS:
                err(f"bad deadline.kind {dl['kind']!r}")
            if dl["kind"] == "date":
                d = iso(dl["due"])
                if d is None:
                    err(f"kind date needs an ISO due, got {dl['due']!r}")
                elif ref is not None and d < ref:
                    err(f"due {d} is before ref_date {ref}")
            elif dl["due"] is not None:
                err(f"due must be null for kind {dl['kind']}")
    ow = obj["owner"]
    if ow is not None:
        if not isinstance(ow, dict) or set(ow) != {"text", "kind"}:
            err(f"owner must have exactly text/kind: {ow!r}")
        else:
            if not isinstance(ow["text"], str) or not ow["text"] or ow["text"] not in text:
                err(f"owner.text {ow['text']!r} is not a substring of text")
            if ow["kind"] not in OWNER_KINDS:
                err(f"bad owner.kind {ow['kind']!r}")
            for prefix in ("责任人：", "责任领导：", "牵头单位：", "责任单位：", "由"):
                if ow["text"].startswith(prefix):
                    err(f"owner.text keeps the prefix {prefix!r}")


def grams(text: str, n: int = 5) -> set[str]:
    t = "".join(text.split())
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}


def near_duplicates(a: list[dict], b: list[dict]) -> list[tuple[float, str, str]]:
    """All (jaccard, id_a, id_b) with jaccard >= NEAR_DUP; inverted index keeps it fast."""
    ga = [grams(x["text"]) for x in a]
    gb = [grams(x["text"]) for x in b]
    index: dict[str, list[int]] = {}
    for j, g in enumerate(gb):
        for s in g:
            index.setdefault(s, []).append(j)
    hits = []
    for i, g in enumerate(ga):
        shared = Counter()
        for s in g:
            for j in index.get(s, ()):
                shared[j] += 1
        for j, inter in shared.items():
            jac = inter / (len(g) + len(gb[j]) - inter)
            if jac >= NEAR_DUP:
                hits.append((jac, a[i]["id"], b[j]["id"]))
    return sorted(hits, reverse=True)


def pct(k: int, n: int) -> str:
    return f"{k:4d} ({100 * k / n:5.1f}%)" if n else f"{k:4d}"


def report(name: str, rows: list[dict]) -> None:
    n = len(rows)
    print(f"\n== {name}: {n} items")
    dl = Counter(r["deadline"]["kind"] if r["deadline"] else "none" for r in rows)
    ow = Counter(r["owner"]["kind"] if r["owner"] else "none" for r in rows)
    print("  deadline:", pct(n - dl["none"], n), " ".join(f"{k}={dl[k]}" for k in ("date", "immediate", "long_term", "recurring", "none")))
    print("  owner:   ", pct(n - ow["none"], n), " ".join(f"{k}={ow[k]}" for k in ("person", "role", "department", "none")))
    print("  hollow:  ", pct(sum(r["hollow"] for r in rows), n))
    both = sum(1 for r in rows if r["hollow"] and r["deadline"] and r["owner"])
    print("  hollow with deadline and owner:", both)
    for key in ("voice", "unit_type", "doc_type"):
        c = Counter(r[key] for r in rows)
        print(f"  {key}: " + ", ".join(f"{k}={v}" for k, v in c.most_common()))
    months = Counter(r["ref_date"][:7] for r in rows)
    print("  ref_date months: " + ", ".join(f"{k}={months[k]}" for k in sorted(months)))


def main(argv: list[str]) -> int:
    base = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    errors: list[str] = []
    data: dict[str, list[dict]] = {}
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for split in SPLITS:
        path = base / f"{split}.jsonl"
        rows: list[dict] = []
        if not path.exists():
            errors.append(f"{path}: missing")
            data[split] = rows
            continue
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{split}.jsonl:{ln}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e})")
                continue
            before = len(errors)
            check_item(obj, where, errors)
            if len(errors) > before or not isinstance(obj, dict):
                continue
            if obj["id"] in ids:
                errors.append(f"{where}: duplicate id {obj['id']} (also {ids[obj['id']]})")
            ids[obj["id"]] = where
            if obj["text"] in texts:
                errors.append(f"{where}: duplicate text (also {texts[obj['text']]})")
            texts[obj["text"]] = where
            rows.append(obj)
        if len(rows) < MIN_SIZE[split]:
            print(f"note: {split} has {len(rows)} items (< {MIN_SIZE[split]} required)")
        data[split] = rows

    for split in SPLITS:
        report(split, data[split])

    dups = near_duplicates(data["train"], data["dev"])
    print(f"\ntrain/dev near-duplicates (5-gram Jaccard >= {NEAR_DUP}): {len(dups)}")
    by_id = {r["id"]: r for s in SPLITS for r in data[s]}
    for jac, a, b in dups[:50]:
        print(f"  {jac:.2f} {a} | {by_id[a]['text'][:40]}\n       {b} | {by_id[b]['text'][:40]}")

    print(f"\nerrors: {len(errors)}")
    for e in errors[:200]:
        print("  " + e)
    return 1 if errors or dups else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
