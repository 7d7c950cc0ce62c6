"""The batch job kind: classify a stack page by page, store each page as it comes, then split it.

    load      → the batch's blob, streamed into a temporary file (its limits were checked from the
                headers at upload); the job never holds the file's bytes, pages are read from the file
    classify  → one page at a time in a thread (ocr.batch.read: decode, read through the OCR pipeline
                and classify, turn upright, encode); the page, its thumbnail and its reading (which
                the child's OCR job uses instead of reading the page again) go to storage and its row
                is upserted (a clerk's override is kept), and `pages_done` moves, fenced on the attempt
    split     → service.batches.children: child files, documents and their OCR jobs, the outcome, the
                audit, with the fenced finish of the attempt, in one transaction

Attempts, retries and dead letters are service.jobs.core's, the same as for OCR and exports.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from pathlib import Path

import asyncpg

from ocr.batch.read import BatchPage, read_batch
from ocr.reading import reading_version
from service.batches.children import build_children
from service.batches.model import (
    BATCH_ENTRYPOINT,
    BatchAttempt,
    BatchStatus,
    finish_batch_attempt,
    get_batch_row,
    report_pages,
    start_batch_attempt,
)
from service.jobs.core import AttemptSupersededError, JobFailure
from service.jobs.kinds import FileJobs
from service.runtime.storage import BlobStore

UPSERT_PAGE = """
insert into batch_pages (batch_id, number, kind, other_kind, confidence, reasons, rotation, image_sha256,
                         thumb_sha256, width, height, grey, reading_sha256, view_sha256, reading_version)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
on conflict (batch_id, number) do update set
    kind = excluded.kind, other_kind = excluded.other_kind, confidence = excluded.confidence,
    reasons = excluded.reasons, rotation = excluded.rotation, image_sha256 = excluded.image_sha256,
    thumb_sha256 = excluded.thumb_sha256, width = excluded.width, height = excluded.height, grey = excluded.grey,
    reading_sha256 = excluded.reading_sha256, view_sha256 = excluded.view_sha256,
    reading_version = excluded.reading_version
"""
SELECT_UPLOADER = "select uploaded_by from batches where id = $1"


class BatchJobs(FileJobs):
    """The `JobKind` of batch jobs (service.jobs.core; the shared frame: service.jobs.kinds)."""

    entrypoint = BATCH_ENTRYPOINT

    async def start(self, job_id: int, worker: str) -> BatchAttempt | None:
        return await start_batch_attempt(self.pool, job_id, worker)

    async def run(self, attempt: BatchAttempt) -> None:
        batch = await get_batch_row(self.pool, attempt.job_id)
        assert batch is not None, "a batch is deleted only with its job"
        with tempfile.TemporaryDirectory(prefix="hkd-batch-") as tmp:
            path = Path(tmp) / "batch"
            await self.blobs.get_to_file(batch.sha256, path)
            pages = read_batch(path, self.settings.batch_limits)
            try:
                await classify_pages(self.pool, self.blobs, attempt, pages)
            finally:
                await asyncio.to_thread(pages.close)  # the open file and pdfium's document, before the unlink
        uploader = await self.pool.fetchval(SELECT_UPLOADER, batch.id)
        await build_children(self.pool, self.blobs, batch, max_attempts=self.settings.job_attempts,
                             attempt=attempt, uploaded_by=uploader)  # fmt: skip

    async def give_up(self, attempt: BatchAttempt, failure: JobFailure) -> None:
        status = BatchStatus.FAILED if failure.input_fault else BatchStatus.DEAD
        await finish_batch_attempt(self.pool, attempt, status, error_code=failure.code,
                                   error_detail=failure.detail[:500])  # fmt: skip

    async def retry_later(self, attempt: BatchAttempt, failure: JobFailure) -> None:
        await finish_batch_attempt(self.pool, attempt, BatchStatus.RETRYING, error_code=failure.code,
                                   error_detail=failure.detail[:500])  # fmt: skip


async def classify_pages(pool: asyncpg.Pool, blobs: BlobStore, attempt: BatchAttempt, pages: Iterator[BatchPage]) -> int:  # fmt: skip
    """Pull pages from the (CPU-bound) iterator in a thread, one at a time, and store each."""
    done = 0
    while (page := await asyncio.to_thread(next, pages, None)) is not None:
        image = await blobs.put(page.jpeg)
        thumb = await blobs.put(page.thumb)
        reading = view = version = None
        if page.reading is not None and page.view_png is not None:  # the child reads it from here
            reading, view, version = (
                await blobs.put(page.reading),
                await blobs.put(page.view_png),
                reading_version(),
            )
        c = page.page_class
        await pool.execute(UPSERT_PAGE, attempt.job_id, page.number, c.kind.value, c.other.value if c.other else None,
                           c.confidence, c.reasons, c.rotation, image, thumb, page.width, page.height, page.grey,
                           reading, view, version)  # fmt: skip
        del page
        done += 1
        if not await report_pages(pool, attempt, done):
            raise AttemptSupersededError(f"batch {attempt.job_id} attempt {attempt.number} was taken over")
    return done
