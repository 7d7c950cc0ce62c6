"""Review API: queue, claims, the review view, corrections, finding acknowledgements and decisions.

Every route is for reviewers (admin passes). Writes need the caller's live claim on the document;
corrections, acknowledgements, approve and reject also carry the `revision` they were based on.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.auth import Role, require_roles
from service.deps import PG_BIGINT_MAX, AppSettings, DbPool, RowId
from service.jobs.ocr import Job
from service.review.bounds import INT4_MAX
from service.review.claims import (
    Claim,
    CorrectionSaved,
    ReviewQueue,
    ReviewView,
    acknowledge_finding,
    add_correction,
    claim_document,
    get_review,
    list_queue,
    release_claim,
)
from service.review.decisions import (
    Approval,
    Preview,
    Rejection,
    approve_document,
    preview_approval,
    reject_document,
    rerun_ocr,
)

Revision = Annotated[int, msgspec.Meta(ge=0, le=INT4_MAX)]  # review_state.revision is an integer
FieldPath = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]  # a RECORD_FIELD_PATHS entry
PageKey = Annotated[str, msgspec.Meta(pattern=r"^[1-9][0-9]{0,4}$")]  # "1", "2", … in ASCII digits
QuarterTurn = Literal[0, 90, 180, 270]


class CorrectionCreate(msgspec.Struct, forbid_unknown_fields=True):
    """`value` is checked against the field's type and what the register can store when it is made
    (service.review.values), with a 422 naming the field."""

    field: FieldPath
    value: Any
    revision: Revision


class RevisionBody(msgspec.Struct, forbid_unknown_fields=True):
    revision: Revision


class ApprovalCreate(msgspec.Struct, forbid_unknown_fields=True):
    revision: Revision
    business_id: Annotated[int, msgspec.Meta(ge=1, le=PG_BIGINT_MAX)] | None = None


class RejectionCreate(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    revision: Revision


class RerunCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Clockwise quarter turns by page number ({"1": 90}); nothing else is a rotation."""

    rotations: Annotated[dict[PageKey, QuarterTurn], msgspec.Meta(max_length=1000)] = msgspec.field(
        default_factory=dict
    )


class Released(msgspec.Struct, frozen=True):
    document_id: int
    released: bool


class Acknowledged(msgspec.Struct, frozen=True):
    document_id: int
    index: int
    revision: int


class ReviewController(Controller):
    path = "/api/review"
    tags = ["review"]
    guards = [require_roles(Role.REVIEWER)]

    @get("/queue", summary="Documents waiting for review, riskiest first")
    async def queue(
        self,
        pool: DbPool,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
        offset: Annotated[int, QueryParameter(ge=0, le=1_000_000_000)] = 0,
    ) -> ReviewQueue:
        return await list_queue(pool, limit, offset)

    @post("/{document_id:int}/claim", status_code=200, summary="Claim (or renew the claim on) a document")
    async def claim(self, request: Request, pool: DbPool, document_id: RowId) -> Claim:
        return await claim_document(pool, document_id, request.user)

    @delete("/{document_id:int}/claim", status_code=200, summary="Release one's claim")
    async def release(self, request: Request, pool: DbPool, document_id: RowId) -> Released:
        return Released(document_id, await release_claim(pool, document_id, request.user))

    @get("/{document_id:int}", summary="Corrected and original extraction, corrections, claim, pages")
    async def view(self, pool: DbPool, document_id: RowId) -> ReviewView:
        return await get_review(pool, document_id)

    @post("/{document_id:int}/corrections", status_code=201, summary="Correct (or accept) one field")
    async def correct(
        self, request: Request, pool: DbPool, document_id: RowId, data: JSONBody[CorrectionCreate]
    ) -> CorrectionSaved:
        return await add_correction(pool, document_id, request.user, data.field, data.value, data.revision)

    @post("/{document_id:int}/findings/{index:int}/ack", status_code=200, summary="Accept despite a finding")
    async def acknowledge(
        self,
        request: Request,
        pool: DbPool,
        document_id: RowId,
        index: Annotated[int, PathParameter(ge=0, le=10_000)],
        data: JSONBody[RevisionBody],
    ) -> Acknowledged:
        revision = await acknowledge_finding(pool, document_id, request.user, index, data.revision)
        return Acknowledged(document_id, index, revision)

    @post("/{document_id:int}/preview", status_code=200, summary="What approving would do (writes nothing)")
    async def preview(self, pool: DbPool, document_id: RowId) -> Preview:
        return await preview_approval(pool, document_id)

    @post("/{document_id:int}/approve", status_code=200, summary="Approve: corrections into the register")
    async def approve(
        self, request: Request, pool: DbPool, document_id: RowId, data: JSONBody[ApprovalCreate]
    ) -> Approval:
        return await approve_document(pool, document_id, request.user, data.revision, data.business_id)

    @post("/{document_id:int}/reject", status_code=200, summary="Reject with a reason")
    async def reject(
        self, request: Request, pool: DbPool, document_id: RowId, data: JSONBody[RejectionCreate]
    ) -> Rejection:
        return await reject_document(pool, document_id, request.user, data.reason, data.revision)

    @post("/{document_id:int}/rerun", status_code=202, summary="Re-run OCR with per-page rotations")
    async def rerun(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        document_id: RowId,
        data: JSONBody[RerunCreate],
    ) -> Response[Job]:
        job = await rerun_ocr(pool, document_id, request.user, dict(data.rotations), settings.job_attempts)
        return Response(job, status_code=202)
