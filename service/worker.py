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

While the database cannot be reached the worker waits and tries again, with one log line per outage
and no traceback; SIGTERM stops it within a few seconds even then (a job still running after
`STOP_GRACE_SECONDS` is left to be re-picked after its lease, as if the worker had died).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import signal
import socket
from collections.abc import Callable

import asyncpg
import msgspec

from service.batches.processing import BatchJobs
from service.documents.processing import OcrJobs
from service.export.background import ExportJobs, purge_periodically
from service.i18n.messages import text
from service.jobs.core import JobKind, JobRunner
from service.jobs.queue import new_queue_manager
from service.runtime import Purpose, open_runtime
from service.runtime.settings import Settings

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 30.0
STOP_GRACE_SECONDS = 3.0
"""After SIGTERM a running job gets this long to finish; then `run_worker` gives up on it
(`StopTimeoutError`) and `hkd worker` exits at once: the job is picked again after its lease,
exactly as if the worker had died."""

DATABASE_DOWN: tuple[type[BaseException], ...] = (
    OSError,  # refused, no socket, timed out
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,  # starting up, shutting down
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.InterfaceError,  # the connection was closed under us
)


class QuietPoolOutage(logging.Filter):
    """asyncpg's pool logs a traceback each time it cannot restore its minimum of connections
    (`Failed to restore the pool connection floor`), which is every few hundred ms while the
    database is down; the worker's own line says so once per outage."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DATABASE_DOWN)


def quiet_pool_outages() -> None:
    pool_log = logging.getLogger("asyncpg.pool")
    if not any(isinstance(f, QuietPoolOutage) for f in pool_log.filters):
        pool_log.addFilter(QuietPoolOutage())


class StopTimeoutError(Exception):
    """A job was still running `STOP_GRACE_SECONDS` after the stop."""


async def run_worker(settings: Settings, database_url: str, stop: asyncio.Event | None = None) -> None:
    """Process jobs until `stop` is set or SIGTERM/SIGINT arrives. While the database cannot be
    reached, wait and try again (1 s, 2 s, 4 s … at most 30 s), saying so once per outage."""
    stop = stop or asyncio.Event()
    quiet_pool_outages()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    delay, outage = FIRST_RETRY_SECONDS, False

    def connected() -> None:
        nonlocal delay, outage
        if outage:
            log.warning(text("cli.database_back"))
        delay, outage = FIRST_RETRY_SECONDS, False

    while not stop.is_set():
        work = asyncio.create_task(_process_jobs(settings, database_url, stop, connected))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if not work.done():
            await asyncio.wait({work}, timeout=STOP_GRACE_SECONDS)
            if not work.done():
                raise StopTimeoutError("a job was still running after the stop")
        error = work.exception()
        if error is None:
            return
        if not isinstance(error, DATABASE_DOWN) and await _database_answers(database_url):
            raise error
        if not outage:
            reason = type(error).__name__
            log.warning(text("cli.database_down", reason=reason, seconds=round(MAX_RETRY_SECONDS)))
        outage = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(MAX_RETRY_SECONDS, delay * 2)


async def _database_answers(database_url: str) -> bool:
    """Whether PostgreSQL takes a connection now. A connection cut in the middle of a statement
    fails with whatever asyncpg was doing (`InternalClientError: cannot switch to state …` when
    pgqueuer's startup query met the shutdown): while the database is gone, that is the outage,
    not a bug to crash on."""
    try:
        conn = await asyncpg.connect(database_url, timeout=5)
    except Exception as exc:
        if isinstance(exc, (*DATABASE_DOWN, asyncpg.PostgresError)):
            return False
        raise
    await conn.close()
    return True


async def _process_jobs(
    settings: Settings, database_url: str, stop: asyncio.Event, connected: Callable[[], None]
) -> None:
    settings = msgspec.structs.replace(settings, database_url=database_url)
    async with open_runtime(settings, Purpose.WORKER) as runtime:
        listener = await asyncpg.connect(database_url)  # pgqueuer LISTENs on a connection of its own
        purger: asyncio.Task[None] | None = None
        watcher: asyncio.Task[None] | None = None
        try:
            connected()
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
            watcher = asyncio.create_task(_propagate(stop, manager.shutdown))
            purger = asyncio.create_task(purge_periodically(runtime.pool, runtime.storage, tmp_dir, stop))
            log.info("worker %s ready", name)
            await manager.run(
                dequeue_timeout=dt.timedelta(seconds=5),
                batch_size=1,
                max_concurrent_tasks=len(kinds),
                heartbeat_timeout=dt.timedelta(seconds=settings.job_lease_seconds),
            )
            if not stop.is_set():  # pgqueuer gave up (its connection went): the database is gone
                raise asyncpg.InterfaceError("the queue's connection was lost")
        finally:
            if watcher is not None:
                watcher.cancel()
            if purger is not None:
                purger.cancel()
            with contextlib.suppress(*DATABASE_DOWN):
                await asyncio.wait_for(listener.close(), 2)


async def _propagate(source: asyncio.Event, target: asyncio.Event) -> None:
    await source.wait()
    target.set()
