"""The embedded PostgreSQL's own log holds no statement and no value: hostile corrections over the API,
then statements that fail inside PostgreSQL on personal values (a NUL in jsonb, a unique key, a cast),
and the server log is read whole. Before, the jsonb error was logged with the statement, its
parameters and the JSON (an ID number, a birth date) in its CONTEXT."""

from __future__ import annotations

import contextlib
from pathlib import Path

import asyncpg
import httpx
import msgspec
import pytest

from service.app import create_app
from service.db import create_pool
from service.db.embedded import EmbeddedPostgres
from service.db.migrate import apply_migrations
from service.runtime.settings import Settings
from service.users import Role, create_token, create_user
from tests.api.test_review_api import claimed, insert_document, make_extraction

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

ID_NUMBER, BIRTH = "048180009999", "13/06/1981"
SECRETS = (ID_NUMBER, BIRTH, "1981-06-13", "NGUYỄN THỊ BÍ MẬT")


async def test_the_database_log_holds_no_value(tmp_path: Path, settings: Settings) -> None:
    server = EmbeddedPostgres(tmp_path / "pg", fsync=False)
    url = server.start()
    try:
        conn = await asyncpg.connect(url)
        try:
            await apply_migrations(conn)
        finally:
            await conn.close()
        db_settings = msgspec.structs.replace(settings, database_url=url)
        pool = await create_pool(url, db_settings, max_size=3)
        try:
            await send_hostile_corrections(pool, db_settings)
            await fail_inside_postgres(pool)
        finally:
            await pool.close()
    finally:
        server.stop()
    log = (server.pgdata / "server.log").read_text(errors="replace")
    assert "database system is ready" in log  # the log is there and read …
    assert [s for s in SECRETS if s in log] == []  # … and holds no value
    assert "STATEMENT" not in log and "DETAIL" not in log and "CONTEXT" not in log


async def send_hostile_corrections(pool: asyncpg.Pool, settings: Settings) -> None:
    app = create_app(settings)
    app.state.pool = pool
    user = await create_user(pool, "rev", Role.REVIEWER, "correct horse battery", "Rev")
    headers = {"Authorization": f"Bearer {await create_token(pool, user.id, 'test')}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers
    ) as reviewer:
        doc_id = await insert_document(pool, make_extraction())
        revision = await claimed(reviewer, doc_id)
        for field, value in (
            ("owner.id_number", ID_NUMBER + "\x00"),
            ("owner.birth_date", BIRTH + "\x00"),
            ("owner.full_name", "NGUYỄN THỊ BÍ MẬT\x00"),
            ("members", [{"full_name": "NGUYỄN THỊ BÍ MẬT", "id_number": ID_NUMBER + "\x00"}]),
        ):
            body = {"field": field, "value": value, "revision": revision}
            r = await reviewer.post(f"/api/review/{doc_id}/corrections", json=body)
            assert r.status_code == 422 and "field" in r.json(), r.text


async def fail_inside_postgres(pool: asyncpg.Pool) -> None:
    """What the boundary now refuses, sent past it: PostgreSQL itself must not log the values."""
    failing = (
        ("select $1::jsonb", '{"id_number": "' + ID_NUMBER + '\\u0000", "birth": "' + BIRTH + '"}'),
        ("select $1::integer", ID_NUMBER + "x"),
        ("select $1::date", "1981-06-13x"),
        ("insert into users (username, role, display_name) values ($1, 'clerk', '')", "rev"),
        ("insert into users (username, role, display_name) values ('rev', 'clerk', $1)", ID_NUMBER),
    )
    for statement, value in failing:
        with contextlib.suppress(asyncpg.PostgresError):
            await pool.execute(statement, value)
            raise AssertionError(f"{statement} should have failed")
