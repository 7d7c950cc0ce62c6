"""Schemathesis against the app's own OpenAPI schema, over HTTP, as every role, with every check:
no 5xx, and the API does what its document says (statuses, media types, response shapes, schema-valid
requests accepted and schema-invalid ones refused).

The server is a real `hkd serve` (no OCR workers) on a fresh test database; the fuzzing is bounded
(few examples per operation, deterministic generation). The admin goes last: its run disables and
re-roles the other users. Any failure of any check fails the test, with schemathesis' report of it.
The few answers a schema cannot state (the password policy's rules beyond length, what a file or a
correction value holds) are listed, with why, in schemathesis.toml beside this file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.runtime.settings import Settings
from service.users import Role, create_token, create_user
from tests.serve import base_url, free_port, serve_env, start_serve, stop_serve

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = "4"


def schemathesis_command(base: str, token: str | None) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "run",
        f"{base}/api/schema/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--generation-deterministic",
        "--request-timeout",
        "30",
        "--workers",
        "1",
        "--suppress-health-check",
        "all",
    ]
    return cmd + (["-H", f"Authorization: Bearer {token}"] if token else [])


def run_roles(base: str, tokens: dict[str | None, str | None]) -> dict[str | None, str]:
    """Schemathesis as each role in turn (at once was slower on two cores: generation is CPU);
    {role: output} of those that failed."""
    failures = {}
    for role, token in tokens.items():
        started = time.monotonic()
        run = subprocess.run(
            schemathesis_command(base, token), capture_output=True, text=True, timeout=600, check=False
        )
        out = run.stdout + run.stderr
        summary = (run.stdout.strip().splitlines() or [""])[-1]
        print(f"schemathesis as {role or 'anonymous'}: {time.monotonic() - started:.0f} s, {summary}")
        if run.returncode != 0:
            failures[role] = out
    return failures


def failure_report(out: str) -> str:
    """The FAILURES section of a run (what was sent, what came back, which check), without the
    progress lines before it."""
    at = out.find("FAILURES")
    return out[at if at >= 0 else 0 :][-6000:]


@pytest.mark.slow
async def test_every_check_passes_for_every_role(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tokens: dict[str | None, str | None] = {None: None}
    for role in Role:
        user = await create_user(pool, f"fuzz-{role}", role, "một mật khẩu để thử", "")
        tokens[role.value] = await create_token(pool, user.id, "schemathesis")
    admin: dict[str | None, str | None] = {Role.ADMIN.value: tokens.pop(Role.ADMIN.value)}
    env = serve_env(db_settings.database_url or "", tmp_path / "data", free_port())
    server = start_serve(env)
    base = base_url(env)
    try:
        failures = run_roles(base, tokens)
        failures |= run_roles(base, admin)  # last: its run disables and re-roles the other users
        assert server.poll() is None, "the server died under fuzzing"
        assert failures == {}, "\n\n".join(
            f"as {role or 'anonymous'}:\n{failure_report(out)}" for role, out in failures.items()
        )
    finally:
        stop_serve(server, timeout=60)
