"""The composition root: what a process opens once and closes once, for the reason it runs.

`open_runtime(settings, purpose)` yields a `Runtime`: the settings (with the database URL resolved),
the asyncpg pool, the object storage (scans, page images and export files) and, where the purpose
needs them, the reference data (the in-memory admin-unit and VSIC indexes; the reference tables for
`hkd serve`). The app, the worker, every CLI command, the importer and `serve` get their resources
here and nowhere else. Only `serve` and `hkd migrate` change the schema: the purposes that do not
migrate check first and refuse to run on a database with pending migrations, with a message that says
what to do (PendingMigrationsError).

    purpose   pool  migrations         reference data
    SERVE     2     applies            tables loaded if outdated
    API       20    (readyz reports)   indexes built
    WORKER    4     must be applied    indexes built
    COMMAND   2     must be applied    -
    MIGRATE   1     the command's own  -
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum

import asyncpg
import msgspec

from service.db import create_pool, database_url_for
from service.db.migrate import apply_migrations, check_migrated
from service.db.refdata import ensure_reference_data
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore, Storage

__all__ = ["Purpose", "Runtime", "open_runtime", "open_storage"]

log = logging.getLogger(__name__)


class Purpose(StrEnum):
    SERVE = "serve"
    API = "api"
    WORKER = "worker"
    COMMAND = "command"
    MIGRATE = "migrate"


class _Policy(msgspec.Struct, frozen=True):
    pool_size: int
    migrate: bool = False
    check_migrated: bool = False
    reference_tables: bool = False
    indexes: bool = False


_POLICIES = {
    Purpose.SERVE: _Policy(2, migrate=True, reference_tables=True),
    Purpose.API: _Policy(20, indexes=True),
    Purpose.WORKER: _Policy(4, check_migrated=True, indexes=True),
    Purpose.COMMAND: _Policy(2, check_migrated=True),
    Purpose.MIGRATE: _Policy(1),
}


class Runtime(msgspec.Struct, frozen=True):
    """A process's resources; `settings.database_url` is the database actually used."""

    settings: Settings
    pool: asyncpg.Pool
    storage: Storage
    applied_migrations: tuple[str, ...] = ()

    @property
    def database_url(self) -> str:
        assert self.settings.database_url
        return self.settings.database_url

    @property
    def blobs(self) -> BlobStore:
        return BlobStore(self.storage)

    async def migrate(self) -> list[str]:
        """Apply pending migrations (`hkd migrate`; `serve` migrates while it opens its runtime)."""
        return await _migrate(self.database_url)


def open_storage(settings: Settings) -> Storage:
    """The object storage of these settings (no I/O but creating the local folder)."""
    return Storage.open(settings.storage_url, settings.blob_dir)


@asynccontextmanager
async def open_runtime(
    settings: Settings, purpose: Purpose, *, storage: Storage | None = None
) -> AsyncIterator[Runtime]:
    """Open what `purpose` needs (an embedded PostgreSQL too, without DATABASE_URL), close it after."""
    policy = _POLICIES[purpose]
    async with database_url_for(settings, exclusive=purpose is Purpose.SERVE) as url:
        settings = msgspec.structs.replace(settings, database_url=url)
        applied = await _migrate(url) if policy.migrate else []
        pool = await create_pool(url, settings, max_size=policy.pool_size)
        try:
            await _check_database(pool, policy)
            if policy.indexes:  # 1–3 s of CPU: off the event loop, before the first request or job
                from rules import warm_up

                await asyncio.to_thread(warm_up)
            yield Runtime(settings, pool, storage or open_storage(settings), tuple(applied))
        finally:
            await _close(pool)


async def _migrate(url: str) -> list[str]:
    """On a connection of its own: the migration lock is a session lock, never a pool connection's."""
    conn = await asyncpg.connect(url)
    try:
        applied = await apply_migrations(conn)
    finally:
        await conn.close()
    if applied:
        log.info("applied migrations: %s", ", ".join(applied))
    return applied


async def _check_database(pool: asyncpg.Pool, policy: _Policy) -> None:
    async with pool.acquire() as conn:
        if policy.check_migrated:
            await check_migrated(conn)
        if policy.reference_tables and await ensure_reference_data(conn):
            log.info("loaded reference data (administrative units, VSIC, ID prefixes)")


async def _close(pool: asyncpg.Pool) -> None:
    """Ctrl-C may cancel the graceful close; then close hard, quietly."""
    try:
        await asyncio.wait_for(pool.close(), timeout=5)
    except (TimeoutError, asyncio.CancelledError):
        pool.terminate()
