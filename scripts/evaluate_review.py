"""Whole-document review accuracy against hand-written truth (`review/<name>.json` beside the
documents): problems and measures found (recall and precision, matched one-to-one by text),
deadline / owner / hollow on the matched measures, and the document flags raised (F1 over
(document, flag) pairs; `duplicate_of` is a batch flag and left to `screen`, and
`structure_unrecognised` is judged through the verdicts), and the verdicts against the truth.

    python scripts/evaluate_review.py [--dir examples] [--dir corpora/documents] [--errors]
                                      [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench_parse import write_section  # noqa: E402

# Not scored as flags: duplicate_of is a batch flag (screen); structure_unrecognised is the reason
# for the verdict 无法判断, scored in the verdict table (a non-submission's truth has no flags); and the
# technical flags of corpora/flags.yaml (needs_ocr, parse_error) say what was read, not what is wrong
# with the submission (the truth files mark needs_ocr on some scans and not on others).
BATCH_FLAGS = {"duplicate_of", "structure_unrecognised"} | {
    flag["code"] for flag in yaml.safe_load((REPO / "corpora" / "flags.yaml").read_text(encoding="utf-8"))["flags"]
    if flag.get("technical")}


def norm(text: str) -> str:
    return re.sub(r"[\s，。；：、,.;:“”\"'（）()《》]", "", unicodedata.normalize("NFKC", text or ""))


def same_item(truth: str, found: str) -> bool:
    """Texts denote one item: one contains most of the other (OCR and label differences
    allowed)."""
    a, b = norm(truth), norm(found)
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) / max(len(a), len(b)) >= 0.5
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() >= 0.8


def match(truth: list[str], found: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in reading order."""
    pairs, used = [], set()
    for i, t in enumerate(truth):
        for j, f in enumerate(found):
            if j not in used and same_item(t, f):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def truth_verdict(truth: dict) -> str:
    """The verdict the truth's own items call for, by the rules review applies to what it reads
    (sifeng.review.verdict, the severity_by_share steps of corpora/flags.yaml): each flag's share is
    its failing items over all items of its unit."""
    from sifeng import flags as F
    from sifeng.batch import NOT_JUDGED
    from sifeng.review import verdict_for

    if truth["doc_type"] is None:
        return NOT_JUDGED
    problems, measures = truth["problems"], truth["measures"]
    answered = {m["problem"] for m in measures if m.get("problem") is not None}
    shares = {
        "unfocused": (sum(not p["labels"] for p in problems), len(problems)),
        "hollow_measures": (sum(bool(m["hollow"]) for m in measures), len(measures)),
        "missing_deadline": (sum(m["deadline"] is None for m in measures), len(measures)),
        "missing_owner": (sum(m["owner"] is None for m in measures), len(measures)),
        "problems_without_measures": (sum(i not in answered for i in range(len(problems))), len(problems)),
        "missing_six_explanations": (6 - len(truth["six_explanations"]), 6),
        "missing_root_cause": (4 - len(truth["root_causes"]), 4),
    }
    severities = set()
    for code in set(truth["flags"]) - BATCH_FLAGS:
        count, total = shares.get(code, (0, 0))
        severities.add(F.severity(code, count / total if total else None))
    return verdict_for(severities)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(folders: list[Path], show_errors: bool, split: str = "all", rules_only: bool = False) -> dict:
    from sifeng.review import Reviewer, default_reviewer
    from scripts.train_reader import is_dev

    reviewer = Reviewer(learned_reader=False) if rules_only else default_reviewer()
    c = {k: 0 for k in ("p_truth", "p_found", "p_ok", "m_truth", "m_found", "m_ok", "dl_tp", "dl_fp", "dl_fn",
                        "ow_tp", "ow_fp", "ow_fn", "ho_tp", "ho_fp", "ho_fn", "fl_tp", "fl_fp", "fl_fn",
                        "docs", "type_ok", "scope_ok", "non_submissions", "non_judged", "empty_passes",
                        "flawed_passes", "hiding_passes", "false_passes")}
    c["verdicts"] = {}
    seconds = []
    for folder in folders:
        for truth_path in sorted((folder / "review").glob("*.json")):
            if split == "dev" and not is_dev(truth_path.stem):
                continue
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            start = time.perf_counter()
            review = reviewer.review(folder / truth["file"])
            seconds.append(time.perf_counter() - start)
            c["docs"] += 1
            c["type_ok"] += review.doc_type == truth["doc_type"]
            c["scope_ok"] += truth["doc_type"] is None or review.scope == truth["scope"]
            judged = review.verdict in ("合格", "基本合格", "需完善", "退回修改")
            passed = review.verdict in ("合格", "基本合格")
            if truth["doc_type"] is None:
                c["non_submissions"] += 1
                c["non_judged"] += judged
                truth_class = "非提交材料"
            else:
                truth_class = "应有问题标记" if set(truth["flags"]) - BATCH_FLAGS else "无问题标记"
            c["empty_passes"] += passed and not review.problems and not review.measures
            c["flawed_passes"] += passed and truth_class != "无问题标记"
            # A false pass: a pass where the truth's own items call for 需完善, 退回修改 or 无法判断
            # (a pass of a document whose flags are all of low severity is the truth's own 基本合格).
            c["false_passes"] += passed and truth_verdict(truth) not in ("合格", "基本合格")
            key = (truth_class, review.verdict)
            c["verdicts"][key] = c["verdicts"].get(key, 0) + 1
            tp_ = [p["text"] for p in truth["problems"]]
            fp_ = [p.text for p in review.problems]
            pairs = match(tp_, fp_)
            c["p_truth"] += len(tp_)
            c["p_found"] += len(fp_)
            c["p_ok"] += len(pairs)
            tm = truth["measures"]
            fm = review.measures
            mpairs = match([m["text"] for m in tm], [m.text for m in fm])
            c["m_truth"] += len(tm)
            c["m_found"] += len(fm)
            c["m_ok"] += len(mpairs)
            for i, j in mpairs:
                gold, got = tm[i], fm[j]
                for key, g, p in (("dl", gold["deadline"], got.deadline), ("ow", gold["owner"], got.owner),
                                  ("ho", gold["hollow"], got.hollow)):
                    c[f"{key}_tp"] += bool(g) and bool(p)
                    c[f"{key}_fp"] += (not g) and bool(p)
                    c[f"{key}_fn"] += bool(g) and not p
            gold_flags = set(truth["flags"]) - BATCH_FLAGS
            got_flags = {f.code for f in review.flags} - BATCH_FLAGS
            # A pass that hides a flaw: 合格 or 基本合格 while a flag the truth has was not raised
            # (基本合格 with every flaw listed tells the reader what to fix).
            c["hiding_passes"] += passed and bool(gold_flags - got_flags)
            for code in gold_flags | got_flags:
                per = c.setdefault("per_flag", {}).setdefault(code, [0, 0, 0])
                per[0] += code in gold_flags and code in got_flags
                per[1] += code in got_flags and code not in gold_flags
                per[2] += code in gold_flags and code not in got_flags
            c["fl_tp"] += len(gold_flags & got_flags)
            c["fl_fp"] += len(got_flags - gold_flags)
            c["fl_fn"] += len(gold_flags - got_flags)
            if show_errors:
                name = truth["file"]
                if review.doc_type != truth["doc_type"] or review.scope != truth["scope"]:
                    print(f"{name}: type/scope {review.doc_type}/{review.scope}, truth {truth['doc_type']}/{truth['scope']}")
                for i in sorted(set(range(len(tp_))) - {i for i, _ in pairs}):
                    print(f"{name}: problem missed: {tp_[i][:60]}")
                for j in sorted(set(range(len(fp_))) - {j for _, j in pairs}):
                    print(f"{name}: extra problem: {fp_[j][:60]}")
                for i in sorted(set(range(len(tm))) - {i for i, _ in mpairs}):
                    print(f"{name}: measure missed: {tm[i]['text'][:60]}")
                for j in sorted(set(range(len(fm))) - {j for _, j in mpairs}):
                    print(f"{name}: extra measure: {fm[j].text[:60]}")
                if gold_flags != got_flags:
                    print(f"{name}: flags missed {sorted(gold_flags - got_flags)}, extra {sorted(got_flags - gold_flags)}")
                if passed and truth_verdict(truth) not in ("合格", "基本合格"):
                    print(f"{name}: false pass: {review.verdict}, the truth's items call for {truth_verdict(truth)}")
    c["seconds"] = seconds
    return c


