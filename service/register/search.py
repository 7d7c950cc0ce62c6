"""The register as a list: current or as of a date, searched (accent-insensitive, typo-tolerant) and filtered.

Search works on words: every query word must be a word of the version's searchable text (unaccented,
see `hkd_search_text`) and the last one may be the start of a word (people type it as they go), answered
by a full-text (tsvector 'simple') index. Whole words, not prefixes: a prefix makes the index read every
word that starts so ("hoa" → hoang, hoai, hoan…), 5–10× the work. When that finds nothing, a word is
widened to the register words it may be a typo of: the words it becomes with one letter put back (the
commonest slip: "thai" for "thoai") and its nearest words by trigram similarity over `register_words`.

List pages (no words) come from name-ordered covering indexes (0024): the page's ids and a capped count
in one statement, without visiting table rows the page skips. Search matches are collected once and
the page sorted from them, in one statement too; searches of today's register read `register_search`
(0027), a narrow copy of the current versions, so thousands of matches are not thousands of wide rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

from rules.place_filter import PlaceFilter, match_place
from service.db import Executor
from service.db.scope import scope_of
from service.personal_data import PERSONAL_IDENTIFIER_KIND
from service.register.facts import add_facts

COUNT_CAP = 2_000  # counting 100k rows on every page costs more than the page; beyond this, "2000+"
IDENTIFIER = re.compile(r"^(?=(?:[A-Z]*[0-9]){6})[0-9A-Z]{8,14}$")  # mostly digits: 32A8012345, 0401234567
MAX_WORDS = 8

LIST_COLUMNS = """
v.business_id as id, b.status as current_status, v.status, b.version, v.id as version_id, v.kind,
v.amendment_number, v.registration_number, v.business_name, v.owner_name, v.owner_id_number, v.address,
v.commune_code, v.commune_name, v.province_code, v.province_name, v.capital_vnd, v.employees, v.sections,
lower(v.valid) as valid_from, upper(v.valid) as valid_to
"""
LETTERS = "abcdefghijklmnopqrstuvwxyz"
NEAREST_WORDS = """
with restored as (select word from register_words where word = any($2::text[]))
select w, exists (select 1 from register_words where word = w) as known,
       array(select r.word from register_words r where r.word % w order by r.word <-> w, r.word limit 8) as near,
       array(select word from restored order by word) as restored
from unnest($1::text[]) w
"""


def fold_words(text: str) -> list[str]:
    """What `hkd_search_text` does to a text, as a list of words: lower case, no tone marks, đ → d."""
    text = text.lower().replace("đ", "d")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", plain).split()[:MAX_WORDS]


def word_query(word: str, last: bool) -> str:
    """A whole word; the last word of the query, if 3+ letters and not all digits, may be a word's start
    (a tsquery prefix). Numbers are matched whole: a prefix of digits is how an identifier is guessed
    one digit at a time. Words are [0-9a-z]+ (fold_words), so nothing in them is tsquery syntax."""
    return f"{word}:*" if last and len(word) >= 3 and not word.isdigit() else word


def build_tsquery(words: list[list[str]]) -> str:
    """Every position must match one of its alternatives: (a | b) & (c) & (d:*)."""
    last = len(words) - 1
    return " & ".join(
        "(" + " | ".join(word_query(w, i == last) for w in alts) + ")" for i, alts in enumerate(words)
    )


def restorations(word: str) -> list[str]:
    """The words `word` becomes with one letter put back in (thai → thoai, thaoi, …): the candidates for
    a missing-letter typo, looked up in the register's vocabulary by its primary key."""
    return sorted({word[:i] + c + word[i:] for i in range(len(word) + 1) for c in LETTERS})


def is_restoration(word: str, candidate: str) -> bool:
    return len(candidate) == len(word) + 1 and any(
        candidate[:i] + candidate[i + 1 :] == word for i in range(len(candidate))
    )


