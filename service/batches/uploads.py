"""Accept a batch: its own, larger limits checked from the headers, stored by hash, queued in one
transaction. The same file twice is the same batch (its label is kept from the first upload)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import msgspec

from ocr.batch.limits import BatchLimits, inspect_batch
from ocr.errors import InputError
from ocr.pages import Source
from service.audit import write_audit
from service.batches.model import BATCH_ENTRYPOINT, SELECT_BATCH_BY_SHA, Batch, BatchLabel, to_batch
from service.documents.uploads import clean_name
from service.errors import ConflictError, UploadRejectedError
from service.i18n.messages import text
from service.jobs.queue import enqueue
from service.runtime.spool import file_sha256
from service.runtime.storage import BlobStore, sha256_hex

INSERT_BATCH = """
insert into batches (sha256, media_type, size_bytes, page_count, original_name, label, uploaded_by, max_attempts,
                     commune_code)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
on conflict (sha256) do nothing
returning id
"""


class BatchUpload(msgspec.Struct, frozen=True):
    batch: Batch
    duplicate: bool


async def accept_batch(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    data: Source,
    file_name: str,
    label: BatchLabel,
    limits: BatchLimits,
    *,
    uploaded_by: int | None,
    max_attempts: int,
    commune: str | None = None,
) -> BatchUpload:
    """Validate from headers, store, and queue the batch job; an identical file returns its batch.
    `data` is the file's bytes or, for a large upload, the path of its spooled copy (read in chunks)."""
    try:
        info = await asyncio.to_thread(inspect_batch, data, limits)
    except InputError as exc:
        raise UploadRejectedError(exc, file_name) from exc
    if isinstance(data, Path):
        digest, size = await asyncio.to_thread(file_sha256, data), data.stat().st_size
    else:
        digest, size = sha256_hex(data), len(data)
    existing = await pool.fetchrow(SELECT_BATCH_BY_SHA, digest)
    if existing is not None:
        return BatchUpload(to_batch(existing), duplicate=True)
    await (blobs.put_file(data, digest) if isinstance(data, Path) else blobs.put(data))
    async with pool.acquire() as conn, conn.transaction():
        batch_id = await conn.fetchval(
            INSERT_BATCH, digest, info.media_type, size, info.pages, clean_name(file_name), label,
            uploaded_by, max_attempts, commune,
        )  # fmt: skip
        if batch_id is not None:
            await enqueue(conn, BATCH_ENTRYPOINT, batch_id)
            await write_audit(conn, uploaded_by, "batch.upload", "batch", batch_id,
                              {"label": msgspec.to_builtins(label), "pages": info.pages, "file": clean_name(file_name)})  # fmt: skip
    row = await pool.fetchrow(SELECT_BATCH_BY_SHA, digest)
    if row is None:  # the same file is another commune's batch, which this scope cannot see
        raise ConflictError(
            f"batch file {digest[:12]} is another commune's", message_vi=text("communes.other_commune")
        )
    return BatchUpload(to_batch(row), duplicate=batch_id is None)
