"""Schemathesis against the app's own OpenAPI schema, over HTTP, as every role: never a 5xx.

The server is a real `hkd serve` (no OCR workers) on a fresh test database; the fuzzing is bounded.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from service.settings import Settings
from service.users import Role, create_token, create_user


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
async def test_no_server_errors_for_any_role(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tokens = {None: None}
    for role in Role:
        user = await create_user(pool, f"fuzz-{role}", role, "một mật khẩu để thử", "")
        tokens[role.value] = await create_token(pool, user.id, "schemathesis")
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=db_settings.database_url or "",
        HKD_DATA_DIR=str(tmp_path / "data"),
        HKD_PORT=str(port),
        HKD_WORKERS="0",
        HKD_LOG_LEVEL="WARNING",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"], env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        failures = {}
        for role, token in tokens.items():
            cmd = [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                f"{base}/api/schema/openapi.json",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                "8",
                "--generation-deterministic",
                "--request-timeout",
                "30",
                "--workers",
                "1",
                "--suppress-health-check",
                "all",
            ]
            if token:
                cmd += ["-H", f"Authorization: Bearer {token}"]
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
            if result.returncode != 0:
                failures[role] = (result.stdout + result.stderr)[-3000:]
        assert server.poll() is None, "the server died under fuzzing"
        assert failures == {}
    finally:
        server.terminate()
        server.wait(60)
