"""OFD (GB/T 33190, the fixed-layout format of 党政机关 electronic documents), standard library only.

An OFD is a zip package: `OFD.xml` names each document's root (`DocRoot` → `Document.xml`), which
lists the pages (`Pages/Page/@BaseLoc` → `Content.xml`), their templates and the public resources.
Text sits in `TextObject`s (a `Boundary` box in millimetres, a font `Size`, an optional `CTM`) as
`TextCode` runs with a start point (`X`, `Y`: the baseline, relative to the box) and the advance of
each character (`DeltaX`, with the `g N v` repeat shorthand). Each character becomes a positioned
character as a PDF's would, so OFD pages go through the same line, paragraph and ruled-table rules as
PDF pages (tables from the horizontal and vertical segments of `PathObject`s).

Bounded like OOXML: the package's expansion and member count are checked from its directory before
anything is decompressed, every XML part with a DTD or entity declaration is refused, and the object
tree's depth and the number of characters are capped.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Optional
from xml.etree import ElementTree

from .errors import DamagedFileError, FileTooLargeError
from .limits import Deadline, Limits
from .model import Notice
from .ooxml import check_package, refuse_dtd
from .pdf import _Page, assemble, dedupe_chars, fill_page
from .pdfium import PageContent
from .structure import RawBlock

MM = 72 / 25.4  # millimetres → PDF points (the layout rules measure in points)
_MAX_DEPTH = 64
_MAX_PAGES = 500
_MAX_CHARS = 2_000_000
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ElementTree.Element, name: str) -> Optional[ElementTree.Element]:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in element if _local(child.tag) == name]


def _find(element: ElementTree.Element, *path: str) -> Optional[ElementTree.Element]:
    for name in path:
        if element is None:
            return None
        element = _child(element, name)
    return element


def _floats(text: Optional[str]) -> list[float]:
    return [float(x) for x in _NUMBER.findall(text or "")]


def _deltas(text: Optional[str]) -> list[float]:
    """A DeltaX/DeltaY list, with “g N v” (N times the value v) expanded."""
    out: list[float] = []
    tokens = (text or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                count, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                break
            out.extend([value] * min(count, 10_000))
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return out


class _Package:
    def __init__(self, data: bytes, limits: Limits):
        check_package(data, limits)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise DamagedFileError("文件已损坏：OFD 压缩结构无法读取") from exc
        self.names = {name.lstrip("/"): name for name in self.zip.namelist()}

    def xml(self, path: str) -> ElementTree.Element:
        key = posixpath.normpath(path.lstrip("/"))
        name = self.names.get(key)
        if name is None:
            raise DamagedFileError(f"文件已损坏：OFD 缺少部件“{key}”")
        raw = self.zip.read(name)
        refuse_dtd(key, raw)
        try:
            return ElementTree.fromstring(raw)
        except ElementTree.ParseError as exc:
            raise DamagedFileError(f"文件已损坏：OFD 部件“{key}”不是有效的 XML") from exc

    def has(self, path: str) -> bool:
        return posixpath.normpath(path.lstrip("/")) in self.names


def _resolve(base_dir: str, location: str) -> str:
    """A BaseLoc relative to the part that names it, or absolute from the package root."""
    location = location.strip()
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, location))


class _PageReader:
    def __init__(self, height_mm: float, limits: Limits, deadline: Deadline):
        self.chars: list[dict] = []
        self.edges: list[dict] = []
        self.height_mm = height_mm
        self.deadline = deadline
        self.images = 0

    def walk(self, element: ElementTree.Element, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise DamagedFileError("文件结构嵌套过深（OFD 页面对象超过 64 层）")
        for child in element:
            name = _local(child.tag)
            if name == "TextObject":
                self._text(child)
            elif name == "PathObject":
                self._path(child)
            elif name == "ImageObject":
                self.images += 1
            elif name in ("Layer", "PageBlock", "Content", "CompositeObject"):
                self.walk(child, depth + 1)
        if len(self.chars) > _MAX_CHARS:
            raise FileTooLargeError(f"OFD 文字超过 {_MAX_CHARS} 字，超过上限")

    def _text(self, obj: ElementTree.Element) -> None:
        box = _floats(obj.get("Boundary"))
        if len(box) < 4:
            return
        bx, by = box[0], box[1]
        size = float((_floats(obj.get("Size")) or [3.5])[0])
        ctm = _floats(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = (abs(a * d - b * c) ** 0.5) or 1.0
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
            for i, ch in enumerate(text):
                if i:
                    x += dx[i - 1] if i - 1 < len(dx) else (dx[-1] if dx else size)
                    y += dy[i - 1] if i - 1 < len(dy) else 0.0
                if ch.isspace():
                    continue
                # The baseline point through the object's transform, then into the page.
                px, py = bx + a * x + c * y + e, by + b * x + d * y + f
                height = size * scale
                width = height if ord(ch) > 0x2E7F else height * 0.5
                self.chars.append({"text": ch, "x0": px * MM, "x1": (px + width) * MM,
                                   "top": (py - 0.88 * height) * MM, "bottom": (py + 0.12 * height) * MM,
                                   "size": height * MM})

    def _path(self, obj: ElementTree.Element) -> None:
        box = _floats(obj.get("Boundary"))
        data = _find(obj, "AbbreviatedData")
        if len(box) < 4 or data is None or not data.text:
            return
        bx, by = box[0], box[1]
        tokens = data.text.split()
        point: Optional[tuple[float, float]] = None
        start: Optional[tuple[float, float]] = None
        i = 0
        while i < len(tokens):
            op = tokens[i]
            args = []
            j = i + 1
            while j < len(tokens) and _NUMBER.fullmatch(tokens[j]):
                args.append(float(tokens[j]))
                j += 1
            if op in ("M", "S") and len(args) >= 2:
                point = start = (bx + args[0], by + args[1])
            elif op == "L" and len(args) >= 2 and point is not None:
                nxt = (bx + args[0], by + args[1])
                self._edge(point, nxt)
                point = nxt
            elif op == "C" and point is not None and start is not None:
                self._edge(point, start)
                point = start
            elif op in ("B", "Q", "A") and args:
                point = (bx + args[-2], by + args[-1]) if len(args) >= 2 else point
            i = j if j > i + 1 else i + 1

    def _edge(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) < 0.2 and abs(x0 - x1) > 1:
            left, right = sorted((x0, x1))
            self.edges.append({"x0": left * MM, "x1": right * MM, "top": y0 * MM, "bottom": y0 * MM,
                               "width": (right - left) * MM, "height": 0.0, "orientation": "h",
                               "object_type": "line"})
        elif abs(x0 - x1) < 0.2 and abs(y0 - y1) > 1:
            top, bottom = sorted((y0, y1))
            self.edges.append({"x0": x0 * MM, "x1": x0 * MM, "top": top * MM, "bottom": bottom * MM,
                               "width": 0.0, "height": (bottom - top) * MM, "orientation": "v",
                               "object_type": "line"})


def read_ofd(data: bytes, limits: Limits, deadline: Deadline) -> tuple[list[RawBlock], list[Notice], int]:
    """Raw blocks, notices and page count of an OFD package (its first document)."""
    package = _Package(data, limits)
    root = package.xml("OFD.xml")
    body = _child(root, "DocBody")
    doc_root = _find(body, "DocRoot") if body is not None else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise DamagedFileError("文件已损坏：OFD.xml 中没有 DocRoot（文档入口）")
    doc_path = _resolve("", doc_root.text)
    doc_dir = posixpath.dirname(doc_path)
    document = package.xml(doc_path)
    common = _child(document, "CommonData")
    default_box = _floats(_find(common, "PageArea", "PhysicalBox").text) if common is not None and \
        _find(common, "PageArea", "PhysicalBox") is not None else [0, 0, 210, 297]
    templates = {}
    if common is not None:
        for template in _children(common, "TemplatePage"):
            if template.get("ID") and template.get("BaseLoc"):
                templates[template.get("ID")] = _resolve(doc_dir, template.get("BaseLoc"))
    page_refs = _children(_child(document, "Pages"), "Page") if _child(document, "Pages") is not None else []
    if not page_refs:
        raise DamagedFileError("文件已损坏：OFD 文档中没有页面")
    if len(page_refs) > min(_MAX_PAGES, limits.max_pdf_pages):
        raise FileTooLargeError(f"OFD 共 {len(page_refs)} 页，超过上限 {min(_MAX_PAGES, limits.max_pdf_pages)} 页")
    pages: list[_Page] = []
    notices: list[Notice] = []
    image_pages: list[int] = []
    for number, ref in enumerate(page_refs, start=1):
        deadline.check()
        location = ref.get("BaseLoc")
        if not location:
            continue
        page_xml = package.xml(_resolve(doc_dir, location))
        box = _floats(_find(page_xml, "Area", "PhysicalBox").text) if _find(page_xml, "Area", "PhysicalBox") \
            is not None else default_box
        height = box[3] if len(box) >= 4 else 297.0
        reader = _PageReader(height, limits, deadline)
        for used in _children(page_xml, "Template"):
            path = templates.get(used.get("TemplateID", ""))
            if path and package.has(path):
                template_xml = package.xml(path)
                content = _child(template_xml, "Content")
                if content is not None:
                    reader.walk(content)
        content = _child(page_xml, "Content")
        if content is not None:
            reader.walk(content)
        chars = dedupe_chars(reader.chars)
        if len(chars) < 8 and reader.images:
            image_pages.append(number)
        entry = _Page(number=number, height=height * MM)
        fill_page(entry, PageContent(width=(box[2] if len(box) >= 3 else 210) * MM, height=height * MM,
                                     chars=chars, edges=reader.edges, images=reader.images), chars)
        pages.append(entry)
    if image_pages:
        notices.append(Notice(code="needs_ocr", pages=image_pages, message=(
            f"OFD 第{'、'.join(map(str, image_pages))}页只有图像（扫描件），没有文字，未能识别；请提交带文字的 OFD 或 PDF")))
    return assemble(pages), notices, len(pages)


def is_ofd(names: set[str]) -> bool:
    return "OFD.xml" in names or "/OFD.xml" in names
