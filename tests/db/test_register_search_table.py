"""register_search (0027) mirrors the current versions through amendments out of order and events, and a
search of today's register (read from it) answers as a search of business_versions does."""

from __future__ import annotations

import datetime as dt

import asyncpg
import pytest

from service.register import EventIn, get_business, record_event, search_businesses
from tests.db.test_register import load_out_of_order, seed_shops

pytestmark = pytest.mark.asyncio(loop_scope="session")

MIRROR_DIFFERENCE = """
(select id, business_id, business_name, status, commune_code, commune_name, section_bits,
        strip(to_tsvector('simple'::regconfig, search_text)) as words
 from business_versions where upper_inf(valid)
 except
 select version_id, business_id, business_name, status, commune_code, commune_name, section_bits, words
 from register_search)
union all
(select version_id, business_id, business_name, status, commune_code, commune_name, section_bits, words
 from register_search
 except
 select id, business_id, business_name, status, commune_code, commune_name, section_bits,
        strip(to_tsvector('simple'::regconfig, search_text))
 from business_versions where upper_inf(valid))
"""


async def assert_mirrors_current_versions(pool: asyncpg.Pool) -> None:
    assert await pool.fetch(MIRROR_DIFFERENCE) == []


async def ids(pool: asyncpg.Pool, **kwargs: object) -> list[int]:
    return [item["id"] for item in (await search_businesses(pool, **kwargs))["items"]]  # type: ignore[arg-type]


async def test_mirror_follows_amendments_and_events(pool: asyncpg.Pool) -> None:
    business_id, reviewer = await load_out_of_order(pool)
    await assert_mirrors_current_versions(pool)
    row = await pool.fetchrow("select * from register_search where business_id = $1", business_id)
    assert row is not None and row["business_name"] == "Tạp hóa Hoa Nam"  # amendment 3, not the first
    assert await pool.fetchval("select count(*) from register_search") == 1
    assert row["section_bits"] == (1 << 6) | (1 << 8)  # G and I

    version = (await get_business(pool, business_id))["version"]
    event = EventIn(kind="termination", from_=dt.date(2025, 2, 1), expected_version=version)
    async with pool.acquire() as conn, conn.transaction():
        await record_event(conn, business_id, event, reviewer)
    await assert_mirrors_current_versions(pool)
    assert await pool.fetchval("select status from register_search where business_id = $1", business_id) == (
        "terminated"
    )
    assert await ids(pool, q="tap hoa hoa nam", status="terminated") == [business_id]
    assert await ids(pool, q="tap hoa hoa nam", status="active") == []
    # as of a date the versions table answers: the old name then, not the new one
    assert await ids(pool, q="tap hoa hoa nam", as_of=dt.date(2020, 7, 1)) == []
    assert await ids(pool, q="tap hoa hoa", as_of=dt.date(2020, 7, 1)) == [business_id]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"q": "le loi"},
        {"q": "le loi", "section": "I"},
        {"q": "le loi", "section": "g", "limit": 1, "offset": 1},
        {"q": "le loi", "commune": "Phường Thanh Khê"},
        {"q": "le loi", "commune": "phuong hai chau", "status": "active"},
        {"q": "tap hoa thai"},
        {"q": "cua hang dien thai kieu"},  # the typo path
        {"q": "le loi", "offset": 10},
    ],
)
async def test_today_reads_the_same_as_the_versions_table(
    pool: asyncpg.Pool, kwargs: dict[str, object]
) -> None:
    await seed_shops(pool)
    await assert_mirrors_current_versions(pool)
    today = await search_businesses(pool, **kwargs)  # type: ignore[arg-type]
    # as of today the same question goes to business_versions (a version valid today is the current one)
    as_of = await search_businesses(pool, **kwargs, as_of=dt.date.today())  # type: ignore[arg-type]
    assert today["items"] == as_of["items"]
    assert today["items"] or kwargs.get("offset") == 10  # past the last page: none, but the count
    assert (today["total"], today["total_capped"], today["corrected"]) == (
        as_of["total"],
        as_of["total_capped"],
        as_of["corrected"],
    )
