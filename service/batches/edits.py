"""The clerk's corrections of a split: a page's kind overridden (first page, continuation, blank, other)
or given back to the classifier; then the batch is split again, which re-runs only the children whose
pages changed (service.batches.children). Each edit and who made it is in the audit."""

from __future__ import annotations

import asyncpg

from ocr.batch.classify import PageKind
from service.audit import write_audit
from service.batches.children import build_children
from service.batches.model import BatchStatus
from service.batches.progress import require_batch
from service.errors import ConflictError, InvalidInputError
from service.i18n.messages import text
from service.runtime.storage import BlobStore

SET_OVERRIDE = "update batch_pages set override_kind = $3 where batch_id = $1 and number = $2"


async def edit_split(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    batch_id: int,
    overrides: dict[int, str | None],
    *,
    actor: int,
    max_attempts: int,
) -> None:
    """Store the overrides (None: the classifier's kind again) and split the batch again."""
    batch = await require_batch(pool, batch_id)
    if batch.status != BatchStatus.SUCCEEDED:
        raise ConflictError(f"batch {batch_id} is {batch.status}: it can be edited once it is split")
    for number, kind in overrides.items():
        if not 1 <= number <= batch.page_count or (
            kind is not None and kind not in PageKind.__members__.values()
        ):
            raise InvalidInputError(
                f"page {number}: {kind!r}", message_vi=text("batch.bad_override", page=number)
            )
    async with pool.acquire() as conn, conn.transaction():
        for number, kind in overrides.items():
            await conn.execute(SET_OVERRIDE, batch_id, number, kind)
        await write_audit(
            conn,
            actor,
            "batch.edit",
            "batch",
            batch_id,
            {"overrides": {str(k): v for k, v in overrides.items()}},
        )
    await build_children(pool, blobs, batch, max_attempts=max_attempts, actor=actor, uploaded_by=actor)
