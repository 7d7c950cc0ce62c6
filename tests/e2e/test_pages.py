"""Pages in the browser: login round trip with `next`, role refusals as Vietnamese pages, the English
switch, and layouts that fit a laptop (1366×768) and a tablet (768×1024) without sideways scrolling."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Server, log_in, release_claim, screenshot

pytestmark = pytest.mark.e2e


def test_anonymous_page_goes_to_login_and_comes_back(new_page, hkd_server: Server) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto("/register?q=hoa")
    assert "/login?next=" in page.url
    log_in(page, "kehoach")
    assert page.url.endswith("/register?q=hoa")
    assert page.get_by_label("Tìm kiếm").input_value() == "hoa"


def test_wrong_password_is_refused_in_vietnamese(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill("vanthu")
    page.get_by_label("Mật khẩu").fill("not the password")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert "/login" in page.url


def test_planner_cannot_open_review_pages(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kehoach")
    doc = next(iter(uploaded.values()))
    for path in ("/review", f"/review/{doc}", "/upload"):
        response = page.goto(path)
        assert response is not None and response.status == 403, path
        assert "không có quyền" in page.get_by_role("alert").inner_text()
    nav = page.get_by_role("navigation").inner_text()
    assert "Sổ đăng ký" in nav and "Kiểm tra" not in nav and "Tải lên" not in nav


def test_clerk_cannot_export_or_see_the_register(new_page, hkd_server: Server) -> None:  # type: ignore[no-untyped-def]
    page = new_page("vanthu")
    response = page.goto("/register")
    assert response is not None and response.status == 403
    api = page.request.get("/api/exports/register.xlsx")
    assert api.status in (403, 404)  # 404 until the export issue lands; then the guard must say 403
    if api.status == 404:
        assert api.json()["status"] == 404


def test_planner_sees_export_buttons_carrying_the_filters(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kehoach")
    page.goto("/register")
    page.get_by_label("Tìm kiếm").fill("tạp hóa")
    page.get_by_label("Tình trạng").select_option("active")
    page.get_by_role("button", name="Lọc").click()
    href = page.get_by_role("link", name="Xuất Excel").get_attribute("href") or ""
    assert href.startswith("/api/exports/register.xlsx?")
    assert "status=active" in href and "q=t%E1%BA%A1p+h%C3%B3a" in href
    assert (
        page.get_by_role("link", name="Xuất CSV")
        .get_attribute("href", timeout=2000)
        .startswith("/api/exports/register.csv?")
    )
    page.wait_for_load_state("networkidle")
    screenshot(page, "register")  # the review test (run later) replaces it with data once the register is in


def test_english_switch_and_back(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page("vanthu")
    page.goto("/upload")
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Upload scans").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Tiếng Việt").click()
    page.get_by_role("heading", name="Tải lên bản quét").wait_for()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (768, 1024)])
def test_pages_fit_without_sideways_scrolling(
    new_page, uploaded: dict[str, int], width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    page = new_page("quantri", width=width, height=height)
    doc = next(iter(uploaded.values()))
    for path in ("/upload", "/review", f"/review/{doc}", "/register", "/admin/users"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} overflows by {overflow}px at {width}x{height}"
        if path.startswith("/review/"):
            release_claim(page, doc)


def test_every_input_has_a_label(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("quantri")
    doc = next(iter(uploaded.values()))
    for path in ("/upload", f"/review/{doc}", "/register"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        unlabeled = page.evaluate(
            """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                .map((e) => e.id || e.name)"""
        )
        assert unlabeled == [], f"{path}: {unlabeled}"
        if path.startswith("/review/"):
            release_claim(page, doc)


@pytest.mark.parametrize(
    ("username", "path", "status"),
    [
        ("vanthu", "/upload", 200),
        ("kiemtra1", "/review", 200),
        ("kehoach", "/register", 200),
        ("kehoach", "/dashboard", 200),
        ("quantri", "/admin/users", 200),
        ("vanthu", "/register", 403),
        ("vanthu", "/khong-co-trang-nay", 404),
        ("vanthu", "/logout", 405),
    ],
)
def test_logout_ends_the_session(new_page, username: str, path: str, status: int) -> None:  # type: ignore[no-untyped-def]
    """From each kind of page (upload, review queue, register, dashboard, admin), a 403 page, a 404
    page and another error page alike."""
    page = new_page(username)
    response = page.goto(path)
    assert response is not None and response.status == status
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login")
    page.goto(path if status == 200 else "/upload")
    assert "/login?next=" in page.url, page.url
    assert page.request.get("/api/auth/me").status == 401
