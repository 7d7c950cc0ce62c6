"""Review: the risk-ordered queue, claims, the corrected view and corrections of one document.

A reviewer (cán bộ kiểm tra) claims a document so two people never work on it at once; a claim lasts
`CLAIM_TTL` and every write of its holder renews it. Each document under review has a `revision`
that every write bumps: a write carrying an older revision is a 409, so no edit is silently lost.
Corrections are append-only (field, OCR value, corrected value, who, when); the corrected view is
the newest extraction with the newest correction of each field applied. Decisions (preview, approve,
reject, rerun) are in `service.review.decisions`; value normalisation in `service.review.values`.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import asyncpg
import msgspec

from rules.record import finding_concerns
from schemas.record import Extraction, FieldStatus, Finding, Severity
from service.audit import write_audit
from service.db import Conn, Executor
from service.documents.extractions import latest_extraction
from service.documents.origin import BatchOrigin, batch_origin
from service.documents.status import DECIDED, REVIEWABLE, DocumentStatus, set_status
from service.documents.uploads import DocumentView, get_document
from service.errors import ConflictError, InvalidInputError, NotFoundError
from service.i18n.messages import text
from service.review.values import Correction, apply_corrections, normalise_value, value_at, view_fields
from service.users import CurrentUser

log = logging.getLogger(__name__)

CLAIM_TTL = dt.timedelta(minutes=15)


class QueueItem(msgspec.Struct, frozen=True):
    document_id: int
    original_name: str
    layout: str | None
    errors: int
    fields_to_review: int
    min_confidence: float | None
    claimed_by: str | None
    claim_expires_at: dt.datetime | None
    created_at: dt.datetime
    outcome: str | None = None  # "layout_uncertain": a partial reading, every field to check


class ReviewQueue(msgspec.Struct, frozen=True):
    items: list[QueueItem]
    total: int


class Claim(msgspec.Struct, frozen=True):
    document_id: int
    claimed_by: str
    expires_at: dt.datetime


class PageInfo(msgspec.Struct, frozen=True):
    number: int
    width: int
    height: int
    url: str


class ReviewView(msgspec.Struct, frozen=True):
    document: DocumentView
    extraction: dict[str, Any]
    original: Extraction
    corrections: list[Correction]
    claim: Claim | None
    pages: list[PageInfo]
    revision: int
    batch: BatchOrigin | None = None  # where the paper is, when it was split from a scanned stack


class CorrectionSaved(msgspec.Struct, frozen=True):
    document_id: int
    field: str
    ocr_value: Any
    corrected_value: Any
    revision: int


class ReviewState(msgspec.Struct, frozen=True):
    """The locked review row of a document, as a write sees it."""

    document_id: int
    status: str
    revision: int


# Unacknowledged error findings and unconfirmed needs_review fields per document, corrections counted.
SELECT_QUEUE = """
with open_docs as (
    select d.id, d.original_name, d.created_at from documents d where d.status = any($3::text[])
), scored as (
    select o.id, o.original_name, o.created_at, e.layout, e.outcome,
        (select count(*) from jsonb_array_elements(e.findings) f
          where f->>'severity' = 'error'
            and not exists (select 1 from review_acknowledgements a where a.document_id = o.id
                            and a.code = f->>'code' and a.field = coalesce(f->>'field', ''))
            and not exists (select 1 from review_corrections c where c.document_id = o.id
                            and (f->>'field' = c.field or starts_with(f->>'field', c.field || '.')
                                 or starts_with(f->>'field', c.field || '[')))) as errors,
        (select count(*) from jsonb_each(e.fields) f
          where f.value->>'status' = 'needs_review'
            and not exists (select 1 from review_corrections c
                            where c.document_id = o.id and c.field = f.key)) as fields_to_review,
        (select min(case when exists (select 1 from review_corrections c
                                      where c.document_id = o.id and c.field = f.key)
                         then 1.0 else (f.value->>'confidence')::float8 end)
           from jsonb_each(e.fields) f
          where f.value->>'status' <> 'missing'
             or exists (select 1 from review_corrections c where c.document_id = o.id and c.field = f.key)
        ) as min_confidence
    from open_docs o
    left join lateral (select layout, outcome, findings, fields from extractions x where x.document_id = o.id
                       order by x.id desc limit 1) e on true
)
select s.id as document_id, s.original_name, s.layout, s.outcome, s.errors, s.fields_to_review, s.min_confidence,
       s.created_at, case when r.claim_expires_at > now() then u.display_name end as claimed_by,
       case when r.claim_expires_at > now() then r.claim_expires_at end as claim_expires_at,
       count(*) over () as total
