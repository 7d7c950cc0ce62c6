"""A real `hkd serve` on an empty database: the first admin's password goes only into the 0600 file
(never to the terminal, and so never into serve.log); the server believes no X-Forwarded-For it
was not told to; /readyz tells a stranger only whether it is ready."""

from __future__ import annotations

import stat

import asyncpg
import httpx
import pytest

from service.runtime.settings import Settings
from tests.serve import base_url, free_port, serve_env, start_serve, stop_serve

pytestmark = pytest.mark.slow


async def test_first_admin_password_only_in_the_file(
    pool: asyncpg.Pool, db_settings: Settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    env = serve_env(
        db_settings.database_url or "", data, free_port(), HKD_API_PROCESSES="1", HKD_LOG_LEVEL="INFO"
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = start_serve(env, output=out)
        try:
            base = base_url(env)
            secret_file = data / "initial-admin-password.txt"
            assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
            username, password = secret_file.read_text().split()
            assert username == "admin" and len(password) >= 12
            async with httpx.AsyncClient(base_url=base, timeout=10) as client:
                ready = await client.get("/readyz")
                assert (ready.status_code, ready.json()) == (200, {"ready": True})  # no versions, no names
                ok = await client.post("/api/auth/login", json={"username": "admin", "password": password})
                assert ok.status_code == 200  # the file holds the real password
                assert "tesseract" in (await client.get("/readyz")).json()  # the admin's session sees more

                # A local client cannot choose its address with X-Forwarded-For (uvicorn trusted 127.0.0.1).
                spoof = {"X-Forwarded-For": "203.0.113.250"}
                for _ in range(2):
                    r = await client.post(
                        "/api/auth/login",
                        json={"username": "admin", "password": "không phải nó"},
                        headers=spoof,
                    )
                    assert r.status_code == 401
        finally:
            stop_serve(server)
    output = log.read_text()
    assert password not in output, "the initial admin password reached the terminal / serve.log"
    assert str(secret_file.resolve()) in output  # serve says where it is
    clients = {r["client"] for r in await pool.fetch("select client from login_attempts where not succeeded")}
    assert clients == {"127.0.0.1"}
