"""List pages by VSIC section read that section's partial index (0026), not the whole name order: the
query must spell the section bit the way the index predicate does, or the planner cannot use it."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from service.register.search import search_businesses

pytestmark = pytest.mark.asyncio(loop_scope="session")


class PlanRecorder:
    """An executor that records the generic (parameter-independent) plan of each statement (the API's statements are prepared
    and reused: after five runs PostgreSQL may plan them once for any parameters, and such a plan can
    only use a partial index whose predicate the statement itself implies), then runs it."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.plans: list[str] = []

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        await self.conn.execute(f"prepare listed as {sql}")
        values = ", ".join(
            str(a) if isinstance(a, int) else "'" + str(a).replace("'", "''") + "'" for a in args
        )
        rows = await self.conn.fetch(f"explain execute listed({values})")
        await self.conn.execute("deallocate listed")
        self.plans.append("\n".join(r[0] for r in rows))
        return list(await self.conn.fetch(sql, *args))

    async def fetchval(self, sql: str, *args: Any) -> Any:
        return await self.conn.fetchval(sql, *args)


@pytest.mark.parametrize("section", ["S", "g", "U"])
async def test_section_pages_use_the_section_index(pool: asyncpg.Pool, section: str) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("set local enable_seqscan = off")  # a test database is tiny: ask for indexes
        await conn.execute("set local enable_bitmapscan = off")
        await conn.execute("set local plan_cache_mode = force_generic_plan")
        recorder = PlanRecorder(conn)
        page = await search_businesses(recorder, section=section, status="active", offset=50)  # type: ignore[arg-type]  # duck-typed executor
        assert page["total"] == 0 and page["items"] == []
        index = f"business_versions_current_section_{section.lower()}_idx"
        assert recorder.plans and index in recorder.plans[0], recorder.plans[0]
