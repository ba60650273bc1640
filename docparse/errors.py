"""Typed parse failures, each with a Chinese message that names the file and the reason."""

from __future__ import annotations

from typing import Optional


class ParseError(Exception):
    """Base class: the file could not be turned into a Document.

    `code` is stable for programs; `reason` is the Chinese explanation; `str(err)` is the full
    message a person reads, naming the file.
    """

    code = "parse_error"
    default_reason = "无法解析"

    def __init__(self, reason: Optional[str] = None, *, filename: Optional[str] = None):
        self.reason = reason or self.default_reason
        self.filename = filename
        super().__init__(self.message)

    @property
    def message(self) -> str:
        name = f"“{self.filename}”" if self.filename else "（未命名输入）"
        return f"文件{name}无法读取：{self.reason}"

    def __str__(self) -> str:
        return self.message

    def with_filename(self, filename: Optional[str]) -> "ParseError":
        """Return the same error naming `filename` (readers raise before they know the name)."""
        if filename and not self.filename:
            self.filename = filename
            self.args = (self.message,)
        return self


class DamagedFileError(ParseError):
    code = "damaged"
    default_reason = "文件已损坏或不完整"


class EncryptedFileError(ParseError):
    code = "encrypted"
    default_reason = "文件设有打开密码，请去除密码后重新提交"


class EmptyFileError(ParseError):
    code = "empty"
    default_reason = "文件为空，或其中没有可读的正文"


class UnsupportedFormatError(ParseError):
    code = "unsupported"
    default_reason = "不支持的文件格式"


class FileTooLargeError(ParseError):
    code = "too_large"
    default_reason = "文件过大，超出处理上限"


class ParseTimeoutError(ParseError):
    code = "timeout"
    default_reason = "处理超时"


class ConverterMissingError(ParseError):
    code = "converter_missing"
    default_reason = (
        "读取 .doc/.wps 文件需要 LibreOffice，本机未安装"
        "（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
        "或在 Word/WPS 中另存为 .docx 后重新提交）"
    )
