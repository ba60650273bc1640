"""Decide what a file is from its bytes; the extension only breaks ties between text kinds."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Optional

from .errors import DamagedFileError, EncryptedFileError, UnsupportedFormatError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|p|table|title)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(p|div|br|table|td|span|body|html)\b[^>]*>", re.IGNORECASE)


def sniff(data: bytes, filename: Optional[str] = None) -> str:
    """Return one of: pdf, ofd, docx, doc, wps, rtf, html, txt.

    Raises UnsupportedFormatError for other office formats, archives and binary data, and
    EncryptedFileError for password-protected Office files (an OLE container holding an
    EncryptedPackage).
    """
    ext = (filename or "").lower().rsplit(".", 1)[-1] if filename and "." in filename else ""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(data, ext)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    sample = _as_text_sample(data)
    if sample is None:
        raise UnsupportedFormatError("无法识别的文件格式（不是文本，也不是 Word、PDF 或网页文件）")
    if _HTML_START.search(sample) or (ext in ("html", "htm", "shtml", "xhtml")
                                      and _HTML_TAGS.search(sample)):
        return "html"
    if ext in ("html", "htm", "shtml") or len(_HTML_TAGS.findall(sample)) >= 3:
        return "html" if _HTML_TAGS.search(sample) else "txt"
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedFileError(f"文件已损坏：压缩结构无法读取（{exc.__class__.__name__}）") from exc
    if "word/document.xml" in names or any(n.startswith("word/document") for n in names):
        return "docx"
    if "OFD.xml" in names or "/OFD.xml" in names:
        return "ofd"
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedFormatError("这是 Excel 表格文件，暂不支持；请将材料另存为 Word 或 PDF")
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormatError("这是 PowerPoint 演示文件，暂不支持；请将材料另存为 Word 或 PDF")
    if "content.xml" in names and "mimetype" in names:
        raise UnsupportedFormatError("这是 OpenDocument（.odt）文件，暂不支持；请另存为 .docx")
    raise UnsupportedFormatError("这是一个压缩包而不是 Word 文档；批量审查请使用 sifeng screen")


def _sniff_ole(data: bytes, ext: str) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, IndexError) as exc:
        raise DamagedFileError("文件已损坏：OLE 复合文档结构无法读取") from exc
    try:
        streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    finally:
        ole.close()
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise EncryptedFileError()
    if "worddocument" in streams:
        return "wps" if ext == "wps" else "doc"
    if "workbook" in streams or "book" in streams:
        raise UnsupportedFormatError("这是 Excel 表格文件，暂不支持；请将材料另存为 Word 或 PDF")
    if "powerpoint document" in streams:
        raise UnsupportedFormatError("这是 PowerPoint 演示文件，暂不支持；请将材料另存为 Word 或 PDF")
    if ext == "wps" or any("wps" in s for s in streams):
        return "wps"
    raise UnsupportedFormatError("无法识别的 OLE 复合文档（不是 Word 文档）")


def _as_text_sample(data: bytes) -> Optional[bytes]:
    """The head of the data if it looks like text in some encoding, else None."""
    sample = data[:65536]
    if not sample.strip():
        return sample
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return sample.decode("utf-16", errors="ignore").encode("utf-8")
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    if controls <= len(sample) * 0.01:
        return sample
    # UTF-16 without BOM has a NUL in every other byte of ASCII-heavy text.
    if sample.count(b"\x00") > len(sample) * 0.2:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = sample[: len(sample) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            if _mostly_printable(text):
                return text.encode("utf-8")
    # Scattered NULs in otherwise clean text (an OA export artefact): text, once they go.
    cleaned = sample.replace(b"\x00", b"")
    rest = sum(1 for b in cleaned if b < 9 or 13 < b < 32 or b == 127)
    if cleaned.strip() and rest <= len(cleaned) * 0.01:
        return cleaned
    return None


def _mostly_printable(text: str) -> bool:
    if not text:
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable / len(text) > 0.95