def build_filters(
    words: list[list[str]] | None,
    identifier: str | None,
    place: PlaceFilter | None,
    status: str | None,
    section: str | None,
    as_of: dt.date | None,
    narrow: bool = False,
    personal_ids: bool = False,
    scope: tuple[str, ...] | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause and its arguments: the version in force today (or on `as_of`), filtered.
    `narrow`: over `register_search v` (current versions only, words as a tsvector; 0027).
    `personal_ids`: an identifier may be an owner's ID number or a 2025 code (whole values only).
    `scope`: a commune user's communes. Row-level security already hides other communes' rows; this
    only lets the planner read the commune index instead of testing every row of the name order
    against the policy (a current version's commune is its business's, or unknown: 0072)."""
    args: list[Any] = []
    where = []
    if scope is not None and as_of is None:
        args.append(list(scope))
        where.append(f"(v.commune_code = any(${len(args)}::text[]) or v.commune_code is null)")
    if narrow:
        pass  # it holds the current versions only
    elif as_of is None:
        where.append("upper_inf(v.valid)")
    else:
        args.append(as_of)
        where.append(f"v.valid @> ${len(args)}::date")
    if identifier and personal_ids:
        args.append(identifier)
        where.append(
            f"v.business_id in (select business_id from business_identifiers where value = ${len(args)} "
            f"union select business_id from business_versions where owner_id_number = ${len(args)})"
        )
    elif identifier:
        args.append(identifier)
        where.append(
            f"v.business_id in (select business_id from business_identifiers where value = ${len(args)} "
            f"and kind <> '{PERSONAL_IDENTIFIER_KIND}')"
        )
    if words:
        args.append(build_tsquery(words))
        words_column = "v.words" if narrow else "to_tsvector('simple'::regconfig, v.search_text)"
        where.append(f"{words_column} @@ ${len(args)}::tsquery")
    if place is not None:  # the 2025 communes of what was typed (rules.place_filter); none: no match
        args.append(list(place.communes))
        where.append(f"v.commune_code = any(${len(args)}::text[])")
    if status:
        args.append(status)
        where.append(f"v.status = ${len(args)}")
    if section and re.fullmatch(r"[A-Ua-u]", section):  # the bits of hkd_section_bits (0025)
        # a literal, not a parameter: the planner matches it to the section's partial index (0026)
        where.append(f"v.section_bits & {1 << (ord(section.upper()) - ord('A'))} <> 0")
    elif section:
        args.append([section.upper()])
        where.append(f"v.sections @> ${len(args)}::text[]")
    return " and ".join(where), args


async def search_businesses(
    db: Executor,
    *,
    q: str | None = None,
    commune: str | None = None,
    province: str | None = None,
    status: str | None = None,
    section: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
    personal_ids: bool = False,
) -> dict[str, Any]:
    """{"items": [...], "total": n, "total_capped": bool, "corrected": [...] | None, "places": [...]},
    by name; each item with its business's facts (register.facts) as of `as_of` or `today`.
    `personal_ids`: whether q may match ID numbers and 2025 codes (service.personal_data decides).

    `commune` and `province` are what people type (a name in either scheme, a suggestion, a code);
    "places" names the units they were understood as (empty: no such unit)."""
    place = place_of(commune, province)
    page = await search_words(db, q, place, status, section, as_of, limit, offset, personal_ids, scope_of(db))
    page["places"] = list(place.names) if place is not None else None
    await add_facts(db, page["items"], as_of or today or dt.date.today())
    return page


def place_of(commune: str | None, province: str | None) -> PlaceFilter | None:
    """Both typed: the communes in both (a commune name narrowed to a province)."""
    places = [p for p in (match_place(commune, "commune"), match_place(province, "province")) if p]
    if not places:
        return None
    if len(places) == 1:
        return places[0]
    both = set(places[0].communes) & set(places[1].communes)
    return PlaceFilter(tuple(sorted(both)), places[0].names + places[1].names if both else ())


async def search_words(
    db: Executor,
    q: str | None,
    place: PlaceFilter | None,
    status: str | None,
    section: str | None,
    as_of: dt.date | None,
    limit: int,
    offset: int,
    personal_ids: bool,
    scope: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    build = functools.partial(build_filters, scope=scope)
    identifier, words = None, None
    if q:
        compact = re.sub(r"[.\s-]", "", q).upper()
        if IDENTIFIER.match(compact):  # 32.A8.012345, 0401 234 567: an identifier
            identifier = compact
        words = [[w] for w in fold_words(q)] or None
    filters = (place, status, section, as_of)
    if identifier:
        page = await fetch_matches(
            db, build(None, identifier, *filters, personal_ids=personal_ids), limit, offset
        )
        if page["total"] or not words:
            return {**page, "corrected": None}
    if not words:
        return {**await fetch_list(db, build(None, None, *filters), limit, offset), "corrected": None}
    # today's register is searched in its narrow copy; as of a date (or with a section that is not a
    # letter A–U, which only the sections array can answer) in business_versions
    narrow = as_of is None and (not section or bool(re.fullmatch(r"[A-Ua-u]", section)))
    page = await fetch_matches(db, build(words, None, *filters, narrow), limit, offset, narrow)
    corrected = None
    if page["total"] == 0:
        corrected = await correct_words([w[0] for w in words], db)
        if any(len(c) > 1 for c in corrected):
            page = await fetch_matches(db, build(corrected, None, *filters, narrow), limit, offset, narrow)
    return {**page, "corrected": corrected}


async def correct_words(words: list[str], db: Executor) -> list[list[str]]:
    """Each word with the register words it may be a typo of (itself first)."""
    candidates = sorted({c for w in words if is_vocabulary_word(w) for c in restorations(w)})
    rows = [
        {**r, "known": r["known"] or not is_vocabulary_word(r["w"])}
        for r in await db.fetch(NEAREST_WORDS, words, candidates)
    ]
    unknown = any(not r["known"] for r in rows)
    return [list(dict.fromkeys([r["w"], *widen(r, unknown)])) for r in rows]


def is_vocabulary_word(word: str) -> bool:
    """`register_words` holds words of 2+ letters; numbers (house numbers, 99 in a name) are typed as
    they are, so they are never taken for a typo (which would stop the known words being widened)."""
    return len(word) >= 2 and word.isalpha()


def widen(row: Any, any_unknown: bool) -> list[str]:
    """A misspelt word becomes the words it is one left-out letter of, then its nearest register words;
    when every word is known, the longer ones may still be typos of other words (thai/thoai, phong/phuong)
    and get a few; the rest stay as typed. Few alternatives keep the index's OR of posting lists small."""
    restored = [w for w in row["restored"] if is_restoration(row["w"], w)]
    near = row["near"][:1] if restored else row["near"]  # a restored word is the likelier reading
    if not row["known"]:
        return list(dict.fromkeys([*restored, *near]))[:8]
    if any_unknown or len(row["w"]) < 4:
        return []
    return list(dict.fromkeys([*restored, *near]))[:4]


def page_of(rows: list[Any], limit: int, offset: int, total: int) -> dict[str, Any]:
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


async def fetch_list(db: Executor, filters: tuple[str, list[Any]], limit: int, offset: int) -> dict[str, Any]:
    """A page of the register in name order with a capped count, in one statement: the page's ids come
    from a name-ordered index (index-only, filters tested on the index entries), then 50 rows are read."""
    where, args = filters
    n = len(args)
    rows = await db.fetch(
        f"select (select count(*) from (select 1 from business_versions v where {where} "
        f"limit {COUNT_CAP + 1}) c) as total_found, {LIST_COLUMNS} "
        f"from (select v.id from business_versions v where {where} "
        f"order by v.business_name, v.business_id limit ${n + 1} offset ${n + 2}) p "
        f"join business_versions v on v.id = p.id join businesses b on b.id = v.business_id "
        f"order by v.business_name, v.business_id",
        *args,
        limit,
        offset,
    )
    if rows:
        return page_of(rows, limit, offset, rows[0]["total_found"])
    total = await db.fetchval(  # past the last page: the count alone
        f"select count(*) from (select 1 from business_versions v where {where} limit {COUNT_CAP + 1}) c",
        *args,
    )
    return page_of([], limit, offset, total)


async def fetch_matches(
    db: Executor, filters: tuple[str, list[Any]], limit: int, offset: int, narrow: bool = False
) -> dict[str, Any]:
    """Search matches are collected once from the word (or identifier) index with their names, counted,
    and the page sorted from them: one statement. Materialised so that the planner never walks the name
    index testing every row against the words (1 s when the matches sit together in name order)."""
    where, args = filters
    n = len(args)
    source = (
        "v.version_id as id, v.business_name, v.business_id from register_search v"
        if narrow
        else ("v.id, v.business_name, v.business_id from business_versions v")
    )
    rows = await db.fetch(
        f"with m as materialized (select {source} where {where}) "
        f"select (select count(*) from m) as total_found, {LIST_COLUMNS} "
        f"from (select id from m order by business_name, business_id limit ${n + 1} offset ${n + 2}) p "
        f"join business_versions v on v.id = p.id join businesses b on b.id = v.business_id "
        f"order by v.business_name, v.business_id",
        *args,
        limit,
        offset,
    )
    if rows:
        return page_of(rows, limit, offset, rows[0]["total_found"])
    if offset == 0:
        return page_of([], limit, offset, 0)
    table = "register_search" if narrow else "business_versions"
    total = await db.fetchval(f"select count(*) from {table} v where {where}", *args)
    return page_of([], limit, offset, total)
