"""Reference tables on a real PostgreSQL: loaded from the package, replaced atomically, versioned."""

from __future__ import annotations

import asyncpg
import pytest

from schemas.reference import load_data_checksums
from service.db.refdata import ensure_reference_data, get_refdata_status, load_reference_data


async def test_empty_database_reports_every_file_missing(pool: asyncpg.Pool) -> None:
    status = await get_refdata_status(pool)
    assert not status.is_current
    assert set(status.stale_files) == set(load_data_checksums())
    assert status.counts["units_2025"] == 0


async def test_load_fills_every_table_with_the_published_counts(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        status = await load_reference_data(conn)
    assert status.is_current and status.stale_files == []
    assert status.counts == {
        "units_2025": 3355,
        "units_pre2025": 10806,
        "mappings": 10585,
        "split_communes": 441,
        "vsic_2018": 1549,
        "vsic_2025": 1606,
        "vsic_correspondences": 2204,
        "cccd_prefixes": 63,
        "landline_area_codes": 63,
    }
    assert {f.file: f.sha256 for f in status.files} == dict(load_data_checksums())


async def test_codes_are_unique_per_scheme_not_globally(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        await load_reference_data(conn)
    rows = await pool.fetch("select scheme, name from admin_units where code = '00004' order by scheme")
    assert [(r["scheme"], r["name"]) for r in rows] == [
        ("2025", "Phường Ba Đình"),
        ("pre2025", "Phường Trúc Bạch"),
    ]
    split = await pool.fetch(
        """select u.name from admin_unit_mappings m
           join admin_units u on (u.scheme, u.code) = (m.new_scheme, m.new_commune_code)
           where m.old_commune_code = '00016' order by u.name"""
    )
    assert len(split) >= 2  # Phường Ngọc Hà (Ba Đình) went to several new wards


async def test_reload_replaces_rather_than_duplicates(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        first = await load_reference_data(conn)
        second = await load_reference_data(conn)
        assert await ensure_reference_data(conn) is False
    assert first.counts == second.counts
    assert await pool.fetchval("select count(*) from refdata_loads") == 2 * len(load_data_checksums())


async def test_ensure_loads_only_when_needed(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        assert await ensure_reference_data(conn) is True
        await conn.execute("update refdata_loads set sha256 = 'old' where file = 'vsic2025.csv'")
        assert (await get_refdata_status(conn)).stale_files == ["vsic2025.csv"]
        assert await ensure_reference_data(conn) is True
        assert (await get_refdata_status(conn)).is_current


async def test_a_failed_load_leaves_the_previous_data(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        await load_reference_data(conn)
        await conn.execute("alter table cccd_prefixes add constraint c1 check (prefix <> '001') not valid")
        with pytest.raises(asyncpg.CheckViolationError):
            await load_reference_data(conn)
    assert await pool.fetchval("select count(*) from admin_units") == 3355 + 10806
