"""The scoped pool (service/db/scope.py): PostgreSQL hides other communes' rows from it, its settings end
with each transaction, and it has every pool method the service layer calls."""

from __future__ import annotations

import re
from pathlib import Path

import asyncpg
import pytest

from service.audit import write_audit
from service.db.scope import POOL_METHODS, ScopedPool, scope_of, scoped_pool

pytestmark = pytest.mark.asyncio(loop_scope="session")
SERVICE = Path(__file__).resolve().parents[2] / "service"


async def _documents(pool: asyncpg.Pool) -> None:
    for n, commune in enumerate(["00001", "00004", None]):
        await pool.execute(
            "insert into documents (sha256, media_type, size_bytes, page_count, commune_code)"
            " values ($1, 'image/png', 1, 1, $2)",
            f"{n:064x}", commune,
        )  # fmt: skip


async def test_a_scoped_pool_sees_only_its_communes(pool: asyncpg.Pool) -> None:
    await _documents(pool)
    a = ScopedPool(pool, ["00001"])
    assert await a.fetch("select commune_code from documents") == [("00001",)]
    both = ScopedPool(pool, ["00001", "00004"])
    assert sorted(r[0] for r in await both.fetch("select commune_code from documents")) == ["00001", "00004"]
    assert await pool.fetchval("select count(*) from documents") == 3  # the owner: the whole province
    async with a.acquire() as conn:
        assert await conn.fetchval("select current_user") == "hkd_scoped"
        with pytest.raises(asyncpg.InsufficientPrivilegeError):  # cannot write a row it could not see
            await conn.execute(
                "insert into documents (sha256, media_type, size_bytes, page_count, commune_code)"
                " values ($1, 'image/png', 1, 1, '00004')", "f" * 64,
            )  # fmt: skip


async def test_the_scope_ends_with_the_transaction(pool: asyncpg.Pool) -> None:
    await _documents(pool)
    a = ScopedPool(pool, ["00001"])
    for _ in range(pool.get_max_size() + 1):  # every connection of the pool has been scoped once
        assert await a.fetchval("select count(*) from documents") == 1
    for _ in range(pool.get_max_size() + 1):
        async with pool.acquire() as conn:
            assert await conn.fetchval("select current_user") != "hkd_scoped"
            assert await conn.fetchval("select current_setting('hkd.communes', true)") in (None, "")
            assert await conn.fetchval("select count(*) from documents") == 3


async def test_a_transaction_that_forgot_its_communes_sees_nothing(pool: asyncpg.Pool) -> None:
    await _documents(pool)
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("set local role hkd_scoped")
        assert await conn.fetchval("select count(*) from documents") == 0


async def test_province_is_the_pool_itself(pool: asyncpg.Pool) -> None:
    assert scoped_pool(pool, None) is pool
    assert scope_of(scoped_pool(pool, ("00001",))) == ("00001",)
    assert scope_of(pool) is None
    with pytest.raises(ValueError):
        ScopedPool(pool, [])


async def test_every_pool_method_the_service_calls_is_scoped() -> None:
    called = {
        m
        for path in SERVICE.rglob("*.py")
        if path.name not in ("worker.py", "serve.py") and path.parent.name not in ("jobs", "runtime")
        for m in re.findall(r"\bpool\.([a-z_]+)\(", path.read_text(encoding="utf-8"))
    }
    assert called - {"close", "terminate"} <= POOL_METHODS, called - POOL_METHODS


async def test_a_scoped_pool_reads_only_its_communes_audit_rows(pool: asyncpg.Pool) -> None:
    """Before 0081 the audit log had no policy: commune A's staff could read B's corrections, batch
    labels and every account change. They still write their own rows."""
    await _documents(pool)
    ids = {r["commune_code"]: r["id"] for r in await pool.fetch("select id, commune_code from documents")}
    for commune, doc in ids.items():
        await write_audit(pool, None, "review.correct", "document", doc, {"commune": commune})
    await write_audit(pool, None, "user.set_role", "user", 1, {"new": "admin"})
    await write_audit(pool, None, "export", "register", "csv", {"filters": {}})
    a = ScopedPool(pool, ["00001"])
    read = "select entity, entity_id from audit_log order by id"
    assert [tuple(r) for r in await a.fetch(read)] == [("document", str(ids["00001"]))]
    await write_audit(a, None, "review.claim", "document", ids["00001"], {})  # A writes its own
    await write_audit(a, None, "user.set_communes", "user", 1, {})  # a scoped admin's change too
    assert await a.fetchval("select count(*) from audit_log") == 2
    assert await pool.fetchval("select count(*) from audit_log") == 7  # the province sees all
