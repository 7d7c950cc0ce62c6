"""The planner's day in Debian's Chromium: filters that take what people type (a commune without its
unit word and diacritics, in either scheme; a province), the dashboard filtered by a typed name; no raw
key or English word on any Vietnamese page (every role) or in a generated CSV and xlsx; and times in
HKD_TIMEZONE on pages and in exports, whatever the PC's own time zone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import httpx
import openpyxl
import pytest

from service.db import create_pool
from service.runtime.settings import DEFAULTS
from tests.e2e.conftest import Server, run_async, screenshot
from tests.register_seed import DA_BAC_NEW, DA_BAC_OLD, HAI_CHAU_NEW, HAI_CHAU_OLD, SHOPS, seed_shops

pytestmark = pytest.mark.e2e

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # HKD_TIMEZONE's default, which the e2e server runs with
DA_BAC = {s[0] for s in SHOPS if s[1] in (DA_BAC_OLD, DA_BAC_NEW)}
HAI_CHAU = {s[0] for s in SHOPS if s[1] in (HAI_CHAU_OLD, HAI_CHAU_NEW)}
RAW_KEY = re.compile(
    r"\b(?:js|field|status|nav|dash|register|upload|queue|review|doc|error|login|admin|layout|business|"
    r"export|outcome|reason|clerk)\.[a-z_0-9.]+\b"
)
ENGLISH = re.compile(
    r"\b(?:active|suspended|terminated|revoked|planner|clerk|reviewer|unrecognised|UTC|GMT|undefined|null|"
    r"NaN|None|true|false|queued|processing|processed|pending|failed|approved|rejected|needs_review|"
    r"tax_code|code_2025|registration_number_old|first_registration|amendment|Loading|Error|Export)\b"
)


@pytest.fixture(scope="module")
def shops(hkd_server: Server) -> dict[str, int]:
    """The ten shops of tests/register_seed.py approved into the e2e register (once)."""
    found: dict[str, int] = {}

    async def load() -> None:
        pool = await create_pool(hkd_server.database_url, DEFAULTS, min_size=1, max_size=2)
        try:
            known = await pool.fetch(
                "select business_name, business_id from business_versions where business_name = any($1::text[])",
                [s[0] for s in SHOPS],
            )
            if known:
                found.update({r["business_name"]: r["business_id"] for r in known})
                return
            reviewer = await pool.fetchval("select id from users where username = 'kiemtra1'")
            found.update(await seed_shops(pool, reviewer))
        finally:
            await pool.close()

    run_async(load)
    return found


def listed(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The names shown once the newest search has been drawn (the rows say aria-busy until then)."""
    page.locator('#register-rows[aria-busy="false"]').wait_for(state="attached")
    names = page.locator("#register-rows tr[data-business-id] td:nth-child(2)").all_inner_texts()
    return {n.strip() for n in names}


