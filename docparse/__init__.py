"""docparse: every format an office submits (.docx, .doc/.wps, PDF, scanned PDF, .txt, saved
web pages) read into one typed Document of blocks, numbering levels, tables and locations.

It knows nothing of the four styles or of review; `classifiers` and `sifeng` build on it.
"""

from .api import parse
from .errors import (
    ConverterMissingError,
    DamagedFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    ParseError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from .limits import DEFAULT_LIMITS, Limits
from .model import Block, Cell, Document, Location, Metadata, Notice, Table

__all__ = [
    "parse", "Document", "Block", "Table", "Cell", "Location", "Metadata", "Notice",
    "Limits", "DEFAULT_LIMITS", "ParseError", "DamagedFileError", "EncryptedFileError",
    "EmptyFileError", "UnsupportedFormatError", "FileTooLargeError", "ParseTimeoutError",
    "ConverterMissingError",
]
