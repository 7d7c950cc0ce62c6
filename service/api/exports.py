"""Exports of the register (as of a date, filtered) for planners and reviewers.

GET /api/exports/register.xlsx|csv streams the file in the response. POST /api/exports starts a
background export instead (a worker writes the file to storage; GET /api/exports/{id} shows its
progress, GET /api/exports/{id}/file downloads it for a day): for large registers.
Clerks cannot export. Personal data is masked unless a reviewer/admin asks `personal_data=full`;
a planner asking for it gets 403 — decided when asking, by the role at that moment
(service.personal_data). Only the requester (and admin) sees a background export; another user's id
is a 404. Every export is audited. The filters are one dependency (`export_query`) for both GETs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, JSONBody, QueryParameter
from litestar.response import Stream

from service.auth import Role, require_roles
from service.db.scope import acquire_snapshot
from service.deps import AppSettings, DbPool, RowId, Store
from service.errors import AppError, ConflictError, NotFoundError
from service.export.background import ExportRecord, create_export, get_export, list_exports, requester_label
from service.export.cover import cover_fields
from service.export.csv import write_csv
from service.export.rows import ExportFilters, stream_rows
from service.export.run import export_to_file, record_export
from service.i18n import local_today
from service.i18n.messages import text
from service.personal_data import full_export_allowed
from service.runtime.storage import BlobNotFoundError
from service.users import CurrentUser

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"xlsx": XLSX_TYPE, "csv": "text/csv"}  # Litestar adds "; charset=utf-8" to text/*
Code = Annotated[str | None, QueryParameter(max_length=12, pattern=r"^[0-9A-Za-z]+$")]
Place = Annotated[str | None, QueryParameter(max_length=200)]
"""A commune or province as typed: a name in either scheme, a suggestion or a code (rules.place_filter)."""
Status = Annotated[Literal["active", "suspended", "terminated", "revoked"] | None, QueryParameter()]
PersonalData = Literal["masked", "full"]


class ExportQuery(msgspec.Struct, frozen=True):
    """The query of a GET export: which businesses, and whether personal data is asked for in full."""

    filters: ExportFilters
    personal_data: PersonalData

    def asked_by(self, user: CurrentUser) -> tuple[CurrentUser, ExportFilters, bool]:
        """The user, the filters, and whether personal data is in full (403 if the role may not)."""
        return user, self.filters, full_export_allowed(user.role, self.personal_data)


async def provide_export_query(
    settings: AppSettings,
    province: Place = None,
    commune: Place = None,
    status: Status = None,
    section: Code = None,
    registered_from: FromQuery[dt.date | None] = None,
    registered_to: FromQuery[dt.date | None] = None,
    as_of: FromQuery[dt.date | None] = None,
    changed_since: FromQuery[dt.date | None] = None,
    personal_data: Annotated[PersonalData, QueryParameter()] = "masked",
) -> ExportQuery:
    filters = ExportFilters(
        province=province, commune=commune, status=status, section=section,
        registered_from=registered_from, registered_to=registered_to, as_of=as_of,
        changed_since=changed_since,
    )  # fmt: skip
    return ExportQuery(filters.dated(local_today(settings.zone)), personal_data)


class ExportRequest(ExportFilters, frozen=True, forbid_unknown_fields=True):
    """A background export: the format, the same filters as the GET exports, and the masking choice."""

    format: Literal["xlsx", "csv"] = "xlsx"
    personal_data: PersonalData = "masked"

    def filters(self) -> ExportFilters:
        return ExportFilters(**{name: getattr(self, name) for name in ExportFilters.__struct_fields__})


class ExportView(msgspec.Struct):
    """A background export as the browser polls it; `progress` is a percentage of `rows_total`."""

    id: int
    format: str
    status: Literal["queued", "running", "done", "failed"]
    personal_data: PersonalData
    filters: dict[str, str]
    rows_done: int
    rows_total: int | None
    progress: float
    error: str | None
    error_detail: str | None
    size_bytes: int | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    expires_at: dt.datetime
    expired: bool
    url: str
    file_url: str | None


class ExportList(msgspec.Struct):
    items: list[ExportView]


class ExportGoneError(AppError):
    status, type, title = 410, "/problems/gone", "Gone"
    message_vi = text("export.gone")


def to_view(record: ExportRecord) -> ExportView:
    if record.status == "done":
        progress = 100.0
    elif record.rows_total:
        progress = round(min(100.0, 100.0 * record.rows_done / record.rows_total), 1)
    else:
        progress = 0.0
    ready = record.status == "done" and not record.expired
    return ExportView(
        id=record.id, format=record.format, status=record.status,  # type: ignore[arg-type]
        personal_data="full" if record.full_personal else "masked",
        filters=record.export_filters().describe(), rows_done=record.rows_done,
        rows_total=record.rows_total, progress=progress, error=record.error,
        error_detail=record.error_detail, size_bytes=record.size_bytes, created_at=record.created_at,
        started_at=record.started_at, finished_at=record.finished_at, expires_at=record.expires_at,
        expired=record.expired, url=f"/api/exports/{record.id}",
        file_url=f"/api/exports/{record.id}/file" if ready else None,
    )  # fmt: skip


async def own_export(pool: DbPool, user: CurrentUser, export_id: int) -> ExportRecord:
    """The export when the user asked for it (or is admin); otherwise 404, not revealing it exists."""
    record = await get_export(pool, export_id)
    if record is None or (record.requested_by != user.id and not _admin_over(user, record)):
        raise NotFoundError(f"no export {export_id}", message_vi=text("export.not_found"))
    return record


def _admin_over(user: CurrentUser, record: ExportRecord) -> bool:
    """An admin may open anyone's export whose rows are all within the admin's own scope."""
    if user.role != Role.ADMIN:
        return False
    return user.communes is None or (
        record.communes is not None and set(record.communes) <= set(user.communes)
    )


def download_headers(record: ExportRecord) -> dict[str, str]:
    """An ASCII file name for old clients plus the Vietnamese one (RFC 6266/5987 `filename*`)."""
    day = (record.finished_at or record.created_at).date().isoformat()
    ascii_name = f"so-ho-kinh-doanh-{day}-{record.id}.{record.format}"
    vietnamese = text("export.file_name", day=day, id=record.id, format=record.format)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(vietnamese)}"
    return {"Content-Disposition": disposition, "Cache-Control": "private, no-store"}


def attachment(ext: str, day: dt.date) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="so-ho-kinh-doanh-{day.isoformat()}.{ext}"'}


async def stream_file(path: Path) -> AsyncIterator[bytes]:
    """The finished temp file in 256 KB chunks, deleted afterwards."""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(262144):
                yield chunk
    finally:
        os.unlink(path)


class ExportsController(Controller):
    path = "/api/exports"
    guards = [require_roles(Role.PLANNER, Role.REVIEWER)]
    dependencies = {"export_query": Provide(provide_export_query)}

    @get("/register.csv")
    async def export_csv(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        export_query: NamedDependency[ExportQuery],
    ) -> Stream:
        user, filters, full = export_query.asked_by(request.user)

        async def body() -> AsyncIterator[bytes]:
            counter = [0]
            async with acquire_snapshot(pool) as conn:
                async for chunk in write_csv(stream_rows(conn, filters, full), counter):
                    yield chunk
            await record_export(pool, user, "csv", filters.describe(), counter[0], full)

        day = filters.as_of or local_today(settings.zone)
        return Stream(
            body(), media_type="text/csv", headers=attachment("csv", day)
        )  # "; charset=utf-8" added

    @get("/register.xlsx")
    async def export_xlsx(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        export_query: NamedDependency[ExportQuery],
    ) -> Stream:
        user, filters, full = export_query.asked_by(request.user)
        fd, name = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        path = Path(name)
        try:
            cover = cover_fields(filters, requester_label(user), full, settings.zone)
            await export_to_file(pool, "xlsx", path, filters, full, user=user, cover=cover)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            raise
        day = filters.as_of or local_today(settings.zone)
        return Stream(stream_file(path), media_type=XLSX_TYPE, headers=attachment("xlsx", day))

    @post("/", status_code=202)
    async def start_export(
        self, request: Request, pool: DbPool, settings: AppSettings, data: JSONBody[ExportRequest]
    ) -> Response[ExportView]:
        """Queue a background export; 202 with its status URL in `Location`."""
        user: CurrentUser = request.user
        full = full_export_allowed(user.role, data.personal_data)
        filters = data.filters().dated(local_today(settings.zone))
        record = await create_export(pool, user, data.format, filters, full)
        view = to_view(record)
        return Response(view, status_code=202, headers={"Location": view.url})

    @get("/")
    async def my_exports(
        self, request: Request, pool: DbPool, limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20
    ) -> ExportList:
        """The user's own recent background exports, newest first."""
        return ExportList([to_view(r) for r in await list_exports(pool, request.user.id, limit)])

    @get("/{export_id:int}")
    async def export_status(self, request: Request, pool: DbPool, export_id: RowId) -> ExportView:
        """Status and progress (the browser polls this)."""
        return to_view(await own_export(pool, request.user, export_id))

    @get("/{export_id:int}/file")
    async def export_file(self, request: Request, pool: DbPool, storage: Store, export_id: RowId) -> Stream:
        """The finished file, streamed from storage; 409 until done, 410 once expired."""
        record = await own_export(pool, request.user, export_id)
        if record.expired:
            raise ExportGoneError(f"export {export_id} expired at {record.expires_at.isoformat()}")
        if record.status == "failed":
            raise ConflictError(
                f"export {export_id} failed: {record.error_detail or ''}".strip(),
                message_vi=text("export.failed", reason=record.error),
            )
        if record.status != "done" or record.storage_key is None:
            raise ConflictError(
                f"export {export_id} is {record.status}, not ready yet", message_vi=text("export.not_ready")
            )
        try:
            chunks = await storage.open_stream(record.storage_key)
        except BlobNotFoundError as exc:
            raise ExportGoneError(f"the file of export {export_id} is no longer stored") from exc
        headers = download_headers(record)
        if record.size_bytes is not None:
            headers["Content-Length"] = str(record.size_bytes)
        return Stream(chunks, media_type=MEDIA_TYPES[record.format], headers=headers)
