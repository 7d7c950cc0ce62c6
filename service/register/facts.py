"""Facts about a business's past, read from every certificate (hkd_business_facts, migration 0064).

The first registration date printed on an amendment is a fact about the business wherever it was
read; so is "amendment N" (N changes by then). The register list and the business page read them
here, the exports and the dashboard from the same SQL function, so no figure can disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.db import Executor

SELECT_FACTS = """
select business_id, first_registered_on, last_changed_on, amendments, ended_on
from hkd_business_facts($1::date) where business_id = any($2::bigint[])
"""
FACT_NAMES = ("first_registered_on", "last_changed_on", "amendments", "ended_on")


async def facts_of(db: Executor, business_ids: list[int], as_of: dt.date) -> dict[int, dict[str, Any]]:
    """{business id: its facts as of a date}; a business with no version by then has none."""
    rows = await db.fetch(SELECT_FACTS, as_of, business_ids)
    return {r["business_id"]: {name: r[name] for name in FACT_NAMES} for r in rows}


async def add_facts(db: Executor, items: list[dict[str, Any]], as_of: dt.date, key: str = "id") -> None:
    """Each item (a list row, a business) gains the facts of its business, or empty ones."""
    found = await facts_of(db, [item[key] for item in items], as_of) if items else {}
    empty = dict.fromkeys(FACT_NAMES)
    for item in items:
        item.update(found.get(item[key], empty))
