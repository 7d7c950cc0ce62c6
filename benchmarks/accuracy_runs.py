"""Running what is measured: `hkd extract --json` calls and plain `tesseract -l vie`, timed side by side.

Each command runs as a child process; its peak memory is read from /proc (VmHWM, the kernel's own peak)
while it runs, its Tesseract children's resident size is sampled, and its CPU time (its children
included) comes from `wait4`, so a crash, a slow start or a memory spike shows in the numbers.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool
from pathlib import Path
from typing import TypeVar

import msgspec
import psutil

from ocr.results import PageResult, Word
from samples.strict_score import View, view_from_json

SAMPLE_S = 0.1
T = TypeVar("T")
R = TypeVar("R")


class Call(msgspec.Struct):
    """One child process: its output lines with arrival times, and what it cost."""

    argv: list[str]
    lines: list[tuple[float, str]]
    stderr: str
    returncode: int
    wall: float
    cpu: float
    peak_rss_kb: int
    child_peak_rss_kb: int


class TreeMemory(msgspec.Struct):
    """A process and its descendants at one instant, in kB. RSS counts every page a process maps, so
    pages a forked child shares with its forkserver (the model, the reference data) count once per
    process; PSS divides each shared page among its sharers (the sum is what the tree costs the
    machine); USS is the pages only that process holds."""

    rss_sum: int = 0
    pss_sum: int = 0
    uss_max: int = 0


class Side(msgspec.Struct):
    """A measured pass over a set of pages on `jobs` processes."""

    name: str
    pages: int
    wall: float
    cpu: float
    jobs: int
    peak_rss_kb: int = 0
    child_peak_rss_kb: int = 0
    first_output_s: float | None = None
    per_file_s: float | None = None
    crashes: int = 0
    tree: TreeMemory | None = None
    """The worker path: one worker with its forkserver and OCR children at their peak."""

    @property
    def pages_per_minute(self) -> float:
        return 60 * self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages if self.pages else 0.0


def hkd_command() -> list[str]:
    script = Path(sys.executable).with_name("hkd")
    return [str(script)] if script.exists() else [sys.executable, "-m", "service.cli"]


REPO = Path(__file__).resolve().parents[1]


def extraction_env(second_reader: bool) -> dict[str, str]:
    """The environment of every measured command. PYTHONPATH puts this checkout first: the `hkd` script
    of a shared virtual environment imports whichever checkout was installed into it (editable), so
    a benchmark run from a worktree would otherwise time another checkout's code."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "HKD_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    if not second_reader:
        env["HKD_OCR_SECOND_READER"] = "0"
    else:
        env.pop("HKD_OCR_SECOND_READER", None)
    return env


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def children_rss_kb(pid: int) -> int:
    try:
        return max(
            (c.memory_info().rss // 1024 for c in psutil.Process(pid).children(recursive=True)), default=0
        )
    except (psutil.Error, OSError):
        return 0


def tree_memory_kb(pid: int) -> TreeMemory:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except (psutil.Error, OSError):
        return TreeMemory()
    out = TreeMemory()
    for proc in procs:
        try:
            info = proc.memory_full_info()
        except (psutil.Error, OSError):
            continue
        out.rss_sum += info.rss // 1024
        out.pss_sum += info.pss // 1024
        out.uss_max = max(out.uss_max, info.uss // 1024)
    return out


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of a process and its live descendants, each with the children it
    has reaped: the worker's OCR children are forked and reaped by its forkserver, so the worker's own
    wait4 never sees them. Sampled while the tree is alive (a process that ends unreaped is lost)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except (psutil.Error, OSError):
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except (psutil.Error, OSError):
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def peak_tree(a: TreeMemory, b: TreeMemory) -> TreeMemory:
    return TreeMemory(max(a.rss_sum, b.rss_sum), max(a.pss_sum, b.pss_sum), max(a.uss_max, b.uss_max))


def run_call(argv: Sequence[str], env: dict[str, str]) -> Call:
    """Run one command to its end, sampling memory; CPU (self + children) from wait4."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    lines: list[tuple[float, str]] = []
    err: list[str] = []
    assert proc.stdout is not None and proc.stderr is not None
    out_pipe, err_pipe = proc.stdout, proc.stderr
    readers = [
        threading.Thread(target=lambda: lines.extend((time.perf_counter() - start, ln) for ln in out_pipe)),
        threading.Thread(target=lambda: err.extend(err_pipe)),
    ]
    for r in readers:
        r.start()
    peak = child_peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, vm_hwm_kb(proc.pid))
        child_peak = max(child_peak, children_rss_kb(proc.pid))
        time.sleep(SAMPLE_S)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    cpu = usage.ru_utime + usage.ru_stime
    peak = max(peak, usage.ru_maxrss if peak == 0 else 0)
    return Call(
        list(argv), lines, "".join(err), proc.returncode, time.perf_counter() - start, cpu, peak, child_peak
    )


def extract_files(files: list[Path], env: dict[str, str]) -> tuple[dict[str, View], list[Call]]:
    """`hkd extract --json` over `files` in one call; if the call dies, the rest go to a new call."""
    views: dict[str, View] = {}
    calls: list[Call] = []
    todo = list(files)
    while todo:
        call = run_call([*hkd_command(), "extract", *map(str, todo), "--json"], env)
        calls.append(call)
        for _, line in call.lines:
            if line.strip():
                obj = msgspec.json.decode(line)
                views[str(obj.get("file"))] = view_from_json(obj)
        crashed = (
            call.returncode < 0 or call.returncode > 1 or "Traceback (most recent call last)" in call.stderr
        )
        if not crashed:
            break
        remaining = [p for p in todo if p.name not in views and f"{p}:" not in call.stderr]
        todo = remaining[1:]  # the first file without an answer is the one that killed the call
    return views, calls


def balance(files: list[tuple[Path, int]], jobs: int) -> list[list[Path]]:
    """Split (file, pages) into `jobs` chunks of similar page counts, keeping the given order inside."""
    chunks: list[list[Path]] = [[] for _ in range(jobs)]
    load = [0] * jobs
    for path, pages in files:
        i = load.index(min(load))
        chunks[i].append(path)
        load[i] += pages
    return [c for c in chunks if c]


def extract_parallel(
    files: list[tuple[Path, int]], env: dict[str, str], jobs: int, name: str
) -> tuple[dict[str, View], Side]:
    """`jobs` concurrent `hkd extract` calls, one chunk each: the accuracy pass, timed as a whole."""
    chunks = balance(files, jobs)
    start = time.perf_counter()
    with ThreadPoolExecutor(len(chunks)) as pool:
        results = list(pool.map(lambda chunk: extract_files(chunk, env), chunks))
    wall = time.perf_counter() - start
    views: dict[str, View] = {}
    calls: list[Call] = []
    for found, made in results:
        views |= found
        calls += made
    side = Side(name, sum(p for _, p in files), wall, sum(c.cpu for c in calls), len(chunks),
                peak_rss_kb=max(c.peak_rss_kb for c in calls), child_peak_rss_kb=max(c.child_peak_rss_kb for c in calls),
                crashes=sum("Traceback (most recent" in c.stderr or c.returncode not in (0, 1) for c in calls))  # fmt: skip
    return views, side


def extract_one_call(files: list[Path], pages: int, env: dict[str, str]) -> Side:
    """All `files` in ONE `hkd extract` call: start-up (first answer) and the steady time per file."""
    call = run_call([*hkd_command(), "extract", *map(str, files), "--json"], env)
    stamps = [t for t, line in call.lines if line.strip()]
    per_file = (stamps[-1] - stamps[0]) / (len(stamps) - 1) if len(stamps) > 1 else None
    first = stamps[0] if stamps else None
    return Side("hkd extract, one call", pages, call.wall, call.cpu, 1, call.peak_rss_kb, call.child_peak_rss_kb,
                first_output_s=first, per_file_s=per_file, crashes=int(call.returncode not in (0, 1)))  # fmt: skip


def _cpu_self_and_children() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def read_page_plain(image_path: str) -> tuple[list[Word], float, str | None]:
    """Plain `tesseract IMAGE - -l vie tsv` (default settings): words, CPU seconds, error."""
    from ocr.tesseract import read_words_plain

    before = _cpu_self_and_children()
    try:
        words, error = read_words_plain(image_path), None
    except Exception as exc:  # a failed page is scored, not fatal
        words, error = [], f"{type(exc).__name__}: {exc}"
    return words, _cpu_self_and_children() - before, error


def plain_pass(images: list[str], jobs: int, name: str) -> tuple[list[list[Word]], Side]:
    """Plain Tesseract over page images (decoded beforehand, untimed) with `jobs` processes."""
    start = time.perf_counter()
    with Pool(jobs) as pool:
        results = pool.map(read_page_plain, images, chunksize=1)
    wall = time.perf_counter() - start
    side = Side(
        name,
        len(images),
        wall,
        sum(r[1] for r in results),
        jobs,
        crashes=sum(r[2] is not None for r in results),
    )
    return [r[0] for r in results], side


def extract_plain(job: tuple[str, list[list[Word]], list[tuple[int, int]]]) -> View:
    """The same label extractor on plain Tesseract's words (what 'raw OCR' would give)."""
    from ocr.extraction import extract_record

    name, words, sizes = job
    pages = [PageResult(number=i + 1, width=w, height=h, rotation=0, image_png=b"", words=ws)
             for i, (ws, (w, h)) in enumerate(zip(words, sizes, strict=True))]  # fmt: skip
    extraction = extract_record(name, pages)
    return view_from_json(msgspec.to_builtins(extraction))


def map_pool(fn: Callable[[T], R], items: list[T], jobs: int) -> list[R]:
    with Pool(jobs) as pool:
        return pool.map(fn, items, chunksize=1)
