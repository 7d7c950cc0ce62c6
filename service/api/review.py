"""Review API: queue, claims, the review view, corrections, finding acknowledgements and decisions.

Every route is for reviewers (admin passes). Writes need the caller's live claim on the document;
corrections, acknowledgements, approve and reject also carry the `revision` they were based on.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.auth import Role, require_roles
from service.deps import AppSettings, DbPool, RowId
from service.jobs.ocr import Job
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


class CorrectionCreate(msgspec.Struct, forbid_unknown_fields=True):
    field: str
    value: Any
    revision: int


class RevisionBody(msgspec.Struct):
    revision: int


class ApprovalCreate(msgspec.Struct):
    revision: int
    business_id: int | None = None


class RejectionCreate(msgspec.Struct):
    reason: str
    revision: int


class RerunCreate(msgspec.Struct):
    rotations: dict[str, int] = msgspec.field(default_factory=dict)


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
        job = await rerun_ocr(pool, document_id, request.user, data.rotations, settings.job_attempts)
        return Response(job, status_code=202)
