"""POST /api/validate: a record in the contract shape → findings (pure rules, no database)."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, post
from litestar.params import JSONBody

from rules import validate_record
from schemas.record import Finding, Layout, Record
from service.auth import Role, require_roles


class ValidateRequest(msgspec.Struct):
    """The record and its certificate era; an `Extraction` (hkd extract --json line) also fits.
    `today` fixes the date used by the "not in the future" rules (default: the server's date)."""

    record: Record
    layout: Layout = Layout.UNRECOGNISED
    today: dt.date | None = None


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
