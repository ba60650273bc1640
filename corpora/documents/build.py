"""Build the held-out evaluation submissions in ``corpora/documents/`` and their review truth.

Each ``src/<name>.yaml`` describes one invented submission. This script renders it as
``<name>.docx|.pdf|.txt|.html`` with the builders in ``tests/builders.py`` and writes
``review/<name>.json`` — the review an inspection group would arrive at (problem items with their
four-styles labels, measure items with deadline/owner/hollow and the problem they answer, the six
explanations and root-cause dimensions of a 对照检查材料, the flags) — from the same source, so the
document and its truth cannot disagree. After writing, every quoted text is checked against what
``docparse`` reads from the file.

These documents are for evaluation only: never tune a model or a threshold on them.

    python corpora/documents/build.py              # all sources, then check
    python corpora/documents/build.py NAME [...]   # only these (file stems)
    python corpora/documents/build.py --no-check   # skip the docparse check
    python corpora/documents/build.py --root corpora/documents/dev   # another set: ROOT/src → ROOT

A source with ``doc_type: null`` (and ``scope: null``) is a file that is not a submission — a news
report, a notice, commentary, rules, a meeting notice, a blank template —, named by
``not_submission``; its truth has no items and no flags, and the verdict 无法判断（需人工审阅）.

Source keys (a superset of ``scripts/make_examples.py``'s; see that script for the layout keys
``format``, ``numbering``, ``auto``, ``sign``, ``header``, ``indent``, ``encoding``, …):

``review``        ``notes`` (one line), ``six_explanations`` and ``root_causes`` (names as in
                  ``corpora/requirements.yaml``; 对照检查材料 only), ``flags_extra`` (flags that do
                  not follow from the items, e.g. ``duplicate_of``)
``body``          entries ``{h1..h5: text}``, ``{p: text}``, ``{table: …}``, ``pagebreak``. Instead of
                  ``text`` an entry may give ``parts``: a list of strings and ``{text, problem|measure}``
                  dicts that are concatenated into the entry's text — the way to annotate 一是/二是
                  clauses and items that hold a problem and its measure in one paragraph.
                  An entry (or a part) is annotated with
                  ``problem: [labels]`` (+ optional ``pid``) — it is one problem item, or
                  ``measure: {hollow, deadline, owner, problem}`` — it is one measure item:
                  ``deadline`` is the exact time expression (kind and due are computed from it
                  per ``corpora/measures/CONVENTIONS.md``) or a ``{text, kind, due}`` dict or null;
                  ``owner`` is ``[text, kind]`` or null; ``problem`` is the ``pid`` it answers
                  (default: the problem of the same entry) or null.
``table``         ``header``, ``rows``, ``widths``, ``repeat_header``, optional ``columns``
                  (``{problem, measure, owner, deadline}`` → column index). A row is a list of cells
                  (``^`` merges with the cell above, ``<`` with the cell to the left; a row of one
                  value spread with ``<`` is a category row) or ``{cells, labels, hollow}`` plus
                  optional ``deadline``/``owner``/``problem``/``pid`` overrides. By default the
                  deadline is the 完成时限 cell and the owner the 责任单位/责任人 cell (else 责任领导),
                  recorded exactly as the cell reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# the document source shared with scripts/make_examples.py
sys.path.insert(0, str(ROOT / "scripts"))
# the due-date oracle the measure corpus was labelled with (CONVENTIONS.md §1.3)
sys.path.insert(0, str(ROOT / "corpora" / "measures" / "build"))

from docsource import DocumentSource, resolve_cells, select_sources  # noqa: E402
from norm import due as normalise_due  # noqa: E402


LABELS = ("形式主义", "官僚主义", "享乐主义", "奢靡之风")
SIX = ("“三公”经费支出", "职务消费", "人情消费", "公务用车", "办公用房和住房", "家属子女从业")
ROOT_CAUSES = ("理想信念", "宗旨意识", "党性修养", "政治纪律")
DOC_TYPES = ("对照检查材料", "整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告")
OWNER_KINDS = ("person", "role", "department")
DEADLINE_KINDS = ("date", "immediate", "long_term", "recurring")

FLAGS_FILE = ROOT / "corpora" / "flags.yaml"
_FLAGS = yaml.safe_load(FLAGS_FILE.read_text(encoding="utf-8"))["flags"]
# an owner this vague leaves the measure without one for the flag (corpora/measures/CONVENTIONS.md §2.3)
VAGUE_OWNERS = frozenset(next(f for f in _FLAGS if f["code"] == "missing_owner")["params"]["vague_owner_phrases"])
FLAG_ORDER = tuple(flag["code"] for flag in _FLAGS)
# which document types / scopes each item-derived flag concerns (domain.md §4)
UNFOCUSED_TYPES = {"对照检查材料", "整改方案", "个人整改措施", "专项整治方案", "回头看自查报告"}
PLAN_TYPES = {"整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告"}
OWNER_TYPES = {"整改方案", "专项整治方案", "制度建设计划", "回头看自查报告"}
LINK_TYPES = {"整改方案", "个人整改措施", "回头看自查报告"}

IMMEDIATE = ("立行立改", "即知即改", "马上就办", "马上办", "立即整改", "立即", "即日起", "当即")
LONG_TERM = ("长期坚持", "长期", "持续推进", "持续开展", "常态化", "常抓不懈", "长抓不懈")

# table column names (corpora/sections.yaml), in order of preference
PROBLEM_COLUMNS = ("存在问题", "存在的问题", "问题表现", "突出问题", "主要问题", "问题", "整治重点", "针对问题")
MEASURE_COLUMNS = ("整改措施", "具体措施", "整治措施", "主要措施", "整治任务", "整改任务", "制度名称", "措施")
OWNER_COLUMNS = ("责任单位", "责任人", "责任科室", "责任部门", "牵头单位", "牵头部门", "具体责任人")
LEADER_COLUMNS = ("责任领导", "牵头领导", "分管领导")
DEADLINE_COLUMNS = ("完成时限", "完成时间", "整改时限", "时限", "时间节点")
ROLE_ENDINGS = ("书记", "主任", "局长", "院长", "所长", "组长", "县长", "镇长", "乡长", "领导", "经理", "校长", "站长")


# ---------------------------------------------------------------------------------------------
# Review truth helpers (shared with example_reviews.py)
# ---------------------------------------------------------------------------------------------


def deadline_record(value: Any, ref: dt.date) -> dict[str, Any] | None:
    """``"2014年6月底前"`` → ``{"text", "kind", "due"}`` per CONVENTIONS.md; dicts pass through."""
    if value is None:
        return None
    if isinstance(value, dict):
        record = {"text": value["text"], "kind": value["kind"], "due": value.get("due")}
    else:
        text = str(value)
        if text.startswith(IMMEDIATE):  # 立即执行, 即日起执行
            kind = "immediate"
        elif text.startswith(LONG_TERM):
            kind = "long_term"
        elif text.startswith("每"):
            kind = "recurring"
        else:
            kind = "date"
        record = {"text": text, "kind": kind, "due": normalise_due(text, ref).isoformat() if kind == "date" else None}
    if record["kind"] not in DEADLINE_KINDS:
        raise ValueError(f"bad deadline kind in {record}")
    if (record["kind"] == "date") != (record["due"] is not None):
        raise ValueError(f"due must be set exactly for kind=date: {record}")
    return record


def owner_record(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        text, kind = value["text"], value["kind"]
    else:
        text, kind = value
    if kind not in OWNER_KINDS:
        raise ValueError(f"bad owner kind {kind!r} for {text!r}")
    return {"text": text, "kind": kind}


def guess_owner_kind(cell: str) -> str:
    if "×" in cell or "某" in cell:
        return "person"
    if cell.endswith(ROLE_ENDINGS):
        return "role"
    return "department"


def check_labels(labels: Sequence[str]) -> list[str]:
    if any(label not in LABELS for label in labels):
        raise ValueError(f"unknown label in {labels}")
    return [label for label in LABELS if label in labels]  # fixed order


def derive_flags(review: dict[str, Any], extra: Sequence[str] = ()) -> list[str]:
    """The flags an inspection group raises, from the items (domain.md §4, flags.yaml)."""
    doc_type, scope = review["doc_type"], review["scope"]
    problems, measures = review["problems"], review["measures"]
    flags = set(extra)
    if doc_type in UNFOCUSED_TYPES and any(not p["labels"] for p in problems):
        flags.add("unfocused")
    if any(m["hollow"] for m in measures):
        flags.add("hollow_measures")
    if doc_type in PLAN_TYPES and any(m["deadline"] is None for m in measures):
        flags.add("missing_deadline")
    if doc_type in OWNER_TYPES and scope == "班子" and any(m["owner"] is None or m["owner"]["text"] in VAGUE_OWNERS
                                                          for m in measures):
        flags.add("missing_owner")
    answered = {m["problem"] for m in measures if m["problem"] is not None}
    if doc_type in LINK_TYPES and any(i not in answered for i in range(len(problems))):
        flags.add("problems_without_measures")
    if doc_type == "对照检查材料":
        if len(review["six_explanations"]) < len(SIX):
            flags.add("missing_six_explanations")
        if len(review["root_causes"]) < len(ROOT_CAUSES):
            flags.add("missing_root_cause")
    unknown = flags - set(FLAG_ORDER)
    if unknown:
        raise ValueError(f"unknown flags {unknown}")
    return [code for code in FLAG_ORDER if code in flags]


def finish_review(review: dict[str, Any], extra_flags: Sequence[str] = ()) -> dict[str, Any]:
    """Validate the shape of a review record and add its flags."""
    if review["doc_type"] is None:
        if review["problems"] or review["measures"] or not review.get("not_submission"):
            raise ValueError("a non-submission has no items and names what it is (not_submission)")
        review.update(scope=None, six_explanations=[], root_causes=[], flags=[])
        order = ("file", "doc_type", "not_submission", "scope", "problems", "measures", "six_explanations",
                 "root_causes", "flags", "notes")
        return {key: review[key] for key in order}
    if review["doc_type"] not in DOC_TYPES or review["scope"] not in ("班子", "个人"):
        raise ValueError(f"bad doc_type/scope {review['doc_type']}/{review['scope']}")
    six, roots = review["six_explanations"], review["root_causes"]
    if any(s not in SIX for s in six) or any(r not in ROOT_CAUSES for r in roots):
        raise ValueError(f"unknown six/root names: {six} {roots}")
    review["six_explanations"] = [s for s in SIX if s in six]
    review["root_causes"] = [r for r in ROOT_CAUSES if r in roots]
    for m in review["measures"]:
        if m["problem"] is not None and not 0 <= m["problem"] < len(review["problems"]):
            raise ValueError(f"measure links to a missing problem: {m}")
    review["flags"] = derive_flags(review, extra_flags)
    order = ("file", "doc_type", "scope", "problems", "measures", "six_explanations", "root_causes", "flags", "notes")
    return {key: review[key] for key in order}


def check_against(review: dict[str, Any], text: str, *, exact_ok: Sequence[str] = ()) -> list[str]:
    """Every quoted text must be a substring of ``text`` (docparse's reading of the file); item
    texts should also be unique there. Returns a list of problems (empty when all is well)."""
    errors = []

    def need(s: str, what: str, unique: bool = False) -> None:
        if s not in text:
            errors.append(f"{what} not in parsed text: {s!r}")
        elif unique and text.count(s) > 1 and s not in exact_ok:
            errors.append(f"{what} occurs {text.count(s)} times: {s!r}")

    for i, p in enumerate(review["problems"]):
        need(p["text"], f"problem {i}", unique=True)
    for i, m in enumerate(review["measures"]):
        need(m["text"], f"measure {i}", unique=True)
        if m["deadline"]:
            need(m["deadline"]["text"], f"measure {i} deadline")
        if m["owner"]:
            need(m["owner"]["text"], f"measure {i} owner")
    return errors


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------


def find_column(header: Sequence[str], names: Sequence[str]) -> int | None:
    for name in names:
        for c, cell in enumerate(header):
            if cell.strip() == name:
                return c
    for name in names:
        for c, cell in enumerate(header):
            if name in cell:
                return c
    return None


class Submission(DocumentSource):
    """One held-out source, resolved: labels computed, texts assembled, review items collected."""

    directory = HERE
    site = "桐溪县人民政府"

    def __init__(self, path: Path) -> None:
        self.problems: list[dict[str, Any]] = []
        self.measures: list[dict[str, Any]] = []
        self._pids: dict[str, int] = {}
        self._pending_links: list[tuple[dict[str, Any], str]] = []
        super().__init__(path)
        for measure, pid in self._pending_links:
            if pid not in self._pids:
                raise ValueError(f"{self.name}: measure links to unknown pid {pid!r}")
            measure["problem"] = self._pids[pid]

    # -- review items ----------------------------------------------------------------------------

    def _add_problem(self, text: str, labels: Sequence[str], pid: str | None) -> int:
        index = len(self.problems)
        self.problems.append({"text": text, "labels": check_labels(labels)})
        if pid is not None:
            if pid in self._pids:
                raise ValueError(f"{self.name}: duplicate pid {pid!r}")
            self._pids[pid] = index
        return index

    def _add_measure(self, text: str, spec: dict[str, Any], local_problem: int | None) -> None:
        if "hollow" not in spec:
            raise ValueError(f"{self.name}: measure without hollow: {text[:30]}")
        measure = {
            "text": text,
            "deadline": deadline_record(spec.get("deadline"), self.date),
            "owner": owner_record(spec.get("owner")),
            "hollow": bool(spec["hollow"]),
            "problem": local_problem,
        }
        if "problem" in spec:
            measure["problem"] = None
            if spec["problem"] is not None:
                self._pending_links.append((measure, str(spec["problem"])))
        self.measures.append(measure)

    def _annotate(self, entry: dict[str, Any], key: str) -> str:
        """The entry's plain text; records the problems and measures it (or its parts) carries."""
        if "parts" in entry:
            pieces: list[str] = []
            local: int | None = None
            pending: list[tuple[str, dict[str, Any]]] = []
            for part in entry["parts"]:
                if isinstance(part, str):
                    pieces.append(part)
                    continue
                text = part["text"]
                pieces.append(text)
                if "problem" in part:
                    local = self._add_problem(text, part["problem"], part.get("pid"))
                elif "measure" in part:
                    pending.append((text, part["measure"]))
                else:
                    raise ValueError(f"{self.name}: part without problem/measure: {text[:30]}")
            for text, spec in pending:
                self._add_measure(text, spec, local)
            return "".join(pieces)
        text = entry[key]
        local = None
        if "problem" in entry:
            local = self._add_problem(text, entry["problem"], entry.get("pid"))
        if "measure" in entry:
            self._add_measure(text, entry["measure"], local)
        return text

    def _annotate_table(self, table: dict[str, Any]) -> list[list[str]]:
        header = table["header"]
        cols = dict(table.get("columns", {}))
        cols.setdefault("problem", find_column(header, PROBLEM_COLUMNS))
        cols.setdefault("measure", find_column(header, MEASURE_COLUMNS))
        cols.setdefault("deadline", find_column(header, DEADLINE_COLUMNS))
        owner_col = cols.get("owner", find_column(header, OWNER_COLUMNS))
        leader_col = find_column(header, LEADER_COLUMNS)
        raw_rows = [row["cells"] if isinstance(row, dict) else row for row in table["rows"]]
        resolved = resolve_cells([header, *raw_rows])[1:]
        for row, cells in zip(table["rows"], resolved):
            if not isinstance(row, dict):
                continue  # category row or a row left unannotated on purpose
            local = None
            if cols["problem"] is not None and "labels" in row:
                local = self._add_problem(cells[cols["problem"]], row["labels"], row.get("pid"))
            spec: dict[str, Any] = {"hollow": row["hollow"]}
            if "deadline" in row:
                spec["deadline"] = row["deadline"]
            elif cols["deadline"] is not None and cells[cols["deadline"]].strip():
                spec["deadline"] = cells[cols["deadline"]]
            if "owner" in row:
                spec["owner"] = row["owner"]
            else:
                cell = cells[owner_col].strip() if owner_col is not None else ""
                if not cell and leader_col is not None:
                    cell = cells[leader_col].strip()
                if cell:
                    spec["owner"] = [cell, row.get("owner_kind", guess_owner_kind(cell))]
            if "problem" in row:
                spec["problem"] = row["problem"]
            self._add_measure(cells[cols["measure"]], spec, local)
        return [header, *raw_rows]

    # -- body ------------------------------------------------------------------------------------

    def _entry(self, entry: dict[str, Any]) -> tuple[str, Any]:
        """As in :class:`DocumentSource`, recording the problems and measures the entry carries;
        besides its key, an entry may hold ``parts`` and annotations."""
        if "table" in entry:
            return "table", self._annotate_table(entry["table"])
        keys = [k for k in entry if re.fullmatch(r"h[1-5]|p", k)]
        if len(keys) != 1:
            raise ValueError(f"{self.name}: entry needs exactly one of p/h1..h5: {entry}")
        return keys[0], self._annotate(entry, keys[0])

    # -- rendering -------------------------------------------------------------------------------

    def render(self) -> bytes:
        """The document's bytes; an HTML page gets the footer of its own site."""
        data = super().render()
        if data is None:
            raise RuntimeError(f"{self.name}: LibreOffice (soffice) is needed to make a .doc")
        if self.format != "html":
            return data
        # the builder's footer carries the examples' county; give the page its own site's
        charset = self.src.get("encoding", "utf-8")
        codec = {"gb2312": "gbk"}.get(charset.lower(), charset)
        text = data.decode(codec)
        text = text.replace("岚川县人民路1号", self.src.get("address", "人民路1号")).replace(
            "岚ICP备05001234号", self.src.get("icp", "ICP备05001234号")
        )
        return text.encode(codec, errors="xmlcharrefreplace")

    # -- review truth ----------------------------------------------------------------------------

    def review(self) -> dict[str, Any]:
        meta = self.src.get("review", {})
        is_dz = self.src["doc_type"] == "对照检查材料"
        record = {
            "file": self.output.name,
            "doc_type": self.src["doc_type"],
            "not_submission": self.src.get("not_submission"),
            "scope": self.src["scope"],
            "problems": self.problems,
            "measures": self.measures,
            "six_explanations": list(meta.get("six_explanations", [])) if is_dz else [],
            "root_causes": list(meta.get("root_causes", [])) if is_dz else [],
            "notes": meta.get("notes", ""),
        }
        return finish_review(record, meta.get("flags_extra", ()))


def parsed_text(path: Path) -> str:
    import docparse

    return docparse.parse(str(path)).text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="source stems to build (default: all)")
    parser.add_argument("--no-check", action="store_true", help="skip the docparse substring check")
    parser.add_argument("--root", type=Path, default=HERE,
                        help="document set: sources in ROOT/src, files written to ROOT, truth to ROOT/review")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    Submission.directory = root
    review_dir = root / "review"
    paths = select_sources(parser, root / "src", args.names)
    review_dir.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in paths:
        sub = Submission(path)
        data = sub.render()
        sub.output.write_bytes(data)
        review = sub.review()
        (review_dir / f"{sub.name}.json").write_text(json.dumps(review, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        line = (
            f"{sub.output}  ({len(data)} bytes)  problems {len(review['problems'])}"
            f"  measures {len(review['measures'])}  flags {','.join(review['flags']) or '-'}"
        )
        if not args.no_check:
            errors = check_against(review, parsed_text(sub.output))
            failures += bool(errors)
            line += "  check ok" if not errors else "  CHECK FAILED"
            for error in errors:
                line += f"\n    {error}"
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