from scored s
left join review_states r on r.document_id = s.id
left join users u on u.id = r.claimed_by
order by s.errors desc, s.fields_to_review desc, s.min_confidence asc nulls last, s.id
limit $1 offset $2
"""
COUNT_QUEUE = "select count(*) from documents where status = any($1::text[])"
CLAIM = """
insert into review_states (document_id, claimed_by, claim_expires_at) values ($1, $2, now() + $3::interval)
on conflict (document_id) do update
set claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at, updated_at = now()
where review_states.claimed_by is null or review_states.claim_expires_at <= now()
   or review_states.claimed_by = excluded.claimed_by
returning claim_expires_at
"""
SELECT_HOLDER = """
select u.display_name, r.claim_expires_at from review_states r join users u on u.id = r.claimed_by
where r.document_id = $1 and r.claim_expires_at > now()
"""
RELEASE = """
update review_states set claimed_by = null, claim_expires_at = null, updated_at = now()
where document_id = $1 and claimed_by = $2
"""
SELECT_DOCUMENT_STATUS = "select status from documents where id = $1"
SELECT_HAS_EXTRACTION = "select exists (select 1 from extractions where document_id = $1)"
SELECT_STATE = """
select r.revision, r.claimed_by, u.display_name, r.claim_expires_at, r.claim_expires_at > now() as live
from review_states r left join users u on u.id = r.claimed_by where r.document_id = $1
"""
LOCK_DOCUMENT = "select status from documents where id = $1 for update"
LOCK_STATE = """
select revision, claimed_by, claim_expires_at > now() as live from review_states
where document_id = $1 for update
"""
BUMP_REVISION = """
update review_states set revision = revision + 1, claim_expires_at = now() + $2::interval, updated_at = now()
where document_id = $1 returning revision
"""
SELECT_CORRECTIONS = """
select c.field, c.ocr_value, c.corrected_value, u.display_name as user, c.created_at as at
from review_corrections c join users u on u.id = c.user_id where c.document_id = $1 order by c.id
"""
INSERT_CORRECTION = """
insert into review_corrections (document_id, extraction_id, field, ocr_value, corrected_value, user_id)
values ($1, (select max(id) from extractions where document_id = $1), $2, $3, $4, $5)
"""
SELECT_ACKS = "select code, field from review_acknowledgements where document_id = $1"
INSERT_ACK = """
insert into review_acknowledgements (document_id, code, field, user_id) values ($1, $2, $3, $4)
on conflict (document_id, code, field) do nothing
"""
SELECT_PAGES = "select number, width, height from pages where document_id = $1 order by number"


async def list_queue(pool: asyncpg.Pool, limit: int, offset: int) -> ReviewQueue:
    """Documents waiting for review, riskiest first (errors, doubtful fields, lowest confidence)."""
    reviewable = [str(s) for s in REVIEWABLE]
    rows = await pool.fetch(SELECT_QUEUE, limit, offset, reviewable)
    total = rows[0]["total"] if rows else int(await pool.fetchval(COUNT_QUEUE, reviewable))
    items = [msgspec.convert({k: v for k, v in dict(r).items() if k != "total"}, QueueItem) for r in rows]
    return ReviewQueue(items=items, total=int(total))


async def claim_document(pool: asyncpg.Pool, document_id: int, user: CurrentUser) -> Claim:
    """Take (or renew) the claim; a live claim of someone else is a 409 naming them."""
    async with pool.acquire() as conn, conn.transaction():
        status = await conn.fetchval(SELECT_DOCUMENT_STATUS, document_id)
        if status is None:
            raise _missing(document_id)
        if status in DECIDED:
            raise ConflictError(
                f"document {document_id} is already {status}",
                message_vi=text("review.decided"),
                status_vi=status,
            )
        if not await conn.fetchval(SELECT_HAS_EXTRACTION, document_id):
            raise ConflictError(
                f"document {document_id} has not been read yet",
                message_vi=text("document.not_read_yet"),
            )
        expires = await conn.fetchval(CLAIM, document_id, user.id, CLAIM_TTL)
        if expires is None:
            holder = await conn.fetchrow(SELECT_HOLDER, document_id)
            name = holder["display_name"] if holder else "?"
            raise ConflictError(
                f"document {document_id} is being reviewed by {name}",
                message_vi=text("review.claimed_by", name=name),
                claimed_by=name,
                expires_at=holder["claim_expires_at"].isoformat() if holder else None,
            )
        await set_status(conn, document_id, DocumentStatus.IN_REVIEW, only_from=DocumentStatus.PROCESSED)
        await audit_document(conn, user, "review.claim", document_id, {"expires_at": expires.isoformat()})
    return Claim(document_id=document_id, claimed_by=user.display_name, expires_at=expires)


async def release_claim(pool: asyncpg.Pool, document_id: int, user: CurrentUser) -> bool:
    """Give the document back; releasing a claim one does not hold changes nothing."""
    async with pool.acquire() as conn, conn.transaction():
        done = (await conn.execute(RELEASE, document_id, user.id)).endswith(" 1")
        if done:
            await audit_document(conn, user, "review.release", document_id, {})
    return done


async def get_review(pool: asyncpg.Pool, document_id: int) -> ReviewView:
    """Everything the review screen needs: corrected and original extraction, trail, claim, pages."""
    document = await get_document(pool, document_id)
    original = await latest_extraction(pool, document_id)
    corrections = await list_corrections(pool, document_id)
    corrected = apply_corrections(original, corrections)
    acks = await list_acknowledgements(pool, document_id)
    state = await pool.fetchrow(SELECT_STATE, document_id)
    claim = None
    if state is not None and state["live"]:
        claim = Claim(document_id, state["display_name"], state["claim_expires_at"])
    extraction = view_fields(corrected, {c.field for c in corrections})
    extraction["findings"] = [
        {**msgspec.to_builtins(f), "acknowledged": is_acknowledged(f, acks, corrections)}
        for f in corrected.findings
    ]
    pages = [
        PageInfo(
            r["number"], r["width"], r["height"], f"/api/documents/{document_id}/pages/{r['number']}.png"
        )
        for r in await pool.fetch(SELECT_PAGES, document_id)
    ]
    revision = int(state["revision"]) if state is not None else 0
    origin = await batch_origin(pool, document_id)
    return ReviewView(document, extraction, original, corrections, claim, pages, revision, origin)


async def list_corrections(db: Executor, document_id: int) -> list[Correction]:
    return [msgspec.convert(dict(r), Correction) for r in await db.fetch(SELECT_CORRECTIONS, document_id)]


async def list_acknowledgements(db: Executor, document_id: int) -> set[tuple[str, str]]:
    return {(r["code"], r["field"]) for r in await db.fetch(SELECT_ACKS, document_id)}


def is_acknowledged(finding: Finding, acks: set[tuple[str, str]], corrections: list[Correction]) -> bool:
    """Acknowledged explicitly, or implicitly: a reviewer confirmed or corrected the field it is about."""
    if (finding.code, finding.field or "") in acks:
        return True
    return any(finding_concerns(finding, c.field) for c in corrections)


def blocking_reasons(
    corrected: Extraction, acks: set[tuple[str, str]], corrections: list[Correction]
) -> dict[str, list[Any]]:
    """What stops approval: fields still needs_review, and error findings nobody acknowledged."""
    fields = sorted(p for p, r in corrected.fields.items() if r.status == FieldStatus.NEEDS_REVIEW)
    errors = [
        {"index": i, "code": f.code, "field": f.field}
        for i, f in enumerate(corrected.findings)
        if f.severity == Severity.ERROR and not is_acknowledged(f, acks, corrections)
    ]
    return {"fields_to_review": fields, "unacknowledged_findings": errors}


async def lock_for_write(conn: Conn, document_id: int, user: CurrentUser, revision: int) -> ReviewState:
    """Inside the caller's transaction: the caller must hold a live claim and know the newest revision."""
    status = await conn.fetchval(LOCK_DOCUMENT, document_id)
    if status is None:
        raise _missing(document_id)
    state = await conn.fetchrow(LOCK_STATE, document_id)
    if state is None or state["claimed_by"] != user.id or not state["live"]:
        raise ConflictError(
            f"claim document {document_id} before changing it",
            message_vi=text("review.claim_required"),
            code="claim_required",
        )
    if state["revision"] != revision:
        raise ConflictError(
            f"revision {revision} is stale; the document is at revision {state['revision']}",
            message_vi=text("review.stale_revision"),
            code="stale_revision",
            revision=state["revision"],
        )
    if status in DECIDED:
        raise ConflictError(f"document {document_id} is already {status}", message_vi=text("review.decided"))
    return ReviewState(document_id, status, int(state["revision"]))


