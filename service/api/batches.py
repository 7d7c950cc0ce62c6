"""Batches: POST /api/batches (a scanned stack and its label), GET one with its progress, children
and pages, page thumbnails, and POST …/split for the clerk's corrections."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody

from service.auth import Role, require_roles
from service.batches.edits import edit_split
from service.batches.model import BatchLabel, LabelText
from service.batches.progress import BatchView, get_batch_view, require_batch
from service.batches.uploads import BatchUpload, accept_batch
from service.communes import upload_commune
from service.deps import AppSettings, Blobs, DbPool, RowId
from service.errors import BadRequestError, NotFoundError, refuse_control_characters_in
from service.i18n.messages import text
from service.runtime.spool import spooled

SELECT_THUMB = "select thumb_sha256 from batch_pages where batch_id = $1 and number = $2"


class BatchForm(msgspec.Struct, forbid_unknown_fields=True):
    """A part of another name is a 422 naming it, as for POST /api/documents."""

    file: UploadFile
    box: LabelText = ""
    commune: LabelText = ""
    scanned_by: LabelText = ""
    scanned_on: dt.date | None = None
    commune_code: str | None = None  # 2025 code of the batch's commune (service.communes.upload_commune)


class SplitEdit(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    overrides: dict[int, str | None]  # page number → kind (None: the classifier's again)


class BatchesController(Controller):
    path = "/api/batches"
    tags = ["batches"]
    guards = [require_roles(Role.CLERK, Role.REVIEWER)]

    @post("/", status_code=201, summary="Upload a scanned stack (field `file`) with its label")
    async def upload(
        self,
        data: MultipartBody[BatchForm],
        request: Request,
        pool: DbPool,
        blobs: Blobs,
        settings: AppSettings,
    ) -> Response[BatchUpload]:
        if not isinstance(data.file, UploadFile):
            raise BadRequestError("no file in field `file`", message_vi=text("upload.no_file"))
        refuse_control_characters_in(data)  # form parts (the boundary reads JSON)
        label = BatchLabel(data.box.strip(), data.commune.strip(), data.scanned_by.strip(), data.scanned_on)
        name, limits = data.file.filename or "", settings.batch_limits
        try:  # copied to a temporary file in chunks, refused once past the batch byte limit
            async with spooled(data.file, limits.max_bytes, name) as path:
                result = await accept_batch(pool, blobs, path, name, label, limits,
                                            uploaded_by=request.user.id, max_attempts=settings.job_attempts,
                                            commune=upload_commune(request.user, data.commune_code))  # fmt: skip
        finally:
            await data.file.close()
        return Response(result, status_code=200 if result.duplicate else 201)

    @get("/{batch_id:int}", summary="A batch: progress, children (with the reason of each boundary), pages")
    async def get_one(self, pool: DbPool, batch_id: RowId) -> BatchView:
        return await get_batch_view(pool, batch_id)

    @get("/{batch_id:int}/pages/{page_file:str}", summary="A page thumbnail (PNG), e.g. pages/1.png")
    async def thumbnail(
        self, pool: DbPool, blobs: Blobs, batch_id: RowId, page_file: FromPath[str]
    ) -> Response[bytes]:
        number = page_file.removesuffix(".png")
        if not number.isdigit() or not page_file.endswith(".png") or len(number) > 6:
            raise NotFoundError("page thumbnails are named N.png")
        digest = await pool.fetchval(SELECT_THUMB, batch_id, int(number))
        if digest is None:
            await require_batch(pool, batch_id)
            raise NotFoundError(
                f"batch {batch_id} has no page {number} (yet)", message_vi=text("document.page_not_ready")
            )
        return Response(
            await blobs.get(digest),
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=86400"},
        )

    @post("/{batch_id:int}/split", status_code=200, summary="Correct the split: page kinds, then split again")
    async def edit(
        self,
        data: JSONBody[SplitEdit],
        request: Request,
        pool: DbPool,
        blobs: Blobs,
        settings: AppSettings,
        batch_id: RowId,
    ) -> BatchView:
        await edit_split(
            pool, blobs, batch_id, data.overrides, actor=request.user.id, max_attempts=settings.job_attempts
        )
        return await get_batch_view(pool, batch_id)
