"""Uploaded documents: accept a file (limits, type by content, dedupe by hash), store it, queue its OCR.

Order matters for "nothing half-written": the blob is stored first (atomic, content-addressed, so a
retry rewrites the same bytes), then the document row, its job row and its queue entry are committed
in one transaction. A crash between the two leaves at most an orphan blob, which `hkd doctor` finds;
never a document row without its file or a document without its job.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import asyncpg
import msgspec

from ocr.errors import InputError, TooLargeError
from ocr.pages import Limits, inspect_file
from service.db import Executor
from service.documents.status import DocumentStatus
from service.errors import ConflictError, NotFoundError, UploadRejectedError
from service.i18n.messages import text
from service.jobs.ocr import Job, latest_jobs, queue_ocr_job
from service.runtime.settings import DEFAULTS
from service.runtime.storage import BlobStore, sha256_hex


class ReadableUpload(Protocol):
    """An uploaded file as the web framework hands it over (Litestar's UploadFile is one)."""

    filename: str

    async def read(self, size: int = -1) -> bytes: ...
    async def close(self) -> None: ...


Divert = Callable[[ReadableUpload, str], Awaitable[bytes | None]]
"""Reads the upload and takes it elsewhere (a scanned stack to the batch path: None), or gives back its
bytes for the document path; it may refuse it with an UploadRejectedError, like the document path."""


class Rejection(msgspec.Struct, frozen=True):
    file: str
    status: int
    code: str
    detail: str
    message_vi: str


class _DocumentFields(msgspec.Struct, frozen=True):
    id: int
    sha256: str
    media_type: str
    size_bytes: int
    page_count: int
    original_name: str
    status: DocumentStatus
    created_at: dt.datetime


class Document(_DocumentFields, frozen=True):
    uploaded_by: int | None = None


class DocumentView(_DocumentFields, frozen=True):
    """A document as the API shows it: with its latest job (status, progress, error)."""

    job: Job | None
    duplicate: bool = False


class UploadResult(msgspec.Struct, frozen=True):
    """What became of a request's files: the documents (new or already there) and the refusals."""

    documents: list[DocumentView]
    rejected: list[Rejection]

    @property
    def all_known(self) -> bool:
        return all(d.duplicate for d in self.documents)


DOCUMENT_COLUMNS = (
    "id, sha256, media_type, size_bytes, page_count, original_name, status, created_at, uploaded_by"
)
INSERT_DOCUMENT = f"""
insert into documents (sha256, media_type, size_bytes, page_count, original_name, uploaded_by, commune_code)
values ($1, $2, $3, $4, $5, $6, $7)
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
    commune: str | None = None,
    max_attempts: int = DEFAULTS.job_attempts,
) -> DocumentView:
    """Validate, store and queue one file; an identical file returns the existing document. The
    duplicate is looked up first (one hash, no decoding), and a new file is checked from its headers
    only: decoding is the worker's, inside its time and memory limits."""
    if len(data) > limits.max_bytes:
        raise UploadRejectedError(TooLargeError(f"{len(data)} bytes > {limits.max_bytes}"), file_name)
    digest = sha256_hex(data)
    existing = await pool.fetchrow(SELECT_BY_SHA, digest)
    if existing is None:
        try:
            info = await asyncio.to_thread(inspect_file, data, limits)
        except InputError as exc:
            raise UploadRejectedError(exc, file_name) from exc
        await blobs.put(data)
        async with pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                INSERT_DOCUMENT,
                digest,
                info.media_type,
                len(data),
                info.pages,
                clean_name(file_name),
                uploaded_by,
                commune,
            )
            if row is not None:
                await queue_ocr_job(conn, row["id"], max_attempts)
                document = msgspec.convert(dict(row), Document)
                return await _view(conn, document, duplicate=False)
        existing = await pool.fetchrow(SELECT_BY_SHA, digest)  # lost a race with an identical upload
        if existing is None:  # the same file is another commune's document, which this scope cannot see
            raise ConflictError(f"file {digest[:12]} is already another commune's document",
                                message_vi=text("communes.other_commune"))  # fmt: skip
    return await _view(pool, msgspec.convert(dict(existing), Document), duplicate=True)


async def accept_uploads(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    uploads: Sequence[ReadableUpload],
    limits: Limits,
    *,
    uploaded_by: int | None,
    commune: str | None = None,
    max_attempts: int,
    divert: Divert | None = None,
) -> UploadResult:
    """Every file of one request, each on its own (`accept_upload`, unless `divert` takes it); when
    none is accepted, the first refusal is raised, naming every refused file (`rejected`)."""
    accepted: list[DocumentView] = []
    rejected: list[Rejection] = []
    first_refusal: UploadRejectedError | None = None
    diverted = 0
    for upload in uploads:
        name = upload.filename or ""
        try:
            content = await upload.read() if divert is None else await divert(upload, name)
            if content is None:
                diverted += 1
                continue
            view = await accept_upload(
                pool,
                blobs,
                content,
                name,
                limits,
                uploaded_by=uploaded_by,
                commune=commune,
                max_attempts=max_attempts,
            )
            accepted.append(view)
        except UploadRejectedError as exc:
            rejected.append(Rejection(name, exc.status, exc.code, exc.detail, exc.message_vi))
            first_refusal = first_refusal or exc
        finally:
            await upload.close()
    if not accepted and not diverted and first_refusal is not None:
        first_refusal.extra["rejected"] = [msgspec.to_builtins(r) for r in rejected]
        raise first_refusal
    return UploadResult(accepted, rejected)


async def get_document(pool: asyncpg.Pool, document_id: int) -> DocumentView:
    row = await pool.fetchrow(SELECT_BY_ID, document_id)
    if row is None:
        raise NotFoundError(f"document {document_id} does not exist", message_vi=text("document.not_found"))
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
    fields = msgspec.structs.asdict(document)
    del fields["uploaded_by"]
    return DocumentView(**fields, job=job, duplicate=duplicate)


def clean_name(name: str) -> str:
    """Keep only the last path component, printable, at most 255 characters (display only)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(ch for ch in base if ch.isprintable())
    return printable[:255]
