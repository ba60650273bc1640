"""Safety checks on an OOXML package before any XML in it is parsed: member count, total
and per-member expansion (zip bombs), and DTDs, which Office never writes and entity bombs need.
"""

from __future__ import annotations

import io
import zipfile

from .errors import DamagedFileError, FileTooLargeError
from .limits import Limits

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SMALL_MEMBER = 1024 * 1024


def check_package(data: bytes, limits: Limits) -> None:
    """Raise if the package would expand beyond the limits or carries a DTD in any XML part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedFileError("文件已损坏：压缩结构无法读取") from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise FileTooLargeError(f"文档包含 {len(members)} 个部件，超过上限 {limits.max_zip_members}")
        total = 0
        for info in members:
            total += info.file_size
            if info.file_size > _SMALL_MEMBER and info.compress_size and \
                    info.file_size / info.compress_size > limits.max_zip_ratio:
                raise FileTooLargeError(
                    f"部件“{info.filename}”解压后膨胀 {info.file_size // info.compress_size} 倍，"
                    "疑似压缩炸弹，已拒绝处理")
        if total > limits.max_unzipped_bytes:
            raise FileTooLargeError(
                f"文档解压后共 {total // (1024 * 1024)} MB，超过上限 "
                f"{limits.max_unzipped_bytes // (1024 * 1024)} MB")
        for info in members:
            if info.filename.lower().endswith(_XML_SUFFIXES):
                _check_xml_member(archive, info)


def _check_xml_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        with archive.open(info) as member:
            # A DTD must come before the root element, so the head of the part is enough.
            head = member.read(8192)
            read = len(head)
            while read < info.file_size and read < 64 * 1024 * 1024:
                chunk = member.read(1024 * 1024)
                if not chunk:
                    break
                read += len(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise DamagedFileError(f"文件已损坏：部件“{info.filename}”无法解压") from exc
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise DamagedFileError(f"部件“{info.filename}”含有 DTD 或实体声明（正常的 Office 文档不会有），已拒绝处理")
