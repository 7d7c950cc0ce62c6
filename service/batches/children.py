"""The split of a batch as rows: classified pages (with the clerk's overrides) → child files → documents.

Every child's file is a PDF of its stored pages, so the same pages give the same bytes and the same
hash: splitting again finds the documents whose pages did not change (their OCR and review stay), and
makes new documents only for the children that changed. A certificate child is a document (today's
pipeline and review), with the batch on it; attachments and other papers keep their file in
`batch_children`, with the certificate they belong to. The children, the documents, their OCR jobs,
the batch's outcome and the audit row are one transaction; a superseded document nobody has started
reviewing is deleted in it (its OCR job too: one being read stops, `delete_unstarted`), one under
review or decided is kept and named in the audit. After the commit, the files nothing refers to any
more (a superseded child's PDF, a deleted document's page images) are deleted from storage; a batch's
splits take turns (an advisory lock), so one split never deletes a file another has just written.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import asyncpg
import msgspec

from ocr.batch.classify import OtherKind, PageClass, PageKind
from ocr.batch.pdf import pdf_from_jpegs
from ocr.batch.split import Role, Split, apply_overrides, split_pages
from service.audit import write_audit
from service.batches.model import Batch, BatchAttempt, BatchStatus, Outcome, finish_batch_attempt
from service.db import Conn
from service.db.referenced import REFERENCED
from service.jobs.core import AttemptSupersededError
from service.jobs.ocr import queue_ocr_job
from service.runtime.storage import BlobStore

log = logging.getLogger(__name__)

SELECT_PAGES = """
select number, kind, other_kind, confidence, reasons, rotation, override_kind, image_sha256, width, height, grey
from batch_pages where batch_id = $1 order by number
"""
SELECT_CHILDREN = "select position, document_id, file_sha256 from batch_children where batch_id = $1"
DELETE_CHILDREN = "delete from batch_children where batch_id = $1"
INSERT_CHILD = """
insert into batch_children (batch_id, position, role, pages, reason, uncertain, attached_to, file_sha256, document_id)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""
INSERT_DOCUMENT = """
insert into documents (sha256, media_type, size_bytes, page_count, original_name, uploaded_by, batch_id,
                       batch_pages, commune_code)
values ($1, 'application/pdf', $2, cardinality($3::integer[]), $4, $5, $6, $3,
        (select commune_code from batches where id = $6))
on conflict (sha256) do nothing
returning id
"""
SELECT_DOCUMENT = "select id from documents where sha256 = $1"
LOCK_JOBS = "select id from jobs where document_id = $1 order by id for update"
DELETE_UNSTARTED = """
delete from documents where id = $1
  and status in ('queued', 'processing', 'processed', 'not_certificate', 'failed')
returning sha256
"""
SELECT_PAGE_IMAGES = "select image_sha256 from pages where document_id = $1"
UNREFERENCED = f"select d from unnest($1::text[]) d where d not in ({REFERENCED})"
LOCK_SPLITS = "select pg_advisory_xact_lock(hashtextextended('batch-split:' || $1::bigint, 0))"
LOCK_BATCH = "select id from batches where id = $1 for update"
SET_OUTCOME = "update batches set outcome = $2, updated_at = now() where id = $1"


class StoredPage(msgspec.Struct, frozen=True):
    number: int
    page_class: PageClass
    override: PageKind | None
    image_sha256: str
    width: int
    height: int
    grey: bool


async def load_pages(db: asyncpg.Pool | Conn, batch_id: int) -> list[StoredPage]:
    rows = await db.fetch(SELECT_PAGES, batch_id)
    return [
        StoredPage(
            r["number"],
            PageClass(
                PageKind(r["kind"]),
                r["confidence"],
                list(r["reasons"]),
                r["rotation"],
                OtherKind(r["other_kind"]) if r["other_kind"] else None,
            ),
            PageKind(r["override_kind"]) if r["override_kind"] else None,
            r["image_sha256"],
            r["width"],
            r["height"],
            r["grey"],
        )
        for r in rows
    ]


def current_split(pages: Sequence[StoredPage]) -> Split:
    overrides = {p.number: p.override for p in pages if p.override is not None}
    return split_pages(apply_overrides([p.page_class for p in pages], overrides))


def outcome_of(split: Split) -> Outcome:
    if not split.documents:
        return Outcome.ONLY_BLANK
    if not any(d.role == Role.CERTIFICATE for d in split.documents):
        return Outcome.NO_CERTIFICATE
    return Outcome.SPLIT


async def write_files(blobs: BlobStore, pages: Sequence[StoredPage], split: Split) -> list[tuple[str, int]]:
    """Each child's PDF into storage (before the rows: blob first), as (digest, size)."""
    files = []
    for doc in split.documents:
        chosen = [pages[n - 1] for n in doc.pages]
        jpegs = [(await blobs.get(p.image_sha256), p.width, p.height, p.grey) for p in chosen]
        pdf = await asyncio.to_thread(pdf_from_jpegs, jpegs)
        files.append((await blobs.put(pdf), len(pdf)))
    return files


