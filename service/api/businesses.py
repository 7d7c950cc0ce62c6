"""The register over HTTP: search/list, one business, its history, events, counts (dashboard).

Owner and member ID numbers and birth dates are personal data (Decree 13/2023): reviewers (and
admins) see them; planners get ID numbers masked (048******234) and birth years only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any

import asyncpg
from litestar import Controller, Request, get, post
from litestar.params import FromQuery, JSONBody, QueryParameter

from service.auth import Role, require_roles
from service.deps import DbPool, RowId
from service.errors import InvalidInputError
from service.register import (
    EventIn,
    EventResult,
    business_history,
    count_businesses,
    get_business,
    record_event,
    search_businesses,
)
from service.register.queries import StatsBy

PERSONAL_DATE_KEYS = ("birth_date",)


def clean_text(value: str | None) -> str | None:
    """Collapsed white space, no NUL (PostgreSQL text refuses it), at most 200 characters."""
    cleaned = " ".join((value or "").replace("\x00", " ").split())[:200]
    return unicodedata.normalize("NFC", cleaned) or None


def mask_id(value: Any) -> Any:
    """048******234: enough to tell two people apart on screen, not enough to misuse."""
    if not isinstance(value, str) or len(value) < 7:
        return "***" if value else value
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def mask_birth(value: Any) -> Any:
    return str(value)[:4] if value else value


def mask_person(person: Any) -> Any:
    if not isinstance(person, dict):
        return person
    out = dict(person)
    if "id_number" in out:
        out["id_number"] = mask_id(out["id_number"])
    if "birth_date" in out:
        out["birth_date"] = mask_birth(out["birth_date"])
    return out


def mask_record(record: Any) -> Any:
    if not isinstance(record, dict):
        return record
    out = dict(record)
    out["owner"] = mask_person(out.get("owner"))
    out["members"] = [mask_person(m) for m in out.get("members") or []]
    return out


def mask_diff(diff: Any) -> Any:
    if not isinstance(diff, dict):
        return diff
    out = {}
    for path, change in diff.items():
        if path == "owner.id_number":
            change = {k: mask_id(v) for k, v in change.items()}
        elif path == "owner.birth_date":
            change = {k: mask_birth(v) for k, v in change.items()}
        elif path == "members":
            change = {k: [mask_person(m) for m in v or []] for k, v in change.items()}
        out[path] = change
    return out


def sees_personal_data(request: Request[Any, Any, Any]) -> bool:
    return request.user.role in (Role.REVIEWER, Role.ADMIN)


class BusinessesController(Controller):
    path = "/api/businesses"
    tags = ["register"]
    guards = [require_roles(Role.PLANNER, Role.REVIEWER)]

    @get("/", summary="Search and list the register (current, or as of a date)")
    async def list_businesses(
        self,
        request: Request[Any, Any, Any],
        pool: DbPool,
        q: FromQuery[str | None] = None,
        commune: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        section: FromQuery[str | None] = None,
        as_of: FromQuery[dt.date | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
        offset: Annotated[int, QueryParameter(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        page = await search_businesses(
            pool, q=clean_text(q), commune=clean_text(commune), status=clean_text(status),
            section=clean_text(section), as_of=as_of, limit=limit, offset=offset,
        )  # fmt: skip
        if not sees_personal_data(request):
            for item in page["items"]:
                item["owner_id_number"] = mask_id(item["owner_id_number"])
        return page

    @get("/stats", summary="Counts by commune, VSIC section or status, on dates (default today)")
    async def stats(
        self, pool: DbPool, by: FromQuery[StatsBy] = "status", dates: FromQuery[list[dt.date] | None] = None
    ) -> dict[str, Any]:
        return await count_businesses(pool, by, (dates or [])[:24] or None)

    @get("/{business_id:int}", summary="One business: the version in force today or on `as_of`")
    async def get_one(
        self,
        request: Request[Any, Any, Any],
        pool: DbPool,
        business_id: RowId,
        as_of: FromQuery[dt.date | None] = None,
    ) -> dict[str, Any]:
        data = await get_business(pool, business_id, as_of)
        if not sees_personal_data(request):
            data["record"] = mask_record(data.get("record"))
        return data

    @get("/{business_id:int}/history", summary="Every version in order, each with its diff from the previous")
    async def history(
        self, request: Request[Any, Any, Any], pool: DbPool, business_id: RowId
    ) -> dict[str, Any]:
        data = await business_history(pool, business_id)
        if not sees_personal_data(request):
            for item in data["items"]:
                item["record"] = mask_record(item["record"])
                item["diff"] = mask_diff(item["diff"])
        return data

    @post(
        "/{business_id:int}/events",
        status_code=201,
        guards=[require_roles(Role.REVIEWER)],
        summary="Record a suspension, resumption, termination, revocation or re-issue (needs expected_version)",
    )
    async def add_event(
        self, request: Request[Any, Any, Any], pool: DbPool, business_id: RowId, data: JSONBody[EventIn]
    ) -> EventResult:
        try:
            async with pool.acquire() as conn, conn.transaction():
                return await record_event(conn, business_id, data, request.user.id)
        except asyncpg.ForeignKeyViolationError as exc:
            raise InvalidInputError(
                "a document id does not exist",
                message_vi="Tài liệu kèm theo không tồn tại.",
                field="document_ids",
            ) from exc
