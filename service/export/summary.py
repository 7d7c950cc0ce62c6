"""Counts for the dashboard and the "Tổng hợp" sheet: businesses and capital by commune (× VSIC section),
by status, new registrations and terminations per month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from service.export.rows import ExportRow, section_of_code
from service.i18n.sheets import STATUSES, SUMMARY

UNKNOWN = SUMMARY["unknown"]

SUMMARY_SQL = """
select v.commune_code, v.commune_name, v.status, v.capital_vnd,
       (select min(effective_on) from business_versions f
         where f.business_id = v.business_id and f.kind = 'first_registration') as first_on,
       (select max(effective_on) from business_versions e
         where e.business_id = v.business_id and e.kind in ('termination', 'revocation')
           and e.effective_on <= $1::date) as ended_on,
       (select l.code from business_lines l where l.version_id = v.id order by l.position limit 1)
           as main_code
from business_versions v
where v.valid @> $1::date and ($2::text is null or v.commune_code = $2)
  and ($3::text is null or $3 = any(v.sections))
"""


def count(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


async def summarize(
    pool: asyncpg.Pool, as_of: dt.date, commune: str | None, section: str | None
) -> dict[str, Any]:
    """The dashboard's charts: the counts of the "Tổng hợp" sheet (communes, VSIC sections of the main
    business line, status, new registrations and terminations per month), for one as-of date."""
    by_commune: dict[str, int] = {}
    by_section: dict[str, int] = {}
    by_status: dict[str, int] = {}
    by_month: dict[str, int] = {}
    ended_by_month: dict[str, int] = {}
    async with pool.acquire() as conn, conn.transaction(readonly=True):
        async for rec in conn.cursor(SUMMARY_SQL, as_of, commune, section, prefetch=5000):
            count(by_commune, f"{rec['commune_code'] or ''} {rec['commune_name'] or UNKNOWN}".strip())
            count(by_section, section_of_code(rec["main_code"]) or UNKNOWN)
            count(by_status, rec["status"])
            if rec["first_on"]:
                count(by_month, rec["first_on"].strftime("%Y-%m"))
            if rec["ended_on"]:
                count(ended_by_month, rec["ended_on"].strftime("%Y-%m"))
    return {
        "by_commune": bars(sorted(by_commune.items(), key=lambda kv: -kv[1])[:20]),
        "by_section": bars(sorted(by_section.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))),
        "by_status": bars(sorted(by_status.items())),
        "by_month": bars(sorted(by_month.items())[-24:]),
        "ended_by_month": bars(sorted(ended_by_month.items())[-24:]),
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
        status = self.by_status.setdefault(STATUSES.get(row.status, row.status), [0, 0])
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
