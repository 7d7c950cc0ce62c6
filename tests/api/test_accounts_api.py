"""Accounts over HTTP: the admin API (create, role, disable/enable, password, tokens), audited without
secrets; token expiry; idle and absolute session limits."""

from __future__ import annotations

import asyncpg
import httpx

from service.users import Role, create_token, create_user

PASSWORD = "mật khẩu ban đầu 01"


async def session_of(api_client, username: str, password: str) -> tuple[httpx.AsyncClient, str]:  # type: ignore[no-untyped-def]
    """A browser-like client logged in by the JSON login: the session cookie and its CSRF token."""
    client = await api_client(role=None)
    r = await client.post("/api/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return client, r.json()["csrf_token"]


async def test_admin_creates_changes_disables_and_enables_a_user(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    admin = await api_client(role="admin")
    made = await admin.post(
        "/api/admin/users",
        json={
            "username": "lan.vanthu",
            "display_name": "Trần  Thị Lan",
            "role": "clerk",
            "password": PASSWORD,
        },
    )
    assert made.status_code == 201, made.text
    user = made.json()
    assert (user["username"], user["display_name"], user["role"], user["active"]) == (
        "lan.vanthu", "Trần Thị Lan", "clerk", True,
    )  # fmt: skip
    assert user["last_login_at"] is None
    uid = user["id"]

    browser, _ = await session_of(api_client, "lan.vanthu", PASSWORD)
    script = await api_client(role=None)
    script.headers["Authorization"] = f"Bearer {await create_token(pool, uid, 'nightly')}"
    assert (await browser.get("/api/auth/me")).status_code == 200
    assert (await script.get("/api/documents")).status_code == 200
    listed = {u["username"]: u for u in (await admin.get("/api/admin/users")).json()}
    assert listed["lan.vanthu"]["last_login_at"] is not None and listed["lan.vanthu"]["live_tokens"] == 1

    changed = await admin.put(f"/api/admin/users/{uid}/role", json={"role": "reviewer"})
    assert changed.status_code == 200 and changed.json()["role"] == "reviewer"
    assert (await browser.get("/api/auth/me")).json()["role"] == "reviewer"  # at once, same session

    disabled = await admin.post(f"/api/admin/users/{uid}/disable")
    assert disabled.status_code == 200 and disabled.json()["active"] is False
    assert (await browser.get("/api/auth/me")).status_code == 401  # the session ended at once
    assert (await script.get("/api/documents")).status_code == 401  # and the token
    assert (
        await pool.fetchval("select count(*) from sessions where user_id = $1 and revoked_at is null", uid)
        == 0
    )
    assert (
        await pool.fetchval("select count(*) from api_tokens where user_id = $1 and revoked_at is null", uid)
        == 0
    )
    denied = await (await api_client(role=None)).post(
        "/api/auth/login", json={"username": "lan.vanthu", "password": PASSWORD}
    )
    assert denied.status_code == 401

    assert (await admin.post(f"/api/admin/users/{uid}/enable")).json()["active"] is True
    assert (await script.get("/api/documents")).status_code == 401  # revoked tokens stay revoked
    await session_of(api_client, "lan.vanthu", PASSWORD)

    audit = await pool.fetch(
        "select actor_id, action, entity, detail from audit_log where entity_id = $1 and entity = 'user' order by id",
        str(uid),
    )
    assert [r["action"] for r in audit] == ["user.create", "user.set_role", "user.disable", "user.enable"]
    assert all(r["actor_id"] == admin.user.id and r["detail"]["via"] == "web" for r in audit)
    assert audit[1]["detail"]["old"] == "clerk" and audit[1]["detail"]["new"] == "reviewer"
    assert audit[2]["detail"]["sessions_ended"] == 1 and audit[2]["detail"]["tokens_revoked"] == 1
    assert PASSWORD not in str([dict(r) for r in audit])


async def test_new_password_works_the_old_does_not_and_sessions_end(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    user = await create_user(pool, "binh.kiemtra", Role.REVIEWER, PASSWORD)
    browser, _ = await session_of(api_client, "binh.kiemtra", PASSWORD)
    admin = await api_client(role="admin")
    weak = await admin.put(f"/api/admin/users/{user.id}/password", json={"password": "ngắn"})
    assert weak.status_code == 422 and "10 ký tự" in weak.json()["message_vi"]
    new = "mật khẩu mới tinh 2026"
    reset = await admin.put(f"/api/admin/users/{user.id}/password", json={"password": new})
    assert reset.status_code == 200 and reset.json() == {"sessions_ended": 1}
    assert (await browser.get("/api/auth/me")).status_code == 401
    anon = await api_client(role=None)
    assert (
        await anon.post("/api/auth/login", json={"username": "binh.kiemtra", "password": PASSWORD})
    ).status_code == 401
    await session_of(api_client, "binh.kiemtra", new)
    detail = await pool.fetchval("select detail from audit_log where action = 'user.set_password'")
    assert new not in str(detail) and detail["username"] == "binh.kiemtra"


async def test_tokens_are_listed_without_secrets_and_revoked_at_once(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    script = await api_client(role="planner")
    secret = script.headers["Authorization"].split()[1]
    admin = await api_client(role="admin")
    listed = await admin.get("/api/admin/tokens", params={"user_id": script.user.id})
    assert listed.status_code == 200
    (token,) = listed.json()
    assert set(token) == {
        "id", "user_id", "username", "name", "created_at", "last_used_at", "expires_at", "revoked_at", "status",
    }  # fmt: skip
    assert token["status"] == "active" and token["username"] == script.user.username
    assert secret not in listed.text and "sha256" not in listed.text
    digest = await pool.fetchval("select token_sha256 from api_tokens where id = $1", token["id"])
    assert digest not in listed.text

    assert (await script.get("/api/businesses")).status_code == 200
    assert (await admin.delete(f"/api/admin/tokens/{token['id']}")).status_code == 204
    assert (await script.get("/api/businesses")).status_code == 401
    again = (await admin.get("/api/admin/tokens", params={"user_id": script.user.id})).json()
    assert again[0]["status"] == "revoked"
    assert (await admin.delete("/api/admin/tokens/999999")).status_code == 404
    audit = await pool.fetchrow(
        "select entity, entity_id, detail from audit_log where action = 'token.revoke'"
    )
    assert (audit["entity"], audit["entity_id"]) == ("token", str(token["id"]))
    assert secret not in str(audit["detail"])


async def test_last_admin_stays_and_nobody_disables_themselves(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    admin = await api_client(role="admin")
    me = admin.user.id
    own = await admin.post(f"/api/admin/users/{me}/disable")
    assert (
        own.status_code == 409
        and own.json()["message_vi"] == "Bạn không thể tự khoá tài khoản của chính mình."
    )
    demote = await admin.put(f"/api/admin/users/{me}/role", json={"role": "planner"})
    assert demote.status_code == 409 and demote.json()["type"] == "/problems/last-admin"
    other = await api_client(role="admin")  # with a second admin, either may demote the other
    own_role = await admin.put(f"/api/admin/users/{me}/role", json={"role": "planner"})
    assert own_role.status_code == 409  # never oneself: the rest of the session would be a planner's
    assert own_role.json()["message_vi"] == "Bạn không thể tự đổi vai trò của chính mình."
    assert (
        await admin.put(f"/api/admin/users/{other.user.id}/role", json={"role": "planner"})
    ).status_code == 200
    assert (await admin.get("/api/admin/users")).status_code == 200


async def test_admin_api_is_for_admins_and_refuses_bad_input(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    for role in ("clerk", "reviewer", "planner"):
        client = await api_client(role=role)
        assert (await client.get("/api/admin/users")).status_code == 403
        assert (await client.get("/api/admin/tokens")).status_code == 403
    admin = await api_client(role="admin")
    good = {"username": "hoa", "role": "clerk", "password": PASSWORD}
    assert (await admin.post("/api/admin/users", json=good)).status_code == 201
    duplicate = await admin.post("/api/admin/users", json=good)
    assert duplicate.status_code == 409 and "hoa" in duplicate.json()["message_vi"]
    spaced = await admin.post("/api/admin/users", json={**good, "username": "hoa nguyen"})
    assert spaced.status_code == 422 and spaced.json()["field"] == "username"
    control = await admin.post("/api/admin/users", json={**good, "username": "x", "display_name": "a\x00b"})
    assert control.status_code == 422 and control.json()["field"] == "display_name"
    unknown = await admin.post("/api/admin/users", json={**good, "username": "y", "admin": True})
    assert unknown.status_code in (400, 422)
    role = await admin.post("/api/admin/users", json={**good, "username": "z", "role": "root"})
    assert role.status_code in (400, 422)
    assert (await admin.post("/api/admin/users/999999/disable")).status_code == 404
    assert await pool.fetchval("select count(*) from users where username in ('x', 'y', 'z')") == 0


async def test_an_expired_token_is_refused_with_a_clear_401(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    assert (await client.get("/api/documents")).status_code == 200
    expiry = await pool.fetchval(
        "select expires_at - created_at from api_tokens where user_id = $1", client.user.id
    )
    assert expiry.days == 90  # HKD_TOKEN_DAYS' default
    await pool.execute(
        "update api_tokens set expires_at = now() - interval '1 second' where user_id = $1", client.user.id
    )
    refused = await client.get("/api/documents")
    assert refused.status_code == 401
    body = refused.json()
    assert body["type"] == "/problems/token-expired" and "expired" in body["detail"]
    assert body["message_vi"].startswith("Mã truy cập đã hết hạn ngày ")


async def test_an_idle_session_is_refused_and_the_page_goes_to_login(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    user = await create_user(pool, "lan.nghi", Role.CLERK, PASSWORD)
    browser, _ = await session_of(api_client, "lan.nghi", PASSWORD)
    lifetime = await pool.fetchval("select expires_at - created_at from sessions where user_id = $1", user.id)
    assert lifetime.total_seconds() == 12 * 3600  # HKD_SESSION_HOURS' default
    assert (await browser.get("/upload", headers={"Accept": "text/html"})).status_code == 200

    await pool.execute(
        "update sessions set last_seen_at = now() - interval '29 minutes' where user_id = $1", user.id
    )
    assert (await browser.get("/api/auth/me")).status_code == 200  # used within the idle limit: slides
    seen = await pool.fetchval("select now() - last_seen_at from sessions where user_id = $1", user.id)
    assert seen.total_seconds() < 60
    assert (await browser.get("/api/auth/me")).status_code == 200  # within the minute: no second write
    assert (
        await pool.fetchval("select now() - last_seen_at from sessions where user_id = $1", user.id) >= seen
    )

    await pool.execute(
        "update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1", user.id
    )
    assert (await browser.get("/api/auth/me")).status_code == 401
    page = await browser.get("/upload", headers={"Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/upload"
