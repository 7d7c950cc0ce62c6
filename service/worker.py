"""The worker: takes OCR jobs (and background exports, service.export.background) from the queue.

One worker process runs one document at a time (OCR is CPU-bound; `hkd serve` starts one process per
core with `OMP_THREAD_LIMIT=1`). The heavy work runs in a thread so the event loop keeps sending
pgqueuer heartbeats; a worker that dies (SIGKILL, OOM, power) stops heart-beating and another worker
re-picks the job after the lease. Each start is a numbered attempt (see service.jobs); an input error
fails the job at once, other errors retry with exponential back-off and end in the dead-letter state.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import signal
import socket

import asyncpg
from pgqueuer.errors import RetryRequested
from pgqueuer.models import Job as QueueJob

from ocr.errors import InputError, OcrError
from service import processing
from service.db import create_pool
from service.export.background import Exporter
from service.export.store import ExportFiles
from service.jobs import Attempt, JobStatus, finish_attempt, start_attempt
from service.queue import EXPORT_ENTRYPOINT, OCR_ENTRYPOINT, new_queue_manager
from service.settings import Settings
from service.storage import BlobStore

log = logging.getLogger(__name__)

SET_DOCUMENT_STATUS = "update documents set status = $2, updated_at = now() where id = $1"


def backoff(attempt: int, base_seconds: float = 5.0) -> dt.timedelta:
    """base, 4×base, 16×base, … capped at 10 minutes (5 s, 20 s, 80 s by default)."""
    return dt.timedelta(seconds=min(600.0, base_seconds * 4 ** (attempt - 1)))


class Worker:
    def __init__(self, pool: asyncpg.Pool, blobs: BlobStore, settings: Settings, name: str | None = None):
        self.pool = pool
        self.blobs = blobs
        self.settings = settings
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self._one_at_a_time = asyncio.Semaphore(1)

    async def handle(self, queue_job: QueueJob) -> None:
        """The pgqueuer entrypoint: one attempt of one job."""
        job_id = int((queue_job.payload or b"0").decode())
        async with self._one_at_a_time:
            attempt = await start_attempt(self.pool, job_id, self.name)
            if attempt is None:
                return  # already finished: a re-pick after the result was committed
            await self._run_attempt(attempt)

    async def _run_attempt(self, attempt: Attempt) -> None:
        if attempt.number > attempt.max_attempts:
            await self._give_up(
                attempt, JobStatus.DEAD, "worker_lost", "the worker stopped during every attempt"
            )
            return
        log.info("job %s attempt %s/%s started", attempt.job_id, attempt.number, attempt.max_attempts)
        try:
            await self.pool.execute(SET_DOCUMENT_STATUS, attempt.document_id, "processing")
            await processing.process_document(self.pool, self.blobs, self.settings, attempt)
        except InputError as exc:
            await self._give_up(attempt, JobStatus.FAILED, exc.code, exc.detail)
        except Exception as exc:
            code = exc.code if isinstance(exc, OcrError) else "internal_error"
            detail = f"{type(exc).__name__}: {exc}"[:500]
            log.warning("job %s attempt %s failed: %s", attempt.job_id, attempt.number, code)
            if attempt.number >= attempt.max_attempts:
                await self._give_up(attempt, JobStatus.DEAD, code, detail)
                return
            await finish_attempt(self.pool, attempt, JobStatus.RETRYING, error_code=code, error_detail=detail)
            raise RetryRequested(
                delay=backoff(attempt.number, self.settings.job_retry_base_seconds), reason=code
            ) from exc

    async def _give_up(self, attempt: Attempt, status: JobStatus, code: str, detail: str) -> None:
        log.warning("job %s ends %s: %s", attempt.job_id, status, code)
        async with self.pool.acquire() as conn, conn.transaction():
            if await finish_attempt(conn, attempt, status, error_code=code, error_detail=detail[:500]):
                await conn.execute(SET_DOCUMENT_STATUS, attempt.document_id, "failed")


async def run_worker(settings: Settings, database_url: str, stop: asyncio.Event | None = None) -> None:
    """Process jobs until `stop` is set or SIGTERM/SIGINT arrives."""
    pool = await create_pool(database_url, settings, max_size=4)
    listener = await asyncpg.connect(database_url)
    purger: asyncio.Task[None] | None = None
    try:
        from rules import warm_up

        await asyncio.to_thread(warm_up)  # build the address/VSIC indexes before the first job, not during it
        worker = Worker(pool, BlobStore.open(settings.storage_url, settings.blob_dir), settings)
        manager = new_queue_manager(listener)
        manager.entrypoint(OCR_ENTRYPOINT)(worker.handle)
        files = ExportFiles.open(settings.storage_url, settings.blob_dir)
        exporter = Exporter(pool, files, worker.name, settings.data_dir / "tmp")
        manager.entrypoint(EXPORT_ENTRYPOINT)(exporter.handle)
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        watcher = asyncio.create_task(_propagate(stop, manager.shutdown))
        purger = asyncio.create_task(exporter.purge_periodically(stop))  # expired exports, every 10 min
        log.info("worker %s ready", worker.name)
        await manager.run(
            dequeue_timeout=dt.timedelta(seconds=5),
            batch_size=1,
            max_concurrent_tasks=2,
            heartbeat_timeout=dt.timedelta(seconds=settings.job_lease_seconds),
        )
        watcher.cancel()
        stop.set()
        await purger
    finally:
        if purger is not None:
            purger.cancel()
        await listener.close()
        await pool.close()


async def _propagate(source: asyncio.Event, target: asyncio.Event) -> None:
    await source.wait()
    target.set()
