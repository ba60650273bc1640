"""OCR of a page without a text layer.

Two engines, chosen by measurement (scripts/evaluate_ocr.py, docs/benchmarks.md):

- **RapidOCR** (`rapidocr-onnxruntime`): the PP-OCRv4 detection and recognition models, shipped
  inside the wheel and run by onnxruntime — nothing is downloaded. The default when installed.
- **Tesseract** with the `chi_sim` model: the fallback when RapidOCR is not installed or fails.

`SIFENG_OCR_ENGINE=rapidocr|tesseract` forces one. The red seal is washed out before recognition
(it sits over the 落款 and turns into noise), and each engine's boxes become positioned lines, so
OCR'd text goes through the same paragraph rules as a text PDF.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .children import PREEXEC
from .layout import PositionedLine
from .limits import Deadline, Limits
from .text import remove_cjk_spaces

_DPI = 300


class OcrUnavailable(Exception):
    """Tesseract or its Chinese model is missing, or it failed; the message says which."""


@functools.lru_cache(maxsize=1)
def tesseract_available() -> bool:
    """Whether `tesseract` is on PATH with the chi_sim model."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def _wash_red(image):
    """Turn strongly red pixels (a seal, red-header 红头 rules) white, keep black text."""
    import numpy as np
    from PIL import Image

    array = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = array[..., 0], array[..., 1], array[..., 2]
    red = (r > 120) & (r - g > 60) & (r - b > 60)
    array[red] = 255
    return Image.fromarray(array.astype(np.uint8)).convert("L")


ENGINES = ("rapidocr", "tesseract")
ENGINE_NAMES = {"rapidocr": "RapidOCR（PP-OCRv4）", "tesseract": "Tesseract"}


@functools.lru_cache(maxsize=1)
def rapidocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # noqa: BLE001 - a broken onnxruntime install is "not available"
        return False
    return True


def engines() -> list[str]:
    """The engines to try, in order: the forced one (SIFENG_OCR_ENGINE), else RapidOCR then
    Tesseract, each only when installed."""
    forced = os.environ.get("SIFENG_OCR_ENGINE", "").strip().lower()
    order = [forced] if forced in ENGINES else list(ENGINES)
    available = {"rapidocr": rapidocr_available, "tesseract": tesseract_available}
    return [name for name in order if available[name]()]


def ocr_available() -> bool:
    return bool(engines())


@functools.lru_cache(maxsize=1)
def _rapid():
    from rapidocr_onnxruntime import RapidOCR

    # One thread per engine: screen already runs one worker process per core.
    threads = int(os.environ.get("SIFENG_OCR_THREADS", "1"))
    # Detection on a page reduced to 1,100 px on its long side: the same text found (CER unchanged on
    # scripts/evaluate_ocr.py's scans) in about a third less time than at the default 2,000 px.
    # Recognition one line at a time: batches pad every line to the widest, and on one core that costs
    # more than it saves (scripts/bench_ocr.py: 3.03 → 2.55 s/page; CER unchanged).
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False, print_verbose=False,
                    max_side_len=1100, rec_batch_num=1)


def ocr_page_lines(page, number: int, limits: Limits, deadline: Deadline,
                   engine: str | None = None) -> tuple[list[PositionedLine], list[dict], str]:
    """Recognise one PDFium page with the first engine that works. The page image is washed of
    red, straightened, and searched for ruling lines; returns the text lines and the ruling edges
    (PDF points, origin top-left, in the straightened frame) and the engine's name."""
    errors = []
    for name in ([engine] if engine else engines()):
        try:
            if name == "rapidocr":
                return (*_rapid_lines(page, number, deadline), name)
            return (*_tesseract_lines(page, number, limits, deadline), name)
        except OcrUnavailable as exc:
            errors.append(str(exc))
    raise OcrUnavailable("；".join(errors) or "本机没有可用的中文 OCR 引擎")


def _prepared(page, scale: float):
    """The page rendered at `scale`, red washed out, turned straight; with its ruling edges."""
    import numpy as np

    from .imagetables import deskew, ruling_edges

    image = _wash_red(page.render(scale=scale).to_pil())
    image, _ = deskew(image, image)
    return image, ruling_edges(np.asarray(image), scale)


def _rapid_lines(page, number: int, deadline: Deadline) -> tuple[list[PositionedLine], list[dict]]:
    deadline.check()
    scale = 200 / 72
    image, edges = _prepared(page, scale)
    image = image.convert("RGB")
    try:
        import numpy as np

        result, _ = _rapid()(np.asarray(image), return_word_box=True)
    except Exception as exc:  # noqa: BLE001 - onnxruntime errors of every kind become one reason
        raise OcrUnavailable(f"RapidOCR 识别失败（{type(exc).__name__}）") from exc
    lines = []
    for item in result or []:
        box, text, score = item[0], str(item[1]), float(item[2])
        if not text.strip() or score < 0.5:
            continue
        chars = item[3] if len(item) > 3 and item[3] and len(item[3]) == len(text) else None
        made = []
        for part, part_box in _split_at_gaps(text, box, chars):
            part = _tidy(part)
            if not part:
                continue
            xs = [float(p[0]) for p in part_box]
            ys = [float(p[1]) for p in part_box]
            height = max(ys) - min(ys)
            made.append(PositionedLine(text=part, x0=min(xs) / scale, x1=max(xs) / scale, top=min(ys) / scale,
                                       bottom=max(ys) / scale, size=0.8 * height / scale, page=number, ocr=True))
        whole = _tidy(text)
        if not whole or not made:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        lines.append(PositionedLine(text=whole, x0=min(xs) / scale, x1=max(xs) / scale, top=min(ys) / scale,
                                    bottom=max(ys) / scale, size=0.8 * (max(ys) - min(ys)) / scale, page=number,
                                    ocr=True, pieces=made if len(made) > 1 else None))
    lines.sort(key=lambda l: (l.top, l.x0))
    return lines, edges


