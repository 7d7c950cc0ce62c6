"""The OCR job kind: what a job does to a document, as a list of named steps that report progress.

    load     → fetch the blob (limits were checked at upload); a reviewer's re-run turns its pages first;
               a batch's child fetches the readings the batch job kept of its pages (ocr.reading)
    ocr      → the OCR library with the deployment's upload limits: pages → preprocessing → Tesseract →
               extraction (a page with a kept reading goes straight to extraction), in a child process killed at `HKD_OCR_TIMEOUT_SECONDS` with an address-space
               limit of `HKD_OCR_MEMORY_MB` (ocr.bounded: a file that renders forever or inflates
               past the limit fails at once, as the file's fault), waited for in a thread so the event
               loop keeps heart-beating; it reports its own steps: load, preprocess, ocr, extract
    validate → the rules extraction does not run itself (contacts, amounts, addresses against the
               admin-unit index: rules.validate_extraction); doubtful fields demoted to needs_review
    store    → page images (blobs), then words, extraction (with what the reading found: a record, a
               partial one, or no certificate), attempt outcome and document status in one
               transaction, fenced on the attempt number

Every step is idempotent (content-addressed blobs, upserted pages, words replaced), so an attempt that
dies half way is simply run again; only the fenced finish decides which attempt's result counts.
Attempts, retries and dead letters are service.jobs.core's.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import asyncpg

from ocr.bounded import prepare_children, run_bounded
from ocr.errors import InputError, WorkerKilledError
from ocr.pipeline import read_file
from ocr.reading import reading_version
from ocr.results import DocumentResult
from ocr.second_reader.model import model_paths
from rules.record import validate_extraction
from service.db import Conn
from service.documents.extractions import store_result
from service.documents.rotation import rotate_pages
from service.documents.status import DocumentStatus, reading_outcome, set_status, status_after_reading
from service.jobs.core import AttemptSupersededError, JobFailure
from service.jobs.kinds import FileJobs
from service.jobs.ocr import (
    OCR_ENTRYPOINT,
    Attempt,
    JobStatus,
    JobStep,
    attempt_withdrawn,
    finish_attempt,
    report_progress,
    start_attempt,
)
from service.runtime.settings import Settings
from service.runtime.storage import BlobNotFoundError, BlobStore

T = TypeVar("T")
KILL_GRACE_SECONDS = 5.0
"""The pipeline keeps its own deadline (Tesseract calls are given what is left, and it stops with
`OcrTimeoutError`); the child is killed only when it overruns that by this much (a render that
never returns)."""

WATCH_SECONDS = 1.0
"""How often a running OCR job asks whether it is still wanted (one indexed row read)."""

SELECT_DOCUMENT = (
    "select sha256, page_count, original_name, batch_id, batch_pages from documents where id = $1"
)
SELECT_READINGS = """
select number, reading_sha256, view_sha256 from batch_pages
where batch_id = $1 and number = any($2::integer[]) and reading_sha256 is not null and view_sha256 is not null
  and reading_version = $3
