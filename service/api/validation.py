"""POST /api/validate: a record in the contract shape → findings (pure rules, no database).

The record is bounded like a correction (service/review/bounds.py: every text, number and list),
and so are the Extraction parts it ignores, so no request makes the rules walk a huge record.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, post
from litestar.params import JSONBody

from rules import validate_record
from schemas.record import Finding, Layout, Record
from service.auth import Role, require_roles
from service.errors import InvalidInputError
from service.i18n.messages import text
from service.review.bounds import record_out_of_bounds

MAX_IGNORED_ITEMS = 500  # an Extraction has one field result per contract path, a few findings


class ValidateRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The record and its certificate era; an `Extraction` (hkd extract --json line) also fits.
    `today` fixes the date used by the "not in the future" rules (default: the server's date)."""

    record: Record
    layout: Layout = Layout.UNRECOGNISED
    today: dt.date | None = None
    # the rest of an Extraction, accepted and not read (anything else is an unknown field: a 422)
    file: Annotated[str, msgspec.Meta(max_length=1000)] | None = None
    pages: Annotated[int, msgspec.Meta(ge=0, le=10_000)] | None = None
    fields: Annotated[dict[str, Any], msgspec.Meta(max_length=MAX_IGNORED_ITEMS)] | None = None
    findings: Annotated[list[Any], msgspec.Meta(max_length=MAX_IGNORED_ITEMS)] | None = None


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
        beyond = record_out_of_bounds(data.record)
        if beyond:
            path, problem = beyond
            raise InvalidInputError(
                f"record.{path} is out of bounds: {problem}",
                message_vi=text("review.out_of_bounds"),
                field=f"record.{path}",
            )
        return ValidateResult(validate_record(data.record, data.layout, data.today))
