"""Uploads and documents: POST/GET /api/documents, one document, its page images.

A page image whose blob is gone from storage is a 404 problem (BlobNotFoundError), not a 500."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, MultipartBody, QueryParameter

from schemas.record import Extraction
from service.auth import Role, require_roles
from service.batches.diversion import MixedUpload, accept_files
from service.batches.model import BatchLabel, LabelText
from service.communes import upload_commune
from service.deps import PG_BIGINT_MAX, AppSettings, Blobs, DbPool, RowId
from service.documents.extractions import latest_extraction
from service.documents.outcomes import Outcome, UploadPage, list_uploads
from service.documents.uploads import DocumentView, get_document, list_documents
from service.errors import BadRequestError, NotFoundError, refuse_control_characters_in
from service.i18n.messages import text

PAGE_FILE = re.compile(r"[0-9]{1,5}\.png")
SELECT_PAGE_IMAGE = "select image_sha256 from pages where document_id = $1 and number = $2"


class UploadForm(msgspec.Struct, forbid_unknown_fields=True):
    """`batch`: every file is a scanned stack (a file with more pages than HKD_BATCH_FROM_PAGES is one
    anyway), with the label fields of POST /api/batches. A part of another name is a 422 naming it
    (a misspelt `commune_code` would otherwise be dropped, and the file filed under no commune)."""

    file: list[UploadFile]
    commune_code: str | None = None  # 2025 code; needed when the uploader works for several communes
    batch: Literal["true", "false"] = "false"  # the text of a form part: "0" or "yes" is a 422, not false
    box: LabelText = ""
    commune: LabelText = ""  # the batch label's commune, as written on the box (free text)
    scanned_by: LabelText = ""
    scanned_on: dt.date | None = None


class DocumentPage(msgspec.Struct, frozen=True):
    items: list[DocumentView]
    next_before_id: int | None


class DocumentsController(Controller):
    path = "/api/documents"
    tags = ["documents"]
    guards = [require_roles(Role.CLERK, Role.REVIEWER)]  # scans carry personal data: not for planners

    @post("/", status_code=201, summary="Upload scans (field `file`, repeatable): JPEG, PNG, TIFF, PDF")
    async def upload(
        self,
        data: MultipartBody[UploadForm],
        request: Request,
        pool: DbPool,
        blobs: Blobs,
        settings: AppSettings,
    ) -> Response[MixedUpload]:
        """201 with the documents and batches (200 when every file was there already); when no file
        is accepted, the first refusal as a problem, listing every refused file."""
        if not data.file:
            raise BadRequestError("no file in field `file`", message_vi=text("upload.no_file"))
        if len(data.file) > settings.max_files_per_request:
            raise BadRequestError(f"at most {settings.max_files_per_request} files per request")
        refuse_control_characters_in(data)  # form parts (the boundary reads JSON)
        label = BatchLabel(data.box.strip(), data.commune.strip(), data.scanned_by.strip(), data.scanned_on)
        result = await accept_files(
            pool, blobs, data.file, settings, uploaded_by=request.user.id, as_batches=data.batch == "true", label=label,
            commune=upload_commune(request.user, data.commune_code),
        )  # fmt: skip
        return Response(result, status_code=200 if result.all_known else 201)

    @get("/", summary="List documents, newest first (keyset pagination with before_id)")
    async def list_(
        self,
        pool: DbPool,
        status: FromQuery[str | None] = None,
        before_id: Annotated[int | None, QueryParameter(ge=1, le=PG_BIGINT_MAX)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> DocumentPage:
        items = await list_documents(pool, status, before_id, limit)
        next_id = items[-1].id if len(items) == limit else None
        return DocumentPage(items, next_id)

    @get("/uploads", summary="The caller's own uploads with their outcome and its reason (the clerk's page)")
    async def uploads(
        self,
        request: Request,
        pool: DbPool,
        outcome: FromQuery[Outcome | None] = None,
        q: FromQuery[str | None] = None,
        ids: FromQuery[list[int] | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 20,
        offset: Annotated[int, QueryParameter(ge=0, le=1_000_000)] = 0,
    ) -> UploadPage:
        """`ids` (repeatable) picks the documents of a batch in progress (an id no row can have picks
        nothing)."""
        ids = [i for i in ids if 0 < i <= PG_BIGINT_MAX] if ids else None
        name = unicodedata.normalize("NFC", " ".join((q or "").replace("\x00", " ").split())[:200]) or None
        return await list_uploads(
            pool, request.user.id, outcome=outcome, name=name, ids=ids[:200] if ids is not None else None,
            limit=limit, offset=offset,
        )  # fmt: skip

    @get("/{document_id:int}", summary="One document with its job status and progress")
    async def get_one(self, pool: DbPool, document_id: RowId) -> DocumentView:
        return await get_document(pool, document_id)

    @get(
        "/{document_id:int}/extraction",
        guards=[require_roles(Role.REVIEWER)],
        summary="The newest extraction in the record-contract shape (with validation findings)",
    )
    async def extraction(self, pool: DbPool, document_id: RowId) -> Extraction:
        await get_document(pool, document_id)
        return await latest_extraction(pool, document_id)

    @get("/{document_id:int}/pages/{page_file:str}", summary="A page image (PNG), e.g. pages/1.png")
    async def page_image(
        self, pool: DbPool, blobs: Blobs, document_id: RowId, page_file: FromPath[str]
    ) -> Response[bytes]:
        number_text = page_file.removesuffix(".png")
        if not PAGE_FILE.fullmatch(page_file):  # ASCII digits: "².png" is no page (int() refuses it)
            raise NotFoundError("page images are named N.png")
        digest = await pool.fetchval(SELECT_PAGE_IMAGE, document_id, int(number_text))
        if digest is None:
            raise NotFoundError(
                f"document {document_id} has no page {number_text} (yet)",
                message_vi=text("document.page_not_ready"),
            )
        return Response(
            await blobs.get(digest),
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=86400"},
        )
