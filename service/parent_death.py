"""Child processes of `hkd serve` (workers, extra API processes) die with it, even when it is SIGKILLed:
otherwise each restart of a killed `serve` adds a set of orphans that keep taking jobs or the port."""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int | None = None) -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies. False when the parent
    (`parent_pid`) is already gone — it died before the request took effect — so the caller exits."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    return parent_pid is None or os.getppid() == parent_pid
