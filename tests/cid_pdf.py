"""A PDF whose text pdfminer can only give as “(cid:…)”: a Type0 font with Identity-H encoding,
an embedded TrueType subset and no ToUnicode map, the way some Chinese typesetting systems
write them. The embedded subset keeps its own Unicode cmap, from which the text is recoverable.
"""

from __future__ import annotations

import io

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from builders import find_cjk_font


def _subset_font(text: str) -> TTFont:
    path = find_cjk_font()
    font = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path)
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in text})
    subsetter.subset(font)
    return font


def cid_pdf_bytes(lines: list[str], *, keep_cmap: bool = True, size: float = 14.0,
                  lines_per_page: int = 0) -> bytes:
    """A4 pages with `lines` set in an Identity-H font with no ToUnicode (all on one page, or
    `lines_per_page` to a page).

    With `keep_cmap=False` the embedded font's cmap is removed too, so nothing maps the glyphs
    back to Unicode: the page is unreadable text and must be treated like a scan.
    """
    font = _subset_font("".join(lines))
    cmap = font.getBestCmap()
    gids = [[font.getGlyphID(cmap[ord(c)]) for c in line] for line in lines]
    units = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    widths = {}
    for line, ids in zip(lines, gids):
        for c, gid in zip(line, ids):
            widths[gid] = round(hmtx[cmap[ord(c)]][0] * 1000 / units)
    if not keep_cmap:
        del font["cmap"]
    font_bytes = io.BytesIO()
    font.save(font_bytes)
    font_data = font_bytes.getvalue()

    per_page = lines_per_page or max(1, len(gids))
    pages = [gids[i:i + per_page] for i in range(0, len(gids), per_page)] or [[]]
    streams = []
    for page in pages:
        content = ["BT", f"/F1 {size:g} Tf"]
        y = 760.0
        for ids in page:
            content.append(f"1 0 0 1 72 {y:g} Tm")
            content.append("<" + "".join(f"{g:04X}" for g in ids) + "> Tj")
            y -= size * 1.6
        content.append("ET")
        streams.append("\n".join(content).encode("ascii"))
    w_array = " ".join(f"{gid} [{w}]" for gid, w in sorted(widths.items()))

    # 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 font file, then a page and its contents
    first_page = 7
    kids = " ".join(f"{first_page + 2 * k} 0 R" for k in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), len(pages)),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SubsetSong /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SubsetSong "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 5 0 R /CIDToGIDMap /Identity /DW 1000 /W [" + w_array.encode() + b"] >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SubsetSong /Flags 4 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 /FontFile2 6 0 R >>",
        b"<< /Length %d /Length1 %d >>\nstream\n" % (len(font_data), len(font_data))
        + font_data + b"\nendstream",
    ]
    for k, stream in enumerate(streams):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (first_page + 2 * k + 1))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()
