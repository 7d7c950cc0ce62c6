"""Facts printed on an amendment (the first registration date, "amendment N") are facts about the
business: the list, the business, the CSV, the xlsx (register sheet, month table and its chart) and
the dashboard read them from one source and agree, for businesses known only from an amendment."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import asyncpg
import openpyxl
import pytest

from tests.register_seed import ONLY_AMENDMENTS, SHOPS, expected, seed_shops

pytestmark = pytest.mark.asyncio(loop_scope="session")

FIRST = "Ngày đăng ký lần đầu"
AMENDMENTS = "Số lần thay đổi"


def months_expected() -> Counter[str]:
    return Counter(f"{s[3].month:02d}/{s[3].year}" for s in SHOPS)


def dashboard_months(page: str) -> dict[str, int]:
    """{"mm/yyyy": count} of the "Đăng ký mới theo tháng" chart of the dashboard page."""
    chart = page.split("Đăng ký mới theo tháng</h2>", 1)[1].split("</svg>", 1)[0]
    pairs = re.findall(
        r"<title>([^<]+)</title>[^<]*</text>\s*<rect[^>]*>\s*</rect>\s*<text[^>]*>(\d+)</text>", chart
    )
    return {label: int(n) for label, n in pairs}


async def test_a_business_known_from_amendments_has_its_first_registration_everywhere(
    api_client, pool: asyncpg.Pool, tmp_path: Path
) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    ids = await seed_shops(pool, reviewer.user.id)
    kinds = await pool.fetch("select business_id, array_agg(kind) as kinds from business_versions group by 1")
    only_amended = {r["business_id"] for r in kinds if r["kinds"] == ["amendment"]}
    assert only_amended == {ids[name] for name in ONLY_AMENDMENTS}  # the case of the issue
    want = {ids[name]: expected(name) for name in ids}

    listed = (await planner.get("/api/businesses", params={"limit": 50})).json()["items"]
    assert {i["id"]: i["first_registered_on"] for i in listed} == {
        b: w["first_registered_on"].isoformat() for b, w in want.items()
    }
    for business_id, facts in want.items():
        one = (await planner.get(f"/api/businesses/{business_id}")).json()
        assert one["first_registered_on"] == facts["first_registered_on"].isoformat()
        assert one["amendments"] == facts["amendments"]

    rows = list(
        csv.reader(io.StringIO((await planner.get("/api/exports/register.csv")).text.lstrip("\ufeff")))
    )
    header = rows[0]
    from_csv = {int(r[0]): (r[header.index(FIRST)], int(r[header.index(AMENDMENTS)])) for r in rows[1:]}
    assert from_csv == {b: (w["first_registered_on"].isoformat(), w["amendments"]) for b, w in want.items()}

    path = tmp_path / "register.xlsx"
    path.write_bytes((await planner.get("/api/exports/register.xlsx")).content)
    wb = openpyxl.load_workbook(path)
    sheet = list(wb["Sổ theo dõi"].iter_rows(values_only=True))
    col = sheet[0].index(FIRST)
    from_xlsx = {r[0]: r[col].date() for r in sheet[1:]}
    assert from_xlsx == {b: w["first_registered_on"] for b, w in want.items()}

    summary = list(wb["Tổng hợp"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(summary) if r[0] == "Tháng")
    table = {}
    for r in summary[start + 1 :]:
        if r[0] is None:
            break
        table[r[0]] = r[1]
    new_in_table = {m: n for m, n in table.items() if n}
    assert new_in_table == dict(months_expected())
    assert sum(table.values()) == len(SHOPS)
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    month_chart = next(p for p in parts if re.search(r"<(?:c:)?lineChart>", p))
    # the chart's "Đăng ký mới" series covers exactly the rows of the month table
    refs = re.findall(r"<(?:c:)?f>[^<]*!\$B\$(\d+):\$B\$(\d+)</(?:c:)?f>", month_chart)
    assert refs and int(refs[0][1]) - int(refs[0][0]) + 1 == len(table)

    page = (await planner.get("/dashboard")).text
    on_dashboard = dashboard_months(page)
    assert {m: n for m, n in on_dashboard.items() if n} == dict(months_expected())
    assert sum(on_dashboard.values()) == len(SHOPS)
    assert f"<strong>{len(SHOPS)}</strong>" in page


async def test_registered_from_filter_uses_the_same_fact(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed_shops(pool, reviewer.user.id)
    since = dt.date(2024, 1, 1)
    r = await planner.get("/api/exports/register.csv", params={"registered_from": since.isoformat()})
    names = {row[3] for row in list(csv.reader(io.StringIO(r.text.lstrip("\ufeff"))))[1:]}
    assert names == {s[0] for s in SHOPS if s[3] >= since}
    assert "Điện thoại Minh Tâm" in names  # known only from its amendment 1
