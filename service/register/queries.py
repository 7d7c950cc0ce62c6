"""One business (now or on a date), its history with diffs, and counts over time for the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from service.db import Executor
from service.errors import InvalidInputError, NotFoundError
from service.i18n.messages import text
from service.register.facts import add_facts

StatsBy = Literal["commune", "section", "status"]

SELECT_BUSINESS = """
select b.id, b.status, b.version, b.created_at, b.updated_at, v.id as version_id, v.kind, v.amendment_number,
       v.record, v.layout, v.commune_code, v.commune_name, v.province_code, v.province_name, v.sections,
       v.status as version_status, lower(v.valid) as valid_from, upper(v.valid) as valid_to, v.document_id
from businesses b
left join business_versions v on v.business_id = b.id and v.valid @> $2::date
where b.id = $1
"""
SELECT_LATEST = """
select id as version_id, kind, amendment_number, record, layout, commune_code, commune_name, province_code,
       province_name, sections, status as version_status, lower(valid) as valid_from, upper(valid) as valid_to,
       document_id
from business_versions where business_id = $1
order by effective_on desc, coalesce(amendment_number, 0) desc, id desc limit 1
"""
SELECT_IDENTIFIERS = (
    "select kind, value, valid_from, valid_to from business_identifiers where business_id = $1 order by id"
)
SELECT_HISTORY = """
select v.id, v.kind, v.amendment_number, v.effective_on, lower(v.valid) as valid_from, upper(v.valid) as valid_to,
       upper(v.valid) - 1 as valid_until, v.status, v.diff, v.record, v.document_id, v.approved_by,
       u.display_name as approved_by_name, v.created_at
from business_versions v left join users u on u.id = v.approved_by
where v.business_id = $1
order by v.effective_on, coalesce(v.amendment_number, 0), v.id
"""
SELECT_EVENTS = """
select id, kind, from_date, to_date, document_ids, note, created_by, created_at
from business_events where business_id = $1 order by from_date, id
"""
STATS_KEYS = {
    "commune": "coalesce(v.commune_code, '')",
    "status": "v.status",
    "section": "unnest(case when cardinality(v.sections) = 0 then array[''] else v.sections end)",
}
STATS_LABEL = {"commune": "max(v.commune_name)", "status": "null", "section": "null"}


async def get_business(
    db: Executor, business_id: int, as_of: dt.date | None = None, *, today: dt.date | None = None
) -> dict[str, Any]:
    """The business with the version in force today (or on `as_of`), or its latest one if none is,
    with its facts (register.facts: the first registration date read from any certificate)."""
    day = as_of or today or dt.date.today()
    row = await db.fetchrow(SELECT_BUSINESS, business_id, day)
    if row is None:
        raise NotFoundError(f"no business {business_id}", message_vi=text("business.not_found"))
    data = dict(row)
    if data["version_id"] is None and as_of is None:
        latest = await db.fetchrow(SELECT_LATEST, business_id)
        if latest is not None:
            data.update(dict(latest))
    data["identifiers"] = [dict(r) for r in await db.fetch(SELECT_IDENTIFIERS, business_id)]
    await add_facts(db, [data], day)
    return data


async def business_history(db: Executor, business_id: int, today: dt.date | None = None) -> dict[str, Any]:
    """Every version in order with its diff from the previous one, and the recorded events. Each
    version says when it ends (`valid_until`, its last day), whether it is still to come
    (`scheduled`) and the note of the event that made it (`note`)."""
    items = [dict(r) for r in await db.fetch(SELECT_HISTORY, business_id)]
    if not items:
        raise NotFoundError(f"no business {business_id}", message_vi=text("business.not_found"))
    events = [dict(r) for r in await db.fetch(SELECT_EVENTS, business_id)]
    notes = {(e["kind"], e["from_date"]): e["note"] for e in events if e["note"]}
    day = today or dt.date.today()
    for i, item in enumerate(items, start=1):
        item["version"] = i
        item["scheduled"] = item["effective_on"] > day
        item["note"] = notes.get((item["kind"], item["effective_on"]))
    return {"business_id": business_id, "items": items, "events": events}


async def count_businesses(db: Executor, by: StatsBy, dates: list[dt.date] | None = None) -> dict[str, Any]:
    """Counts of businesses by commune, VSIC section or status, on each date (default: today)."""
    if by not in STATS_KEYS:
        raise InvalidInputError(f"cannot count by {by!r}", field="by")
    days = dates or [dt.date.today()]
    series = []
    for day in days:
        rows = await db.fetch(
            f"select k as key, {STATS_LABEL[by]} as label, count(*) as count from "
            f"(select {STATS_KEYS[by]} as k, v.* from business_versions v where v.valid @> $1::date) v "
            f"group by k order by count(*) desc, k",
            day,
        )
        series.append({"date": day, "counts": [dict(r) for r in rows]})
    return {"by": by, "series": series}
