"""Counts for the dashboard and the "Tổng hợp" sheet: businesses and capital by commune (× VSIC section),
by status, new registrations and terminations per month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from service.export.rows import STATUS_VI, ExportRow

UNKNOWN = "(chưa rõ)"

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


class RegisterSummary:
    """Totals of the exported rows, gathered while they stream (so they follow the filters and as-of date).

    A business counts once, under the VSIC section of its first business line (ngành nghề chính), so
    a commune's row of the cross-table adds up to its number of businesses and capital."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str], list[int]] = {}  # (commune, section) → [count, capital]
        self.by_status: dict[str, list[int]] = {}  # Vietnamese status → [count, capital]
        self.new_by_month: dict[tuple[int, int], int] = {}
        self.terminated_by_month: dict[tuple[int, int], int] = {}
        self.revoked_by_month: dict[tuple[int, int], int] = {}
        self.communes: dict[tuple[str | None, str | None], str] = {}

    def add(self, row: ExportRow) -> None:
        key = (row.commune_code, row.commune_name)
        commune = self.communes.get(key)
        if commune is None:
            commune = self.communes[key] = f"{row.commune_code or ''} {row.commune_name or UNKNOWN}".strip()
        capital = row.capital_vnd or 0
        cell = self.cells.setdefault((commune, row.main_section or UNKNOWN), [0, 0])
        cell[0] += 1
        cell[1] += capital
        status = self.by_status.setdefault(STATUS_VI.get(row.status, row.status), [0, 0])
        status[0] += 1
        status[1] += capital
        if row.first_registered_on:
            month = (row.first_registered_on.year, row.first_registered_on.month)
            self.new_by_month[month] = self.new_by_month.get(month, 0) + 1
        if row.ended_on:
            ended = self.revoked_by_month if row.status == "revoked" else self.terminated_by_month
            month = (row.ended_on.year, row.ended_on.month)
            ended[month] = ended.get(month, 0) + 1

    def sections(self) -> list[str]:
        return sorted({section for _, section in self.cells}, key=lambda s: (s == UNKNOWN, s))

    def commune_names(self) -> list[str]:
        return sorted({commune for commune, _ in self.cells})

    def months(self) -> list[tuple[int, int]]:
        return sorted(set(self.new_by_month) | set(self.terminated_by_month) | set(self.revoked_by_month))
