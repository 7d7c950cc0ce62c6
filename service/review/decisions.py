"""Decisions on a reviewed document: preview what approving would do, approve, reject, re-run OCR.

Approving applies the corrections, refuses while a field is still `needs_review` or an error finding
is unacknowledged, hands the final extraction to the register (`service.register.apply_extraction`)
and marks the document approved — all in one transaction, so the register never holds a version
whose document is not approved, nor the reverse. Every decision is audited and needs the caller's
live claim; approve and reject also the newest revision.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import asyncpg
import msgspec

from rules import validate_record
from rules.record import finding_concerns
from schemas.record import Extraction, Layout, Severity
from service.db import Conn
from service.documents.extractions import latest_extraction
from service.documents.rotation import QUARTER_TURNS
from service.documents.status import REVIEWABLE, DocumentStatus, set_status
from service.errors import ConflictError, InvalidInputError
from service.i18n.messages import text
from service.jobs.ocr import Job, get_job, queue_ocr_job
from service.register import RegisterAction, apply_extraction, preview_extraction
from service.review.claims import (
    LOCK_STATE,
    ReviewState,
    audit_document,
    blocking_reasons,
    bump_revision,
    is_acknowledged,
    list_acknowledgements,
    list_corrections,
    lock_for_write,
)
from service.review.values import apply_corrections
from service.users import CurrentUser

log = logging.getLogger(__name__)


class Preview(msgspec.Struct, frozen=True):
    action: RegisterAction
    business_id: int | None
    diff: dict[str, Any] | None
    candidates: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    blocking: dict[str, list[Any]]


class Approval(msgspec.Struct, frozen=True):
    document_id: int
    business_id: int | None
    version_id: int | None
    action: RegisterAction


class Rejection(msgspec.Struct, frozen=True):
    document_id: int
    status: str
    reason: str
    revision: int


DECIDE = """
update review_states set decided_by = $2, decided_at = now(), reject_reason = $3,
       claimed_by = null, claim_expires_at = null, updated_at = now()
where document_id = $1
"""
INSERT_APPROVED = """
insert into approved_records (document_id, extraction_id, layout, record, action, business_id, version_id,
                              approved_by)
values ($1, (select max(id) from extractions where document_id = $1), $2, $3, $4, $5, $6, $7)
"""
SELECT_ROTATION_BASE = """
select p.number, p.rotation,
       coalesce((select j.page_rotations ->> p.number::text from jobs j where j.document_id = p.document_id
                 order by j.id desc limit 1)::int, 0) as applied
