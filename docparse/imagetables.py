"""Ruled tables in page images: skew measured and removed, then the horizontal and vertical ruling
lines found in the bitmap (NumPy and Pillow only) and returned as pdfplumber-style edges, so a scanned
table goes through the same lattice, merged-cell and continuation rules as a born-digital one.

A ruling line is a run of dark pixels far longer than any stroke of a character; the runs of each
pixel row (column) are taken, the long ones kept, and the runs of neighbouring rows (columns) that
overlap merged into one line. Strokes of characters that survive the length test do not touch the
lines around a cell, so they make no intersections and no cells.
"""

from __future__ import annotations

from typing import Optional


def _dark(gray, threshold: int = 150):
    import numpy as np

    return np.asarray(gray, dtype=np.uint8) < threshold


def skew_angle(gray, search: float = 3.0) -> float:
    """The angle (degrees, counter-clockwise) that makes text lines and rulings horizontal: the
    rotation whose row profile of dark pixels is sharpest, searched on a reduced image."""
    import numpy as np
    from PIL import Image

    dark = _dark(gray)
    h, w = dark.shape
    step = max(1, int(round(max(h, w) / 900)))
    small = Image.fromarray((dark[::step, ::step] * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rotated = np.asarray(small.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32)
        profile = rotated.sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-search, search + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    return float(fine)


def deskew(image, gray=None, min_angle: float = 0.2):
    """The image turned straight (white fill) and the angle it was turned by."""
    from PIL import Image

    angle = skew_angle(gray if gray is not None else image.convert("L"))
    if abs(angle) < min_angle:
        return image, 0.0
    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=fill), angle


def _runs(mask, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least `min_length` long, row by row."""
    import numpy as np

    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    rows_s, cols_s = np.nonzero(diff == 1)
    rows_e, cols_e = np.nonzero(diff == -1)
    lengths = cols_e - cols_s
    keep = lengths >= min_length
    return list(zip(rows_s[keep].tolist(), cols_s[keep].tolist(), cols_e[keep].tolist()))


def _merge(runs: list[tuple[int, int, int]], gap: int) -> list[tuple[float, int, int]]:
    """Runs of neighbouring rows that overlap become one line (its middle row, its extent);
    collinear pieces broken by noise are joined across small gaps."""
    lines: list[list[float]] = []  # [row_sum, count, start, end, last_row]
    for row, start, end in sorted(runs):
        for line in lines:
            if row - line[4] <= 2 and start <= line[3] + gap and end >= line[2] - gap:
                line[0] += row
                line[1] += 1
                line[2] = min(line[2], start)
                line[3] = max(line[3], end)
                line[4] = row
                break
        else:
            lines.append([row, 1, start, end, row])
    merged = [(line[0] / line[1], int(line[2]), int(line[3])) for line in lines]
    # Pieces of one ruling at the same height separated by a small gap (noise, JPEG). Kept small:
    # strokes of characters stacked in a column must not be chained into a ruling.
    merged.sort()
    out: list[list[float]] = []
    for y, x0, x1 in merged:
        if out and abs(out[-1][0] - y) <= 2 and x0 <= out[-1][2] + gap * 2:
            out[-1][2] = max(out[-1][2], x1)
            out[-1][1] = min(out[-1][1], x0)
        else:
            out.append([y, x0, x1])
    return [(y, int(x0), int(x1)) for y, x0, x1 in out]


def ruling_edges(gray, scale: float, dpi: Optional[float] = None) -> list[dict]:
    """Horizontal and vertical ruling lines of a straightened page image, as pdfplumber edges in
    PDF points (`scale` pixels per point)."""
    dark = _dark(gray)
    dpi = dpi or scale * 72
    h_min = int(0.35 * dpi)   # longer than any character stroke
    v_min = int(0.26 * dpi)   # taller than a character up to 18 pt; a table row's ruling is longer
    edges: list[dict] = []
    for y, x0, x1 in _merge(_runs(dark, h_min), gap=3):
        edges.append({"x0": x0 / scale, "x1": x1 / scale, "top": y / scale, "bottom": y / scale,
                      "width": (x1 - x0) / scale, "height": 0.0, "orientation": "h", "object_type": "line"})
    for x, y0, y1 in _merge(_runs(dark.T, v_min), gap=3):
        edges.append({"x0": x / scale, "x1": x / scale, "top": y0 / scale, "bottom": y1 / scale,
                      "width": 0.0, "height": (y1 - y0) / scale, "orientation": "v", "object_type": "line"})
    return edges
