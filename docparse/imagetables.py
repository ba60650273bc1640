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


# -- borderless tables ----------------------------------------------------------------------------

_HEADER_WORDS = ("序号", "存在问题", "存在的问题", "问题", "问题表现", "主要问题", "整改措施", "措施", "整改目标",
                 "整改任务", "责任人", "责任单位", "责任领导", "责任部门", "责任科室", "牵头单位", "牵头领导", "完成时限",
                 "时限", "完成时间", "整改时限", "时间节点", "类别", "制度名称", "备注", "整治重点", "整治任务")


def _rows_of(lines) -> list[list[int]]:
    """Indexes of OCR lines grouped into visual rows (vertical centres close), each left to right."""
    order = sorted(range(len(lines)), key=lambda k: (lines[k].top + lines[k].bottom) / 2)
    rows: list[list[int]] = []
    for k in order:
        line = lines[k]
        middle = (line.top + line.bottom) / 2
        height = max(1.0, line.bottom - line.top)
        if rows:
            last = lines[rows[-1][0]]
            if abs((last.top + last.bottom) / 2 - middle) < 0.5 * height:
                rows[-1].append(k)
                continue
        rows.append([k])
    return [sorted(row, key=lambda k: lines[k].x0) for row in rows]


def _is_header(texts: list[str]) -> bool:
    return len(texts) >= 3 and sum(1 for t in texts if t.replace(" ", "") in _HEADER_WORDS) >= 2


def borderless_table(lines, page: int):
    """A table without ruling lines in OCR'd lines: a header row of known column names (序号, 存在问题,
    整改措施, 责任人, 完成时限 …) whose columns are separated, down the rows below it, by vertical
    runs of white. Returns (Table, top, bottom, indexes of the lines used) or None."""
    from .model import Location, Table
    from .tables import fill_grid, guess_header_rows
    from .text import join_lines

    if len(lines) < 6:
        return None
    rows = _rows_of(lines)
    start = next((r for r, row in enumerate(rows) if _is_header([lines[k].text for k in row])), None)
    if start is None:
        return None
    header = rows[start]
    left, right = lines[header[0]].x0, lines[header[-1]].x1
    size = sorted(lines[k].size for k in header)[len(header) // 2] or 10.0
    width = max(1.0, right - left)
    region = [header]
    steps = []
    for row in rows[start + 1:]:
        top = min(lines[k].top for k in row)
        previous_bottom = max(lines[k].bottom for k in region[-1])
        wide = any(lines[k].x1 - lines[k].x0 > 0.7 * width for k in row)
        outside = any(lines[k].x0 < left - 2 * size or lines[k].x1 > right + 4 * size for k in row)
        if wide or outside or top - previous_bottom > 3 * size:
            break
        steps.append(top - previous_bottom)
        region.append(row)
    if len(region) < 3:
        return None
    # Column borders: between neighbouring header cells, the x that the fewest lines of the region
    # cross (OCR boxes are padded, so a neighbour's box may overlap the white river by a little).
    borders = []
    spans = [(lines[k].x0, lines[k].x1) for row in region for k in row]
    tolerance = max(1, int(0.15 * len(region)))
    for a, b in zip(header, header[1:]):
        lo, hi = int(lines[a].x1), int(lines[b].x0)
        if hi <= lo:
            return None
        counts = [sum(1 for x0, x1 in spans if x0 < x + 0.5 < x1) for x in range(lo, hi + 1)]
        least = min(counts)
        if least > tolerance:
            return None
        # The middle of the longest run of the least-crossed x.
        best, run_start, best_span = None, None, -1
        for i, n in enumerate(counts + [least + 1]):
            if n == least and run_start is None:
                run_start = i
            elif n != least and run_start is not None:
                if i - run_start > best_span:
                    best_span, best = i - run_start, lo + (run_start + i - 1) / 2
                run_start = None
        borders.append(best)

    def column(k) -> int:
        middle = (lines[k].x0 + lines[k].x1) / 2
        return sum(1 for b in borders if middle > b)

    # A new logical row where the white space above a visual row is wider than the spacing of lines
    # within a cell (cells are padded; a number or a name centred in its cell sits mid-row).
    logical: list[list[list[str]]] = [[[lines[k].text] for k in header]]
    previous_bottom = max(lines[k].bottom for k in header)
    for row in region[1:]:
        top = min(lines[k].top for k in row)
        if len(logical) == 1 or top - previous_bottom > 0.35 * size:
            logical.append([[] for _ in header])
        for k in sorted(row, key=lambda k: lines[k].top):
            logical[-1][column(k)].append(lines[k].text)
        previous_bottom = max(previous_bottom, max(lines[k].bottom for k in row))
    placed = []
    for r, cells in enumerate(logical):
        for c, parts in enumerate(cells):
            text = ""
            for part in parts:
                text = join_lines(text, part) if text else part
            placed.append((r, c, 1, 1, text))
    grid = fill_grid(placed, len(logical), lambda r, c: Location(page=page, row=r, column=c))
    table = Table(rows=grid, header_rows=guess_header_rows(grid))
    taken = [k for row in region for k in row]
    top = min(lines[k].top for k in taken)
    bottom = max(lines[k].bottom for k in taken)
    return table, top, bottom, taken
