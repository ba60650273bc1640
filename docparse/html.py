"""Web pages saved from government sites: the article body only, without navigation, footer,
script or style text, in the charset the page really uses."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator, Optional

from lxml import etree
from lxml import html as lxml_html

from .encoding import decode
from .errors import DamagedFileError, EmptyFileError
from .limits import Limits
from .model import Location, Table
from .structure import RawBlock
from .tables import guess_header_rows, resolve_grid
from .text import clean

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "object", "embed",
              "select", "button", "input", "textarea", "nav", "footer", "header", "aside", "form",
              "head", "link", "meta"}
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumb|crumbs?|share|copyright|banner|sidebar|"
    r"side|toolbar|login|search|related|comments?|advert|ads?|print|fontsize|pagination|pager|"
    r"friend-?links?|links|bottom|topbar|top|position|location|weizhi|daohang|dh|fx|bq)([\s_-]|$)",
    re.IGNORECASE,
)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4",
               "h5", "h6", "table", "tr", "td", "th", "blockquote", "pre", "center", "dd", "dt",
               "dl", "tbody", "thead", "font"}
_CONTAINERS = {"div", "article", "section", "td", "main", "body", "center", "font"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOILERPLATE_TEXT = re.compile(r"(版权所有|ICP备|联系我们|网站地图|当前位置|您现在的位置|打印本页|关闭窗口|"
                               r"【字体|字号：|分享到|浏览次数|访问量)")


_TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
         "wbr", "param", "track"}


class _CappedBuilder(HTMLParser):
    """Builds an lxml tree from Python's event parser, flattening nesting beyond a depth
    instead of losing the text inside it."""

    def __init__(self, max_depth: int):
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("html")
        self.stack = [self.root]
        self.max_depth = max_depth
        self.skipped: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "html":
            return
        if len(self.stack) >= self.max_depth:
            if tag not in _VOID:
                self.skipped[tag] = self.skipped.get(tag, 0) + 1
            return
        safe = tag if _NAME.match(tag) else "span"
        element = etree.SubElement(self.stack[-1], safe, {
            k: v or "" for k, v in attrs if _NAME.match(k) and v is not None and "\x00" not in v})
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.skipped.get(tag):
            self.skipped[tag] -= 1
            return
        safe = tag if _NAME.match(tag) else "span"
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == safe:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def _parse_capped(text: str, max_depth: int) -> etree._Element:
    builder = _CappedBuilder(max_depth)
    builder.feed(text)
    builder.close()
    return builder.root


def _charset(data: bytes) -> Optional[str]:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "ignore") if match else None


def read_html(data: bytes, limits: Limits) -> list[RawBlock]:
    """Raw blocks of the article in a saved web page."""
    text = decode(data, declared=_charset(data)).text
    text = text[: limits.max_text_chars]
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=False, recover=True, default_doctype=False)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyFileError("网页中没有可读的正文") from exc
    except etree.LxmlError as exc:
        raise DamagedFileError(f"网页结构无法解析（{exc}）") from exc
    if len(_CJK.findall(_text_of(root))) < 0.8 * len(_CJK.findall(_TAG.sub("", text))):
        # libxml2 stops at a nesting depth of 256 and drops what lies deeper.
        root = _parse_capped(text, limits.max_html_depth)
    page_title = _page_title(root)
    _strip_boilerplate(root, limits.max_html_depth)
    container = _best_container(root)
    if container is None:
        raise EmptyFileError("网页中没有找到正文内容")
    blocks = _without_link_lists(list(_blocks(container)))
    title = _article_title(root, container) or page_title or _leading_text(root, container)
    if title and not (blocks and blocks[0].text and title.startswith(clean(blocks[0].text)[:8])):
        blocks.insert(0, RawBlock(location=Location(paragraph=0), text=title, title_style=True))
    for index, block in enumerate(blocks):
        block.location = block.location.model_copy(update={"paragraph": index})
    return blocks


_LINK_LIST_HEAD = re.compile(r"^\s*(?:相关链接|相关阅读|相关文章|相关新闻|相关报道|延伸阅读|推荐阅读|热点推荐|热点文章)\s*[：:]?\s*$")
_PREV_NEXT = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条)\s*[：:]")


def _without_link_lists(blocks: list[RawBlock]) -> list[RawBlock]:
    """The page's own furniture inside the article box: a 相关链接 list (its heading and the short
    titles under it) and 上一篇/下一篇 lines."""
    out, in_list = [], False
    for block in blocks:
        text = block.text or ""
        if block.table is None and _LINK_LIST_HEAD.match(text):
            in_list = True
            continue
        if in_list and block.table is None and len(text.strip()) <= 40 and not re.search(r"[。；;]$", text.strip()):
            continue
        in_list = False
        if block.table is None and _PREV_NEXT.match(text):
            continue
        out.append(block)
    return out


def _page_title(root: etree._Element) -> Optional[str]:
    node = root.find(".//title")
    if node is None or not _text_of(node).strip():
        return None
    # Site names follow the article title after a separator: “标题_某某县人民政府”.
    return clean(re.split(r"\s*[_|｜—–]\s*|\s+-\s+", _text_of(node).strip())[0]) or None


def _strip_boilerplate(root: etree._Element, max_depth: int) -> None:
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)
            continue
        tag = element.tag.lower()
        if tag in _DROP_TAGS:
            doomed.append(element)
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if marker.strip() and _BOILERPLATE.search(marker) and _cjk_count(element) < 400:
            doomed.append(element)
    for element in doomed:
        _remove_keeping_tail(element)
    _flatten_deep(root, max_depth)


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove an element but keep the text that followed it (its tail) where it stood."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _flatten_deep(root: etree._Element, max_depth: int) -> None:
    """Cut nesting deeper than `max_depth` so that every later walk stays bounded; the text of
    the cut subtree is kept as text of the element at the limit."""
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= max_depth:
            text = _text_of(element)
            for child in list(element):
                element.remove(child)
            element.text = text
            continue
        stack.extend((child, depth + 1) for child in element if isinstance(child.tag, str))


def _text_of(element: etree._Element) -> str:
    return "".join(t for t in element.itertext() if isinstance(t, str))


def _cjk_count(element: etree._Element) -> int:
    return len(_CJK.findall(_text_of(element)))


def _own_text(element: etree._Element) -> str:
    """Text of an element without the text of its block-level children."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() not in _BLOCK_TAGS:
            parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _best_container(root: etree._Element) -> Optional[etree._Element]:
    """The element holding most paragraph text (readability's idea, scored on Chinese chars)."""
    scores: dict[etree._Element, float] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.lower() not in _BLOCK_TAGS:
            continue
        own = _own_text(element)
        cjk = len(_CJK.findall(own))
        if cjk < 8 or _BOILERPLATE_TEXT.search(own):
            continue
        parent = element.getparent()
        weight = 1.0
        while parent is not None and weight > 0.2:
            if parent.tag.lower() in _CONTAINERS:
                scores[parent] = scores.get(parent, 0.0) + cjk * weight
                weight *= 0.5
            parent = parent.getparent()
        if element.tag.lower() in _CONTAINERS:
            scores[element] = scores.get(element, 0.0) + cjk
    body = root.find(".//body")
    if body is None:
        body = root
    if not scores:
        return body if _cjk_count(body) else None
    best = max(scores, key=scores.__getitem__)
    # Most of the page's text must be inside the container, and a box whose parent wraps
    # nothing else is read with its parent's own text: a deep page whose best-scored element is
    # the innermost box, or text standing bare in <body>, widens the container to an ancestor.
    total = _cjk_count(body)
    while best is not body and best.getparent() is not None:
        parent = best.getparent()
        wrapper = len([c for c in parent if isinstance(c.tag, str)]) == 1
        if not wrapper and _cjk_count(best) >= 0.5 * total:
            break
        best = parent
    return best


