"""What a job does to a document, as a list of named steps that report progress.

    load     → fetch the blob (limits were checked at upload); a reviewer's re-run turns its pages first
    ocr      → the OCR library: pages → preprocessing → Tesseract → extraction (in a thread, so the event
               loop keeps heart-beating), reporting its own steps: load, preprocess, ocr, extract
    validate → the rules extraction does not run itself (contacts, amounts, addresses against the
               admin-unit index: rules.validate_extraction); doubtful fields demoted to needs_review
    store    → page images (blobs), then words, extraction, attempt outcome and document status in one
               transaction, fenced on the attempt number

Every step is idempotent (content-addressed blobs, upserted pages, words replaced), so an attempt that
dies half way is simply run again; only the fenced finish decides which attempt's result counts.
"""

from __future__ import annotations

import asyncio
import io

import asyncpg
from PIL import Image

from ocr.pipeline import run_document
from ocr.results import DocumentResult
from rules.record import validate_extraction
from service.extractions import store_result
from service.jobs import Attempt, JobStatus, finish_attempt, report_progress
from service.review_rotation import rotate_pages
from service.settings import Settings
from service.storage import BlobStore

SELECT_DOCUMENT = "select sha256, page_count, original_name from documents where id = $1"
SELECT_ROTATIONS = "select page_rotations from jobs where id = $1"
MARK_PROCESSED = "update documents set status = 'processed', updated_at = now() where id = $1"


async def process_document(
    pool: asyncpg.Pool, blobs: BlobStore, settings: Settings, attempt: Attempt
) -> None:
    doc = await pool.fetchrow(SELECT_DOCUMENT, attempt.document_id)
    assert doc is not None, "a job's document is deleted only with the job"
    total = int(doc["page_count"])
    await report_progress(pool, attempt, "load", 0, total)
    data = await blobs.get(doc["sha256"])
    rotations = await pool.fetchval(SELECT_ROTATIONS, attempt.job_id)
    if rotations:  # a reviewer's re-run: turn the original pages first (service.review_rotation)
        data = await asyncio.to_thread(rotate_pages, data, rotations, settings.upload_limits)

    result = await run_ocr(pool, attempt, data, doc["original_name"], settings.ocr_timeout_seconds)

    await report_progress(pool, attempt, "validate", total, total)
    result.extraction = validate_extraction(result.extraction)

    await report_progress(pool, attempt, "store", total, total)
    digests = [await blobs.put(page.image_png) for page in result.pages]
    async with pool.acquire() as conn, conn.transaction():
        if await finish_attempt(conn, attempt, JobStatus.SUCCEEDED, step="done"):
            await store_result(conn, attempt.document_id, attempt.job_id, result, digests)
            await conn.execute(MARK_PROCESSED, attempt.document_id)


async def run_ocr(
    pool: asyncpg.Pool, attempt: Attempt, data: bytes, file_name: str, timeout_s: float
) -> DocumentResult:
    """Run the CPU-bound pipeline in a thread; its progress callbacks become row updates."""
    loop = asyncio.get_running_loop()
    pending: set[asyncio.Future[bool]] = set()

    def on_progress(step: str, done: int, total: int) -> None:
        future = asyncio.run_coroutine_threadsafe(report_progress(pool, attempt, step, done, total), loop)
        pending.add(future)  # type: ignore[arg-type]

    result = await asyncio.to_thread(
        run_document, data, file_name, on_progress=on_progress, timeout_s=timeout_s
    )
    for future in list(pending):
        await asyncio.wrap_future(future)
    return result


def encode_png(page: Image.Image) -> bytes:
    buf = io.BytesIO()
    page.save(buf, "PNG", optimize=False, compress_level=3)
    return buf.getvalue()
