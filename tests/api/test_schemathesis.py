"""Schemathesis against the app's own OpenAPI schema, over HTTP, as every role, with every check: no
5xx, and every status, media type and body as the document says (service/web/openapi.py).

The server is a real `hkd serve` (no OCR workers) on a fresh test database; the fuzzing is bounded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from service.runtime.settings import Settings
from service.users import Role, create_token, create_user
from tests.serve import base_url, free_port, serve_env, start_serve, stop_serve


@pytest.mark.slow
async def test_no_server_errors_for_any_role(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tokens = {None: None}
    for role in Role:
        user = await create_user(pool, f"fuzz-{role}", role, "một mật khẩu để thử", "")
        tokens[role.value] = await create_token(pool, user.id, "schemathesis")
    env = serve_env(  # fuzzing searches far faster than a person: no search throttle here
        db_settings.database_url or "", tmp_path / "data", free_port(), HKD_SEARCH_PER_MINUTE="1000000"
    )
    server = start_serve(env)
    base = base_url(env)
    try:
        failures = {}
        for role, token in tokens.items():
            cmd = [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                f"{base}/api/schema/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                "5",
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
        stop_serve(server, timeout=60)
