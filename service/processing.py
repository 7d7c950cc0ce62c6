"""What a job does to a document, as a list of named steps that report progress.

    load   → fetch the blob and decode its pages (limits were checked at upload)
    pages  → store one PNG per page for the review screen
    finish → mark the attempt succeeded and the document processed, in one transaction

Every step is idempotent (content-addressed blobs, upserted page rows), so an attempt that dies half
way is simply run again; only the fenced `finish` decides which attempt's result counts.
"""

from __future__ import annotations

import asyncio
import io

import asyncpg
from PIL import Image

from ocr.pages import load_pages
from service.jobs import Attempt, JobStatus, finish_attempt, report_progress
from service.settings import Settings
from service.storage import BlobStore

SELECT_DOCUMENT = "select sha256, page_count from documents where id = $1"
UPSERT_PAGE = """
insert into pages (document_id, number, width, height, image_sha256, rotation)
values ($1, $2, $3, $4, $5, $6)
on conflict (document_id, number) do update
set width = excluded.width, height = excluded.height, image_sha256 = excluded.image_sha256,
    rotation = excluded.rotation
"""
MARK_PROCESSED = "update documents set status = 'processed', updated_at = now() where id = $1"


async def process_document(
    pool: asyncpg.Pool, blobs: BlobStore, settings: Settings, attempt: Attempt
) -> None:
    doc = await pool.fetchrow(SELECT_DOCUMENT, attempt.document_id)
    assert doc is not None, "a job's document is deleted only with the job"
    total = int(doc["page_count"])
    await report_progress(pool, attempt, "load", 0, total)
    data = await blobs.get(doc["sha256"])
    pages = await asyncio.to_thread(load_pages, data, settings.upload_limits)

    for number, page in enumerate(pages, start=1):
        png = await asyncio.to_thread(encode_png, page)
        digest = await blobs.put(png)
        await pool.execute(UPSERT_PAGE, attempt.document_id, number, page.width, page.height, digest, 0)
        await report_progress(pool, attempt, "pages", number, total)

    async with pool.acquire() as conn, conn.transaction():
        if await finish_attempt(conn, attempt, JobStatus.SUCCEEDED, step="done"):
            await conn.execute(MARK_PROCESSED, attempt.document_id)


def encode_png(page: Image.Image) -> bytes:
    buf = io.BytesIO()
    page.save(buf, "PNG", optimize=False, compress_level=3)
    return buf.getvalue()
