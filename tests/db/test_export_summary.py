"""The xlsx "Tổng hợp" sheet against SQL counts: commune × VSIC section, per month, filters, as-of date."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import asyncpg
import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from service.export.history import stream_history
from service.export.rows import ExportFilters, stream_rows
from service.export.xlsx import write_xlsx
from service.register.model import section_of

D = dt.date
# commune, VSIC code of the main line, capital, first registration, (end kind, end date) or None
BUSINESSES: list[tuple[str, str, int, dt.date, tuple[str, dt.date] | None]] = [
    ("00001", "4711", 100_000_000, D(2023, 1, 5), None),
    ("00001", "4711", 50_000_000, D(2023, 1, 20), ("termination", D(2024, 3, 2))),
    ("00001", "5610", 30_000_000, D(2023, 2, 1), None),
    ("00001", "0111", 20_000_000, D(2023, 4, 9), ("revocation", D(2024, 5, 15))),
    ("00002", "5610", 70_000_000, D(2023, 2, 14), ("termination", D(2024, 3, 30))),
    ("00002", "4711", 10_000_000, D(2024, 6, 1), None),
    ("00002", "9602", 15_000_000, D(2024, 6, 3), ("termination", D(2025, 2, 1))),
]
NAMES = {"00001": "Phường Hải Châu", "00002": "Xã Hòa Vang"}
LINE_CHART = re.compile(rb"<(?:c:)?lineChart>")
SERIES = re.compile(rb"<(?:c:)?ser>")
INSERT_VERSION = """
insert into business_versions (business_id, kind, effective_on, valid, status, record, business_name,
                               commune_code, commune_name, province_code, capital_vnd, sections)
values ($1, $2, $3, $4, $5, '{}', $6, $7, $8, '48', $9, $10) returning id
"""


async def build_register(pool: asyncpg.Pool) -> None:
    """Businesses with a first registration and, for some, a termination or revocation version."""
    async with pool.acquire() as conn, conn.transaction():
        for i, (commune, code, capital, since, end) in enumerate(BUSINESSES):
            name = f" Tạp hóa <A&B> số\x07 {i}" if i == 0 else f"Hộ kinh doanh {i}"
            status = {None: "active", "termination": "terminated", "revocation": "revoked"}[end and end[0]]
            business_id = await conn.fetchval(
                "insert into businesses (status) values ($1) returning id", status
            )
            stages = [("first_registration", since, "active")]
            if end:
                stages.append((end[0], end[1], status))
            for n, (kind, start, stage_status) in enumerate(stages):
                stop = stages[n + 1][1] if n + 1 < len(stages) else None
                version_id = await conn.fetchval(
                    INSERT_VERSION, business_id, kind, start, asyncpg.Range(start, stop), stage_status,
                    name, commune, NAMES[commune], capital, [section_of(code)],
                )  # fmt: skip
                await conn.execute(
                    "insert into business_lines (version_id, position, code, vsic_version, name)"
                    " values ($1, 0, $2, '2018', 'ngành')",
                    version_id,
                    code,
                )


async def export_workbook(pool: asyncpg.Pool, filters: ExportFilters, tmp_path: Path) -> openpyxl.Workbook:
    async with pool.acquire() as conn:
        path = await write_xlsx(
            stream_rows(conn, filters),
            {"Số liệu tính đến ngày": str(filters.as_of)},
            [0],
            directory=str(tmp_path),
            history=lambda ids: stream_history(conn, ids, filters.as_of),
        )
    names = zipfile.ZipFile(path).namelist()
    line_charts = [
        n for n in names if n.startswith("xl/charts/") and LINE_CHART.search(zipfile.ZipFile(path).read(n))
    ]
    assert len(line_charts) == 1, names
    series = SERIES.findall(zipfile.ZipFile(path).read(line_charts[0]))
    assert len(series) == 3  # new registrations, terminations, revocations
    return openpyxl.load_workbook(path)


def read_table(ws: Worksheet, title: str) -> tuple[list[Any], dict[str, list[Any]]]:
    """The table under a header row whose first cell is `title`: (header, {first cell: rest of row})."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == title)
    header = rows[start]
    header = header[: max(i for i, h in enumerate(header) if h is not None) + 1]
    table: dict[str, list[Any]] = {}
    for r in rows[start + 1 :]:
        if r[0] is None:
            break
        table[r[0]] = r[1 : len(header)]
        if r[0] == "Tổng cộng":
            break
    return header, table