"""
SELECT_ROTATIONS = "select page_rotations from jobs where id = $1"


LOCK_RUNNING_ATTEMPT = "select id from jobs where id = $1 and attempts = $2 and status = 'running' for update"


class OcrJobs(FileJobs):
    """The `JobKind` of OCR jobs (service.jobs.core; the shared frame: service.jobs.kinds)."""

    entrypoint = OCR_ENTRYPOINT

    def __init__(self, pool: asyncpg.Pool, blobs: BlobStore, settings: Settings) -> None:
        super().__init__(pool, blobs, settings)
        if settings.ocr_second_reader:
            model_paths(settings.models_dir_name)  # a missing model stops the worker at start, not each job
        # the OCR children's forkserver, started now with the model and reference data loaded once:
        # every child inherits them (none loads per document) and this process never holds the model
        prepare_children(second_reader=settings.ocr_second_reader, models_dir=settings.models_dir_name)

    async def start(self, job_id: int, worker: str) -> Attempt | None:
        return await start_attempt(self.pool, job_id, worker)

    async def run(self, attempt: Attempt) -> None:
        await set_status(self.pool, attempt.document_id, DocumentStatus.PROCESSING)
        await process_document(self.pool, self.blobs, self.settings, attempt)

    def input_detail(self, exc: InputError) -> str:
        return f"{exc.message_vi} ({exc.detail})"  # the clerk reads the reason: Vietnamese first

    async def give_up(self, attempt: Attempt, failure: JobFailure) -> None:
        """Failed (the input) or dead (every attempt): the document shows it, in the same transaction."""
        status = JobStatus.FAILED if failure.input_fault else JobStatus.DEAD
        async with self.pool.acquire() as conn, conn.transaction():
            detail = failure.detail[:500]
            if await finish_attempt(conn, attempt, status, error_code=failure.code, error_detail=detail):
                await set_status(conn, attempt.document_id, DocumentStatus.FAILED)

    async def retry_later(self, attempt: Attempt, failure: JobFailure) -> None:
        await finish_attempt(
            self.pool, attempt, JobStatus.RETRYING, error_code=failure.code, error_detail=failure.detail
        )


async def process_document(
    pool: asyncpg.Pool, blobs: BlobStore, settings: Settings, attempt: Attempt
) -> None:
    doc = await pool.fetchrow(SELECT_DOCUMENT, attempt.document_id)
    if doc is None:  # deleted with its job (a batch split again without it) after the attempt started
        raise AttemptSupersededError(f"job {attempt.job_id}: its document was removed")
    total = int(doc["page_count"])
    await report_progress(pool, attempt, JobStep.LOAD, 0, total)
    data = await blobs.get(doc["sha256"])
    rotations = await pool.fetchval(SELECT_ROTATIONS, attempt.job_id)
    if rotations:  # a reviewer's re-run: turn the original pages first (service.documents.rotation)
        data = await run_in_child(settings, rotate_pages, data, rotations, settings.upload_limits,
                                  withdrawn=lambda: attempt_withdrawn(pool, attempt))  # fmt: skip

    stored = {} if rotations else await stored_readings(pool, blobs, doc["batch_id"], doc["batch_pages"])
    result = await run_ocr(pool, attempt, data, doc["original_name"], settings, stored)

    await report_progress(pool, attempt, JobStep.VALIDATE, total, total)
    result.extraction = validate_extraction(result.extraction)

    await report_progress(pool, attempt, JobStep.STORE, total, total)
    async with pool.acquire() as conn, conn.transaction():
        # The job's row is locked before a page image is written, in the order a re-split deleting the
        # document locks (job, then document): that re-split waits for this commit, or has deleted the
        # job already, and then no page image is written for a document that is gone.
        if await conn.fetchval(LOCK_RUNNING_ATTEMPT, attempt.job_id, attempt.number) is None:
            raise AttemptSupersededError(f"job {attempt.job_id} attempt {attempt.number} was taken over")
        digests = [await blobs.put(page.image_png) for page in result.pages]
        if not await finish_attempt(conn, attempt, JobStatus.SUCCEEDED, step=JobStep.DONE):
            raise AttemptSupersededError(f"job {attempt.job_id} attempt {attempt.number} was taken over")
        await store_reading(conn, attempt.document_id, attempt.job_id, result, digests)


async def stored_readings(
    pool: asyncpg.Pool, blobs: BlobStore, batch_id: int | None, batch_pages: list[int] | None
) -> dict[int, tuple[bytes, bytes]]:
    """A batch child's pages as the batch job read them (page of this file → reading, view PNG), so they
    are not read again; a page without one, or with one of another reading version, is read."""
    if batch_id is None or not batch_pages:
        return {}
    rows = await pool.fetch(SELECT_READINGS, batch_id, batch_pages, reading_version())
    found = {r["number"]: r for r in rows}
    stored = {}
    for position, number in enumerate(batch_pages, start=1):
        if (row := found.get(number)) is not None:
            try:
                stored[position] = (
                    await blobs.get(row["reading_sha256"]),
                    await blobs.get(row["view_sha256"]),
                )
            except BlobNotFoundError:
                continue  # gone (a repair, a restore): read the page instead
    return stored


async def store_reading(
    conn: Conn, document_id: int, job_id: int, result: DocumentResult, digests: list[str]
) -> DocumentStatus:
    """The reading and what it found, and the status that follows from it (the review queue, or not
    for a page that is no certificate), inside the caller's transaction."""
    outcome = reading_outcome(result.extraction)
    await store_result(conn, document_id, job_id, result, digests, outcome)
    status = status_after_reading(outcome)
    await set_status(conn, document_id, status)
    return status


