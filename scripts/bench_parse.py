"""Parse speed: docparse against the plain-text baselines on the same files.

Builds typical submissions in memory (a 5-page .docx with automatic numbering and a problem
table; text PDFs of several lengths with a table continued over a page break), then reports the
median time per document and per page for `docparse.parse`, for pdfplumber's `extract_text` and
for python-docx's plain paragraph text.

    python scripts/bench_parse.py [--runs 15] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
import pdfplumber  # noqa: E402
from builders import docx_bytes, pdf_bytes  # noqa: E402

import docparse  # noqa: E402

PROSE = ("对照党章和中央八项规定精神，领导班子认真查摆了在形式主义、官僚主义、享乐主义和奢靡之风方面存在的"
         "突出问题：有的会议多、文件多，以会议落实会议；有的调研走马观花，听汇报多、到现场少；有的对群众反映"
         "的问题推诿扯皮、久拖不决。")
L1, L2, L3 = ("chineseCounting", "%1、", 0), ("chineseCounting", "（%2）", 1), ("decimal", "%3.", 2)


def plan_spec(sections: int, typed: bool) -> list[dict]:
    """A plan of `sections` top-level parts, each with sub-items and prose, and a problem table."""
    spec: list[dict] = [{"kind": "title", "text": "中共岚川县委常委班子\n党的群众路线教育实践活动整改方案"}]
    cn = "一二三四五六七八九十"
    for s in range(sections):
        head = {"kind": "heading", "level": 1, "text": f"第{s + 1}部分的标题"}
        if typed:
            head["text"] = f"{cn[s]}、{head['text']}"
        else:
            head["num"] = L1
        spec.append(head)
        for sub in range(2):
            item = {"kind": "heading", "level": 2, "text": "形式主义方面的问题"}
            if typed:
                item["text"] = f"（{cn[sub]}）{item['text']}"
            else:
                item["num"] = L2
            spec.append(item)
            for k in range(2):
                para = {"kind": "para", "text": PROSE}
                if typed:
                    para["text"] = f"{k + 1}. {PROSE}"
                else:
                    para["num"] = L3
                spec.append(para)
    rows = [["序号", "存在问题", "整改措施", "责任领导", "完成时限"]] + [
        [str(i), "会议偏多，部分会议议题重复。", "合并同类会议，控制规模和时长。", "王××", "2014年9月底前"]
        for i in range(1, 16)]
    spec.append({"kind": "table", "rows": rows, "merges": [(1, 3, 5, 3)], "header_repeat": True})
    spec.append({"kind": "sign", "lines": ["中共岚川县委常委会", "二〇一四年三月十日"]})
    return spec


def paired_medians(ours, baseline, runs: int) -> tuple[float, float]:
    """Median times of two functions run alternately, so that load on the machine falls on both."""
    ours(), baseline()
    a, b = [], []
    for _ in range(runs):
        for fn, times in ((ours, a), (baseline, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def plain_docx(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def plain_pdf(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def run(runs: int) -> list[dict]:
    rows = []
    docx_data = docx_bytes(plan_spec(5, typed=False))
    pages = _docx_pages(docx_data)
    ours, base = paired_medians(lambda: docparse.parse(docx_data, filename="b.docx"),
                                lambda: plain_docx(docx_data), runs)
    rows.append({"input": f".docx, automatic numbering, ~{pages} pages", "pages": pages,
                 "ours": ours, "baseline": base, "baseline_name": "python-docx paragraph text"})
    for sections in (2, 5, 10):
        pdf_data = pdf_bytes(plan_spec(sections, typed=True), header="党的群众路线教育实践活动")
        with pdfplumber.open(io.BytesIO(pdf_data)) as pdf:
            pages = len(pdf.pages)
        ours, base = paired_medians(lambda data=pdf_data: docparse.parse(data, filename="b.pdf"),
                                    lambda data=pdf_data: plain_pdf(data), runs)
        rows.append({"input": f"text PDF, {pages} pages", "pages": pages, "ours": ours,
                     "baseline": base, "baseline_name": "pdfplumber extract_text"})
    return rows


def _docx_pages(data: bytes) -> int:
    # Estimated as a typesetter would: about 22 lines of 28 characters on an A4 公文 page.
    text = plain_docx(data)
    return max(1, round(len(text) / (22 * 28)))


def markdown(rows: list[dict], runs: int) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} / Python {platform.python_version()}, "
        f"median of {runs} runs of each, run alternately, one process, warm (after one unmeasured run).",
        "",
        "| input | docparse per doc | per page | baseline per doc | baseline | ratio |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['input']} | {row['ours'] * 1000:.1f} ms | {row['ours'] / row['pages'] * 1000:.1f} ms | "
            f"{row['baseline'] * 1000:.1f} ms | {row['baseline_name']} | {row['ours'] / row['baseline']:.2f}× |")
    return "\n".join(lines)


def write_section(path: Path, title: str, body: str, command: str) -> None:
    """Replace (or append) the section `title` of the benchmarks file."""
    marker_start, marker_end = f"<!-- {title}: start -->", f"<!-- {title}: end -->"
    block = f"{marker_start}\n## {title}\n\nCommand: `{command}`\n\n{body}\n{marker_end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if marker_start in text:
        head, rest = text.split(marker_start, 1)
        text = head + block + rest.split(marker_end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", type=Path, help="update this Markdown file's parse section")
    args = parser.parse_args()
    rows = run(args.runs)
    body = markdown(rows, args.runs)
    print(body)
    if args.write:
        write_section(args.write, "Parsing (docparse)", body,
                      f"python scripts/bench_parse.py --runs {args.runs} --write {args.write}")


if __name__ == "__main__":
    main()
