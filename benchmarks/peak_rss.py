"""A process's own peak resident memory. Not `ru_maxrss`: on Linux it keeps the parent's high-water mark
across fork (or vfork) + exec, so a child started by a parent that had just generated a large file
reports the parent's peak (stop 23: 816 MB for both a PDF and a TIFF child, whose own peaks were 457 and
408 MB). VmHWM in /proc/self/status is the peak of this process's own address space."""

from __future__ import annotations

import resource
from pathlib import Path


def own_peak_rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
