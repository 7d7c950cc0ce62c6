"""Background export in the browser: the planner clicks "Xuất Excel", sees the progress bar reach done,
downloads the file and it opens in openpyxl with the register's rows; the dashboard is in the menu."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import openpyxl
import pytest

from tests.e2e.conftest import Server, run_async, screenshot

pytestmark = pytest.mark.e2e

REGISTER_COUNT = "select count(*) from business_versions where upper_inf(valid)"


def register_size(hkd_server: Server) -> int:
    """Businesses in the e2e register; 300 synthetic ones are loaded when it is still empty."""
    found: list[int] = []

    async def count_or_load() -> None:
        conn = await asyncpg.connect(hkd_server.database_url)
        try:
            if await conn.fetchval("select count(*) from businesses") == 0:
                from benchmarks.register_bench import load

                await load(hkd_server.database_url, 300)
            found.append(int(await conn.fetchval(REGISTER_COUNT)))
        finally:
            await conn.close()

    run_async(count_or_load)
    return found[0]


def test_planner_exports_in_the_background_and_downloads(  # type: ignore[no-untyped-def]
    new_page, hkd_server: Server, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    total = register_size(hkd_server)
    page = new_page("kehoach")
    page.goto("/register")
    nav = page.get_by_role("navigation", name="Sổ đăng ký hộ kinh doanh")
    expect(nav.get_by_role("link", name="Tổng hợp")).to_have_attribute("href", "/dashboard")
    page.get_by_role("link", name="Xuất Excel").click()
    status = page.locator("#export-status")
    expect(status).to_be_visible()
    expect(status).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.locator("#export-progress")).to_have_attribute("value", "100")
    expect(page.locator("#export-text")).to_have_text(f"Đã xong: {total} hộ kinh doanh.")
    download_link = page.get_by_role("link", name="Tải tệp về")
    expect(download_link).to_be_visible()
    screenshot(page, "export-background")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "export.xlsx"
    download.save_as(path)
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames[:4] == ["Thông tin", "Sổ theo dõi", "Lịch sử thay đổi", "Tổng hợp"]
    rows = list(wb["Sổ theo dõi"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Mã nội bộ", "Số đăng ký", "Các mã định danh", "Tên hộ kinh doanh")
    assert len(rows) == total + 1
    cover = dict(row[:2] for row in wb["Thông tin"].iter_rows(min_row=2, values_only=True))
    assert cover["Người xuất"].startswith("Phạm Minh Đức (kehoach, Cán bộ kế hoạch)")
    assert cover["Dữ liệu cá nhân"].startswith("đã che")
    # Back on the page later: the recent exports list offers the same file.
    page.reload()
    recent_link = page.locator("#export-recent-list li[data-status=done] a").first
    expect(recent_link).to_contain_text(f"Tải về ({total} hộ")
    assert (recent_link.get_attribute("href") or "").endswith("/file")


def test_export_asks_for_a_commune_code_in_vietnamese(new_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = new_page("kehoach")
    page.goto("/register")
    page.get_by_label("Xã, phường").fill("Phường Hòa Khánh")
    page.get_by_role("link", name="Xuất CSV").click()
    expect(page.locator("#export-error")).to_contain_text("hãy nhập mã xã/phường")


def test_dashboard_link_only_for_roles_that_may_open_it(new_page) -> None:  # type: ignore[no-untyped-def]
    clerk = new_page("vanthu")
    clerk.goto("/upload")
    assert "Tổng hợp" not in clerk.get_by_role("navigation", name="Sổ đăng ký hộ kinh doanh").inner_text()
    reviewer = new_page("kiemtra1")
    reviewer.goto("/review")
    reviewer.get_by_role("navigation", name="Sổ đăng ký hộ kinh doanh").get_by_role(
        "link", name="Tổng hợp"
    ).click()
    reviewer.get_by_role("heading", name="Tổng hợp sổ hộ kinh doanh").wait_for()
    assert reviewer.url.endswith("/dashboard")
    assert reviewer.request.get("/dashboard").headers["content-type"].startswith("text/html")


def test_reviewer_sees_the_export_buttons_the_api_allows(new_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    reviewer = new_page("kiemtra1")
    reviewer.goto("/register")
    expect(reviewer.get_by_role("link", name="Xuất Excel")).to_be_visible()
    expect(reviewer.get_by_role("link", name="Xuất CSV")).to_be_visible()
    clerk = new_page("vanthu")
    assert clerk.request.get("/api/exports/register.csv").status == 403