async def build_children(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    batch: Batch,
    *,
    max_attempts: int,
    attempt: BatchAttempt | None = None,
    actor: int | None = None,
    uploaded_by: int | None = None,
) -> Outcome:
    """Split the stored pages and write the children; with `attempt`, the batch job's fenced finish."""
    # Re-splits of one batch take turns on a transaction-scoped lock (nothing session-scoped is ever
    # left on a pool connection: tests/db/test_pool_reset.py): once for the files and rows, once more
    # for the clean-up after they are committed, so a file another split has just written and
    # committed a reference to is seen as referenced, never deleted.
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute(LOCK_SPLITS, batch.id)
            outcome, superseded = await _split_and_store(
                conn, blobs, batch, max_attempts, attempt, actor, uploaded_by
            )
        async with conn.transaction():
            await conn.execute(LOCK_SPLITS, batch.id)
            await delete_unreferenced(conn, blobs, superseded)
    return outcome


async def _split_and_store(conn: Conn, blobs: BlobStore, batch: Batch, max_attempts: int,
                           attempt: BatchAttempt | None, actor: int | None, uploaded_by: int | None,
                           ) -> tuple[Outcome, set[str]]:  # fmt: skip
    """The split's files, then its rows (inside the caller's transaction); the files it stopped
    referring to (to delete after it commits)."""
    pages = await load_pages(conn, batch.id)
    split = current_split(pages)
    files = await write_files(blobs, pages, split)
    outcome = outcome_of(split)
    async with conn.transaction():
        if attempt is not None:
            if not await finish_batch_attempt(conn, attempt, BatchStatus.SUCCEEDED, outcome=outcome):
                raise AttemptSupersededError(f"batch {batch.id} attempt {attempt.number} was taken over")
        else:
            await conn.execute(LOCK_BATCH, batch.id)
            await conn.execute(SET_OUTCOME, batch.id, outcome.value)
        rows = await conn.fetch(SELECT_CHILDREN, batch.id)
        old = {r["document_id"] for r in rows if r["document_id"]}
        superseded = {r["file_sha256"] for r in rows} - {digest for digest, _ in files}
        await conn.execute(DELETE_CHILDREN, batch.id)
        kept: list[int] = []
        created: list[int] = []
        for position, (doc, (digest, size)) in enumerate(zip(split.documents, files, strict=True)):
            document_id = None
            if doc.role == Role.CERTIFICATE:
                name = f"{batch.original_name} tr.{doc.pages[0]}-{doc.pages[-1]}"
                document_id, new = await ensure_document(conn, batch, digest, size, doc.pages, name,
                                                         uploaded_by, max_attempts)  # fmt: skip
                (created if new else kept).append(document_id)
            await conn.execute(INSERT_CHILD, batch.id, position, doc.role.value, doc.pages, doc.reason,
                               doc.uncertain, doc.attached_to, digest, document_id)  # fmt: skip
        gone = old - set(kept) - set(created)
        deleted = []
        for document_id in sorted(gone):
            if files_of_deleted := await delete_unstarted(conn, document_id):
                deleted.append(document_id)
                superseded |= files_of_deleted
        await write_audit(conn, actor, "batch.split", "batch", batch.id, {
            "label": msgspec.to_builtins(batch.label), "outcome": outcome.value, "blanks": split.blanks,
            "documents": len(split.documents), "created": created, "kept": kept, "deleted": deleted,
            "superseded_kept": sorted(gone - set(deleted)),
        })  # fmt: skip
    return outcome, superseded


async def delete_unreferenced(conn: Conn, blobs: BlobStore, digests: set[str]) -> None:
    """Delete the stored files no row refers to any more (a file another row still uses stays). One
    that cannot be deleted now is an orphan blob, which `hkd doctor --repair` deletes later."""
    if not digests:
        return
    for row in await conn.fetch(UNREFERENCED, sorted(digests)):
        try:
            await blobs.delete(row["d"])
        except Exception:  # storage unavailable: the doctor's orphan sweep takes it later
            log.warning("superseded batch file not deleted now; hkd doctor --repair will")


async def delete_unstarted(conn: Conn, document_id: int) -> set[str]:
    """Delete a superseded document nobody has started reviewing, with its OCR jobs. A job that is being
    read stops within a second (service.documents.processing.watch: its child is killed, the attempt
    ends quietly). Its job rows are locked first, in the order the job's own finish locks them (job,
    then document), so a reading that is storing its result just now is waited for, not deadlocked."""
    await conn.execute(LOCK_JOBS, document_id)
    images = {r["image_sha256"] for r in await conn.fetch(SELECT_PAGE_IMAGES, document_id)}
    digest = await conn.fetchval(DELETE_UNSTARTED, document_id)
    return set() if digest is None else {digest, *images}


async def ensure_document(conn: Conn, batch: Batch, digest: str, size: int, pages: list[int], name: str,
                          uploaded_by: int | None, max_attempts: int) -> tuple[int, bool]:  # fmt: skip
    """The certificate child's document: the existing one for the same file, or a new one, queued."""
    document_id = await conn.fetchval(INSERT_DOCUMENT, digest, size, pages, name[:255], uploaded_by, batch.id)
    if document_id is not None:
        await queue_ocr_job(conn, document_id, max_attempts)
        return int(document_id), True
    return int(await conn.fetchval(SELECT_DOCUMENT, digest)), False
