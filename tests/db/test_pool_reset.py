"""The pool releases a connection without asyncpg's reset round trip (service/db.py): safe only because
nothing session-scoped is ever set on a pool connection. These tests hold both halves of that."""

from __future__ import annotations

import re
from pathlib import Path

import asyncpg
import pytest

SERVICE = Path(__file__).resolve().parents[2] / "service"
# SQL that leaves state in the session, which a release without RESET ALL / UNLISTEN / CLOSE ALL /
# pg_advisory_unlock_all would hand to the next request. `set local`, `pg_advisory_xact_lock` and
# cursors inside transactions end with the transaction and are fine.
SESSION_STATE = re.compile(
    r"""["']\s*set\s+(?!local\b)(session\s+)?[a-z_.]+\s*(=|to\b)"""
    r"""|set_config\s*\([^)]*false\s*\)|["']\s*listen\s|pg_advisory_lock\s*\(|pg_try_advisory_lock\s*\("""
    r"|cursor\s+with\s+hold\b|create\s+(temp|temporary)\s+table|\bprepare\s+[a-z_]+\s+as\b",
    re.IGNORECASE,
)
DIRECT_CONNECTION_ONLY = {"migrate.py"}  # runs on its own asyncpg.connect() connection, never a pool's


def test_no_session_state_in_service_sql() -> None:
    found = [
        f"{path.relative_to(SERVICE)}:{n}: {line.strip()}"
        for path in SERVICE.rglob("*.py")
        if path.name not in DIRECT_CONNECTION_ONLY
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SESSION_STATE.search(line)
    ]
    assert found == [], "session state on a pool connection would leak to the next request:\n" + "\n".join(
        found
    )


def test_the_pattern_catches_session_state() -> None:
    for sql in ('"SET statement_timeout = 0"', "'set search_path to x'", "set_config('a.b', '1', false)",
                '"LISTEN jobs"', "select pg_advisory_lock(1)", "declare c cursor with hold for select 1",
                "create temp table t (x int)"):  # fmt: skip
        assert SESSION_STATE.search(sql), sql
    for sql in ('"set local statement_timeout = 0"', "update t set status = $1", "pg_advisory_xact_lock(1)",
                "set_config('a.b', '1', true)"):  # fmt: skip
        assert not SESSION_STATE.search(sql), sql


@pytest.mark.asyncio(loop_scope="session")
async def test_release_rolls_back_and_keeps_connect_settings(pool: asyncpg.Pool) -> None:
    """A transaction left open is rolled back on release (its SET LOCAL and row changes with it), and
    the settings given at connect (statement_timeout, time zone) stay."""
    async with pool.acquire() as conn:
        backend = await conn.fetchval("select pg_backend_pid()")
        timeout = await conn.fetchval("show statement_timeout")
        tr = conn.transaction()
        await tr.start()
        await conn.execute("set local statement_timeout = 123")
        await conn.execute("create table left_open (x int)")
        assert await conn.fetchval("show statement_timeout") == "123ms"
    # the pool has one idle connection per earlier use; take them all to find the same backend
    conns = [await pool.acquire() for _ in range(pool.get_max_size())]
    try:
        same = [c for c in conns if await c.fetchval("select pg_backend_pid()") == backend]
        assert same, "the released connection was not reused"
        conn = same[0]
        assert not conn.is_in_transaction()
        assert await conn.fetchval("show statement_timeout") == timeout != "123ms"
        assert await conn.fetchval("show timezone") == "UTC"
        assert await conn.fetchval("select to_regclass('left_open')") is None
    finally:
        for c in conns:
            await pool.release(c)