def _split_at_gaps(text: str, box, chars):
    """A detected line split where its characters leave a gap wider than 0.6 of their height: the
    detector joins the texts of neighbouring cells of a table without rulings into one line."""
    if not chars:
        return [(text, box)]
    parts, start = [], 0
    for i in range(1, len(text)):
        left, right = chars[i - 1], chars[i]
        height = max(p[1] for p in right) - min(p[1] for p in right)
        gap = min(p[0] for p in right) - max(p[0] for p in left)
        if gap > 0.6 * max(height, 1.0):
            parts.append((start, i))
            start = i
    parts.append((start, len(text)))
    if len(parts) == 1:
        return [(text, box)]
    out = []
    for a, b in parts:
        points = [p for c in chars[a:b] for p in c]
        out.append((text[a:b], points))
    return out


def _tesseract_lines(page, number: int, limits: Limits, deadline: Deadline) -> tuple[list[PositionedLine], list[dict]]:
    if not tesseract_available():
        raise OcrUnavailable("本机未安装 Tesseract 中文识别")
    scale = _DPI / 72
    image, edges = _prepared(page, scale)
    with tempfile.TemporaryDirectory(prefix="sifeng-ocr-") as tmp:
        path = Path(tmp) / "page.png"
        image.save(path)
        timeout = max(1.0, min(limits.ocr_seconds_per_page, deadline.remaining()))
        try:
            result = subprocess.run(
                ["tesseract", str(path), "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                capture_output=True, timeout=timeout, cwd=tmp, preexec_fn=PREEXEC,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrUnavailable(f"OCR 超时（单页超过 {timeout:.0f} 秒）") from exc
        except OSError as exc:
            raise OcrUnavailable(f"无法运行 Tesseract（{exc}）") from exc
    if result.returncode != 0:
        raise OcrUnavailable("Tesseract 运行失败：" + result.stderr.decode("utf-8", "replace")[-200:])
    return _lines_from_tsv(result.stdout.decode("utf-8", "replace"), number, scale), edges


_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_NEAR_CJK_SPACE = re.compile(rf"(?<={_CJK}) +| +(?={_CJK})")
_MASK = re.compile(r"(?<=[\u4e00-\u9fff])[xX×]{2}(?![A-Za-z])")
_ZERO_IN_DATE = re.compile(r"(?<=[一二三四五六七八九〇○零])[Oo0Ｏ](?=[一二三四五六七八九〇○零十年])")
_SPLIT_YEAR = re.compile(r"(?<=\b\d{3}) (?=\d年)|(?<=\b\d{2}) (?=\d{2}年)|(?<=\b\d) (?=\d{3}年)")
_HALF_TO_FULL = {":": "：", ",": "，", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT_NEAR_CJK = re.compile(rf"(?<={_CJK})[:,;?!()]|[:,;?!()](?={_CJK})")


def _tidy(text: str) -> str:
    """Tesseract separates every word, CJK characters included, and prints ASCII punctuation;
    Chinese prose has neither spaces nor half-width punctuation next to ideographs."""
    text = _NEAR_CJK_SPACE.sub("", remove_cjk_spaces(text))
    text = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    text = _NEAR_CJK_SPACE.sub("", text)
    # Masked names (王××) come out of Tesseract as Latin x.
    text = _MASK.sub("××", text)
    # “201 4年”: a year split by a gap between glyphs
    text = _SPLIT_YEAR.sub("", text)
    # 〇 in a Chinese date comes out as the letter O or the digit 0: “二O一四年”.
    return _ZERO_IN_DATE.sub("〇", text)


def _lines_from_tsv(tsv: str, number: int, scale: float) -> list[PositionedLine]:
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            conf = -1
        if conf < 10:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        groups.setdefault(key, []).append(row)
    lines = []
    for words in groups.values():
        left = min(int(w["left"]) for w in words)
        right = max(int(w["left"]) + int(w["width"]) for w in words)
        top = min(int(w["top"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        text = _tidy(" ".join(w["text"] for w in words))
        heights = sorted(int(w["height"]) for w in words)
        lines.append(PositionedLine(
            text=text, x0=left / scale, x1=right / scale, top=top / scale,
            bottom=bottom / scale, size=heights[len(heights) // 2] / scale, page=number, ocr=True))
    lines.sort(key=lambda l: (l.top, l.x0))
    return lines
