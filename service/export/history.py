"""The "Lịch sử thay đổi" sheet: one row per version (certificate issue or event) of the exported businesses."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

from service.db import Conn
from service.i18n.sheets import KINDS, STATUSES

HISTORY_SQL = """
select business_id, kind, amendment_number, effective_on, upper(valid) - 1 as valid_to, status,
       business_name, capital_vnd, commune_code
from business_versions
where business_id = any($1::bigint[]) and effective_on <= $2::date
order by business_id, effective_on, id
"""


async def stream_history(
    conn: Conn, business_ids: list[int], as_of: dt.date | None
) -> AsyncIterator[list[Any]]:
    async with conn.transaction(readonly=True):
        async for rec in conn.cursor(HISTORY_SQL, business_ids, as_of or dt.date.today(), prefetch=2000):
            yield [
                rec["business_id"], KINDS.get(rec["kind"], rec["kind"]), rec["amendment_number"],
                rec["effective_on"], rec["valid_to"], STATUSES.get(rec["status"], rec["status"]), rec["business_name"],
                rec["capital_vnd"], rec["commune_code"],
            ]  # fmt: skip
