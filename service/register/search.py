"""The register as a list: current or as of a date, searched (accent-insensitive, typo-tolerant) and filtered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.db import Executor

COUNT_CAP = 10_000  # counting 100k rows on every page costs more than the page; beyond this, "10000+"

LIST_COLUMNS = """
v.business_id as id, b.status as current_status, v.status, b.version, v.id as version_id, v.kind,
v.amendment_number, v.registration_number, v.business_name, v.owner_name, v.owner_id_number, v.address,
v.commune_code, v.commune_name, v.province_code, v.province_name, v.capital_vnd, v.employees, v.sections,
lower(v.valid) as valid_from, upper(v.valid) as valid_to
"""


def build_filters(
    q: str | None, commune: str | None, status: str | None, section: str | None, as_of: dt.date | None
) -> tuple[str, list[Any]]:
    """The WHERE clause and its arguments; the version in force today (or on `as_of`)."""
    args: list[Any] = []
    where = []
    if as_of is None:
        where.append("upper_inf(v.valid)")
    else:
        args.append(as_of)
        where.append(f"v.valid @> ${len(args)}::date")
    if q:
        args.append(q)
        n = len(args)
        where.append(
            f"(hkd_unaccent(${n}) <% v.search_text or v.business_id in "
            f"(select business_id from business_identifiers where value = upper(replace(replace(${n}, '.', ''), ' ', ''))))"
        )
    if commune:
        args.append(commune)
        where.append(
            f"(v.commune_code = ${len(args)} or hkd_unaccent(v.commune_name) = hkd_unaccent(${len(args)}))"
        )
    if status:
        args.append(status)
        where.append(f"v.status = ${len(args)}")
    if section:
        args.append([section.upper()])
        where.append(f"v.sections @> ${len(args)}::text[]")
    return " and ".join(where), args


async def search_businesses(
    db: Executor,
    *,
    q: str | None = None,
    commune: str | None = None,
    status: str | None = None,
    section: str | None = None,
    as_of: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """{"items": [...], "total": n, "total_capped": bool}: best matches first when searching, else by name."""
    where, args = build_filters(q, commune, status, section, as_of)
    order = "v.business_name, v.business_id"
    if q:
        order = f"word_similarity(hkd_unaccent(${args.index(q) + 1}), v.search_text) desc, {order}"
    n = len(args)
    rows = await db.fetch(
        f"select {LIST_COLUMNS} from business_versions v join businesses b on b.id = v.business_id "
        f"where {where} order by {order} limit ${n + 1} offset ${n + 2}",
        *args,
        limit,
        offset,
    )
    total = await db.fetchval(
        f"select count(*) from (select 1 from business_versions v where {where} limit {COUNT_CAP + 1}) t",
        *args,
    )
    return {
        "items": [dict(r) for r in rows],
        "total": min(total, COUNT_CAP),
        "total_capped": total > COUNT_CAP,
        "limit": limit,
        "offset": offset,
    }
