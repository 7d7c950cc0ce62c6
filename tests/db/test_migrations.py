"""The migration runner on a real PostgreSQL: once, in order, concurrently safe, tamper-evident."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid

import asyncpg
import pytest

from service.db.migrate import (
    Migration,
    MigrationError,
    apply_migrations,
    load_migrations,
    pending_migrations,
)
from tests.conftest import with_database


async def test_template_has_every_migration_and_core_tables(pool: asyncpg.Pool) -> None:
    applied = await pool.fetch("select version, checksum from schema_migrations order by version")
    files = load_migrations()
    assert [(r["version"], r["checksum"]) for r in applied] == [(m.version, m.checksum) for m in files]
    tables = {
        r["t"] for r in await pool.fetch("select tablename as t from pg_tables where schemaname='public'")
    }
    assert {"documents", "pages", "jobs", "users", "audit_log", "pgqueuer"} <= tables


async def test_up_to_date_database_applies_nothing(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        assert await apply_migrations(conn) == []
        assert await pending_migrations(conn) == []


async def test_edited_migration_is_refused(pool: asyncpg.Pool) -> None:
    first = load_migrations()[0]
    edited = Migration(first.version, first.name, first.sql + "\n-- edited\n")
    async with pool.acquire() as conn:
        with pytest.raises(MigrationError, match="edited after it was applied"):
            await apply_migrations(conn, [edited])


async def test_failed_migration_rolls_back_and_is_not_recorded(pool: asyncpg.Pool) -> None:
    broken = [
        *load_migrations(),
        Migration(9999, "9999_broken.sql", "create table half_done (x int); select 1/0;"),
    ]
    async with pool.acquire() as conn:
        with pytest.raises(asyncpg.DivisionByZeroError):
            await apply_migrations(conn, broken)
        assert await conn.fetchval("select to_regclass('half_done')") is None
        assert await conn.fetchval("select count(*) from schema_migrations where version = 9999") == 0


async def test_two_processes_migrating_an_empty_database_apply_each_file_once(server_url: str) -> None:
    name = f"t_race_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server_url)
    await admin.execute(f'create database "{name}"')
    try:
        env = dict(os.environ, DATABASE_URL=with_database(server_url, name))
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "service.cli",
                "migrate",
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        outputs = [await p.communicate() for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outputs
        said = sorted(out.decode().strip().splitlines()[0] for out, _ in outputs)
        assert said[1] == "up to date" or said[0] == "up to date", said  # exactly one did the work
        conn = await asyncpg.connect(with_database(server_url, name))
        try:
            rows = await conn.fetch("select version from schema_migrations order by version")
            assert [r["version"] for r in rows] == [m.version for m in load_migrations()]
        finally:
            await conn.close()
    finally:
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()
