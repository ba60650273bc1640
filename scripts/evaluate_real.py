"""The real-text check: published 2013–2014 materials, labelled by our guides, kept OUT of the
repository (their text is not ours to commit). Point the script at the folder that holds them:

    statements.jsonl  {"text", "labels", "author_heading", "source", ...}
    measures.jsonl    {"text", "ref_date", "deadline", "owner", "hollow", "source", ...}
    documents.jsonl   {"text", "doc_type" (null: not a submission), "n_measures", "source", ...}
    SOURCES.md        the sources (addresses and titles)

    python scripts/evaluate_real.py --dir /path/to/realtext [more sets, pooled] [--write docs/accuracy.md]

Reports four-styles macro-F1, non-problems left unlabelled, and the share of statements whose
author's own heading is among the predicted labels (with the heading given as context, as review
does, and without); deadline and owner F1 of the shipped measure reader; and, for whole pages,
document type accuracy, non-submissions judged, and passes given with no measure found.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench_parse import write_section  # noqa: E402
from scripts.evaluate_measures import score_extractor  # noqa: E402


def _load(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


STYLES = ("形式主义", "官僚主义", "享乐主义", "奢靡之风")


def heading_of(item: dict) -> Optional[str]:
    """The style an author's own heading names (what review gives the classifier as context). Sets
    label it two ways: `author_heading` is the style (with `author_heading_text` the words), or, in
    set 5, `author_heading` is the words and `author_heading_style` the style. A heading that names
    no style (“具体表现：”, “工作方面：”) gives none."""
    style = item.get("author_heading_style") if "author_heading_style" in item else item.get("author_heading")
    return style if style in STYLES else None


def styles(items: list[dict]) -> dict:
    from classifiers.evaluation import evaluate
    from classifiers.fourstyles import default_classifier

    model = default_classifier()
    plain = [model.classify(i["text"], explain=False).labels for i in items]
    with_heading = [model.classify(i["text"], explain=False, heading=heading_of(i)).labels for i in items]
    headed = [k for k, i in enumerate(items) if heading_of(i)]
    return {
        "n": len(items), "n_headed": len(headed),
        "macro_f1": evaluate(items, plain).macro_f1,
        "macro_f1_context": evaluate(items, with_heading).macro_f1,
        "unlabelled": evaluate(items, plain).negatives_unlabelled,
        "heading_share": sum(heading_of(items[k]) in plain[k] for k in headed) / max(1, len(headed)),
        "heading_share_context": sum(heading_of(items[k]) in with_heading[k] for k in headed) / max(1, len(headed)),
    }


def documents(items: list[dict]) -> dict:
    from sifeng.review import default_reviewer

    reviewer = default_reviewer()
    right = judged_non = passes_without = 0
    counted = {"problems": [0, 0], "measures": [0, 0]}  # [found, at most the count on the page], [count]
    rows = []
    for item in items:
        review = reviewer.review(item["text"].encode("utf-8"), filename="page.txt")
        if item["doc_type"] is not None:
            for key in counted:
                truth = item.get(f"n_{key}") or 0
                counted[key][0] += min(truth, len(getattr(review, key)))
                counted[key][1] += truth
        right += review.doc_type == item["doc_type"]
        judged = review.verdict in ("合格", "基本合格", "需完善", "退回修改")
        judged_non += item["doc_type"] is None and judged
        passes_without += review.verdict in ("合格", "基本合格") and not review.measures
        rows.append((item.get("title", "")[:30], item["doc_type"], review.doc_type, review.verdict))
    return {"n": len(items), "type_right": right / max(1, len(items)), "non_submissions": sum(
        i["doc_type"] is None for i in items), "non_submissions_judged": judged_non,
        "passes_without_measures": passes_without, "rows": rows,
        "counted": {key: (found, total) for key, (found, total) in counted.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, nargs="+", default=[Path(os.environ.get("SIFENG_REALTEXT", "../realtext"))],
                        help="one folder, or several to pool (each set's figures are also printed by running it alone)")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    statements = [i for d in args.dir for i in _load(d / "statements.jsonl")]
    measures = [i for d in args.dir for i in _load(d / "measures.jsonl")]
    for n, item in enumerate(measures):
        item.setdefault("id", f"real-{n + 1}")  # sets need not number their measures
    pages = [i for d in args.dir for i in _load(d / "documents.jsonl")]
    if not (statements or measures or pages):
        raise SystemExit(f"没有找到真实材料评测集：{args.dir}（该目录不在仓库中，见 docs/accuracy.md）")
    s = styles(statements)
    m = score_extractor(measures, _shipped())
    d = documents(pages)
    sources = {i.get("source") for i in statements + measures + pages if i.get("source")}
    body = "\n".join([
        f"{s['n']} statements ({s['n_headed']} under an author's style heading), {len(measures)} measures and "
        f"{d['n']} whole pages ({d['non_submissions']} not submissions) from {len(sources)} published sources"
        f" ({len(args.dir)} set{'s' if len(args.dir) > 1 else ''}).",
        "",
        "| measure | result |",
        "| --- | --- |",
        f"| four-styles macro-F1 | {s['macro_f1']:.3f} (with the author's heading as context: {s['macro_f1_context']:.3f}) |",
        f"| non-problem sentences left unlabelled | {s['unlabelled']:.1%} |",
        f"| author's own heading among the labels | {s['heading_share']:.1%} without context; "
        f"{s['heading_share_context']:.1%} with the heading as context (as review reads it) |",
        f"| deadline P / R / F1 | {m['deadline'][0]:.3f} / {m['deadline'][1]:.3f} / {m['deadline'][2]:.3f} |",
        f"| due date exactly right | {m['due']:.1%} |",
        f"| owner P / R / F1 | {m['owner'][0]:.3f} / {m['owner'][1]:.3f} / {m['owner'][2]:.3f} |",
        f"| document type right (pages) | {d['type_right']:.1%} |",
        f"| non-submissions given a judging verdict | {d['non_submissions_judged']} of {d['non_submissions']} |",
        f"| 合格/基本合格 with no measure found | {d['passes_without_measures']} |",
        *(f"| {name} read on the submission pages (at most the number the page shows) | "
          f"{found} of {total} ({found / max(1, total):.0%}) |" for name, (found, total) in d["counted"].items()),
    ])
    print(body)
    for row in d["rows"]:
        print("  ", row)
    if args.write:
        write_section(args.write, "Real published materials", body,
                      "python scripts/evaluate_real.py --dir <real-text folder> --write docs/accuracy.md")


def _shipped():
    from classifiers.spans import read_measure

    return lambda text, ref: (lambda r: (r.deadline, r.owner))(read_measure(text, ref))


if __name__ == "__main__":
    main()
