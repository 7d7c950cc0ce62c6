"""GET /api/exports/register.xlsx|csv: the register (as of a date, filtered) for planners, streamed.

Clerks cannot export. Personal data is masked unless a reviewer/admin asks `personal_data=full`;
a planner asking for it gets 403. Every export is written to audit_log.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Literal

from litestar import Controller, Request, get
from litestar.params import FromQuery, QueryParameter
from litestar.response import Stream

from service.auth import Role, require_roles
from service.deps import DbPool
from service.errors import ForbiddenError
from service.export.audit import record_export
from service.export.csv import write_csv
from service.export.history import stream_history
from service.export.rows import ExportFilters, stream_rows
from service.export.xlsx import write_xlsx
from service.users import CurrentUser

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Code = Annotated[str | None, QueryParameter(max_length=12, pattern=r"^[0-9A-Za-z]+$")]
Status = Annotated[Literal["active", "suspended", "terminated", "revoked"] | None, QueryParameter()]


def check_personal(user: CurrentUser, personal_data: str) -> bool:
    """True when full personal data is allowed and asked for; 403 when asked without the role."""
    if personal_data != "full":
        return False
    if user.role not in (Role.REVIEWER, Role.ADMIN):
        raise ForbiddenError(
            "personal data requires the reviewer or admin role",
            message_vi="Chỉ cán bộ kiểm tra hoặc quản trị được xuất dữ liệu cá nhân đầy đủ.",
        )
    return True


def build_filters(**kwargs: object) -> ExportFilters:
    return ExportFilters(**kwargs)  # type: ignore[arg-type]


def file_name(ext: str) -> str:
    return f"so-ho-kinh-doanh-{dt.date.today().isoformat()}.{ext}"


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

    @get("/register.csv")
    async def export_csv(
        self,
        request: Request,
        pool: DbPool,
        province: Code = None,
        commune: Code = None,
        status: Status = None,
        section: Code = None,
        registered_from: FromQuery[dt.date | None] = None,
        registered_to: FromQuery[dt.date | None] = None,
        as_of: FromQuery[dt.date | None] = None,
        changed_since: FromQuery[dt.date | None] = None,
        personal_data: Annotated[Literal["masked", "full"], QueryParameter()] = "masked",
    ) -> Stream:
        user: CurrentUser = request.user
        full = check_personal(user, personal_data)
        filters = build_filters(
            province=province, commune=commune, status=status, section=section,
            registered_from=registered_from, registered_to=registered_to, as_of=as_of,
            changed_since=changed_since,
        )  # fmt: skip

        async def body() -> AsyncIterator[bytes]:
            counter = [0]
            async with pool.acquire() as conn:
                async for chunk in write_csv(stream_rows(conn, filters, full), counter):
                    yield chunk
            await record_export(pool, user, "csv", filters.describe(), counter[0], full)

        return Stream(
            body(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{file_name("csv")}"'},
        )

    @get("/register.xlsx")
    async def export_xlsx(
        self,
        request: Request,
        pool: DbPool,
        province: Code = None,
        commune: Code = None,
        status: Status = None,
        section: Code = None,
        registered_from: FromQuery[dt.date | None] = None,
        registered_to: FromQuery[dt.date | None] = None,
        as_of: FromQuery[dt.date | None] = None,
        changed_since: FromQuery[dt.date | None] = None,
        personal_data: Annotated[Literal["masked", "full"], QueryParameter()] = "masked",
    ) -> Stream:
        user: CurrentUser = request.user
        full = check_personal(user, personal_data)
        filters = build_filters(
            province=province, commune=commune, status=status, section=section,
            registered_from=registered_from, registered_to=registered_to, as_of=as_of,
            changed_since=changed_since,
        )  # fmt: skip
        counter = [0]
        cover = cover_fields(filters, user, full)
        async with pool.acquire() as conn:
            path = await write_xlsx(
                stream_rows(conn, filters, full),
                cover,
                counter,
                history=lambda ids: stream_history(conn, ids, filters.as_of),
            )
        await record_export(pool, user, "xlsx", filters.describe(), counter[0], full)
        return Stream(
            stream_file(path),
            media_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{file_name("xlsx")}"'},
        )


FILTER_LABELS = {
    "province": "Tỉnh/thành phố (mã)", "commune": "Xã/phường (mã 2025)", "status": "Tình trạng",
    "section": "Ngành VSIC (phần/ngành cấp 2)", "registered_from": "Đăng ký từ ngày",
    "registered_to": "Đăng ký đến ngày", "changed_since": "Thay đổi từ ngày",
}  # fmt: skip


def cover_fields(filters: ExportFilters, user: CurrentUser, full: bool) -> dict[str, str]:
    out = {"Số liệu tính đến ngày": (filters.as_of or dt.date.today()).strftime("%d/%m/%Y")}
    for key, value in filters.describe().items():
        if key in FILTER_LABELS:
            out[FILTER_LABELS[key]] = value
    out["Thời điểm xuất"] = dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC")
    out["Người xuất"] = f"{user.display_name} ({user.username}, {user.role})"
    out["Dữ liệu cá nhân"] = "đầy đủ" if full else "đã che (Nghị định 13/2023)"
    return out