def _article_title(root: etree._Element, container: etree._Element) -> Optional[str]:
    for xpath in (".//h1", ".//*[contains(@class,'title') or contains(@id,'title')]", ".//h2"):
        for node in root.xpath(xpath):
            text = clean(_text_of(node))
            if 4 <= len(text) <= 80 and _CJK.search(text) and not _BOILERPLATE_TEXT.search(text):
                return text
    return None


def _leading_text(root: etree._Element, container: etree._Element) -> Optional[str]:
    """A short line of text standing before the article container: a title without markup."""
    body = root.find(".//body")
    if body is None:
        return None
    for kind, payload in _walk(body):
        if kind != "text":
            continue
        text = clean(payload)  # type: ignore[arg-type]
        if clean(_text_of(container))[:200].startswith(text[:10]):
            return None
        if 4 <= len(text) <= 80 and _CJK.search(text):
            return text
        return None
    return None


def _blocks(container: etree._Element) -> Iterator[RawBlock]:
    table_index = 0
    for kind, payload in _walk(container):
        if kind == "table":
            table = _table(payload, table_index)
            if table is not None:
                yield RawBlock(location=Location(table=table_index), table=table)
                table_index += 1
            continue
        text = clean(payload)
        if text and not _BOILERPLATE_TEXT.search(text):
            yield RawBlock(location=Location(), text=text, heading_level=None,
                           centered=False)


