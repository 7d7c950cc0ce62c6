"""The audit log: who did what to which entity, when, with the details (old and new values).

One insert for every audited action: review claims and decisions (entity `document`), register
changes (`business`) and exports (`register`). The database row may hold personal data (a corrected
ID number, the filters of an export); log lines never do.
"""

from __future__ import annotations

from typing import Any

from service.db import Executor

INSERT_AUDIT = """
insert into audit_log (actor_id, action, entity, entity_id, detail) values ($1, $2, $3, $4, $5)
"""


async def write_audit(
    db: Executor, actor_id: int | None, action: str, entity: str, entity_id: object, detail: dict[str, Any]
) -> None:
    """One audit row, inside the caller's transaction when `db` is its connection."""
    await db.execute(INSERT_AUDIT, actor_id, action, entity, str(entity_id), detail)
