"""/readyz: ready or not for anybody; what is wrong (versions, migrations, exception names) for admins."""

from __future__ import annotations

import asyncpg


async def test_readyz_says_only_ready_unless_an_admin_asks(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    anonymous = await api_client(role=None)
    planner = await api_client(role="planner")
    admin = await api_client(role="admin")
    for client in (anonymous, planner):
        r = await client.get("/readyz")
        assert (r.status_code, r.json()) == (200, {"ready": True})
    details = (await admin.get("/readyz")).json()
    assert details["ready"] is True and details["tesseract"].startswith("5.")
    assert details["migrations_pending"] == [] and details["problems"] == []

    await pool.execute(
        "delete from schema_migrations where version = (select max(version) from schema_migrations)"
    )
    r = await anonymous.get("/readyz")
    assert (r.status_code, r.json()) == (503, {"ready": False})
    details = (await admin.get("/readyz")).json()
    assert details["problems"] == ["migrations pending"] and len(details["migrations_pending"]) == 1
