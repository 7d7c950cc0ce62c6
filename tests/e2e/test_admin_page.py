"""The admin page in Chromium: create a user with the keyboard alone, change the role, reset the
password (ending the user's session), disable and enable (ending sessions and tokens), revoke a
token; refusals in Vietnamese, the English switch; and an idle session sent back to the login."""

from __future__ import annotations

import urllib.error
import urllib.request

import asyncpg
import pytest

from tests.e2e.conftest import Server, log_in, run_async, run_hkd, screenshot

pytestmark = pytest.mark.e2e
NAME = "nguoi.moi"
FIRST, SECOND = "mật khẩu đầu tiên 1", "mật khẩu thứ hai 22"


def api_status(server: Server, token: str) -> int:
    request = urllib.request.Request(  # noqa: S310 (the test server on loopback)
        server.base_url + "/api/auth/me", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as r:  # noqa: S310
            return int(r.status)
    except urllib.error.HTTPError as e:
        return e.code


def sql(server: Server, statement: str, *args: object) -> None:
    async def go() -> None:
        conn = await asyncpg.connect(server.database_url)
        try:
            await conn.execute(statement, *args)
        finally:
            await conn.close()

    run_async(go)


def wait_done(page, what: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_url(f"**/admin/users?done={what}")
    page.get_by_role("status").wait_for()


def test_admin_manages_users_and_tokens_on_the_page(new_page, hkd_server: Server) -> None:  # type: ignore[no-untyped-def]
    page = new_page("quantri")
    page.get_by_role("navigation").get_by_role("link", name="Quản trị").click()
    page.get_by_role("heading", name="Quản lý người dùng").wait_for()
    unlabeled = page.evaluate(
        """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select'))
            .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.name)"""
    )
    assert unlabeled == []

    # Create the account with the keyboard only: type, Tab from field to field, Enter submits.
    page.locator("#new-username").focus()
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    page.keyboard.type("Ngô Thị Mới")
    page.keyboard.press("Tab")  # the role: the first one (Văn thư) is chosen
    page.keyboard.press("Tab")
    page.keyboard.type(FIRST)
    page.keyboard.press("Enter")
    wait_done(page, "created")
    assert page.get_by_role("status").inner_text() == "Đã tạo tài khoản."
    row = page.locator(f'tr[data-user="{NAME}"]')
    assert "Ngô Thị Mới" in row.inner_text() and "Đang hoạt động" in row.inner_text()

    colleague = new_page()
    log_in(colleague, NAME, FIRST)
    assert colleague.url.endswith("/upload")
    token = run_hkd(hkd_server.env, "token", "create", NAME).strip().splitlines()[-1]
    assert api_status(hkd_server, token) == 200

    row.get_by_label(f"Vai trò của {NAME}").select_option("reviewer")
    row.get_by_role("button", name="Đổi vai trò").click()
    wait_done(page, "role")
    assert row.get_by_label(f"Vai trò của {NAME}").input_value() == "reviewer"

    # Communes: an unknown code is refused in Vietnamese; two 2025 codes are kept; empty is the province.
    communes = row.get_by_label(f"Xã/phường phụ trách của {NAME}")
    communes.fill("99999")
    row.get_by_role("button", name="Lưu phạm vi").click()
    assert "99999" in page.get_by_role("alert").inner_text()
    communes.fill("20242, 04831")
    row.get_by_role("button", name="Lưu phạm vi").click()
    wait_done(page, "communes")
    assert communes.input_value() == "04831, 20242"
    communes.fill("")
    # the address already ends in ?done=communes: wait for the new page, not the one on screen (a loaded
    # machine once let the password form below be filled on the old page and lost in the navigation)
    with page.expect_navigation():
        row.get_by_role("button", name="Lưu phạm vi").click()
    wait_done(page, "communes")
    assert communes.input_value() == "" and communes.get_attribute("placeholder") == "Toàn tỉnh"

    # A password the policy refuses: the reason in Vietnamese, nothing changes.
    row.get_by_label(f"Mật khẩu mới cho {NAME}").fill(NAME + "-2026")
    row.get_by_role("button", name="Đặt lại mật khẩu").click()
    assert page.get_by_role("alert").inner_text() == "Mật khẩu không được chứa tên đăng nhập."
    row.get_by_label(f"Mật khẩu mới cho {NAME}").fill(SECOND)
    row.get_by_role("button", name="Đặt lại mật khẩu").click()
    wait_done(page, "password")
    colleague.goto("/upload")
    assert "/login?next=/upload" in colleague.url  # the old session ended with the old password

    # Disable with the keyboard: the colleague's session and token stop working at once.
    log_in(colleague, NAME, SECOND)
    row.get_by_role("button", name="Khoá tài khoản").focus()
    page.keyboard.press("Enter")
    wait_done(page, "disabled")
    assert "Đã khoá" in row.inner_text()
    assert api_status(hkd_server, token) == 401
    colleague.goto("/upload")
    assert "/login" in colleague.url
    tokens = page.locator("#tokens tbody tr", has_text=NAME)
    assert "Đã thu hồi" in tokens.first.inner_text()

    row.get_by_role("button", name="Mở khoá").click()
    wait_done(page, "enabled")
    assert "Đang hoạt động" in row.inner_text()

    # Revoke a new token from its row.
    second = run_hkd(hkd_server.env, "token", "create", NAME, "--label", "bao-cao").strip().splitlines()[-1]
    page.reload()
    live = page.locator("#tokens tbody tr", has_text="bao-cao")
    assert "Còn hiệu lực" in live.inner_text() and second not in page.content()
    live.get_by_role("button", name="Thu hồi").click()
    wait_done(page, "revoked")
    assert "Đã thu hồi" in page.locator("#tokens tbody tr", has_text="bao-cao").inner_text()
    assert api_status(hkd_server, second) == 401
    screenshot(page, "admin-users")

    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Users and access").wait_for()
    assert page.get_by_role("button", name="Create account").is_visible()


def test_only_admins_open_the_admin_page(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    response = page.goto("/admin/users")
    assert response is not None and response.status == 403
    assert "Quản trị" not in page.get_by_role("navigation").inner_text()


def test_an_idle_session_goes_back_to_the_login(new_page, hkd_server: Server) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kehoach")
    page.goto("/register")
    sql(hkd_server, "update sessions set last_seen_at = now() - interval '31 minutes' where user_id ="
        " (select id from users where username = 'kehoach')")  # fmt: skip
    page.goto("/register")
    assert "/login?next=/register" in page.url
    log_in(page, "kehoach")
    assert page.url.endswith("/register")