async def bump_revision(conn: Conn, document_id: int) -> int:
    """Every write: the revision moves on and the writer's claim is renewed."""
    return int(await conn.fetchval(BUMP_REVISION, document_id, CLAIM_TTL))


async def add_correction(
    pool: asyncpg.Pool, document_id: int, user: CurrentUser, field: str, value: Any, revision: int
) -> CorrectionSaved:
    """Store the reviewer's value for one field (the same value = "accepted as read")."""
    corrected_value = normalise_value(field, value)
    async with pool.acquire() as conn, conn.transaction():
        await lock_for_write(conn, document_id, user, revision)
        original = await latest_extraction(conn, document_id)
        ocr_value = value_at(original.record, field)
        await conn.execute(
            INSERT_CORRECTION, document_id, field, _json(ocr_value), _json(corrected_value), user.id
        )
        new_revision = await bump_revision(conn, document_id)
        detail = {"field": field, "old": ocr_value, "new": corrected_value, "revision": new_revision}
        await audit_document(conn, user, "review.correct", document_id, detail)
    log.info("document %s: field %s corrected (revision %s)", document_id, field, new_revision)
    return CorrectionSaved(document_id, field, ocr_value, corrected_value, new_revision)


async def acknowledge_finding(
    pool: asyncpg.Pool, document_id: int, user: CurrentUser, index: int, revision: int
) -> int:
    """Accept the record despite finding `index` of the corrected view; returns the new revision."""
    async with pool.acquire() as conn, conn.transaction():
        await lock_for_write(conn, document_id, user, revision)
        findings = (await latest_extraction(conn, document_id)).findings
        if not 0 <= index < len(findings):
            raise InvalidInputError(
                f"no finding {index}", message_vi=text("review.no_such_finding"), index=index
            )
        finding = findings[index]
        await conn.execute(INSERT_ACK, document_id, finding.code, finding.field or "", user.id)
        new_revision = await bump_revision(conn, document_id)
        detail = {"index": index, "code": finding.code, "field": finding.field, "revision": new_revision}
        await audit_document(conn, user, "review.acknowledge", document_id, detail)
    return new_revision


async def audit_document(
    conn: Executor, user: CurrentUser, action: str, document_id: int, detail: dict[str, Any]
) -> None:
    """A review action on a document, in the audit log (service.audit); a document split from a
    batch carries the batch's label and its pages there, so the audit says where the paper is."""
    origin = await batch_origin(conn, document_id)
    if origin is not None:
        detail = {**detail, "batch": msgspec.to_builtins(origin)}
    await write_audit(conn, user.id, action, "document", document_id, detail)


def _json(value: Any) -> str:
    """JSON text for a jsonb parameter (the pool's codec would take a bare str as JSON already)."""
    return msgspec.json.encode(value).decode()


def _missing(document_id: int) -> NotFoundError:
    return NotFoundError(f"document {document_id} does not exist", message_vi=text("document.not_found"))
