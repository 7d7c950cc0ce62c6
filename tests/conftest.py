"""Real services, started once: PostgreSQL (embedded, or TEST_DATABASE_URL) with a migrated template.

Each test that needs a database gets a fresh one, `CREATE DATABASE … TEMPLATE`, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import msgspec
import pytest
import pytest_asyncio

from service.db.embedded import EmbeddedPostgres
from service.db.migrate import apply_migrations
from service.runtime.settings import Settings


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL server for the whole session: TEST_DATABASE_URL, or a throwaway embedded one."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        yield external
        return
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg"), fsync=False)
    url = server.start()
    try:
        yield url
    finally:
        server.destroy()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def template_db(server_url: str) -> AsyncIterator[str]:
    name = f"hkd_tmpl_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'create database "{name}"')
        conn = await asyncpg.connect(with_database(server_url, name))
        try:
            await apply_migrations(conn)
        finally:
            await conn.close()
        await admin.execute(f'alter database "{name}" with is_template true allow_connections false')
        yield name
    finally:
        await admin.execute(f'alter database "{name}" with is_template false')
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()


@pytest_asyncio.fixture(loop_scope="session")
async def db_url(server_url: str, template_db: str) -> AsyncIterator[str]:
    """A fresh, migrated database for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'create database "{name}" template "{template_db}"')
        yield with_database(server_url, name)
    finally:
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir_name=str(tmp_path / "data"), job_lease_seconds=2.0, workers=1)


@pytest_asyncio.fixture(loop_scope="session")
async def db_settings(settings: Settings, db_url: str) -> Settings:
    return msgspec.structs.replace(settings, database_url=db_url)


@pytest_asyncio.fixture(loop_scope="session")
async def pool(db_settings: Settings) -> AsyncIterator[asyncpg.Pool]:
    from service.db import create_pool

    assert db_settings.database_url
    p = await create_pool(db_settings.database_url, db_settings, max_size=5)
    try:
        yield p
    finally:
        await p.close()


@pytest_asyncio.fixture(loop_scope="session")
async def app(db_settings: Settings):  # type: ignore[no-untyped-def]
    from service.app import create_app

    return create_app(db_settings)


@pytest_asyncio.fixture(loop_scope="session")
async def api_client(app, pool: asyncpg.Pool):  # type: ignore[no-untyped-def]
    """A factory: `await api_client(role="clerk")` → an httpx client authenticated by a bearer token.

    `api_client(role=None)` gives an anonymous client. Every client talks to one app, which
    shares the test's pool, in the test's own event loop, through httpx's ASGI transport.
    """
    import httpx

    from service.users import Role, create_token, create_user

    opened: list[httpx.AsyncClient] = []

    async def make(role: str | None = "clerk", username: str | None = None):  # type: ignore[no-untyped-def]
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local")
        opened.append(client)
        if role is not None:
            name = username or f"{role}_{uuid.uuid4().hex[:6]}"
            user = await create_user(pool, name, Role(role), "correct horse battery", name)
            client.headers["Authorization"] = f"Bearer {await create_token(pool, user.id, 'test')}"
            client.user = user  # type: ignore[attr-defined]
        return client

    app.state.pool = pool  # what the lifespan would do; the lifespan itself runs in `hkd serve` tests
    try:
        yield make
    finally:
        for client in opened:
            await client.aclose()
