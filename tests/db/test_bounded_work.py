"""Issue 14, bounded work per upload, with two real workers: a page that renders forever and a page that
inflates without bound each end `failed` with their reason within the configured limits, neither is
retried, a worker busy with one never holds a second job back from an idle worker, the idle worker
keeps processing a normal document meanwhile, and no worker (with its children) passes 1 GB RSS."""

from __future__ import annotations

import asyncio
import subprocess
import threading
from pathlib import Path

import asyncpg
import pytest

from service.jobs.ocr import JobStatus
from service.runtime.settings import Settings
from tests import files
from tests.db.test_worker import job_in, spawn_worker, upload, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.ocr]

TIMEOUT_S = 30  # HKD_OCR_TIMEOUT_SECONDS: the child is killed 5 s after it
MEMORY_MB = 1000  # HKD_OCR_MEMORY_MB: address space, ~0.5 GB of it libraries
ONE_GB = 1024**3
FINAL = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.DEAD)


def tree_rss(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (the forkserver, the OCR child, Tesseract)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


class RssWatch:
    """The largest tree RSS seen per process, sampled ten times a second in a thread."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = dict.fromkeys(pids, 0)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def add(self, pid: int) -> None:
        self.peak[pid] = 0
        self.pids.append(pid)

    def _run(self) -> None:
        while not self.done.wait(0.1):
            for pid in list(self.pids):
                self.peak[pid] = max(self.peak[pid], tree_rss(pid))

    def stop(self) -> dict[int, int]:
        self.done.set()
        self.thread.join()
        return self.peak


class WorkerOutput:
    """A worker's stderr read in a thread: tells when it is ready, keeps the rest for a failure."""

    def __init__(self, worker: subprocess.Popen[bytes]) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(worker,), daemon=True)
        self.thread.start()

    def _read(self, worker: subprocess.Popen[bytes]) -> None:
        assert worker.stderr is not None
        for raw in worker.stderr:
            line = raw.decode(errors="replace")
            self.lines.append(line)
            if " ready" in line:
                self.ready.set()


async def test_hostile_pages_fail_within_limits_while_the_other_worker_keeps_working(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    env = {
        "HKD_OCR_TIMEOUT_SECONDS": str(TIMEOUT_S),
        "HKD_OCR_MEMORY_MB": str(MEMORY_MB),
        "HKD_OCR_SECOND_READER": "0",  # its model's ~0.5 GB of address space would crowd the small limit
    }
    workers = [spawn_worker(db_settings, **env) for _ in range(2)]
    outputs = [WorkerOutput(worker) for worker in workers]
    watch = RssWatch([worker.pid for worker in workers])
    try:
        for output in outputs:
            assert await asyncio.to_thread(output.ready.wait, 120), "".join(output.lines)
        slow_job = await upload(pool, db_settings, files.make_slow_pdf(), "slow.pdf")
        await wait_for(lambda: job_in(pool, slow_job, JobStatus.RUNNING), timeout=30)
        normal_job = await upload(pool, db_settings, files.make_jpeg(), "normal.jpg")
        bomb_job = await upload(pool, db_settings, files.make_inflating_png(8000, 10000), "bomb.png")
        normal = await wait_for(lambda: job_in(pool, normal_job, *FINAL), timeout=60)
        bomb = await wait_for(lambda: job_in(pool, bomb_job, *FINAL), timeout=60)
        slow = await wait_for(lambda: job_in(pool, slow_job, *FINAL), timeout=60)
    finally:
        peaks = watch.stop()
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(15)
    log = "".join(line for output in outputs for line in output.lines)

    assert (normal.status, normal.attempts) == (JobStatus.SUCCEEDED, 1), log
    # Out of time either while it renders (the child is killed: time_limit) or, on a fast machine that
    # renders it inside the limit, while Tesseract reads the strokes (ocr_timeout, a time_limit kind).
    assert (slow.status, slow.attempts) == (JobStatus.FAILED, 1), log
    assert slow.error_code in ("time_limit", "ocr_timeout"), log
    assert (bomb.status, bomb.error_code, bomb.attempts) == (JobStatus.FAILED, "memory_limit", 1), log
    assert "thời gian" in (slow.error_detail or "") and "bộ nhớ" in (bomb.error_detail or "")
    rows = {row["id"]: row for row in await pool.fetch("select * from jobs")}
    slow_row, normal_row = rows[slow_job], rows[normal_job]
    assert (slow_row["finished_at"] - slow_row["started_at"]).total_seconds() < TIMEOUT_S + 5 + 5
    # The worker tied up by the slow page held nothing back: the other one did the rest meanwhile.
    assert normal_row["worker"] == rows[bomb_job]["worker"] != slow_row["worker"]
    assert normal_row["finished_at"] < slow_row["finished_at"]
    statuses = await pool.fetch("select status from documents order by id")
    # the normal upload is read to the end: a drawn test picture, so the layout gate's answer
    assert [r["status"] for r in statuses] == ["failed", "not_certificate", "failed"]
    assert all(0 < peak < ONE_GB for peak in peaks.values()), peaks
