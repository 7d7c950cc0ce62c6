"""Uploaded documents: accept a file (limits, type by content, dedupe by hash), store it, queue its OCR.

Order matters for "nothing half-written": the blob is stored first (atomic, content-addressed, so a
retry rewrites the same bytes), then the document row, its job row and its queue entry are committed
in one transaction. A crash between the two leaves at most an orphan blob, which `hkd doctor` finds;
never a document row without its file or a document without its job.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from enum import StrEnum

import asyncpg
import msgspec

from ocr.errors import InputError
from ocr.pages import Limits, inspect_file
from service.db import Executor
from service.errors import NotFoundError, UploadRejectedError
from service.jobs import Job, create_job, latest_jobs
from service.queue import enqueue_ocr
from service.storage import BlobStore, sha256_hex


class DocumentStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    PROCESSED = "processed"  # OCR done; waiting for review
    FAILED = "failed"


class Document(msgspec.Struct, frozen=True):
    id: int
    sha256: str
    media_type: str
    size_bytes: int
    page_count: int
    original_name: str
    status: str
    created_at: dt.datetime
    uploaded_by: int | None = None


class DocumentView(msgspec.Struct, frozen=True):
    """A document as the API shows it: with its latest job (status, progress, error)."""

    id: int
    sha256: str
    media_type: str
    size_bytes: int
    page_count: int
    original_name: str
    status: str
    created_at: dt.datetime
    job: Job | None
    duplicate: bool = False


DOCUMENT_COLUMNS = (
    "id, sha256, media_type, size_bytes, page_count, original_name, status, created_at, uploaded_by"
)
INSERT_DOCUMENT = f"""
insert into documents (sha256, media_type, size_bytes, page_count, original_name, uploaded_by)
values ($1, $2, $3, $4, $5, $6)
on conflict (sha256) do nothing
returning {DOCUMENT_COLUMNS}
"""
SELECT_BY_SHA = f"select {DOCUMENT_COLUMNS} from documents where sha256 = $1"
SELECT_BY_ID = f"select {DOCUMENT_COLUMNS} from documents where id = $1"
SELECT_PAGE = f"""
select {DOCUMENT_COLUMNS} from documents
where ($1::text is null or status = $1) and ($2::bigint is null or id < $2)
order by id desc limit $3
"""


async def accept_upload(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    data: bytes,
    file_name: str,
    limits: Limits,
    *,
    uploaded_by: int | None = None,
    max_attempts: int = 3,
) -> DocumentView:
    """Validate, store and queue one file; an identical file returns the existing document."""
    try:
        info = await asyncio.to_thread(inspect_file, data, limits)
    except InputError as exc:
        raise UploadRejectedError(exc, file_name) from exc
    digest = sha256_hex(data)
    existing = await pool.fetchrow(SELECT_BY_SHA, digest)
    if existing is None:
        await blobs.put(data)
        async with pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                INSERT_DOCUMENT,
                digest,
                info.media_type,
                len(data),
                info.pages,
                _clean_name(file_name),
                uploaded_by,
            )
            if row is not None:
                job_id = await create_job(conn, row["id"], max_attempts)
                await enqueue_ocr(conn, job_id)
                document = msgspec.convert(dict(row), Document)
                return await _view(conn, document, duplicate=False)
        existing = await pool.fetchrow(SELECT_BY_SHA, digest)  # lost a race with an identical upload
        assert existing is not None
    return await _view(pool, msgspec.convert(dict(existing), Document), duplicate=True)


async def get_document(pool: asyncpg.Pool, document_id: int) -> DocumentView:
    row = await pool.fetchrow(SELECT_BY_ID, document_id)
    if row is None:
        raise NotFoundError(f"document {document_id} does not exist", message_vi="Không tìm thấy hồ sơ này.")
    return await _view(pool, msgspec.convert(dict(row), Document), duplicate=False)


async def list_documents(
    pool: asyncpg.Pool, status: str | None, before_id: int | None, limit: int
) -> list[DocumentView]:
    rows = await pool.fetch(SELECT_PAGE, status, before_id, limit)
    docs = [msgspec.convert(dict(r), Document) for r in rows]
    jobs = await latest_jobs(pool, [d.id for d in docs])
    return [_to_view(d, jobs.get(d.id), duplicate=False) for d in docs]


async def _view(conn: Executor, document: Document, *, duplicate: bool) -> DocumentView:
    jobs = await latest_jobs(conn, [document.id])
    return _to_view(document, jobs.get(document.id), duplicate=duplicate)


def _to_view(document: Document, job: Job | None, *, duplicate: bool) -> DocumentView:
    return DocumentView(
        id=document.id,
        sha256=document.sha256,
        media_type=document.media_type,
        size_bytes=document.size_bytes,
        page_count=document.page_count,
        original_name=document.original_name,
        status=document.status,
        created_at=document.created_at,
        job=job,
        duplicate=duplicate,
    )


def _clean_name(name: str) -> str:
    """Keep only the last path component, printable, at most 255 characters (display only)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(ch for ch in base if ch.isprintable())
    return printable[:255]
