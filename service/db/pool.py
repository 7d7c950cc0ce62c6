"""The database: where its URL comes from (embedded server or DATABASE_URL) and the asyncpg pool.

Only service.runtime opens these for a process (`open_runtime`); the settings they need are named by
the `DatabaseSettings` protocol, so this layer does not depend on the one above it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Protocol, TypeAlias

import asyncpg
import msgspec
from asyncpg.pool import PoolConnectionProxy

from service.db.embedded import EmbeddedPostgres

Conn: TypeAlias = "asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]"
"""A single connection (direct, or borrowed from a pool): what a caller's transaction runs on."""
Executor: TypeAlias = "Conn | asyncpg.Pool[asyncpg.Record]"
"""Anything that runs a query: a connection or the pool (one statement, its own transaction)."""


class DatabaseSettings(Protocol):
    """What the database layer reads of service.runtime.settings.Settings."""

    @property
    def database_url(self) -> str | None: ...
    @property
    def statement_timeout_ms(self) -> int: ...
    @property
    def data_dir(self) -> Path: ...


def _encode_json(value: object) -> str:
    """Python objects are serialised; a str is taken as JSON text already (pgqueuer passes those)."""
    return value if isinstance(value, str) else msgspec.json.encode(value).decode()


async def _init_connection(conn: asyncpg.Connection) -> None:
    """JSON columns arrive as Python objects, not strings."""
    for kind in ("json", "jsonb"):
        await conn.set_type_codec(kind, encoder=_encode_json, decoder=json.loads, schema="pg_catalog")


async def _reset_connection(conn: asyncpg.Connection) -> None:
    """Run on release, after asyncpg's own clean-up (it rolls back a transaction left open and drops
    client-side listeners) — and nothing more. asyncpg's default also sends `SELECT
    pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` on every release: a round trip before
    `pool.fetch()` returns, two per API request (auth, query). Pool connections never take session
    advisory locks, LISTEN, open WITH HOLD cursors or SET session settings (their settings come from
    the connect options), so there is nothing of that to drop; tests/db/test_pool_reset.py checks the
    sources for such statements and that transaction-scoped state does not outlive a release."""


async def create_pool(
    database_url: str, settings: DatabaseSettings, *, min_size: int = 1, max_size: int = 10
) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        database_url,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_reset_connection,
        server_settings={
            "statement_timeout": str(settings.statement_timeout_ms),
            "application_name": "hkd-register",
            "timezone": "UTC",
        },
    )
    assert pool is not None
    return pool


@asynccontextmanager
async def database_url_for(settings: DatabaseSettings, *, exclusive: bool = False) -> AsyncIterator[str]:
    """Yield the URL to use: DATABASE_URL, or an embedded server started (and later stopped) here, or
    the one another live process of this data directory runs (`exclusive`: refused, for `serve`)."""
    if settings.database_url:
        yield settings.database_url
        return
    server = EmbeddedPostgres(settings.data_dir)
    url = server.start(exclusive=exclusive)
    try:
        yield url
    finally:
        server.stop()
