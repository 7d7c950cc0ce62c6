"""Every export is audited (who, when, filters, row count) in audit_log."""

from __future__ import annotations

import asyncpg

from service.users import CurrentUser

INSERT_AUDIT = (
    "insert into audit_log (actor_id, action, entity, entity_id, detail) "
    "values ($1, 'export', 'register', $2, $3)"
)


async def record_export(
    pool: asyncpg.Pool, user: CurrentUser | None, fmt: str, filters: dict[str, str], rows: int, full: bool
) -> None:
    detail = {"format": fmt, "filters": filters, "rows": rows, "personal_data": "full" if full else "masked"}
    await pool.execute(INSERT_AUDIT, user.id if user else None, fmt, detail)