from pages p where p.document_id = $1
"""
SELECT_PAGE_COUNT = "select page_count from documents where id = $1"


async def corrected_extraction(
    conn: Conn | asyncpg.Pool, document_id: int
) -> tuple[Extraction, dict[str, list[Any]], list[dict[str, Any]]]:
    """The final extraction, what blocks approving it, and its open findings (for the preview)."""
    original = await latest_extraction(conn, document_id)
    corrections = await list_corrections(conn, document_id)
    acks = await list_acknowledgements(conn, document_id)
    corrected = apply_corrections(original, corrections)
    open_findings = [
        {**msgspec.to_builtins(f), "index": i}
        for i, f in enumerate(corrected.findings)
        if f.severity != Severity.INFO and not is_acknowledged(f, acks, corrections)
    ]
    return corrected, blocking_reasons(corrected, acks, corrections), open_findings


async def recheck_corrections(corrected: Extraction, corrected_fields: set[str]) -> list[dict[str, Any]]:
    """Validation of the corrected record: new doubts about values a reviewer typed (advice only —
    the reviewer's word stands, but a typo in an ID number should be seen before approving)."""
    if corrected.layout == Layout.UNRECOGNISED or not corrected_fields:
        return []
    known = {(f.code, f.field) for f in corrected.findings}
    fresh = await asyncio.to_thread(validate_record, corrected.record, corrected.layout)
    return [
        {**msgspec.to_builtins(f), "index": None, "source": "validation"}
        for f in fresh
        if (f.code, f.field) not in known
        and f.severity != Severity.INFO
        and any(finding_concerns(f, path) for path in corrected_fields)
    ]


async def preview_approval(pool: asyncpg.Pool, document_id: int) -> Preview:
    """What approving would do now, written nowhere."""
    async with pool.acquire() as conn, conn.transaction(readonly=True):
        corrected, blocking, findings = await corrected_extraction(conn, document_id)
        human = {c.field for c in await list_corrections(conn, document_id)}
        findings = [*findings, *await recheck_corrections(corrected, human)]
        result = await preview_extraction(conn, corrected)
    return Preview(
        action=result.action,
        business_id=result.business_id,
        diff=result.diff,
        candidates=result.candidates,
        findings=[*findings, *msgspec.to_builtins(result.findings)],
        blocking=blocking,
    )


async def approve_document(
    pool: asyncpg.Pool, document_id: int, user: CurrentUser, revision: int, business_id: int | None
) -> Approval:
    """Corrections applied, register updated and document approved, in one transaction."""
    async with pool.acquire() as conn, conn.transaction():
        state = await lock_for_write(conn, document_id, user, revision)
        if state.status not in REVIEWABLE:
            raise ConflictError(
                f"document {document_id} is {state.status}",
                message_vi=text(
                    "review.rerun_failed" if state.status == DocumentStatus.FAILED else "review.rerun_running"
                ),
            )
        corrected, blocking, _ = await corrected_extraction(conn, document_id)
        if blocking["fields_to_review"] or blocking["unacknowledged_findings"]:
            raise InvalidInputError(
                "fields still need review or error findings are unacknowledged",
                message_vi=text(
                    "review.incomplete",
                    fields=len(blocking["fields_to_review"]),
                    findings=len(blocking["unacknowledged_findings"]),
                ),
                code="review_incomplete",
                **blocking,
            )
        try:
            outcome = await _apply_to_register(conn, corrected, document_id, user, business_id)
        except asyncpg.InsufficientPrivilegeError as exc:  # RLS: the business would be another commune's
            raise ConflictError(
                "the business's address is outside your communes", message_vi=text("communes.outside_scope")
            ) from exc
        await set_status(conn, document_id, DocumentStatus.APPROVED)
        await conn.execute(
            INSERT_APPROVED,
            document_id,
            corrected.layout.value,
            msgspec.to_builtins(corrected.record),
            outcome.action,
            outcome.business_id,
            outcome.version_id,
            user.id,
        )
        new_revision = await bump_revision(conn, document_id)
        await conn.execute(DECIDE, document_id, user.id, None)
        detail = {
            **msgspec.to_builtins(outcome),
            "revision": new_revision,
            "old": state.status,
            "new": "approved",
        }
        await audit_document(conn, user, "review.approve", document_id, detail)
    log.info("document %s approved: %s business %s", document_id, outcome.action, outcome.business_id)
    return outcome


async def _apply_to_register(
    conn: Conn, corrected: Extraction, document_id: int, user: CurrentUser, business_id: int | None
) -> Approval:
    result = await apply_extraction(
        conn, corrected, document_id=document_id, approved_by=user.id, business_id=business_id
    )
    if result.action == RegisterAction.NEEDS_HUMAN:  # nothing written: the reviewer must choose or correct
        first = next((f.message for f in result.findings if f.message), None)
        raise InvalidInputError(
            "the register needs a human decision (choose a business, or correct the record)",
            message_vi=first or text("review.register_needs_human"),
            code="register_needs_human",
            candidates=result.candidates,
            findings=msgspec.to_builtins(result.findings),
        )
    # "duplicate": this very certificate is already a version of the business; the document points at it
    return Approval(document_id, result.business_id, result.version_id, result.action)


async def reject_document(
    pool: asyncpg.Pool, document_id: int, user: CurrentUser, reason: str, revision: int
) -> Rejection:
    """A certificate that cannot go into the register (illegible, not a certificate, a duplicate…)."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInputError(
            "a reason is required", message_vi=text("review.reason_required"), field="reason"
        )
    async with pool.acquire() as conn, conn.transaction():
        state = await lock_for_write(conn, document_id, user, revision)
        await set_status(conn, document_id, DocumentStatus.REJECTED)
        new_revision = await bump_revision(conn, document_id)
        await conn.execute(DECIDE, document_id, user.id, reason)
        detail = {"reason": reason, "old": state.status, "new": "rejected", "revision": new_revision}
        await audit_document(conn, user, "review.reject", document_id, detail)
    log.info("document %s rejected", document_id)
    return Rejection(document_id, "rejected", reason, new_revision)


async def rerun_ocr(
    pool: asyncpg.Pool, document_id: int, user: CurrentUser, rotations: dict[str, int], max_attempts: int
) -> Job:
    """A new OCR job whose pages are first turned by the reviewer's rotations (clockwise, relative
    to the page as the review screen shows it, i.e. after earlier turns and the pipeline's own)."""
    async with pool.acquire() as conn, conn.transaction():
        state = await _lock_claimed(conn, document_id, user)
        page_count = await conn.fetchval(SELECT_PAGE_COUNT, document_id)
        requested = _check_rotations(rotations, int(page_count))
        if state.status in (DocumentStatus.QUEUED, DocumentStatus.PROCESSING):
            raise ConflictError(
                f"document {document_id} is already being read", message_vi=text("review.being_read")
            )
        absolute = {}
        for row in await conn.fetch(SELECT_ROTATION_BASE, document_id):
            turn = (row["applied"] + row["rotation"] + requested.get(row["number"], 0)) % 360
            if turn:
                absolute[str(row["number"])] = turn
        for number, turn in requested.items():  # pages never shown (no page row yet)
            absolute.setdefault(str(number), turn % 360)
        absolute = {k: v for k, v in absolute.items() if v}
        job_id = await queue_ocr_job(conn, document_id, max_attempts, absolute)
        await set_status(conn, document_id, DocumentStatus.QUEUED)
        new_revision = await bump_revision(conn, document_id)
        detail = {
            "job_id": job_id,
            "rotations": requested,
            "page_rotations": absolute,
            "revision": new_revision,
            "old": state.status,
            "new": "queued",
        }
        await audit_document(conn, user, "review.rerun", document_id, detail)
        job = await get_job(conn, job_id)
    assert job is not None
    log.info("document %s: OCR re-run as job %s", document_id, job_id)
    return job


async def _lock_claimed(conn: Conn, document_id: int, user: CurrentUser) -> ReviewState:
    """A re-run needs the claim but not a revision (the page only knows what it shows)."""
    current = await conn.fetchrow(LOCK_STATE, document_id)
    return await lock_for_write(conn, document_id, user, current["revision"] if current else -1)


def _check_rotations(rotations: dict[str, int], page_count: int) -> dict[int, int]:
    checked = {}
    for key, degrees in rotations.items():
        if not key.isdigit() or not 1 <= int(key) <= page_count:
            raise InvalidInputError(
                f"no page {key!r}", message_vi=text("review.bad_page"), field=f"rotations.{key}"
            )
        if degrees % 360 not in QUARTER_TURNS:
            raise InvalidInputError(
                f"rotation {degrees} is not a quarter turn",
                message_vi=text("review.bad_rotation"),
                field=f"rotations.{key}",
            )
        checked[int(key)] = degrees % 360
    return checked
