"""How far a batch is: pages classified, certificates found, documents read (OCR) and reviewed, and
its children with their pages and reasons (what the split editor shows)."""

from __future__ import annotations

import msgspec

from ocr.batch.classify import UNSURE, PageKind
from service.batches.model import Batch, get_batch_row
from service.db import Executor
from service.errors import NotFoundError
from service.i18n.messages import text

SELECT_COUNTS = """
select count(*) filter (where c.role = 'certificate') as found,
       count(*) filter (where c.role <> 'certificate') as others,
       count(d.id) filter (where d.status in ('processed', 'in_review', 'approved', 'rejected')) as processed,
       count(d.id) filter (where d.status in ('approved', 'rejected')) as reviewed,
       count(d.id) filter (where d.status = 'failed') as failed
from batch_children c left join documents d on d.id = c.document_id
where c.batch_id = $1
"""
SELECT_BLANKS = """
select count(*) from batch_pages where batch_id = $1 and coalesce(override_kind, kind) = 'blank'
"""
SELECT_CHILDREN = """
select c.position, c.role, c.pages, c.reason, c.uncertain, c.attached_to, c.document_id, d.status
from batch_children c left join documents d on d.id = c.document_id
where c.batch_id = $1 order by c.position
"""
SELECT_PAGES = """
select number, kind, other_kind, confidence, reasons, rotation, override_kind
from batch_pages where batch_id = $1 order by number
"""


class Progress(msgspec.Struct, frozen=True):
    pages: int
    classified: int
    found: int  # certificates
    others: int  # attachments and other papers
    blanks: int
    processed: int
    reviewed: int
    failed: int

    def render(self) -> str:
        return text("batch.progress", **msgspec.structs.asdict(self))


class Child(msgspec.Struct, frozen=True):
    position: int
    role: str
    pages: list[int]
    reason: str
    uncertain: bool
    attached_to: int | None
    document_id: int | None
    document_status: str | None
    doubtful: list[int] = []  # its pages the classifier was unsure of: why the clerk should look


class PageRow(msgspec.Struct, frozen=True):
    number: int
    kind: str  # the kind in force (the clerk's, when there is one)
    classified_as: str
    other_kind: str | None
    confidence: float
    reasons: list[str]
    rotation: int
    overridden: bool
    doubtful: bool = False  # unsure, unreadable, or dropped as blank although it had ink (`is_doubtful`)


class BatchView(msgspec.Struct, frozen=True):
    batch: Batch
    progress: Progress
    children: list[Child]
    pages: list[PageRow]


def is_doubtful(kind: str, confidence: float, reasons: list[str], overridden: bool) -> bool:
    """A page the clerk should look at: the classifier was unsure or could not read it, or it was
    dropped as blank although it had ink (read, and no words found). A clerk's kind is never doubtful."""
    if overridden:
        return False
    if kind == PageKind.BLANK:
        return "little_ink" in reasons
    return confidence < UNSURE or kind == PageKind.UNREADABLE


async def batch_progress(db: Executor, batch: Batch) -> Progress:
    counts = await db.fetchrow(SELECT_COUNTS, batch.id)
    blanks = await db.fetchval(SELECT_BLANKS, batch.id)
    assert counts is not None
    return Progress(batch.page_count, batch.pages_done, counts["found"], counts["others"], int(blanks),
                    counts["processed"], counts["reviewed"], counts["failed"])  # fmt: skip


async def require_batch(db: Executor, batch_id: int) -> Batch:
    batch = await get_batch_row(db, batch_id)
    if batch is None:
        raise NotFoundError(f"batch {batch_id} does not exist", message_vi=text("batch.not_found"))
    return batch


async def get_batch_view(db: Executor, batch_id: int) -> BatchView:
    batch = await require_batch(db, batch_id)
    pages = [
        PageRow(
            r["number"],
            r["override_kind"] or r["kind"],
            r["kind"],
            r["other_kind"],
            round(r["confidence"], 3),
            list(r["reasons"]),
            r["rotation"],
            r["override_kind"] is not None,
            is_doubtful(r["override_kind"] or r["kind"], r["confidence"], list(r["reasons"]), r["override_kind"] is not None),
        )
        for r in await db.fetch(SELECT_PAGES, batch_id)
    ]  # fmt: skip
    doubtful = {p.number for p in pages if p.doubtful}
    children = [
        Child(
            r["position"],
            r["role"],
            list(r["pages"]),
            r["reason"],
            r["uncertain"],
            r["attached_to"],
            r["document_id"],
            r["status"],
            [n for n in r["pages"] if n in doubtful],
        )
        for r in await db.fetch(SELECT_CHILDREN, batch_id)
    ]
    return BatchView(batch, await batch_progress(db, batch), children, pages)
