"""Authentication and authorisation over HTTP: tokens, sessions with CSRF, roles, rate limiting."""

from __future__ import annotations

import pytest

from service.users import Role, create_user
from tests import files


async def test_anonymous_requests_are_refused_with_401(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role=None)
    for method, path in [("GET", "/api/documents"), ("POST", "/api/documents"), ("GET", "/api/auth/me")]:
        response = await client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert response.json()["type"] == "/problems/not-authenticated"
    assert (await client.get("/healthz")).status_code == 200


async def test_wrong_token_is_refused(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role=None)
    client.headers["Authorization"] = "Bearer hkd_not-a-token"
    assert (await client.get("/api/documents")).status_code == 401


async def test_planner_may_not_see_scans(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="planner")
    response = await client.get("/api/documents")
    assert response.status_code == 403
    assert response.json()["message_vi"] == "Bạn không có quyền thực hiện thao tác này."


async def test_session_login_needs_csrf_for_writes_and_logout_ends_it(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, "hoa.clerk", Role.CLERK, "mật khẩu rất dài 123", "Nguyễn Thị Hoa")
    client = await api_client(role=None)
    bad = await client.post("/api/auth/login", json={"username": "hoa.clerk", "password": "wrong password"})
    assert bad.status_code == 401
    assert bad.json()["message_vi"] == "Sai tên đăng nhập hoặc mật khẩu."
    login = await client.post(
        "/api/auth/login", json={"username": "hoa.clerk", "password": "mật khẩu rất dài 123"}
    )
    assert login.status_code == 200
    csrf = login.json()["csrf_token"]
    cookie = login.cookies["hkd_session"]
    assert "httponly" in login.headers["set-cookie"].lower()
    assert "samesite=strict" in login.headers["set-cookie"].lower()
    assert (await client.get("/api/auth/me")).json()["display_name"] == "Nguyễn Thị Hoa"

    upload = {"file": ("a.jpg", files.make_jpeg(), "image/jpeg")}
    assert (await client.post("/api/documents", files=upload)).status_code == 403  # no CSRF token
    client.headers["X-CSRF-Token"] = "forged"
    assert (await client.post("/api/documents", files=upload)).status_code == 403
    client.headers["X-CSRF-Token"] = csrf
    assert (await client.post("/api/documents", files=upload)).status_code == 201

    assert (await client.post("/api/auth/logout")).status_code == 204
    client.cookies.set("hkd_session", cookie)  # replaying the old cookie does not work
    assert (await client.get("/api/auth/me")).status_code == 401


async def test_each_login_gets_a_new_session_secret(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, "lan.reviewer", Role.REVIEWER, "một mật khẩu dài", "")
    client = await api_client(role=None)
    client.cookies.set("hkd_session", "attacker-chosen-value")
    first = await client.post(
        "/api/auth/login", json={"username": "lan.reviewer", "password": "một mật khẩu dài"}
    )
    second = await client.post(
        "/api/auth/login", json={"username": "lan.reviewer", "password": "một mật khẩu dài"}
    )
    secrets = {first.cookies["hkd_session"], second.cookies["hkd_session"]}
    assert len(secrets) == 2 and "attacker-chosen-value" not in secrets


async def test_login_is_rate_limited(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, "minh.planner", Role.PLANNER, "mật khẩu đúng 2025", "")
    client = await api_client(role=None)
    for _ in range(5):
        r = await client.post(
            "/api/auth/login", json={"username": "minh.planner", "password": "sai sai sai sai"}
        )
        assert r.status_code == 401
    blocked = await client.post(
        "/api/auth/login", json={"username": "minh.planner", "password": "mật khẩu đúng 2025"}
    )
    assert (
        blocked.status_code == 429
    )  # the 2 s after the fifth failure (from its 401, not before) have not passed
    seconds = blocked.json()["retry_after"]
    assert seconds in (1, 2) and f"Vui lòng chờ {seconds} giây" in blocked.json()["message_vi"]


@pytest.mark.parametrize("password", ["short", "minh.planner-xyz-123", "aaaaaaaaaaaa"])
async def test_weak_passwords_are_refused(pool, password: str) -> None:  # type: ignore[no-untyped-def]
    from service.users import PasswordPolicyError

    with pytest.raises(PasswordPolicyError):
        await create_user(pool, "minh.planner", Role.PLANNER, password)
