"""The worker path, timed: files uploaded into a real (embedded) PostgreSQL, `jobs` real `hkd worker`
processes read them from the queue, and the clock stops when every job has ended.

Wall time includes the workers' start-up (imports, reference-data indexes); the steady time runs from
the first job's start to the last job's end, as the database recorded them. Peak memory is each worker
process's VmHWM; its OCR children are sampled separately. CPU is each worker's whole tree (worker,
forkserver, OCR children: `tree_cpu_s`), so the worker path's CPU a page is the reading's cost.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import asyncpg
import msgspec

from benchmarks.accuracy_runs import (
    Side,
    TreeMemory,
    children_rss_kb,
    hkd_command,
    peak_tree,
    tree_cpu_s,
    tree_memory_kb,
    vm_hwm_kb,
)

TERMINAL = ("succeeded", "failed", "dead")
LIMIT_S = 3600


async def upload_all(url: str, data_dir: Path, files: list[Path]) -> None:
    from service.documents.uploads import accept_upload
    from service.runtime import Purpose, open_runtime
    from service.runtime.settings import Settings

    settings = msgspec.structs.replace(Settings(data_dir_name=str(data_dir)), database_url=url)
    async with open_runtime(settings, Purpose.MIGRATE) as runtime:
        await runtime.migrate()
        for path in files:
            await accept_upload(
                runtime.pool, runtime.blobs, path.read_bytes(), path.name, settings.upload_limits
            )


async def wait_for_jobs(
    url: str, procs: list[subprocess.Popen[bytes]], trees: list[TreeMemory], cpus: list[float]
) -> tuple[list[int], list[int], float, int]:
    """Poll until every job has ended: (peak RSS per worker, child peaks, steady seconds, failed jobs);
    `trees` gets each worker's peak memory with its forkserver and OCR children (RSS, PSS, USS), `cpus`
    each worker tree's CPU seconds (`tree_cpu_s`, the largest sample: it only grows while no process
    is lost)."""
    peaks, kids = [0] * len(procs), [0] * len(procs)
    conn = await asyncpg.connect(url)
    try:
        deadline = time.perf_counter() + LIMIT_S
        while time.perf_counter() < deadline:
            for i, proc in enumerate(procs):
                peaks[i] = max(peaks[i], vm_hwm_kb(proc.pid))
                kids[i] = max(kids[i], children_rss_kb(proc.pid))
                trees[i] = peak_tree(trees[i], tree_memory_kb(proc.pid))
                cpus[i] = max(cpus[i], tree_cpu_s(proc.pid))
            left = await conn.fetchval(
                "select count(*) from jobs where status <> all($1::text[])", list(TERMINAL)
            )
            if left == 0 or all(p.poll() is not None for p in procs):
                for i, proc in enumerate(procs):  # the last job's child has been reaped by now
                    cpus[i] = max(cpus[i], tree_cpu_s(proc.pid))
                break
            await asyncio.sleep(0.2)
        steady = await conn.fetchval(
            "select extract(epoch from max(finished_at) - min(started_at)) from jobs"
        )
        failed = await conn.fetchval("select count(*) from jobs where status <> 'succeeded'")
    finally:
        await conn.close()
    return peaks, kids, float(steady or 0.0), int(failed)


def stop_workers(procs: list[subprocess.Popen[bytes]]) -> float:
    """SIGTERM each worker (they finish their job and exit); CPU seconds of them and the children they
    reaped (not the forkserver's children: see `tree_cpu_s`)."""
    cpu = 0.0
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
    return cpu


def measure_worker(files: list[Path], pages: int, jobs: int, env: dict[str, str]) -> tuple[Side, int]:
    """(the worker side, failed jobs) for `files` on `jobs` worker processes."""
    from service.db.embedded import EmbeddedPostgres

    with tempfile.TemporaryDirectory(prefix="hkd-acc-worker-") as tmp:
        data_dir = Path(tmp) / "var"
        server = EmbeddedPostgres(data_dir, fsync=False)
        url = server.start()
        try:
            asyncio.run(upload_all(url, data_dir, files))
            wenv = {**env, "DATABASE_URL": url, "HKD_DATA_DIR": str(data_dir)}
            start = time.perf_counter()
            procs = [subprocess.Popen([*hkd_command(), "worker"], env=wenv, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL) for _ in range(jobs)]  # fmt: skip
            try:
                trees = [TreeMemory() for _ in procs]
                cpus = [0.0 for _ in procs]
                peaks, kids, steady, failed = asyncio.run(wait_for_jobs(url, procs, trees, cpus))
                wall = time.perf_counter() - start
            finally:
                waited = stop_workers(procs)
            cpu = max(waited, sum(cpus))  # the trees' CPU, OCR children included
        finally:
            server.destroy()
    side = Side("worker path", pages, wall, cpu, jobs, peak_rss_kb=max(peaks), child_peak_rss_kb=max(kids),
                per_file_s=steady / len(files) if files else None, first_output_s=wall - steady,
                tree=max(trees, key=lambda t: t.pss_sum))  # fmt: skip
    return side, failed
