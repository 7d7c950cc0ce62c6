"""Commune scope: the pool a commune-scoped user's request runs on, so PostgreSQL itself hides the rows
of other communes (row-level security, migrations/0072_commune_scope.sql).

The app connects as the owner of the tables, whom RLS does not restrict: the whole province, and the
workers. `ScopedPool` runs every statement of a scoped user in a transaction that first switches to
the role `hkd_scoped` and names the communes — both `set_config(..., true)`, so they end with the
transaction and a released connection carries nothing to the next request (tests/db/test_pool_reset.py).
It is handed to handlers as their `pool` dependency (service.app), one place for every route: no
handler filters by commune in Python, and one that forgot cannot see another commune's rows.

It stands in for an asyncpg.Pool, as a subclass (handlers' signatures and Litestar's check of the
dependency's type want one) that never opens connections of its own: it overrides the methods the
service layer calls on a pool (POOL_METHODS; a test checks every `pool.<method>(` in service/ is
among them) and borrows the real pool's connections.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

SCOPED_ROLE = "hkd_scoped"
ENTER_SCOPE = f"select set_config('role', '{SCOPED_ROLE}', true), set_config('hkd.communes', $1, true)"
POOL_METHODS = frozenset({"acquire", "fetch", "fetchrow", "fetchval", "execute", "executemany"})


class ScopedPool(asyncpg.Pool):
    """An asyncpg pool whose every transaction is limited to `communes` (2025 codes)."""

    def __init__(self, pool: asyncpg.Pool, communes: Sequence[str]) -> None:  # no super(): no connections
        if not communes:
            raise ValueError("a scope names at least one commune (None is the whole province)")
        self.pool = pool
        self.communes = tuple(communes)
        self._setting = ",".join(self.communes)

    @asynccontextmanager
    async def acquire(  # type: ignore[override]
        self, *, timeout: float | None = None, isolation: str | None = None
    ) -> AsyncIterator[PoolConnectionProxy[asyncpg.Record]]:
        """A connection inside a scoped transaction: committed when the block ends, rolled back when it
        raises. The caller's own `conn.transaction()` blocks become savepoints within it."""
        async with self.pool.acquire(timeout=timeout) as conn, conn.transaction(isolation=isolation):  # type: ignore[arg-type]
            await conn.execute(ENTER_SCOPE, self._setting)
            yield conn

    async def fetch(self, query: str, *args: Any, timeout: float | None = None) -> list[asyncpg.Record]:  # type: ignore[override]
        async with self.acquire() as conn:
            return await conn.fetch(query, *args, timeout=timeout)

    async def fetchrow(self, query: str, *args: Any, timeout: float | None = None) -> asyncpg.Record | None:  # type: ignore[override]
        async with self.acquire() as conn:
            return await conn.fetchrow(query, *args, timeout=timeout)

    async def fetchval(self, query: str, *args: Any, column: int = 0, timeout: float | None = None) -> Any:
        async with self.acquire() as conn:
            return await conn.fetchval(query, *args, column=column, timeout=timeout)

    async def execute(self, query: str, *args: Any, timeout: float | None = None) -> str:
        async with self.acquire() as conn:
            return await conn.execute(query, *args, timeout=timeout)

    async def executemany(self, command: str, args: Any, *, timeout: float | None = None) -> None:
        async with self.acquire() as conn:
            await conn.executemany(command, args, timeout=timeout)


def scoped_pool(pool: asyncpg.Pool, communes: Sequence[str] | None) -> asyncpg.Pool:
    """The pool to run a user's work on: the pool itself for the whole province (None), else a
    ScopedPool, typed as the pool it stands in for (the service layer is written against asyncpg.Pool)."""
    if communes is None:
        return pool
    return ScopedPool(pool, communes)


def scope_of(pool: object) -> tuple[str, ...] | None:
    """The communes a pool is limited to; None for an unscoped one (province, workers)."""
    return pool.communes if isinstance(pool, ScopedPool) else None


def acquire_snapshot(pool: asyncpg.Pool) -> Any:
    """`pool.acquire()` for a reader that wants one repeatable-read snapshot (exports): a scoped pool's
    outer transaction must have that isolation, the reader's own transaction nests inside it."""
    if isinstance(pool, ScopedPool):
        return pool.acquire(isolation="repeatable_read")
    return pool.acquire()
