"""The register as a list: current or as of a date, searched (accent-insensitive, typo-tolerant) and filtered.

Search works on words: every query word must start a word of the version's searchable text
(unaccented, see `hkd_search_text`), answered by a full-text (tsvector 'simple') index. When that
finds nothing, each word not in the register's vocabulary is replaced by its nearest register words
(trigram similarity over `register_words`, a few thousand rows) and the search runs again.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from service.db import Executor

COUNT_CAP = 2_000  # counting 100k rows on every page costs more than the page; beyond this, "2000+"
IDENTIFIER = re.compile(r"^(?=(?:[A-Z]*[0-9]){6})[0-9A-Z]{8,14}$")  # mostly digits: 32A8012345, 0401234567
MAX_WORDS = 8

LIST_COLUMNS = """
v.business_id as id, b.status as current_status, v.status, b.version, v.id as version_id, v.kind,
v.amendment_number, v.registration_number, v.business_name, v.owner_name, v.owner_id_number, v.address,
v.commune_code, v.commune_name, v.province_code, v.province_name, v.capital_vnd, v.employees, v.sections,
lower(v.valid) as valid_from, upper(v.valid) as valid_to
"""
NEAREST_WORDS = """
select w, exists (select 1 from register_words where word = w) as known,
       array(select r.word from register_words r where r.word % w order by r.word <-> w, r.word limit 8) as near
from unnest($1::text[]) w
"""


def fold_words(text: str) -> list[str]:
    """What `hkd_search_text` does to a text, as a list of words: lower case, no tone marks, đ → d."""
    text = text.lower().replace("đ", "d")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", plain).split()[:MAX_WORDS]


def word_query(word: str) -> str:
    """Short words must be whole words; longer ones may be a word's start (a tsquery prefix).
    Words are [0-9a-z]+ (fold_words), so nothing in them is tsquery syntax."""
    return word if len(word) < 3 else f"{word}:*"


def build_filters(
    words: list[list[str]] | None,
    identifier: str | None,
    commune: str | None,
    status: str | None,
    section: str | None,
    as_of: dt.date | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause and its arguments: the version in force today (or on `as_of`), filtered."""
    args: list[Any] = []
    where = []
    if as_of is None:
        where.append("upper_inf(v.valid)")
    else:
        args.append(as_of)
        where.append(f"v.valid @> ${len(args)}::date")
    if identifier:
        args.append(identifier)
        where.append(
            f"v.business_id in (select business_id from business_identifiers where value = ${len(args)} "
            f"union select business_id from business_versions where owner_id_number = ${len(args)})"
        )
    if words:
        args.append(" & ".join("(" + " | ".join(map(word_query, alts)) + ")" for alts in words))
        where.append(f"to_tsvector('simple'::regconfig, v.search_text) @@ ${len(args)}::tsquery")
    if commune and commune.isdigit():
        args.append(commune)
        where.append(f"v.commune_code = ${len(args)}")
    elif commune:
        args.append(commune)
        where.append(f"hkd_unaccent(v.commune_name) = hkd_unaccent(${len(args)})")
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
    """{"items": [...], "total": n, "total_capped": bool, "corrected": [...] | None}, by name."""
    identifier, words = None, None
    if q:
        compact = re.sub(r"[.\s-]", "", q).upper()
        if IDENTIFIER.match(compact):  # 32.A8.012345, 0401 234 567: an identifier
            identifier = compact
        words = [[w] for w in fold_words(q)] or None
    filters = (commune, status, section, as_of)
    page = await _fetch_page(
        db, build_filters(None if identifier else words, identifier, *filters), limit, offset
    )
    corrected = None
    if identifier and page["total"] == 0:  # not an identifier we know: its digits may be in a name or address
        page = await _fetch_page(db, build_filters(words, None, *filters), limit, offset)
    if words and page["total"] == 0:
        rows = await db.fetch(NEAREST_WORDS, [w[0] for w in words])
        unknown = any(not r["known"] for r in rows)
        corrected = [list(dict.fromkeys([r["w"], *widen(r, unknown)])) for r in rows]
        if any(len(c) > 1 for c in corrected):
            page = await _fetch_page(db, build_filters(corrected, None, *filters), limit, offset)
    page["corrected"] = corrected
    return page


def widen(row: Any, any_unknown: bool) -> list[str]:
    """A misspelt word becomes its nearest register words; when every word is known, the longer ones
    may still be typos of other words (phong/phuong) and get a few neighbours; the rest stay as typed.
    Few alternatives keep the trigram index's OR of posting lists small."""
    if not row["known"]:
        return list(row["near"])
    return list(row["near"][:4]) if not any_unknown and len(row["w"]) >= 4 else []


async def _fetch_page(
    db: Executor, filters: tuple[str, list[Any]], limit: int, offset: int
) -> dict[str, Any]:
    """Matches are found once (up to the count cap) and the page is ordered from them; only when
    there are more than the cap is the page read in name order from the index instead."""
    where, args = filters
    n = len(args)
    rows = await db.fetch(
        f"with m as materialized (select v.id from business_versions v where {where} limit {COUNT_CAP + 1}) "
        f"select (select count(*) from m) as total_found, {LIST_COLUMNS} "
        f"from business_versions v join businesses b on b.id = v.business_id where v.id in (select id from m) "
        f"order by v.business_name, v.business_id limit ${n + 1} offset ${n + 2}",
        *args,
        limit,
        offset,
    )
    total = rows[0]["total_found"] if rows else None
    if total is None or total > COUNT_CAP:
        if total is None:
            total = await db.fetchval(
                f"select count(*) from (select 1 from business_versions v where {where} "
                f"limit {COUNT_CAP + 1}) t",
                *args,
            )
        if total > COUNT_CAP:
            rows = await db.fetch(
                f"select 0 as total_found, {LIST_COLUMNS} from business_versions v "
                f"join businesses b on b.id = v.business_id where {where} "
                f"order by v.business_name, v.business_id limit ${n + 1} offset ${n + 2}",
                *args,
                limit,
                offset,
            )
    items = [dict(r) for r in rows]
    for item in items:
        del item["total_found"]
    return {
        "items": items,
        "total": min(total, COUNT_CAP),
        "total_capped": total > COUNT_CAP,
        "limit": limit,
        "offset": offset,
    }
