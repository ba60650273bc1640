"""Read the blind documents (corpora/documents/blind, never tuned on) in formats they were not written
in, and measure what review finds against their truth: every submission re-set as an OFD package
(line by line, as a typesetting system writes one), and five of them printed and scanned (two clean,
three degraded: low resolution, skew, uneven light, noise, JPEG artefacts, a red seal), the ones with
tables first.

    python scripts/evaluate_formats.py [--format ofd scan] [--write docs/benchmarks.md]

Per format: document type right, problem and measure items P / R (the matching of
scripts/evaluate_review.py), items found whole (text ≥ 0.95 similar to the truth), seconds per document.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from scripts.evaluate_ocr import CONDITIONS, scan_pdf_bytes, whole  # noqa: E402
from scripts.evaluate_review import match  # noqa: E402

BLIND = REPO / "corpora" / "documents" / "blind"
SCAN_CONDITIONS = ["clean 300 dpi", "clean 200 dpi", "degraded 200 dpi (−2° skew, uneven light, noise, JPEG, seal)",
                   "degraded 150 dpi (+1.5° skew, noise, JPEG, seal)",
                   "degraded 200 dpi (−2° skew, uneven light, noise, JPEG, seal)"]


def _submission_class():
    spec = importlib.util.spec_from_file_location("documents_build", REPO / "corpora" / "documents" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Submission


def sources(root: Path = BLIND) -> list[tuple[object, dict]]:
    """(source, truth) of every submission of a document set (non-submissions left out)."""
    submission = _submission_class()
    out = []
    for truth_path in sorted((root / "review").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["doc_type"] is None:
            continue
        src = root / "src" / f"{truth_path.stem}.yaml"
        if not src.exists():
            continue
        source = submission(src)
        source.format = "pdf"  # spec() for a fixed-layout rendering
        out.append((source, truth))
    return out


NOMAP_CONDITION = "no Unicode map (Identity-H subset fonts without ToUnicode or cmap), OCR'd"
_LINE = 36  # characters per printed line at 12 pt between 25 mm margins


def printed_lines(spec: list[dict]) -> list[str]:
    """A document's text laid out line by line as a typesetter prints it: the title centred,
    paragraphs indented two characters and wrapped, the 落款 pushed to the right."""
    lines: list[str] = []
    for block in spec:
        kind = block["kind"]
        if kind in ("title", "subtitle"):
            for line in block["text"].split("\n"):
                lines.append("　" * max(0, (_LINE - len(line)) // 2) + line)
            lines.append("")
        elif kind in ("heading", "para"):
            text = "　　" + block["text"]
            wrapped = [text[i:i + _LINE] for i in range(0, len(text), _LINE)]
            for k in range(1, len(wrapped)):
                # no line opens with closing punctuation: it stays at the end of the line before
                while wrapped[k] and wrapped[k][0] in "。，、；：？！）》”’":
                    wrapped[k - 1] += wrapped[k][0]
                    wrapped[k] = wrapped[k][1:]
            lines.extend(w for w in wrapped if w)
        elif kind == "sign":
            lines.append("")
            lines.extend("　" * max(0, _LINE - 2 - len(line)) + line for line in block["lines"])
    return lines


def render(source, fmt: str, condition: str | None = None) -> bytes:
    from builders import ofd_bytes, pdf_bytes

    spec = source.spec(word=False)
    if fmt == "nomap":
        from cid_pdf import cid_pdf_bytes

        return cid_pdf_bytes(printed_lines(spec), keep_cmap=False, size=12.0, lines_per_page=34)
    if fmt == "ofd":
        return ofd_bytes(spec, template_header=source.src.get("header"))
    pdf = pdf_bytes(spec, header=source.src.get("header"), page_numbers=True)
    return scan_pdf_bytes(pdf, CONDITIONS[condition])


def _has_table(source) -> bool:
    return any(b["kind"] == "table" for b in source.spec(word=False))


def _scan_set(chosen: list, count: int) -> list:
    """The documents scanned: those with tables first (at least three), then the first without."""
    with_tables = [(s, t) for s, t in chosen if _has_table(s)]
    without = [(s, t) for s, t in chosen if not _has_table(s)]
    return (with_tables[:max(3, count - 2)] + without)[:count]


def evaluate(fmt: str, root: Path = BLIND, count: int = 5) -> dict:
    import docparse
    from sifeng.review import default_reviewer

    reviewer = default_reviewer()
    chosen = sources(root)
    scanned = _scan_set(chosen, count)
    if fmt == "ofd":
        plan = [(s, t, None) for s, t in chosen]
    elif fmt == "nomap":
        # plans without tables that the scan set does not use
        others = [(s, t) for s, t in chosen if (s, t) not in scanned and not _has_table(s)
                  and t["doc_type"] != "对照检查材料"]
        plan = [(s, t, NOMAP_CONDITION) for s, t in others[:max(1, count // 5)]]
    else:
        plan = [(s, t, SCAN_CONDITIONS[k % len(SCAN_CONDITIONS)]) for k, (s, t) in enumerate(scanned)]
    c = {k: 0 for k in ("docs", "type_ok", "p_truth", "p_found", "p_ok", "m_truth", "m_found", "m_ok", "whole", "seconds")}
    rows = []
    for source, truth, condition in plan:
        data = render(source, fmt, condition)
        started = time.perf_counter()
        document = docparse.parse(data, filename=f"{source.name}.{'ofd' if fmt == 'ofd' else 'pdf'}")
        if fmt == "nomap":
            if not document.has_notice("needs_ocr"):
                raise SystemExit(f"{source.name}: the no-map PDF was not read by OCR; the figures would not be a scan's")
        review = reviewer.review_document(document, document.source)
        seconds = time.perf_counter() - started
        c["docs"] += 1
        c["seconds"] += seconds
        c["type_ok"] += review.doc_type == truth["doc_type"]
        found_here = []
        for kind, key in (("problems", "p"), ("measures", "m")):
            gold = [i["text"] for i in truth[kind]]
            got = [i.text for i in getattr(review, kind)]
            pairs = match(gold, got)
            c[f"{key}_truth"] += len(gold)
            c[f"{key}_found"] += len(got)
            c[f"{key}_ok"] += len(pairs)
            c["whole"] += sum(whole(gold[i], got[j]) for i, j in pairs)
            found_here.append(f"{len(pairs)}/{len(gold)}")
        rows.append((source.name, condition or "ofd", review.doc_type == truth["doc_type"], *found_here,
                     round(seconds, 1)))
        print(rows[-1], flush=True)
    c["rows"] = rows
    return c


def report(fmt: str, c: dict) -> str:
    def pr(key):
        return (c[f"{key}_ok"] / max(1, c[f"{key}_found"]), c[f"{key}_ok"] / max(1, c[f"{key}_truth"]))

    p, m = pr("p"), pr("m")
    items = c["p_truth"] + c["m_truth"]
    matched = c["p_ok"] + c["m_ok"]
    lines = [f"Format `{fmt}`: {c['docs']} submissions re-rendered.", "",
             "| type right | problems P / R | measures P / R | matched items whole (≥ 0.95) | s / document |",
             "| ---: | ---: | ---: | ---: | ---: |",
             f"| {c['type_ok']}/{c['docs']} | {p[0]:.3f} / {p[1]:.3f} | {m[0]:.3f} / {m[1]:.3f} | "
             f"{c['whole']}/{matched} (of {items} in the truth) | {c['seconds'] / max(1, c['docs']):.1f} |"]
    if fmt in ("scan", "nomap"):
        lines += ["", "| document | condition | type right | problems found | measures found | seconds |",
                  "| --- | --- | :---: | ---: | ---: | ---: |"]
        lines += [f"| {r[0]} | {r[1]} | {'✓' if r[2] else '✗'} | {r[3]} | {r[4]} | {r[5]} |" for r in c["rows"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", nargs="+", default=["ofd", "scan"], choices=["ofd", "scan", "nomap"])
    parser.add_argument("--dir", type=Path, default=BLIND, help="document set (default: the blind set)")
    parser.add_argument("--count", type=int, default=5, help="how many documents to scan")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    for fmt in args.format:
        body = report(fmt, evaluate(fmt, args.dir, args.count))
        print(body)
        if args.write:
            from scripts.bench_parse import write_section

            write_section(args.write, f"Blind documents as {fmt}", body,
                          f"python scripts/evaluate_formats.py --format {fmt} --write {args.write}")


if __name__ == "__main__":
    main()