def filter_register(page, commune: str = "", province: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    page.locator("#commune").fill(commune)
    page.locator("#province").fill(province)
    with page.expect_response(lambda r: "/api/businesses?" in r.url):
        page.locator("#register-form button[type=submit]").click()
    return listed(page)


def test_planner_filters_by_typed_commune_and_province(new_page, shops: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kehoach")
    page.goto("/register")
    listed(page)
    mine = set(shops)
    cases = [
        ("da bac", "", DA_BAC),  # without the unit word and the diacritics: 2025 Xã Đà Bắc
        ("thi tran da bac", "", DA_BAC),  # the pre-2025 unit, its unit word, no diacritics
        ("Thạch Thang", "", HAI_CHAU),  # a pre-2025 ward, now part of Phường Hải Châu
        ("hai chau", "", HAI_CHAU),
        ("", "hoa binh", DA_BAC),  # a pre-2025 province (merged into Phú Thọ)
        ("", "Phú Thọ", DA_BAC),
        ("", "da nang", HAI_CHAU),
    ]
    for commune, province, want in cases:
        got = filter_register(page, commune, province) & mine
        assert got == want, (commune, province, got)
        assert page.locator("#register-places").inner_text().startswith("Lọc theo:"), (commune, province)
    filter_register(page, "Đà Bắc")
    assert "Lọc theo: Xã Đà Bắc, Tỉnh Phú Thọ" in page.locator("#register-places").inner_text()
    filter_register(page, "hai chau")
    href = page.locator("#export-csv").get_attribute("href") or ""
    assert "commune=hai+chau" in href, href  # the export carries the typed filter
    # suggestions carry their province, never the same text twice
    page.locator("#commune").fill("")
    page.locator("#commune").press_sequentially("hai chau", delay=30)
    page.locator('#commune-list option[value="Phường Hải Châu, Thành phố Đà Nẵng"]').wait_for(
        state="attached"
    )
    values = page.locator("#commune-list option").evaluate_all("(os) => os.map((o) => o.value)")
    assert len(values) == len(set(values)) and "Phường Hải Châu, Thành phố Đà Nẵng" in values
    screenshot(page, "register-filter")


def test_dashboard_filters_by_a_typed_name(new_page, shops: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kehoach")
    page.goto("/dashboard")
    assert page.locator("#as_of").input_value() == dt.datetime.now(ZONE).date().isoformat()  # today in VN
    page.locator("#commune").press_sequentially("da bac", delay=30)
    page.locator('#commune-list option[value="Xã Đà Bắc, Tỉnh Phú Thọ"]').wait_for(state="attached")
    page.locator("form[action='/dashboard'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/dashboard?" in page.url and page.locator(".alert").count() == 0
    total = int(page.locator("main p strong").first.inner_text())
    assert total >= len(DA_BAC)
    assert "Xã Đà Bắc" in page.locator("#dash-places").inner_text()
    page.locator("#commune").fill("Không có xã này")
    page.locator("form[action='/dashboard'] button[type=submit]").click()
    assert page.locator(".alert.warn").inner_text().startswith("Không tìm thấy")  # a page, not a 422


def visible_text(page, path: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return page.locator("body").inner_text()


PAGES = {
    "vanthu": ["/upload", "/register", "/khong-co-trang-nay"],
    "kiemtra1": ["/upload", "/review", "/register", "/dashboard", "/businesses/{id}"],
    "kehoach": ["/register", "/dashboard", "/businesses/{id}", "/review"],
    "quantri": ["/admin/users", "/review", "/register", "/dashboard", "/businesses/{id}"],
}


def test_no_raw_key_or_english_word_on_any_vietnamese_page(new_page, shops: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    business = shops["Quán cơm Hương Quê"]
    for username, paths in PAGES.items():
        page = new_page(username)
        for path in paths:
            text = visible_text(page, path.format(id=business))
            assert not RAW_KEY.search(text), (username, path, RAW_KEY.findall(text))
            assert not ENGLISH.search(text), (username, path, ENGLISH.findall(text))
        english = new_page(username, lang="en")
        for path in paths:
            assert "chưa rõ" not in visible_text(english, path.format(id=business)), (username, path)


def cells_of_xlsx(content: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
    ]


def test_exports_speak_vietnamese_and_tell_the_time_in_hkd_timezone(
    hkd_server: Server, shops: dict[str, int]
) -> None:
    headers = {"Authorization": f"Bearer {hkd_server.token('kehoach')}"}
    with httpx.Client(base_url=hkd_server.base_url, headers=headers, timeout=120) as client:
        csv_body = client.get("/api/exports/register.csv", params={"commune": "hai chau"})
        xlsx_body = client.get(
            "/api/exports/register.xlsx", params={"commune": "hai chau", "status": "active"}
        )
    assert csv_body.status_code == 200 and xlsx_body.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_body.text.lstrip("\ufeff"))))
    assert {r[3] for r in rows[1:]} >= HAI_CHAU
    cells = [c for r in rows for c in r] + cells_of_xlsx(xlsx_body.content)
    for cell in cells:
        assert not ENGLISH.search(cell) and not RAW_KEY.search(cell), cell
    identifiers = [r[2] for r in rows[1:] if r[3] in HAI_CHAU]
    assert all(i.startswith("Số đăng ký cũ: ") or i.startswith("Mã") for i in identifiers), identifiers
    cover = dict(
        row[:2]
        for row in openpyxl.load_workbook(io.BytesIO(xlsx_body.content))["Thông tin"].iter_rows(
            values_only=True
        )
    )
    now = dt.datetime.now(ZONE)
    exported = str(cover["Thời điểm xuất"])
    assert exported.endswith("(giờ Việt Nam)"), exported
    stamp = dt.datetime.strptime(exported[:16], "%d/%m/%Y %H:%M").replace(tzinfo=ZONE)
    assert abs((now - stamp).total_seconds()) < 300, (exported, now)
    assert "Cán bộ kế hoạch" in str(cover["Người xuất"]) and cover["Tình trạng"] == "Đang hoạt động"
    with zipfile.ZipFile(io.BytesIO(xlsx_body.content)) as z:
        assert not any(n.startswith("xl/charts/") and b"UTC" in z.read(n) for n in z.namelist())


def test_times_are_in_hkd_timezone_on_a_pc_set_to_utc(browser, hkd_server: Server) -> None:  # type: ignore[no-untyped-def]
    """The server-rendered time and the browser's rewrite of it agree, in Hà Nội time, on a PC in UTC."""
    from tests.e2e.conftest import log_in

    context = browser.new_context(base_url=hkd_server.base_url, timezone_id="UTC", locale="en-GB")
    try:
        page = context.new_page()
        log_in(page, "kehoach")  # a last login to show
        other = context.browser.new_context(base_url=hkd_server.base_url, timezone_id="UTC", locale="en-GB")
        admin = other.new_page()
        log_in(admin, "quantri")
        admin.goto("/admin/users")
        assert admin.locator("html").get_attribute("data-timezone") == "Asia/Ho_Chi_Minh"
        cell = admin.locator('tr[data-user="kehoach"] time')
        moment = dt.datetime.fromisoformat(cell.get_attribute("datetime") or "")
        want = moment.astimezone(ZONE).strftime("%d/%m/%Y %H:%M")
        assert cell.inner_text() == want  # as the browser rewrote it
        served = admin.request.get("/admin/users").text()
        row = served.split('data-user="kehoach"', 1)[1].split("</tr>", 1)[0]
        assert f">{want}</time>" in row  # as the server rendered it
        assert abs((dt.datetime.now(ZONE) - moment).total_seconds()) < 600
        shown = admin.evaluate("HKD.formatDate('2026-01-31T20:30:00+00:00', true)")
        assert shown == "01/02/2026 03:30"  # 20:30 UTC is 03:30 the next day in Hà Nội
        other.close()
    finally:
        context.close()
