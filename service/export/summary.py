"""Counts for the dashboard: businesses and capital by commune, by status, new registrations per month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

SUMMARY_SQL = """
select v.commune_code, v.commune_name, v.status, v.capital_vnd,
       (select min(effective_on) from business_versions f
         where f.business_id = v.business_id and f.kind = 'first_registration') as first_on
from business_versions v
where v.valid @> $1::date and ($2::text is null or v.commune_code = $2)
  and ($3::text is null or $3 = any(v.sections))
"""


async def summarize(
    pool: asyncpg.Pool, as_of: dt.date, commune: str | None, section: str | None
) -> dict[str, Any]:
    by_commune: dict[str, int] = {}
    by_status: dict[str, int] = {}
    by_month: dict[str, int] = {}
    async with pool.acquire() as conn, conn.transaction(readonly=True):
        async for rec in conn.cursor(SUMMARY_SQL, as_of, commune, section, prefetch=5000):
            name = f"{rec['commune_code'] or ''} {rec['commune_name'] or '(chưa rõ)'}".strip()
            by_commune[name] = by_commune.get(name, 0) + 1
            by_status[rec["status"]] = by_status.get(rec["status"], 0) + 1
            if rec["first_on"]:
                month = rec["first_on"].strftime("%Y-%m")
                by_month[month] = by_month.get(month, 0) + 1
    return {
        "by_commune": bars(sorted(by_commune.items(), key=lambda kv: -kv[1])[:20]),
        "by_status": bars(sorted(by_status.items())),
        "by_month": bars(sorted(by_month.items())[-24:]),
        "total": sum(by_status.values()),
    }


def bars(items: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Label, count and bar width in SVG units (0–400) for a server-rendered chart."""
    top = max((count for _, count in items), default=1) or 1
    return [{"label": label, "count": count, "width": round(400 * count / top)} for label, count in items]
