"""Shared test setup: the document builders are importable, and tools that CI must exercise
for real (Tesseract, LibreOffice) fail the run there instead of being skipped."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(TESTS))


def require(available: bool, what: str) -> None:
    """Skip when a system tool is missing, except under CI (SIFENG_REQUIRE_TOOLS=1)."""
    if available:
        return
    if os.environ.get("SIFENG_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{what} is required in CI but is not installed")
    pytest.skip(f"{what} not installed")


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS
