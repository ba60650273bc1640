"""Child processes that readers start (Tesseract, LibreOffice). They die with the process that
started them, and a host that runs readers in disposable workers can learn the process group of
each one, so that killing a worker leaves nothing running behind it."""

from __future__ import annotations

import os
import signal
import sys
from typing import Callable, Optional

_on_start: Optional[Callable[[int], None]] = None


def watch(callback: Optional[Callable[[int], None]]) -> None:
    """Have `callback(process_group)` called for every child group a reader starts."""
    global _on_start
    _on_start = callback


def started(process_group: int) -> None:
    """Readers call this right after starting a child in a process group of its own."""
    if _on_start is not None:
        _on_start(process_group)


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL the calling process when its parent dies (Linux; elsewhere a
    no-op). Used as a `preexec_fn` for children and at the start of worker processes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


# subprocess refuses a preexec_fn on Windows.
PREEXEC = die_with_parent if os.name == "posix" else None
