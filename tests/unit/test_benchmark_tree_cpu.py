"""The worker benchmark's CPU counts what a worker's forkserver reaps (stop 22): a process whose child
did the work and was reaped by it shows that work, where the root's own wait4 would not yet."""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.accuracy_runs import tree_cpu_s

BURN = """
import os, sys, time
pid = os.fork()
if pid == 0:  # the grandchild burns CPU and exits
    end = time.process_time() + 0.5  # counted in clock ticks: asserted with room below
    while time.process_time() < end:
        pass
    os._exit(0)
os.waitpid(pid, 0)  # reaped by its parent, as the forkserver reaps an OCR child
sys.stdout.write("done\\n")
sys.stdout.flush()
time.sleep(60)
"""


def test_cpu_of_a_reaped_grandchild_is_counted() -> None:
    proc = subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "done\n"
        time.sleep(0.1)
        assert tree_cpu_s(proc.pid) >= 0.4
    finally:
        proc.kill()
        proc.wait()


def test_a_process_that_is_gone_costs_nothing() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert tree_cpu_s(proc.pid) == 0.0
