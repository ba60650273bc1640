"""Seconds per page of reading a scanned PDF (render, red wash, straightening, ruling lines, OCR,
layout), per OCR engine, with nothing else running: the median of `--runs` parses of a three-page
scan of examples/xian_renmin_yiyuan_zhenggai_fangan.pdf (prose and a ruled table) at 200 dpi.

    python scripts/bench_ocr.py [--runs 3] [--threads 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime threads (SIFENG_OCR_THREADS)")
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    args = parser.parse_args()
    os.environ["SIFENG_OCR_THREADS"] = str(args.threads)
    import docparse
    from scripts.evaluate_ocr import CONDITIONS, scan_of

    data = scan_of(REPO / "examples" / "xian_renmin_yiyuan_zhenggai_fangan.pdf", CONDITIONS["clean 200 dpi"])
    for engine in args.engines:
        os.environ["SIFENG_OCR_ENGINE"] = engine
        docparse.parse(data, filename="warm.pdf")
        times, pages = [], 1
        for _ in range(args.runs):
            started = time.perf_counter()
            document = docparse.parse(data, filename="scan.pdf")
            times.append(time.perf_counter() - started)
            pages = document.metadata.pages or 1
        print(f"{engine}: {statistics.median(times) / pages:.2f} s/page "
              f"(median of {args.runs}, {pages} pages, {args.threads} thread(s))")


if __name__ == "__main__":
    main()
