"""POST /api/validate: a record in the contract shape → findings (pure rules, no database)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, post
from litestar.params import JSONBody

from rules import validate_record
from schemas.record import Finding, Layout, Record
from service.auth import Role, require_roles


class ValidateRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The record and its certificate era; an `Extraction` (hkd extract --json line) also fits.
    `today` fixes the date used by the "not in the future" rules (default: the server's date)."""

    record: Record
    layout: Layout = Layout.UNRECOGNISED
    today: dt.date | None = None
    # the rest of an Extraction, accepted and not read (anything else is an unknown field: a 422)
    file: Annotated[str, msgspec.Meta(max_length=1000)] | None = None
    pages: Annotated[int, msgspec.Meta(ge=0, le=10_000)] | None = None
    fields: dict[str, Any] | None = None
    findings: list[Any] | None = None


class ValidateResult(msgspec.Struct, frozen=True):
    findings: list[Finding]


class ValidationController(Controller):
    path = "/api/validate"
    tags = ["validation"]
    guards = [require_roles(Role.CLERK, Role.REVIEWER, Role.PLANNER)]

    @post(
        "/", status_code=200, summary="Validate a record: ID numbers, codes, dates, capital, VSIC, addresses"
    )
    async def validate(self, data: JSONBody[ValidateRequest]) -> ValidateResult:
        return ValidateResult(validate_record(data.record, data.layout, data.today))
