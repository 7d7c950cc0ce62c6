"""The worker process: every kind of background job on one queue, with one set of resources.

`hkd serve` starts one worker process per core (`OMP_THREAD_LIMIT=1`: OCR is CPU-bound); `hkd worker`
starts one on another machine. Its resources come from the composition root (service.runtime, with
the configured settings and limits), and it refuses to start on a database with pending migrations.
Each kind is a `JobKind` run by a `JobRunner` (service.jobs.core: fenced attempts, back-off, dead
letters): OCR jobs (service.documents.processing) and background exports
(service.export.background) and batches (service.batches.processing: a scanned stack classified
and split into documents), one attempt of each at a time. Another kind plugs in with one more line
in `kinds` below. The heavy work runs in threads, so the event loop keeps sending pgqueuer
heartbeats; a worker that dies stops heart-beating, and another one re-picks its job after the lease.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import signal
import socket

import asyncpg
import msgspec

from service.batches.processing import BatchJobs
from service.documents.processing import OcrJobs
from service.export.background import ExportJobs, purge_periodically
from service.jobs.core import JobKind, JobRunner
from service.jobs.queue import new_queue_manager
from service.runtime import Purpose, open_runtime
from service.runtime.settings import Settings

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_worker(settings: Settings, database_url: str, stop: asyncio.Event | None = None) -> None:
    """Process jobs until `stop` is set or SIGTERM/SIGINT arrives."""
    settings = msgspec.structs.replace(settings, database_url=database_url)
    async with open_runtime(settings, Purpose.WORKER) as runtime:
        listener = await asyncpg.connect(database_url)  # pgqueuer LISTENs on a connection of its own
        purger: asyncio.Task[None] | None = None
        try:
            name = worker_name()
            tmp_dir = settings.data_dir / "tmp"
            kinds: list[JobKind] = [
                OcrJobs(runtime.pool, runtime.blobs, settings),
                ExportJobs(runtime.pool, runtime.storage, tmp_dir, settings.zone),
                BatchJobs(runtime.pool, runtime.blobs, settings),
            ]
            manager = new_queue_manager(listener)
            for kind in kinds:
                runner = JobRunner(kind, name, settings.job_retry_base_seconds)
                manager.entrypoint(kind.entrypoint)(runner.handle)
            stop = stop or asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            watcher = asyncio.create_task(_propagate(stop, manager.shutdown))
            purger = asyncio.create_task(purge_periodically(runtime.pool, runtime.storage, tmp_dir, stop))
            log.info("worker %s ready", name)
            await manager.run(
                dequeue_timeout=dt.timedelta(seconds=5),
                batch_size=1,
                max_concurrent_tasks=len(kinds),
                heartbeat_timeout=dt.timedelta(seconds=settings.job_lease_seconds),
            )
            watcher.cancel()
            stop.set()
            await purger
        finally:
            if purger is not None:
                purger.cancel()
            await listener.close()


async def _propagate(source: asyncio.Event, target: asyncio.Event) -> None:
    await source.wait()
    target.set()
