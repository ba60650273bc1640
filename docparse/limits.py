"""Bounds on the work done for one input, so that no file can hang or exhaust the machine."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import ParseTimeoutError


@dataclass(frozen=True)
class Limits:
    """Every bound a reader honours. The defaults suit office submissions with a wide margin."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_zip_members: int = 5000
    max_pdf_pages: int = 500
    max_text_chars: int = 20_000_000
    max_html_depth: int = 400
    converter_seconds: float = 120.0
    ocr_seconds_per_page: float = 60.0
    total_seconds: float = 300.0


DEFAULT_LIMITS = Limits()


class Deadline:
    """A wall-clock budget that readers check between units of work (pages, parts)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def check(self) -> None:
        """Raise ParseTimeoutError when the budget is spent."""
        if time.monotonic() > self._end:
            raise ParseTimeoutError(f"处理超时（超过 {self.seconds:g} 秒）")