def _walk(container: etree._Element) -> Iterator[tuple[str, object]]:
    """Yield ("text", str) for each visual paragraph and ("table", element) for data tables, in
    reading order. Iterative, so deep pages cannot exhaust the stack."""
    buffer: list[str] = []
    stack: list[tuple[str, object]] = [("enter", container)]
    while stack:
        action, item = stack.pop()
        if action == "text":
            buffer.append(item)  # type: ignore[arg-type]
            continue
        if action == "break":
            if "".join(buffer).strip():
                yield "text", "".join(buffer)
            buffer = []
            continue
        element = item
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "br":
            stack.append(("text", element.tail or ""))
            stack.append(("break", None))
            continue
        if tag == "table" and _is_data_table(element):
            if "".join(buffer).strip():
                yield "text", "".join(buffer)
            buffer = []
            yield "table", element
            if element.tail:
                stack.append(("text", element.tail))
            continue
        block = tag in _BLOCK_TAGS
        # Pushed in reverse: break, tail, children…, text, break.
        if element is not container and element.tail:
            stack.append(("text", element.tail))
        if block:
            stack.append(("break", None))
        for child in reversed([c for c in element if isinstance(c.tag, str)]):
            stack.append(("enter", child))
        if element.text:
            stack.append(("text", element.text))
        if block:
            stack.append(("break", None))
    if "".join(buffer).strip():
        yield "text", "".join(buffer)


def _rows(table: etree._Element) -> list[etree._Element]:
    return [tr for tr in table.iter("tr") if _nearest_table(tr) is table]


def _nearest_table(element: etree._Element) -> Optional[etree._Element]:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _is_data_table(table: etree._Element) -> bool:
    """A grid of data rather than a layout table wrapping the page."""
    rows = _rows(table)
    if len(rows) < 2 or table.find(".//table") is not None:
        return False
    widths = [len(row.xpath("./td|./th")) for row in rows]
    if sum(1 for w in widths if w >= 2) < len(rows) * 0.6:
        return False
    longest = max(len(clean(_text_of(c))) for row in rows for c in row.xpath("./td|./th"))
    return longest < 600


def _table(element: etree._Element, index: int) -> Optional[Table]:
    grid_rows = []
    for row in _rows(element):
        cells = []
        for cell in row.xpath("./td|./th"):
            cells.append((
                clean(_text_of(cell)),
                _span(cell.get("rowspan")),
                _span(cell.get("colspan")),
            ))
        grid_rows.append((cells, any(c.tag == "th" for c in row.xpath("./th"))))
    rows = resolve_grid([cells for cells, _ in grid_rows],
                        lambda r, c: Location(table=index, row=r, column=c))
    if not rows:
        return None
    header_rows = 1 if grid_rows[0][1] else 0
    return Table(rows=rows, header_rows=header_rows or guess_header_rows(rows))


def _span(value: Optional[str]) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1

