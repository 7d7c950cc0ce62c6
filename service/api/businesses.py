"""The register over HTTP: search/list, one business, its history, events, counts (dashboard).

Owner and member ID numbers and birth dates are personal data: service.personal_data decides who
sees them and masks them for everybody else.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any

import asyncpg
from litestar import Controller, Request, get, post
from litestar.params import FromQuery, JSONBody, QueryParameter

from service.auth import Role, require_roles
from service.deps import AppSettings, DbPool, RowId
from service.errors import InvalidInputError
from service.i18n import local_today
from service.i18n.messages import text
from service.personal_data import (
    mask_business,
    mask_history,
    mask_register_page,
    searches_personal_ids,
    sees_personal_data,
)
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
from service.request_throttle import Action, take_token


def clean_text(value: str | None) -> str | None:
    """Collapsed white space, no NUL (PostgreSQL text refuses it), at most 200 characters."""
    cleaned = " ".join((value or "").replace("\x00", " ").split())[:200]
    return unicodedata.normalize("NFC", cleaned) or None


def masked(request: Request[Any, Any, Any]) -> bool:
    return not sees_personal_data(request.user.role)


class BusinessesController(Controller):
    path = "/api/businesses"
    tags = ["register"]
    guards = [require_roles(Role.PLANNER, Role.REVIEWER)]

    @get("/", summary="Search and list the register (current, or as of a date)")
    async def list_businesses(
        self,
        request: Request[Any, Any, Any],
        pool: DbPool,
        settings: AppSettings,
        q: FromQuery[str | None] = None,
        commune: FromQuery[str | None] = None,
        province: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        section: FromQuery[str | None] = None,
        as_of: FromQuery[dt.date | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
        offset: Annotated[int, QueryParameter(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        query = clean_text(q)
        if query:
            await take_token(pool, request.user.id, Action.SEARCH, settings.search_per_minute)
        page = await search_businesses(
            pool, q=query, commune=clean_text(commune), province=clean_text(province),
            status=clean_text(status), section=clean_text(section), as_of=as_of,
            today=local_today(settings.zone), limit=limit, offset=offset,
            personal_ids=searches_personal_ids(request.user.role),
        )  # fmt: skip
        return mask_register_page(page) if masked(request) else page

    @get("/stats", summary="Counts by commune, VSIC section or status, on dates (default today)")
    async def stats(
        self,
        pool: DbPool,
        settings: AppSettings,
        by: FromQuery[StatsBy] = "status",
        dates: FromQuery[list[dt.date] | None] = None,
    ) -> dict[str, Any]:
        return await count_businesses(pool, by, (dates or [])[:24] or [local_today(settings.zone)])

    @get("/{business_id:int}", summary="One business: the version in force today or on `as_of`")
    async def get_one(
        self,
        request: Request[Any, Any, Any],
        pool: DbPool,
        settings: AppSettings,
        business_id: RowId,
        as_of: FromQuery[dt.date | None] = None,
    ) -> dict[str, Any]:
        data = await get_business(pool, business_id, as_of, today=local_today(settings.zone))
        return mask_business(data) if masked(request) else data

    @get("/{business_id:int}/history", summary="Every version in order, each with its diff from the previous")
    async def history(
        self, request: Request[Any, Any, Any], pool: DbPool, business_id: RowId
    ) -> dict[str, Any]:
        data = await business_history(pool, business_id)
        return mask_history(data) if masked(request) else data

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
                message_vi=text("business.document_missing"),
                field="document_ids",
            ) from exc
