"""A child's own peak memory is its own, not its parent's: the batch memory benchmark's child once
reported 816 MB (the parent's peak, kept by ru_maxrss across fork + exec) for pages that took 457 MB."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.peak_rss import own_peak_rss_mb


def test_a_child_of_a_large_parent_reports_its_own_peak() -> None:
    ballast = bytearray(300 * 2**20)  # touched: resident in the parent
    ballast[::4096] = b"x" * len(ballast[::4096])
    code = "from benchmarks.peak_rss import own_peak_rss_mb; print(own_peak_rss_mb())"
    child = float(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    assert own_peak_rss_mb() > 300
    assert child < 200
    del ballast
