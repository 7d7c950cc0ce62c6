"""Events without a certificate (suspension, resumption, termination, revocation, re-issue).

A suspension's `to` is its last day, as people say it ("tạm ngừng đến ngày 31/12"): the business is
active again the day after, so the resumption version starts on `to` + 1 day."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from service.audit import write_audit
from service.db import Conn
from service.errors import ConflictError, InvalidInputError, NotFoundError
from service.i18n.messages import text
from service.register.apply import LOCK_BUSINESS, insert_version
from service.register.history import recut_history
from service.register.model import STATUS_BY_KIND

EventKind = Literal["suspension", "resumption", "termination", "revocation", "reissue"]

INSERT_EVENT = """
insert into business_events (business_id, kind, from_date, to_date, document_ids, note, created_by)
values ($1, $2, $3, $4, $5, $6, $7) returning id
"""
SELECT_IN_FORCE = """
select record, layout from business_versions where business_id = $1 and effective_on <= $2
order by effective_on desc, coalesce(amendment_number, 0) desc, id desc limit 1
"""
SELECT_SAME_DAY = "select 1 from business_versions where business_id = $1 and effective_on = $2"


DocumentId = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]


class EventIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: EventKind
    from_: dt.date = msgspec.field(name="from")
    expected_version: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]  # businesses.version: integer
    to: dt.date | None = None
    document_ids: Annotated[list[DocumentId], msgspec.Meta(max_length=100)] = msgspec.field(
        default_factory=list
    )
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class EventResult(msgspec.Struct):
    business_id: int
    event_id: int
    version_ids: list[int]
    status: str
    version: int


async def record_event(conn: Conn, business_id: int, event: EventIn, actor_id: int) -> EventResult:
    """Insert the event's version(s) (a suspension with an end also gets its resumption), re-cut, audit."""
    if any(not 1 <= d <= 9_223_372_036_854_775_807 for d in event.document_ids) or "\x00" in event.note:
        raise InvalidInputError(
            "bad document id or note",
            message_vi=text("business.bad_event"),
            field="document_ids",
        )
    row = await conn.fetchrow(LOCK_BUSINESS, business_id)
    if row is None:
        raise NotFoundError(f"no business {business_id}", message_vi=text("business.not_found"))
    if row["version"] != event.expected_version:
        raise ConflictError(
            f"business {business_id} is at version {row['version']}, not {event.expected_version}",
            message_vi=text("business.stale_version"),
            current_version=row["version"],
        )
    if event.to is not None and (event.kind != "suspension" or event.to < event.from_):
        raise InvalidInputError(
            "`to` is only for a suspension and must not be before `from`",
            message_vi=text("business.bad_event_end"),
            field="to",
        )
    steps: list[tuple[str, dt.date]] = [(event.kind, event.from_)]
    if event.to is not None:
        steps.append(("resumption", event.to + dt.timedelta(days=1)))
    version_ids = []
    for kind, day in steps:
        base = await conn.fetchrow(SELECT_IN_FORCE, business_id, day)
        if base is None:
            raise InvalidInputError(
                "the event is before the business's first version",
                message_vi=text("business.event_before_first"),
                field="from",
            )
        if await conn.fetchval(SELECT_SAME_DAY, business_id, day):
            raise ConflictError(
                f"business {business_id} already has a version on {day}",
                message_vi=text("business.same_day"),
            )
        document_id = event.document_ids[0] if event.document_ids else None
        version_ids.append(
            await insert_version(
                conn,
                business_id,
                kind,
                None,
                day,
                STATUS_BY_KIND[kind],
                base["layout"],
                base["record"],
                document_id,
                actor_id,
            )
        )
    event_id = await conn.fetchval(
        INSERT_EVENT, business_id, event.kind, event.from_, event.to, event.document_ids, event.note, actor_id
    )
    status, version = await recut_history(conn, business_id)
    detail: dict[str, Any] = {
        "event_id": event_id,
        "kind": event.kind,
        "from": event.from_.isoformat(),
        "to": event.to.isoformat() if event.to else None,
        "document_ids": event.document_ids,
        "note": event.note,
        "version_ids": version_ids,
        "old": {"status": row["status"], "version": row["version"]},
        "new": {"status": status, "version": version},
    }
    await write_audit(conn, actor_id, f"register.event.{event.kind}", "business", business_id, detail)
    return EventResult(business_id, event_id, version_ids, status, version)
