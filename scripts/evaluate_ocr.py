"""Compare the OCR engines on scans made from our born-digital PDFs: each page rendered, then
degraded the ways real scans are (low resolution, skew, uneven light, noise, JPEG artefacts, a red
seal over the 落款), wrapped into an image-only PDF and read back through `docparse` and `review`.

    python scripts/evaluate_ocr.py [--engines rapidocr tesseract] [--write docs/benchmarks.md]

Per engine and condition: character error rate against the text layer of the original (Levenshtein
distance over its length, whitespace ignored), problem and measure items found (recall against the
truth reviews) and found whole (the found item's text ≥ 0.95 similar to the truth), and seconds per page.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.evaluate_review import match, norm  # noqa: E402

SOURCES = [  # born-digital PDFs with truth reviews
    ("examples/xian_renmin_yiyuan_zhenggai_fangan.pdf", "examples/review/xian_renmin_yiyuan_zhenggai_fangan.json"),
    ("examples/jiaotou_jituan_zhidu_jianshe_jihua.pdf", "examples/review/jiaotou_jituan_zhidu_jianshe_jihua.json"),
    ("corpora/documents/tongxi_dishui_ju_zhenggai_fangan.pdf", "corpora/documents/review/tongxi_dishui_ju_zhenggai_fangan.json"),
    ("corpora/documents/fangchan_dengji_zhongxin_zhuren_geren_duizhao_jiancha.pdf",
     "corpora/documents/review/fangchan_dengji_zhongxin_zhuren_geren_duizhao_jiancha.json"),
    ("corpora/documents/ligong_dianqi_xueyuan_zhidu_jianshe_jihua.pdf",
     "corpora/documents/review/ligong_dianqi_xueyuan_zhidu_jianshe_jihua.json"),
]
CONDITIONS = {
    "clean 300 dpi": dict(dpi=300),
    "clean 200 dpi": dict(dpi=200),
    "degraded 200 dpi (−2° skew, uneven light, noise, JPEG, seal)": dict(dpi=200, skew=-2.0, light=True, noise=10,
                                                                      jpeg=45, seal=True),
    "degraded 150 dpi (+1.5° skew, noise, JPEG, seal)": dict(dpi=150, skew=1.5, noise=14, jpeg=35, seal=True),
}


def degrade(image, *, dpi: int, skew: float = 0.0, light: bool = False, noise: float = 0.0,
            jpeg: int = 0, seal: bool = False, seed: int = 0):
    """A page image as a scanner and a copier would leave it."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = image.convert("RGB")
    w, h = image.size
    if seal:
        draw = ImageDraw.Draw(image)
        r = int(0.9 * dpi)
        cx, cy = int(w * 0.72), int(h * 0.82)
        for k in range(max(2, dpi // 60)):
            draw.ellipse([cx - r + k, cy - r + k, cx + r - k, cy + r - k], outline=(220, 30, 30))
        draw.regular_polygon((cx, cy, r // 4), 5, fill=(220, 30, 30))
    if skew:
        image = image.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    array = np.asarray(image).astype(np.float32)
    if light:
        gradient = np.linspace(1.0, 0.78, w)[None, :, None] * np.linspace(1.0, 0.9, h)[:, None, None]
        array = 255 - (255 - array) * 1.0
        array = array * gradient
    if noise:
        array = array + np.random.default_rng(seed).normal(0, noise, array.shape)
    image = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    if jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    _ = rng
    return image


def scan_of(pdf: Path, condition: dict) -> bytes:
    """An image-only PDF of the file `pdf` under a condition."""
    return scan_pdf_bytes(pdf.read_bytes(), condition)


def scan_pdf_bytes(data: bytes, condition: dict) -> bytes:
    """An image-only PDF of PDF bytes under a condition (also used by tests/test_pdf.py)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = []
    for index in range(len(document)):
        image = document[index].render(scale=condition["dpi"] / 72).to_pil()
        pages.append(degrade(image, seed=index, **condition))
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=condition["dpi"], save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def cer(truth: str, found: str) -> float:
    from rapidfuzz.distance import Levenshtein

    a, b = "".join(truth.split()), "".join(found.split())
    return Levenshtein.distance(a, b) / max(1, len(a))


def whole(truth: str, found: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(norm(truth), norm(found)) >= 95


def evaluate(engines: list[str]) -> dict:
    import docparse
    from sifeng.review import Reviewer

    reviewer = Reviewer()
    results = {}
    for engine in engines:
        os.environ["SIFENG_OCR_ENGINE"] = engine
        for name, condition in CONDITIONS.items():
            stats = {"chars": 0, "errors": 0.0, "pages": 0, "seconds": 0.0, "items": 0, "found": 0, "whole": 0,
                     "predicted": 0, "engine_ran": set()}
            for pdf_rel, truth_rel in SOURCES:
                pdf = REPO / pdf_rel
                truth = json.loads((REPO / truth_rel).read_text(encoding="utf-8"))
                original = docparse.parse(pdf)
                data = scan_of(pdf, condition)
                started = time.perf_counter()
                document = docparse.parse(data, filename=pdf.name)
                stats["seconds"] += time.perf_counter() - started
                stats["pages"] += document.metadata.pages or 1
                for notice in document.notices:
                    if notice.code == "needs_ocr":
                        stats["engine_ran"].add(notice.message.split("已用 ")[-1].split(" 中文")[0]
                                                if "已用" in notice.message else "none")
                length = len("".join(original.text.split()))
                stats["chars"] += length
                stats["errors"] += cer(original.text, document.text) * length
                review = reviewer.review_document(document, pdf.name)
                for kind in ("problems", "measures"):
                    gold = [item["text"] for item in truth[kind]]
                    got = [item.text for item in getattr(review, kind)]
                    pairs = match(gold, got)
                    stats["items"] += len(gold)
                    stats["predicted"] += len(got)
                    stats["found"] += len(pairs)
                    stats["whole"] += sum(whole(gold[i], got[j]) for i, j in pairs)
            results[(engine, name)] = stats
            print(engine, name, _row(stats), flush=True)
    os.environ.pop("SIFENG_OCR_ENGINE", None)
    return results


def _row(s: dict) -> str:
    return (f"CER {s['errors'] / max(1, s['chars']):.3f} | items found {s['found']}/{s['items']} "
            f"(P {s['found'] / max(1, s['predicted']):.2f}) | whole {s['whole']}/{s['items']} | "
            f"{s['seconds'] / max(1, s['pages']):.2f} s/page | ran: {', '.join(sorted(s['engine_ran']))}")


def report(results: dict) -> str:
    lines = [f"Scans made from {len(SOURCES)} born-digital PDFs with truth reviews (examples/, corpora/documents/), "
             f"on this machine, onnxruntime with one thread (SIFENG_OCR_THREADS=1).", "",
             "| engine | condition | CER | problem + measure items found (R / P) | found whole (≥ 0.95) | s / page |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for (engine, name), s in results.items():
        lines.append(f"| {engine} | {name} | {s['errors'] / max(1, s['chars']):.3f} | "
                     f"{s['found'] / max(1, s['items']):.2f} / {s['found'] / max(1, s['predicted']):.2f} | "
                     f"{s['whole']}/{s['items']} | {s['seconds'] / max(1, s['pages']):.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    body = report(evaluate(args.engines))
    print(body)
    if args.write:
        from scripts.bench_parse import write_section

        write_section(args.write, "OCR engines on generated scans", body,
                      f"python scripts/evaluate_ocr.py --engines {' '.join(args.engines)} --write {args.write}")


if __name__ == "__main__":
    main()