async def run_ocr(
    pool: asyncpg.Pool,
    attempt: Attempt,
    data: bytes,
    file_name: str,
    settings: Settings,
    stored: dict[int, tuple[bytes, bytes]] | None = None,
) -> DocumentResult:
    """Run the CPU-bound pipeline in a child process (ocr.bounded) with the configured limits, time
    and memory, waited for in a thread; its progress callbacks become row updates. `stored`: pages
    already read (`stored_readings`)."""
    loop = asyncio.get_running_loop()
    pending: set[asyncio.Future[bool]] = set()

    def on_progress(step: str, done: int, total: int) -> None:
        update = report_progress(pool, attempt, JobStep(step), done, total)
        pending.add(asyncio.run_coroutine_threadsafe(update, loop))  # type: ignore[arg-type]

    result = await run_in_child(
        settings,
        read_file,
        data,
        file_name,
        withdrawn=lambda: attempt_withdrawn(pool, attempt),
        on_progress=on_progress,
        timeout_s=settings.ocr_timeout_seconds,
        limits=settings.upload_limits,
        second_reader=settings.ocr_second_reader,
        models_dir=settings.models_dir_name,
        stored=stored,
    )
    for future in list(pending):
        await asyncio.wrap_future(future)
    return result


async def run_in_child(
    settings: Settings,
    fn: Callable[..., T],
    *args: Any,
    withdrawn: Callable[[], Awaitable[bool]] | None = None,
    **kwargs: Any,
) -> T:
    """`fn` in a child process (ocr.bounded) within the configured time and memory, waited for in a
    thread; a cancelled job (SIGTERM) kills its child instead of waiting for it, and so does a job
    that is `withdrawn` (asked every `WATCH_SECONDS`: its row deleted with its document, or taken over),
    which then stops quietly (AttemptSupersededError) instead of reading on for nothing."""
    cancel = threading.Event()
    bounded = functools.partial(
        run_bounded,
        fn,
        *args,
        kill_after_s=settings.ocr_timeout_seconds + KILL_GRACE_SECONDS,
        memory_mb=settings.ocr_memory_mb,
        cancel=cancel,
        **kwargs,
    )
    watcher = asyncio.create_task(watch(withdrawn, cancel)) if withdrawn is not None else None
    try:
        return await asyncio.to_thread(bounded)
    except asyncio.CancelledError:
        cancel.set()
        raise
    except WorkerKilledError:
        if watcher is not None and watcher.done() and watcher.result():
            raise AttemptSupersededError("the job was withdrawn while its file was read") from None
        raise
    finally:
        if watcher is not None:
            watcher.cancel()


async def watch(withdrawn: Callable[[], Awaitable[bool]], cancel: threading.Event) -> bool:
    """Until cancelled: True (and `cancel` set, which kills the child) once the job is withdrawn."""
    while not cancel.is_set():
        await asyncio.sleep(WATCH_SECONDS)
        try:
            gone = await withdrawn()
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            continue  # the database is briefly away: read on; the fenced finish still decides
        if gone:
            cancel.set()
            return True
    return False
