"""History: diffs between neighbouring versions and validity ranges re-cut from the dates.

Ranges and diffs are derived from (effective_on, amendment number), never hand-kept, so an old scan
found later is placed by re-running `recut_history` for its business.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from schemas.record import Record
from service.db import Conn
from service.register.model import NORMALISED_COLUMNS, normalise, normalised_placeholders

IGNORED = frozenset({"amendment_number", "amended_on"})  # they differ on every certificate by design

RECUT = """
with ordered as (
    select id, effective_on,
           lead(effective_on) over (order by effective_on, coalesce(amendment_number, 0), id) as next_on
    from business_versions where business_id = $1
)
update business_versions v set valid = daterange(o.effective_on, o.next_on, '[)')
from ordered o where v.id = o.id
"""
SELECT_ORDERED = """
select id, kind, amendment_number, effective_on, status, record, diff, layout, valid
from business_versions where business_id = $1
order by effective_on, coalesce(amendment_number, 0), id
"""
UPDATE_DIFF = "update business_versions set diff = $2 where id = $1"
UPDATE_EVENT_SNAPSHOT = f"""
update business_versions set record = $2, layout = $3,
    {", ".join(f"{c} = {p}" for c, p in zip(NORMALISED_COLUMNS, normalised_placeholders(4), strict=True))}
where id = $1
"""
UPDATE_BUSINESS_STATUS = """
update businesses b set status = coalesce(
        (select status from business_versions where business_id = b.id and valid @> current_date),
        (select status from business_versions where business_id = b.id
         order by effective_on desc, coalesce(amendment_number, 0) desc, id desc limit 1)),
    version = version + 1, updated_at = now()
where id = $1
returning status, version
"""


def flatten(record: dict[str, Any] | None, status: str | None = None) -> dict[str, Any]:
    """A record as comparable paths: owner fields flattened (owner.full_name), lists kept whole."""
    flat: dict[str, Any] = {}
    for key, value in (record or {}).items():
        if key in IGNORED:
            continue
        if key == "owner" and isinstance(value, dict):
            flat.update({f"owner.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    if status is not None:
        flat["status"] = status
    return flat


def diff_records(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    old_status: str | None = None,
    new_status: str | None = None,
) -> dict[str, dict[str, Any]]:
    """{path: {"old": …, "new": …}} for every path whose value changed (everything, for a first version)."""
    before = flatten(old, old_status) if old is not None else {}
    after = flatten(new, new_status)
    changed = {}
    for path in sorted(set(before) | set(after)):
        a, b = before.get(path), after.get(path)
        if a != b and not (a in (None, [], "") and b in (None, [], "")):
            changed[path] = {"old": a, "new": b}
    return changed


async def recut_history(conn: Conn, business_id: int) -> tuple[str, int]:
    """Re-cut validity ranges, refresh event snapshots and diffs; returns the business (status, version)."""
    await conn.execute(RECUT, business_id)
    rows = await conn.fetch(SELECT_ORDERED, business_id)
    previous: Any = None
    for row in rows:
        record, layout = row["record"], row["layout"]
        is_event = row["kind"] not in ("first_registration", "amendment")
        if is_event and previous and previous["record"] != record:  # events carry the data in force before
            record, layout = previous["record"], previous["layout"]
            await _refresh_snapshot(conn, row["id"], record, layout)
        diff = diff_records(
            previous["record"] if previous else None,
            record,
            previous["status"] if previous else None,
            row["status"],
        )
        if diff != row["diff"]:
            await conn.execute(UPDATE_DIFF, row["id"], diff)
        previous = {"record": record, "layout": layout, "status": row["status"]}
    updated = await conn.fetchrow(UPDATE_BUSINESS_STATUS, business_id)
    assert updated is not None
    return updated["status"], updated["version"]


async def _refresh_snapshot(conn: Conn, version_id: int, record: dict[str, Any], layout: str | None) -> None:
    normalised = normalise(msgspec.convert(record, Record), layout)
    await conn.execute(
        UPDATE_EVENT_SNAPSHOT, version_id, record, layout, *msgspec.structs.astuple(normalised)
    )


def placed_between(rows: list[Any], effective_on: dt.date, number: int | None) -> Any:
    """The version a new one would follow (None if it would be the first)."""
    key = (effective_on, number or 0)
    before = [r for r in rows if (r["effective_on"], r["amendment_number"] or 0) <= key]
    return before[-1] if before else None
