"""Forward-only migration runner for the plain-SQL files in `migrations/`.

Each file is applied in its own transaction and recorded with its SHA-256. A session-level advisory
lock makes concurrent starters wait for each other, so two processes starting at once on an empty
database apply every file exactly once. A file edited after it was applied stops the start with a
clear error: history is never rewritten silently.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources

import asyncpg
import msgspec

from service.db.pool import Conn
from service.errors import AppError, UnavailableError
from service.i18n.messages import text

MIGRATIONS_LOCK_ID = 0x484B4401  # "HKD" + 1: the advisory lock key for migrations
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

CREATE_TABLE = """
create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
)
"""
SELECT_APPLIED = "select version, name, checksum from schema_migrations order by version"
INSERT_APPLIED = "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)"


class MigrationError(AppError):
    """An applied migration was edited, or the files are numbered wrongly."""

    type, title = "/problems/migrations", "Migrations do not match the database"
    message_vi = text("database.migration_edited")


class PendingMigrationsError(UnavailableError):
    """The database lacks migrations this code needs: only `hkd serve` and `hkd migrate` apply them."""

    message_vi = text("database.pending_migrations")


class Migration(msgspec.Struct, frozen=True):
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations() -> list[Migration]:
    """The migration files shipped in the `migrations` package, in version order."""
    found = []
    for entry in resources.files("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a number: {versions}")
    return found


async def apply_migrations(conn: Conn, migrations: list[Migration] | None = None) -> list[str]:
    """Apply pending migrations; return the names applied now (empty when up to date)."""
    migrations = load_migrations() if migrations is None else migrations
    await conn.execute("select pg_advisory_lock($1)", MIGRATIONS_LOCK_ID)
    try:
        await conn.execute(CREATE_TABLE)
        applied = {r["version"]: r for r in await conn.fetch(SELECT_APPLIED)}
        _check_unchanged(migrations, applied)
        done = []
        for migration in migrations:
            if migration.version in applied:
                continue
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(INSERT_APPLIED, migration.version, migration.name, migration.checksum)
            done.append(migration.name)
        return done
    finally:
        await conn.execute("select pg_advisory_unlock($1)", MIGRATIONS_LOCK_ID)


async def pending_migrations(conn: Conn) -> list[str]:
    """Names of files not applied yet (for /readyz and `hkd migrate --check`)."""
    exists = await conn.fetchval("select to_regclass('schema_migrations') is not null")
    applied = {r["version"]: r for r in await conn.fetch(SELECT_APPLIED)} if exists else {}
    migrations = load_migrations()
    _check_unchanged(migrations, applied)
    return [m.name for m in migrations if m.version not in applied]


async def check_migrated(conn: Conn) -> None:
    """Refuse to go on (PendingMigrationsError) while migrations are pending; processes that do not
    migrate (workers, commands) call this instead of migrating behind the operator's back."""
    pending = await pending_migrations(conn)
    if pending:
        raise PendingMigrationsError(
            f"{len(pending)} migration(s) pending ({', '.join(pending)}): run `hkd migrate` or `hkd serve`"
        )


def _check_unchanged(migrations: list[Migration], applied: dict[int, asyncpg.Record]) -> None:
    for migration in migrations:
        row = applied.get(migration.version)
        if row is not None and row["checksum"] != migration.checksum:
            raise MigrationError(
                f"migration {migration.name} was edited after it was applied to this database "
                f"(recorded as {row['name']}); add a new migration instead of editing an old one"
            )
