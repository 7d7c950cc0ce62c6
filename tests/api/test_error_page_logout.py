"""Logging out works from every kind of page: an error page names the signed-in user and carries the
session's CSRF token like any page (it used to carry an empty one, so "Đăng xuất" on a 403 page was
refused and the session lived on)."""

from __future__ import annotations

import re

import pytest

from service.users import Role, create_user

PAGES = {
    "normal": ("/upload", 200),
    "forbidden": ("/register", 403),  # a clerk may not open the register
    "not_found": ("/khong-co-trang-nay", 404),  # no route: never reached the auth middleware
    "error": ("/logout", 405),  # GET on a POST-only route: also decided before authentication
}
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)">')


@pytest.mark.parametrize("kind", PAGES)
async def test_logout_from_each_kind_of_page_ends_the_session(api_client, pool, kind: str) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, f"lan.{kind}", Role.CLERK, "một mật khẩu dài", "Trần Thị Lan")
    client = await api_client(role=None)
    login = await client.post(
        "/api/auth/login", json={"username": f"lan.{kind}", "password": "một mật khẩu dài"}
    )
    session_csrf = login.json()["csrf_token"]
    path, status = PAGES[kind]
    page = await client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == status
    assert "Trần Thị Lan" in page.text and 'id="logout-form"' in page.text
    token = CSRF_META.search(page.text)
    assert token is not None and token.group(1) == session_csrf
    out = await client.post("/logout", headers={"X-CSRF-Token": token.group(1)})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert (await client.get("/api/auth/me")).status_code == 401
    again = await client.get("/upload", headers={"Accept": "text/html"})
    assert again.status_code == 303 and again.headers["location"].startswith("/login")


async def test_an_error_page_without_a_session_shows_no_user(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role=None)
    client.cookies.set("hkd_session", "not-a-session")
    page = await client.get("/khong-co-trang-nay", headers={"Accept": "text/html"})
    assert page.status_code == 404 and 'id="logout-form"' not in page.text
    assert CSRF_META.search(page.text).group(1) == ""  # type: ignore[union-attr]
