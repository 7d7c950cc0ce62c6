"""What commune scoping costs a register query: the same list page and searches, one at a time, as a
province-wide user filtering by commune A and as a user of commune A (row-level security, the scoped
pool's transaction and settings), on the register benchmark's synthetic businesses.

    python -m benchmarks.scope_bench [--businesses 20000] [--rounds 200]

Starts a throwaway PostgreSQL (embedded), migrates a fresh database, loads the businesses with COPY
(benchmarks.register_bench.load), sets each business's commune from its version (what migration 0072
and approval do), then times service.register.search_businesses directly (no HTTP) and prints
p50/p90 per case, and what one `select 1` costs each way (the scoped pool's BEGIN, settings and
COMMIT are three more round trips; the SQL of each query plans and runs in about 1 ms either way).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg

from benchmarks.register_bench import create_database, fold, load
from benchmarks.upload_bench import machine, percentile
from service.db.embedded import EmbeddedPostgres
from service.db.migrate import apply_migrations
from service.db.pool import create_pool
from service.db.scope import ScopedPool
from service.register.search import search_businesses
from service.runtime.settings import Settings


async def measure(url: str, n: int, rounds: int) -> list[tuple[str, float, float, int]]:
    conn = await asyncpg.connect(url)
    try:
        await apply_migrations(conn)
    finally:
        await conn.close()
    await load(url, n)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(
            "update businesses b set commune_code = v.commune_code from business_versions v"
            " where v.business_id = b.id and upper_inf(v.valid)"
        )
        await conn.execute("vacuum analyze businesses")
        commune = await conn.fetchval(
            "select commune_code from businesses group by 1 order by count(*) desc limit 1"
        )
        name = await conn.fetchval(
            "select business_name from business_versions where commune_code = $1 order by id limit 1", commune
        )
    finally:
        await conn.close()
    pool = await create_pool(url, Settings(), max_size=2)
    scoped = ScopedPool(pool, [commune])
    word = [w for w in fold(name).split() if w.isalpha() and len(w) >= 4][-1]  # a word of A's names
    cases: list[tuple[str, dict[str, Any]]] = [
        ("list page", {}),
        ("list page 3", {"offset": 100}),
        (f"search {word!r}", {"q": word}),
    ]
    today = dt.date(2026, 12, 1)
    out = []
    whos: list[tuple[str, asyncpg.Pool, dict[str, Any]]] = [
        ("province, commune filter", pool, {"commune": commune}),
        ("commune user (RLS)", scoped, {}),
    ]
    for label, params in cases:
        for who, db, extra in whos:
            times: list[float] = []
            total = 0
            for i in range(rounds + 10):
                started = time.perf_counter()
                page = await search_businesses(db, **params, **extra, today=today)
                if i >= 10:  # the first ten warm the caches
                    times.append(time.perf_counter() - started)
                total = page["total"]
            out.append((f"{label:<18} {who:<26}", percentile(times, 50), percentile(times, 90), total))
    for who, db in (("province (the pool)", pool), ("commune user (scoped)", scoped)):
        times = []
        for i in range(rounds + 10):  # one statement: what the scoped transaction's round trips cost
            started = time.perf_counter()
            await db.fetchval("select 1")
            if i >= 10:
                times.append(time.perf_counter() - started)
        out.append((f"{'select 1':<18} {who:<26}", percentile(times, 50), percentile(times, 90), 1))
    await pool.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--businesses", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hkd-scope-bench-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg", fsync=False)
        server_url = pg.start()
        try:
            asyncio.run(create_database(server_url, "scope_bench"))
            rows = asyncio.run(measure(pg.url("scope_bench"), args.businesses, args.rounds))
        finally:
            pg.destroy()
    print(f"machine: {machine()}")
    print(f"{args.businesses} businesses in 300 communes, {args.rounds} rounds per case, one at a time")
    print(f"{'case':<46} {'p50 ms':>8} {'p90 ms':>8} {'rows':>6}")
    for label, p50, p90, total in rows:
        print(f"{label:<46} {p50 * 1000:>8.2f} {p90 * 1000:>8.2f} {total:>6}")


if __name__ == "__main__":
    main()