def cross_table(ws: Worksheet, occurrence: int) -> dict[tuple[str, str], int]:
    """{(commune, section): value} from the n-th "Xã/phường" header (0 = counts, 1 = capital)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    starts = [i for i, r in enumerate(rows) if r[0] == "Xã/phường"]
    header = rows[starts[occurrence]]
    out: dict[tuple[str, str], int] = {}
    for r in rows[starts[occurrence] + 1 :]:
        if r[0] == "Tổng cộng":
            assert r[header.index("Tổng cộng")] == sum(out.values())
            break
        for col, name in enumerate(header[1:-1], 1):
            if r[col]:
                out[(r[0], name.split(" – ")[0])] = r[col]  # "G – Bán buôn, bán lẻ; …"
        assert r[header.index("Tổng cộng")] == sum(r[1 : header.index("Tổng cộng")])
    return out


async def expected_from_sql(
    pool: asyncpg.Pool, as_of: dt.date, commune: str | None
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], dict[str, list[int]]]:
    current = await pool.fetch(
        "select v.commune_code || ' ' || v.commune_name as commune, l.code, v.capital_vnd"
        " from business_versions v join business_lines l on l.version_id = v.id and l.position = 0"
        " where v.valid @> $1::date and ($2::text is null or v.commune_code = $2)",
        as_of,
        commune,
    )
    counts: Counter[tuple[str, str]] = Counter()
    capital: Counter[tuple[str, str]] = Counter()
    for rec in current:
        key = (rec["commune"], section_of(rec["code"]) or "")
        counts[key] += 1
        capital[key] += rec["capital_vnd"]
    months: dict[str, list[int]] = {}
    events = await pool.fetch(
        "select to_char(v.effective_on, 'MM/YYYY') as month, v.kind, count(*)::int as n"
        " from business_versions v where v.effective_on <= $1::date"
        " and v.kind in ('first_registration', 'termination', 'revocation')"
        " and ($2::text is null or v.commune_code = $2) group by 1, 2",
        as_of,
        commune,
    )
    kinds = ["first_registration", "termination", "revocation"]
    for rec in events:
        months.setdefault(rec["month"], [0, 0, 0])[kinds.index(rec["kind"])] = rec["n"]
    return counts, capital, months


async def test_summary_sheet_equals_sql_counts(pool: asyncpg.Pool, tmp_path: Path) -> None:
    await build_register(pool)
    as_of = D(2025, 6, 30)
    wb = await export_workbook(pool, ExportFilters(as_of=as_of), tmp_path)
    ws = wb["Tổng hợp"]
    counts, capital, months = await expected_from_sql(pool, as_of, None)
    assert cross_table(ws, 0) == counts
    assert cross_table(ws, 1) == capital
    assert sum(counts.values()) == len(BUSINESSES)
    header, by_month = read_table(ws, "Tháng")
    assert header == ["Tháng", "Đăng ký mới", "Chấm dứt hoạt động", "Bị thu hồi"]
    assert {m: v for m, v in by_month.items() if any(v)} == months
    assert by_month["03/2024"] == [0, 2, 0] and by_month["05/2024"] == [0, 0, 1]
    assert list(by_month)[:3] == ["01/2023", "02/2023", "03/2023"] and by_month["03/2023"] == [0, 0, 0]
    assert len(by_month) == 26  # every month from 01/2023 to 02/2025, the empty ones too
    _, by_status = read_table(ws, "Tình trạng")
    assert by_status["Chấm dứt"] == [3, 135_000_000] and by_status["Bị thu hồi"] == [1, 20_000_000]
    assert ws._charts == [] and [len(wb[n]._charts) for n in wb.sheetnames[4:]] == [1, 1, 1]

    register = list(wb["Sổ theo dõi"].iter_rows(values_only=True))
    assert len(register) == len(BUSINESSES) + 1
    assert register[1][3] == " Tạp hóa <A&B> số 0"  # escaped, control character dropped, spaces kept
    assert wb["Sổ theo dõi"].cell(2, 10).number_format == "#,##0"
    history = list(wb["Lịch sử thay đổi"].iter_rows(values_only=True))
    assert len(history) == 1 + len(BUSINESSES) + sum(1 for b in BUSINESSES if b[4])


async def test_summary_sheet_follows_filters_and_as_of(pool: asyncpg.Pool, tmp_path: Path) -> None:
    await build_register(pool)
    as_of = D(2024, 4, 30)  # before the revocation in May 2024 and the 2024-06 registrations
    wb = await export_workbook(pool, ExportFilters(as_of=as_of, commune="00001"), tmp_path)
    ws = wb["Tổng hợp"]
    counts, capital, months = await expected_from_sql(pool, as_of, "00001")
    assert cross_table(ws, 0) == counts == {
        ("00001 Phường Hải Châu", "G"): 2, ("00001 Phường Hải Châu", "I"): 1,
        ("00001 Phường Hải Châu", "A"): 1,
    }  # fmt: skip
    assert cross_table(ws, 1) == capital
    _, by_month = read_table(ws, "Tháng")
    assert {m: v for m, v in by_month.items() if any(v)} == months
    assert "05/2024" not in by_month and by_month["03/2024"] == [0, 1, 0]
