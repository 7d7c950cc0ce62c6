"""Reference data for reviewers: accent-insensitive autocomplete of units and VSIC codes (in memory,
rate-limited per user like register search), and, for admins, what is loaded in the database and a reload."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromQuery, QueryParameter

from rules import search_units, search_vsic
from rules.autocomplete import UnitHit, VsicHit
from rules.place_filter import PlaceSuggestion, suggest_places
from schemas.reference import Scheme, UnitKind, VsicVersion
from service.auth import Role, require_roles
from service.db.refdata import RefdataStatus, get_refdata_status, load_reference_data
from service.deps import AppSettings, DbPool
from service.request_throttle import Action, take_token


class UnitHits(msgspec.Struct, frozen=True):
    items: list[UnitHit]


class PlaceHits(msgspec.Struct, frozen=True):
    items: list[PlaceSuggestion]


class VsicHits(msgspec.Struct, frozen=True):
    items: list[VsicHit]


Query = Annotated[str, QueryParameter(max_length=200)]
Limit = Annotated[int, QueryParameter(ge=1, le=50)]


class RefdataController(Controller):
    path = "/api/refdata"
    tags = ["reference data"]
    guards = [require_roles(Role.CLERK, Role.REVIEWER, Role.PLANNER)]

    @get("/units", summary="Administrative units matching q (accents, case and unit words ignored)")
    async def units(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        q: Query,
        scheme: FromQuery[Scheme | None] = None,
        kind: FromQuery[UnitKind | Literal["any"]] = "commune",
        limit: Limit = 10,
    ) -> UnitHits:
        await take_token(pool, request.user.id, Action.AUTOCOMPLETE, settings.search_per_minute)
        return UnitHits(search_units(q, limit, scheme, None if kind == "any" else kind))

    @get(
        "/places",
        summary="Suggestions for a commune or province filter: both schemes, each with its province",
    )
    async def places(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        q: Query,
        kind: FromQuery[Literal["commune", "province"]] = "commune",
        limit: Limit = 10,
    ) -> PlaceHits:
        await take_token(pool, request.user.id, Action.AUTOCOMPLETE, settings.search_per_minute)
        communes = request.user.communes  # a commune's staff are offered their own places only
        return PlaceHits(suggest_places(q, kind, limit, None if communes is None else frozenset(communes)))

    @get("/vsic", summary="VSIC codes whose code starts with q or whose name matches it")
    async def vsic(
        self,
        request: Request,
        pool: DbPool,
        settings: AppSettings,
        q: Query,
        version: FromQuery[VsicVersion] = "2025",
        level: Annotated[int, QueryParameter(ge=1, le=5)] = 4,
        limit: Limit = 10,
    ) -> VsicHits:
        await take_token(pool, request.user.id, Action.AUTOCOMPLETE, settings.search_per_minute)
        return VsicHits(search_vsic(q, version, limit, level))

    @get("/status", summary="Loaded reference data: row counts and file versions", guards=[require_roles()])
    async def status(self, pool: DbPool) -> RefdataStatus:
        return await get_refdata_status(pool)

    @post(
        "/load",
        status_code=200,
        summary="Reload every reference table from the package",
        guards=[require_roles()],
    )
    async def load(self, pool: DbPool) -> RefdataStatus:
        async with pool.acquire() as conn:
            return await load_reference_data(conn)
