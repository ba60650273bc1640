"""`parse()`: any submission file, as a path or bytes, into one Document."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional, Union

from .errors import EmptyFileError, FileTooLargeError, ParseError, DamagedFileError
from .limits import DEFAULT_LIMITS, Deadline, Limits
from .model import Document, Notice
from .sniff import sniff
from .structure import RawBlock, build_document

logger = logging.getLogger(__name__)

Source = Union[str, os.PathLike, bytes, bytearray, memoryview]


def _read_source(source: Source, filename: Optional[str], limits: Limits) -> tuple[bytes, Optional[str]]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > limits.max_file_bytes:
            raise FileTooLargeError(_too_large(len(data), limits), filename=filename)
        return data, filename
    path = Path(os.fspath(source))
    name = filename or str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise FileTooLargeError(_too_large(size, limits), filename=name)
        if path.is_dir():
            raise ParseError("这是一个文件夹，不是文件；批量审查请使用 sifeng screen", filename=name)
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise ParseError("文件不存在", filename=name) from exc
    except PermissionError as exc:
        raise ParseError("没有读取权限", filename=name) from exc
    except IsADirectoryError as exc:
        raise ParseError("这是一个文件夹，不是文件", filename=name) from exc
    except OSError as exc:
        raise ParseError(f"读取失败（{exc.strerror or exc}）", filename=name) from exc
    if len(data) > limits.max_file_bytes:
        raise FileTooLargeError(_too_large(len(data), limits), filename=name)
    return data, name


def _too_large(size: int, limits: Limits) -> str:
    return f"文件大小 {size / 1048576:.1f} MB，超过上限 {limits.max_file_bytes / 1048576:.0f} MB"


def parse(source: Source, *, filename: Optional[str] = None,
          limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a submission (path or bytes) into a Document.

    The format is decided from the content, not the extension. Every failure is a
    `ParseError` subclass whose message names the file and the reason, in Chinese.
    """
    data, name = _read_source(source, filename, limits)
    try:
        return _parse_bytes(data, name, limits)
    except ParseError as exc:
        raise exc.with_filename(name)
    except RecursionError as exc:
        raise DamagedFileError("文件结构嵌套过深，无法处理", filename=name) from exc
    except MemoryError as exc:
        raise FileTooLargeError("处理所需内存超出上限", filename=name) from exc
    except Exception as exc:
        # Third-party readers raise whatever their authors chose on malformed input; a
        # reader of the result needs the file named and a reason, not a stack trace.
        logger.debug("unexpected reader failure on %s", name, exc_info=True)
        raise DamagedFileError(f"文件已损坏或结构异常（{exc.__class__.__name__}）",
                               filename=name) from exc


def _parse_bytes(data: bytes, name: Optional[str], limits: Limits) -> Document:
    if not data.strip():
        raise EmptyFileError("文件为空（0 字节或只有空白）")
    deadline = Deadline(limits.total_seconds)
    fmt = sniff(data, name)
    notices: list[Notice] = []
    pages: Optional[int] = None
    raws: list[RawBlock]
    if fmt == "docx":
        from .docx import read_docx

        raws = read_docx(data, limits, deadline)
    elif fmt in ("doc", "wps", "rtf"):
        from .docx import read_docx
        from .office import check_word_binary, convert_to_docx

        if fmt != "rtf":
            check_word_binary(data)
        raws = read_docx(convert_to_docx(data, fmt, limits, deadline), limits, deadline)
    elif fmt == "pdf":
        from .pdf import read_pdf

        raws, notices, pages = read_pdf(data, limits, deadline)
    elif fmt == "ofd":
        from .ofd import read_ofd

        raws, notices, pages = read_ofd(data, limits, deadline)
    elif fmt == "html":
        from .html import read_html

        raws = read_html(data, limits)
    else:
        from .txt import read_txt

        raws, notices = read_txt(data, limits)
    document = build_document(raws, fmt=fmt, source=name, notices=notices, pages=pages)  # type: ignore[arg-type]
    # A scan with no text is still a document (flagged needs_ocr); a repair notice is not text.
    if not document.blocks and not any(n.code == "needs_ocr" for n in document.notices):
        raise EmptyFileError("文件中没有可读的正文")
    return document