def report(c: dict, folders: list[Path]) -> str:
    p_prec, p_rec, _ = prf(c["p_ok"], c["p_found"] - c["p_ok"], c["p_truth"] - c["p_ok"])
    m_prec, m_rec, _ = prf(c["m_ok"], c["m_found"] - c["m_ok"], c["m_truth"] - c["m_ok"])
    names = ", ".join(f"`{f.relative_to(REPO) if f.is_relative_to(REPO) else f}`" for f in folders)
    seconds = sorted(c["seconds"])
    lines = [f"Documents: {c['docs']} from {names}; type right {c['type_ok']}/{c['docs']}, "
             f"scope right {c['scope_ok']}/{c['docs']}.", "",
             "| what | precision | recall | F1 |", "| --- | ---: | ---: | ---: |",
             f"| problem items found | {p_prec:.3f} | {p_rec:.3f} | {prf(c['p_ok'], c['p_found'] - c['p_ok'], c['p_truth'] - c['p_ok'])[2]:.3f} |",
             f"| measure items found | {m_prec:.3f} | {m_rec:.3f} | {prf(c['m_ok'], c['m_found'] - c['m_ok'], c['m_truth'] - c['m_ok'])[2]:.3f} |"]
    for key, name in (("dl", "deadline detected (matched measures)"), ("ow", "owner detected (matched measures)"),
                      ("ho", "hollow (matched measures)"), ("fl", "document flags raised")):
        p, r, f = prf(c[f"{key}_tp"], c[f"{key}_fp"], c[f"{key}_fn"])
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    if c.get("per_flag"):
        lines += ["", "| flag | precision | recall | F1 | in the truth |", "| --- | ---: | ---: | ---: | ---: |"]
        for code, (tp, fp, fn) in sorted(c["per_flag"].items()):
            p, r, f = prf(tp, fp, fn)
            lines.append(f"| {code} | {p:.3f} | {r:.3f} | {f:.3f} | {tp + fn} |")
    classes = sorted({t for t, _ in c["verdicts"]})
    verdicts = sorted({v for _, v in c["verdicts"]})
    lines += ["", f"Verdicts (rows: truth; {c['non_submissions']} non-submissions, {c['non_judged']} of them judged; "
              f"passes with nothing read: {c['empty_passes']}; passes of documents that should be flagged or not "
              f"judged: {c['flawed_passes']}, of which passes that hide a flaw (a flag of the truth not raised): "
              f"{c['hiding_passes']}; false passes, where the truth's own items call for 需完善, 退回修改 or "
              f"无法判断: {c['false_passes']}):", "",
              "| truth \\ verdict | " + " | ".join(verdicts) + " |", "| --- |" + " ---: |" * len(verdicts)]
    for t in classes:
        lines.append(f"| {t} | " + " | ".join(str(c["verdicts"].get((t, v), 0)) for v in verdicts) + " |")
    lines += ["", f"Items: {c['p_truth']} problems and {c['m_truth']} measures in the truth. Review time per "
              f"document (parse included, warm pipeline): median {seconds[len(seconds) // 2] * 1000:.0f} ms, "
              f"max {seconds[-1] * 1000:.0f} ms (OCR and LibreOffice conversions are the slow ones)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, action="append", help="a folder with documents and review/")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--split", choices=["all", "dev"], default="all",
                        help="dev: only the documents scripts/train_reader.py holds out (one in five by name)")
    parser.add_argument("--rules-only", action="store_true", help="review without the learned reader")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--title", default=None, help="section title when writing")
    args = parser.parse_args()
    folders = args.dir or [REPO / "examples"]
    body = report(evaluate(folders, args.errors, args.split, args.rules_only), folders)
    if args.split == "dev":
        body = "Held-out dev documents only (one in five by name; never trained on).\n\n" + body
    print(body)
    if args.write:
        title = args.title or "Review accuracy: " + ", ".join(f.name for f in folders)
        dirs = " ".join(f"--dir {f.relative_to(REPO) if f.is_relative_to(REPO) else f}" for f in folders)
        extra = (" --split dev" if args.split == "dev" else "") + (" --rules-only" if args.rules_only else "")
        write_section(args.write, title, body, f"python scripts/evaluate_review.py {dirs}{extra} --write {args.write}")


if __name__ == "__main__":
    main()
