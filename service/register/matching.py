"""Which business a certificate belongs to: any identifier first, else owner ID + name/address similarity."""

from __future__ import annotations

from typing import Any

from schemas.record import Record
from service.db import Conn
from service.register.model import clean_identifier

MATCH_IDENTIFIER = "select distinct business_id from business_identifiers where value = $1"
MATCH_OWNER = """
select distinct on (v.business_id) v.business_id, v.business_name, v.address, v.registration_number,
       greatest(similarity(hkd_unaccent(coalesce(v.business_name, '')), hkd_unaccent($2)),
                similarity(hkd_unaccent(coalesce(v.address, '')), hkd_unaccent($3))) as score
from business_versions v
where v.owner_id_number = $1
order by v.business_id, score desc
"""
SURE = 0.5  # a name or address this similar (trigram) to one candidate's, and no other's: the same business


async def match_business(conn: Conn, record: Record) -> tuple[int | None, list[dict[str, Any]]]:
    """(business_id, []) when sure; (None, candidates) when a human must choose; (None, []) when new."""
    reg = clean_identifier(record.registration_number)
    if reg:
        ids = [r["business_id"] for r in await conn.fetch(MATCH_IDENTIFIER, reg)]
        if len(ids) == 1:
            return ids[0], []
        if len(ids) > 1:
            return None, [{"business_id": i, "reason": "identifier"} for i in ids]
        if not record.amendment_number:
            return None, []  # a first registration under a number we do not know: a new business
    owner_id = clean_identifier(record.owner.id_number)
    if not owner_id:
        return None, []
    rows = await conn.fetch(MATCH_OWNER, owner_id, record.business_name or "", record.address or "")
    candidates = [
        {
            "business_id": r["business_id"],
            "business_name": r["business_name"],
            "address": r["address"],
            "registration_number": r["registration_number"],
            "score": round(float(r["score"]), 3),
            "reason": "owner_id_number",
        }
        for r in sorted(rows, key=lambda r: -r["score"])
    ]
    sure = [c for c in candidates if c["score"] >= SURE]
    if len(sure) == 1 and len(candidates) == 1:
        return sure[0]["business_id"], []
    return None, candidates
