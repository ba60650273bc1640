"""Safety checks on an OOXML package: member count, total and per-member expansion (zip bombs)
before anything is decompressed, and DTDs (which Office never writes and entity bombs need)
refused in every part before it is parsed."""

from __future__ import annotations

import io
import zipfile

from .errors import DamagedFileError, FileTooLargeError
from .limits import Limits

_SMALL_MEMBER = 1024 * 1024


def check_package(data: bytes, limits: Limits) -> None:
    """Raise if the package would expand beyond the limits, judged from its directory alone."""
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


def refuse_dtd(name: str, raw: bytes) -> None:
    """Raise for an XML part that declares a DTD: Office never writes one, entity bombs and
    external entities need one. Called on every part before it is parsed."""
    head = raw[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise DamagedFileError(f"部件“{name}”含有 DTD 或实体声明（正常的 Office 文档不会有），已拒绝处理")
