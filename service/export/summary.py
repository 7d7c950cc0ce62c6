"""Counts for the dashboard and the "Tổng hợp" sheet: businesses and capital by commune (× VSIC section),
by status, new registrations and terminations per month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import asyncpg

from service.export.rows import ExportRow, section_of_code
from service.i18n.sheets import STATUSES, SUMMARY

UNKNOWN = SUMMARY["unknown"]

SUMMARY_SQL = """
select v.commune_code, v.commune_name, v.province_name, v.status, v.capital_vnd,
       h.first_registered_on as first_on,
       h.ended_on,
       (select l.code from business_lines l where l.version_id = v.id order by l.position limit 1)
           as main_code
from business_versions v
left join hkd_business_facts($1::date) h on h.business_id = v.business_id
where v.valid @> $1::date and ($2::text[] is null or v.commune_code = any($2))
  and ($3::text is null or $3 = any(v.sections))
"""
"""The facts (first registration, end) come from hkd_business_facts (0064), like the export's."""


def count(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


async def summarize(
    pool: asyncpg.Pool, as_of: dt.date, communes: list[str] | None, section: str | None
) -> dict[str, Any]:
    """The dashboard's charts: the counts of the "Tổng hợp" sheet (communes, VSIC sections of the main
    business line, status, new registrations and terminations per month: every month between the first
    and the last, empty ones too), for one as-of date. `communes`: the 2025 communes of a place filter
    (rules.place_filter). An unknown commune or section is labelled None (the page names it)."""
    by_commune: dict[tuple[str | None, str | None], int] = {}
    by_section: dict[str | None, int] = {}
    by_status: dict[str, int] = {}
    by_month: dict[tuple[int, int], int] = {}
    ended_by_month: dict[tuple[int, int], int] = {}
    async with pool.acquire() as conn, conn.transaction(readonly=True):
        async for rec in conn.cursor(SUMMARY_SQL, as_of, communes, section, prefetch=5000):
            place = (rec["commune_name"], rec["province_name"]) if rec["commune_name"] else (None, None)
            by_commune[place] = by_commune.get(place, 0) + 1
            main = section_of_code(rec["main_code"])
            by_section[main] = by_section.get(main, 0) + 1
            count(by_status, rec["status"])
            if rec["first_on"]:
                month = (rec["first_on"].year, rec["first_on"].month)
                by_month[month] = by_month.get(month, 0) + 1
            if rec["ended_on"]:
                month = (rec["ended_on"].year, rec["ended_on"].month)
                ended_by_month[month] = ended_by_month.get(month, 0) + 1
    communes_top = sorted(by_commune.items(), key=lambda kv: (-kv[1], kv[0][0] is None, kv[0]))[:20]
    return {
        "by_commune": bars([(name, n) for name, n in communes_top]),
        "by_section": bars(sorted(by_section.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))),
        "by_status": bars(sorted(by_status.items())),
        "by_month": bars(month_series(by_month)),
        "ended_by_month": bars(month_series(ended_by_month)),
        "total": sum(by_status.values()),
    }


def month_range(months: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every month from the first to the last of `months` (a chart's axis must not skip empty ones)."""
    present = sorted(months)
    if not present:
        return []
    (year, month), last = present[0], present[-1]
    out = []
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_series(counts: dict[tuple[int, int], int], last: int = 24) -> list[tuple[str, int]]:
    """("mm/yyyy", count) for each of the last `last` months of the range, zeros included."""
    return [(f"{m:02d}/{y}", counts.get((y, m), 0)) for y, m in month_range(counts)[-last:]]


def bars(items: list[tuple[Any, int]]) -> list[dict[str, Any]]:
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
        """Every month from the first event to the last, the empty ones too."""
        return month_range(
            set(self.new_by_month) | set(self.terminated_by_month) | set(self.revoked_by_month)
        )
