"""What became of each upload, in the clerk's terms: its outcome and the reason, for the upload page.

The outcome is derived in one statement from what is stored already (the document's status, its
newest job, its newest extraction, the reviewer's decision and the register's answer), never kept as
a copy, so the page, the API and the review queue cannot disagree:

    working            queued or being read
    waiting_review     read as a certificate; no reviewer has decided yet
    layout_uncertain   read in part: it looks like a certificate but missed the layout gate, so every
                       field waits for the reviewer (extractions.outcome, ocr.extraction.layout_gate)
    not_a_certificate  read, but no certificate template was recognised (a letter, another paper)
    unreadable         (almost) nothing readable: a blank, black or noise-only page
    failed             the file could not be processed (its reason is the job's error code)
    rejected           a reviewer rejected it, with their reason
    approved           in the register (with the business it went to)
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import asyncpg
import msgspec

from service.jobs.ocr import JobStep


class Outcome(StrEnum):
    WORKING = "working"
    WAITING_REVIEW = "waiting_review"
    LAYOUT_UNCERTAIN = "layout_uncertain"
    NOT_A_CERTIFICATE = "not_a_certificate"
    UNREADABLE = "unreadable"
    FAILED = "failed"
    REJECTED = "rejected"
    APPROVED = "approved"


FINAL = frozenset({Outcome.FAILED, Outcome.REJECTED, Outcome.APPROVED})
READABLE_WORDS = 12
"""Fewer confidently read words than this on an unrecognised document: it is unreadable, not another
kind of paper. A certificate page holds 150-400 words; a blank or noise page yields 0-5 at
confidence >= 60, a letter or another certificate dozens."""


class Upload(msgspec.Struct, frozen=True):
    """One row of the clerk's list: the file, where it is, and what became of it."""

    id: int
    original_name: str
    page_count: int
    created_at: dt.datetime
    status: str
    outcome: Outcome
    step: JobStep | None
    pages_done: int
    pages_total: int
    reason_code: str | None  # the job's error code (failed) or the outcome itself (not_a_certificate …)
    reason: str | None  # the reviewer's own words (rejected)
    business_id: int | None  # approved: the business it went to


class UploadPage(msgspec.Struct, frozen=True):
    items: list[Upload]
    total: int
    counts: dict[str, int]  # every outcome of the caller's uploads (before the outcome filter)


JUDGED = """
select d.id, d.original_name, d.page_count, d.created_at, d.status,
       j.step, coalesce(j.pages_done, 0) as pages_done, coalesce(j.pages_total, 0) as pages_total,
       j.error_code, r.reject_reason, a.business_id,
       case
         when d.status = 'approved' then 'approved'
         when d.status = 'rejected' then 'rejected'
         when d.status = 'failed' then 'failed'
         when d.status in ('queued', 'processing') or e.layout is null then 'working'
         when e.layout = 'unrecognised' and (
             select count(*) from words w where w.document_id = d.id and w.conf >= 60
         ) < $4 then 'unreadable'
         when e.layout = 'unrecognised' then 'not_a_certificate'
         when e.outcome = 'layout_uncertain' then 'layout_uncertain'
         else 'waiting_review'
       end as outcome
from documents d
left join lateral (select x.layout, x.outcome from extractions x where x.document_id = d.id
                   order by x.id desc limit 1) e on true
left join lateral (select step, pages_done, pages_total, error_code from jobs
                   where document_id = d.id order by id desc limit 1) j on true
left join review_states r on r.document_id = d.id
left join approved_records a on a.document_id = d.id
where (case when $2::bigint[] is null then d.uploaded_by = $1 else d.id = any($2::bigint[]) end)
  and ($3::text is null or d.original_name ilike '%' || $3 || '%')
"""
SELECT_UPLOADS = f"""
with judged as ({JUDGED})
select *, count(*) over () as total from judged where $5::text is null or outcome = $5
order by id desc limit $6 offset $7
"""
COUNT_OUTCOMES = f"with judged as ({JUDGED}) select outcome, count(*) as n from judged group by outcome"


def _reason_code(row: asyncpg.Record) -> str | None:
    outcome = row["outcome"]
    if outcome == Outcome.FAILED:
        return row["error_code"] or "failed"
    if outcome in (Outcome.NOT_A_CERTIFICATE, Outcome.UNREADABLE, Outcome.LAYOUT_UNCERTAIN):
        return str(outcome)
    return None


def _to_upload(row: asyncpg.Record) -> Upload:
    rejected = row["outcome"] == Outcome.REJECTED
    return Upload(
        id=row["id"],
        original_name=row["original_name"],
        page_count=row["page_count"],
        created_at=row["created_at"],
        status=row["status"],
        outcome=Outcome(row["outcome"]),
        step=JobStep(row["step"]) if row["step"] else None,
        pages_done=row["pages_done"],
        pages_total=row["pages_total"],
        reason_code=_reason_code(row),
        reason=row["reject_reason"] if rejected else None,
        business_id=row["business_id"] if row["outcome"] == Outcome.APPROVED else None,
    )


async def list_uploads(
    pool: asyncpg.Pool,
    uploaded_by: int,
    *,
    outcome: Outcome | None = None,
    name: str | None = None,
    ids: list[int] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> UploadPage:
    """A page of one person's uploads, newest first, with the count of each outcome; `ids` picks
    given documents instead (the rows of a batch in progress, which include duplicates of files
    someone else uploaded first: GET /api/documents/{id} shows those to every uploader too);
    `name` matches a part of the file name."""
    pattern = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if name else None
    where = (uploaded_by, ids, pattern, READABLE_WORDS)
    rows = await pool.fetch(SELECT_UPLOADS, *where, outcome.value if outcome else None, limit, offset)
    counts = {r["outcome"]: r["n"] for r in await pool.fetch(COUNT_OUTCOMES, *where)}
    total = rows[0]["total"] if rows else (counts.get(outcome, 0) if outcome else sum(counts.values()))
    return UploadPage([_to_upload(r) for r in rows], total, counts)
