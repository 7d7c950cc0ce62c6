"""GET /api/exports/register.csv|xlsx: roles and masking, rows equal the register, charts, audit, LibreOffice."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import zipfile
from pathlib import Path

import asyncpg
import openpyxl
import pytest

from tests.api.test_businesses import seed

pytestmark = pytest.mark.asyncio(loop_scope="session")


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


async def test_masking_for_each_role(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    clerk = await api_client(role="clerk")
    admin = await api_client(role="admin")
    await seed(pool, reviewer.user.id)
    url = "/api/exports/register.csv"

    assert (await clerk.get(url)).status_code == 403
    assert (await clerk.get("/api/exports/register.xlsx")).status_code == 403
    assert (await planner.get(url, params={"personal_data": "full"})).status_code == 403

    def owner(body: bytes) -> tuple[str, str]:
        rows = read_csv(body)
        header = rows[0]
        row = rows[1]
        return row[header.index("Số định danh chủ hộ")], row[header.index("Ngày/năm sinh chủ hộ")]

    assert owner((await planner.get(url)).content) == ("048******234", "1985")
    assert owner((await reviewer.get(url)).content) == ("048******234", "1985")
    full = await reviewer.get(url, params={"personal_data": "full"})
    assert owner(full.content) == ("048185000234", "1985-02-03")
    assert owner((await admin.get(url, params={"personal_data": "full"})).content) == (
        "048185000234",
        "1985-02-03",
    )

    audit = await pool.fetch("select actor_id, detail from audit_log where action = 'export' order by id")
    assert len(audit) == 4
    assert audit[-1]["detail"]["personal_data"] == "full" and audit[-1]["detail"]["rows"] == 1


async def test_xlsx_rows_equal_register_and_has_charts(
    api_client, pool: asyncpg.Pool, tmp_path: Path
) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed(pool, reviewer.user.id)

    r = await planner.get("/api/exports/register.xlsx")
    assert r.status_code == 200, r.text
    path = tmp_path / "register.xlsx"
    path.write_bytes(r.content)
    assert "xl/charts/chart1.xml" in zipfile.ZipFile(path).namelist()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Thông tin", "Sổ theo dõi", "Lịch sử thay đổi", "Tổng hợp", "Biểu đồ theo tháng", "Biểu đồ theo ngành",
        "Biểu đồ theo xã",
    ]  # fmt: skip
    sheet = wb["Sổ theo dõi"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = list(sheet.iter_rows(values_only=True))
    current = await pool.fetchrow(
        "select business_name, capital_vnd, owner_name from business_versions"
        " where business_id = $1 and upper_inf(valid)",
        business_id,
    )
    assert len(rows) == 2 and rows[1][0] == business_id
    assert rows[1][3] == current["business_name"] and rows[1][9] == current["capital_vnd"]
    assert rows[1][12] == "048******234"
    assert sheet.cell(2, 10).number_format == "#,##0"
    assert sheet.cell(2, 16).number_format == "dd/mm/yyyy"
    history = list(wb["Lịch sử thay đổi"].iter_rows(values_only=True))[1:]
    assert [h[2] for h in history] == [None, 1, 2, 3] and history[0][1] == "Đăng ký lần đầu"
    assert rows[1][17] == 3

    as_of = await planner.get("/api/exports/register.csv", params={"as_of": "2021-01-01"})
    old = read_csv(as_of.content)
    assert old[1][3] == "Tạp hóa Hoa" and old[1][9] == "100000000"

    profile = tmp_path / "lo-profile"
    # UTF-8 (76), sheet 2 = "Sổ theo dõi", values as shown (dates dd/mm/yyyy).
    target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"
    done = await asyncio.to_thread(
        subprocess.run,
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(tmp_path / "lo"), str(path)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    converted = list((tmp_path / "lo").glob("*.csv"))
    assert len(converted) == 1, converted
    lo_rows = list(csv.reader(io.StringIO(converted[0].read_text(encoding="utf-8"))))
    assert lo_rows[0][:4] == ["Mã nội bộ", "Số đăng ký", "Các mã định danh", "Tên hộ kinh doanh"]
    assert lo_rows[1][0] == str(business_id) and lo_rows[1][3] == current["business_name"]
    assert lo_rows[1][12] == "048******234"


async def test_dashboard_shows_counts_as_svg(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    clerk = await api_client(role="clerk")
    await seed(pool, reviewer.user.id)
    assert (await clerk.get("/dashboard")).status_code == 403
    r = await planner.get("/dashboard", params={"as_of": "2021-01-01"})
    assert r.status_code == 200, r.text
    assert "<svg" in r.text and "Tổng số hộ kinh doanh: <strong>1</strong>" in r.text
    assert "<script>" not in r.text and 'style="' not in r.text
    assert "Đang hoạt động" in r.text  # status labels in Vietnamese, not the API's codes


async def test_dashboard_counts_terminations_per_month_and_sectors(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed(pool, reviewer.user.id)
    version = (await reviewer.get(f"/api/businesses/{business_id}")).json()["version"]
    body = {"kind": "termination", "from": "2025-10-01", "note": "Chấm dứt", "expected_version": version}
    assert (await reviewer.post(f"/api/businesses/{business_id}/events", json=body)).status_code == 201

    before = (await planner.get("/dashboard", params={"as_of": "2025-09-30"})).text
    after = (await planner.get("/dashboard", params={"as_of": "2025-10-02"})).text
    ended = after.split("Chấm dứt, thu hồi theo tháng", 1)[1]
    assert ">10/2025<" in ended.split("</svg>", 1)[0]
    assert "Chấm dứt" in after.split("Số hộ theo tình trạng", 1)[1].split("</svg>", 1)[0]
    assert "Không có số liệu." in before.split("Chấm dứt, thu hồi theo tháng", 1)[1]
    by_section = after.split("Số hộ theo ngành (ngành nghề chính)", 1)[1].split("</svg>", 1)[0]
    assert ">G – Bán buôn, bán lẻ; sửa chữa xe<" in by_section  # the seeded shop sells retail: VSIC section G
    planner.cookies.set("lang", "en")
    english = (await planner.get("/dashboard", params={"as_of": "2025-10-02"})).text
    assert "Terminations and revocations per month" in english
