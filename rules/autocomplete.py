"""Accent-insensitive autocomplete over administrative units and VSIC codes, in memory.

Reviewers type "hai chau", "Hải Châu" or "hai chu" and expect the same units; a code prefix ("4711")
finds VSIC codes. Word-prefix hits rank first, then fuzzy hits (rapidfuzz) fill the list. The lists are
built once per process; a query over all 14,000 units takes a few milliseconds.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import msgspec
from rapidfuzz import fuzz, process

from rules.address_index import make_candidate
from schemas.reference import Scheme, UnitKind, VsicVersion, load_units_2025, load_units_pre2025, load_vsic
from schemas.vietnamese import fold_key

__all__ = ["UnitHit", "VsicHit", "search_units", "search_vsic"]


class UnitHit(msgspec.Struct, frozen=True):
    scheme: Scheme
    code: str
    name: str
    kind: UnitKind
    province_code: str
    province_name: str
    district_name: str | None
    score: float


class VsicHit(msgspec.Struct, frozen=True):
    version: VsicVersion
    code: str
    level: int
    name: str
    score: float


@dataclass(frozen=True)
class _Entry:
    key: str  # folded name with its unit word
    core: str  # folded name without it
    hit: UnitHit | VsicHit


@dataclass(frozen=True)
class _Table:
    """Entries plus a sorted list of every word-suffix of every key ("phuong hai chau", "hai chau",
    "chau"), so a prefix query is a binary search. Each suffix also has a static rank (name or core
    start first, shorter first, 2025 first), so the best prefix hits are the smallest ranks in the
    range; per-letter buckets serve the fuzzy pass."""

    entries: tuple[_Entry, ...]
    suffixes: tuple[str, ...]
    owners: tuple[int, ...]  # entry index of each suffix
    ranks: tuple[int, ...]  # static rank of each suffix
    heads: tuple[bool, ...]  # the suffix starts the name or its core (not an inner word)
    buckets: dict[str, tuple[tuple[str, ...], tuple[int, ...]]]


def _table(entries: list[_Entry]) -> _Table:
    rows: list[tuple[str, int, bool]] = []
    fuzzy_rows: list[tuple[str, int]] = []  # without "xa …"/"phuong …": typos are in names, not unit words
    for i, entry in enumerate(entries):
        words = entry.key.split()
        head = len(words) - len(entry.core.split())
        rows += [(" ".join(words[w:]), i, w in (0, head)) for w in range(len(words))]
        fuzzy_rows += [(" ".join(words[w:]), i) for w in range(head, len(words))]
    rows.sort()
    fuzzy_rows.sort()
    order = sorted(
        range(len(rows)), key=lambda r: (not rows[r][2], len(rows[r][0]), _order(entries[rows[r][1]]))
    )
    ranks = [0] * len(rows)
    for rank, r in enumerate(order):
        ranks[r] = rank
    by_letter: dict[str, list[tuple[str, int]]] = {}
    for text, i in fuzzy_rows:
        by_letter.setdefault(text[:1], []).append((text, i))
    buckets = {k: (tuple(t for t, _ in v), tuple(i for _, i in v)) for k, v in by_letter.items()}
    return _Table(
        entries=tuple(entries),
        suffixes=tuple(r[0] for r in rows),
        owners=tuple(r[1] for r in rows),
        ranks=tuple(ranks),
        heads=tuple(r[2] for r in rows),
        buckets=buckets,
    )


@cache
def _unit_table() -> _Table:
    entries = []
    for unit in (*load_units_2025(), *load_units_pre2025()):
        cand = make_candidate(unit)
        hit = UnitHit(
            scheme=unit.scheme,
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            province_code=unit.province_code,
            province_name=unit.province_name,
            district_name=unit.district_name,
            score=0.0,
        )
        key = fold_key(unit.name)
        entries.append(_Entry(key, cand.core, hit))
    return _table(entries)


@cache
def _vsic_table(version: VsicVersion) -> _Table:
    entries = []
    for code in load_vsic(version).values():
        name = fold_key(code.name)
        hit = VsicHit(version=version, code=code.code, level=code.level, name=code.name, score=0.0)
        entries.append(_Entry(f"{code.code.lower()} {name}", name, hit))
    return _table(entries)


def search_units(
    q: str, limit: int = 10, scheme: Scheme | None = None, kind: UnitKind | None = "commune"
) -> list[UnitHit]:
    """Units whose name matches `q` ignoring accents, case and unit words; best first."""

    def keep(hit: UnitHit | VsicHit) -> bool:
        assert isinstance(hit, UnitHit)
        return (scheme is None or hit.scheme == scheme) and (kind is None or hit.kind == kind)

    return [h for h in _search(_unit_table(), q, limit, keep) if isinstance(h, UnitHit)]


def search_vsic(
    q: str, version: VsicVersion = "2025", limit: int = 10, level: int | None = 4
) -> list[VsicHit]:
    """VSIC codes whose code starts with `q` or whose name matches it ignoring accents; best first."""

    def keep(hit: UnitHit | VsicHit) -> bool:
        return level is None or (isinstance(hit, VsicHit) and hit.level == level)

    return [h for h in _search(_vsic_table(version), q, limit, keep) if isinstance(h, VsicHit)]


def _search(
    table: _Table, q: str, limit: int, accept: Callable[[UnitHit | VsicHit], bool]
) -> list[UnitHit | VsicHit]:
    key = fold_key(q)
    if not key or limit <= 0:
        return []
    accented = q.strip().lower() if fold_key(q) != q.strip().lower() else None
    scored: dict[int, float] = {}
    lo = bisect.bisect_left(table.suffixes, key)
    hi = bisect.bisect_left(table.suffixes, key + "\uffff", lo)
    entries, owners, ranks = table.entries, table.owners, table.ranks
    in_range = ((ranks[r], r) for r in range(lo, hi) if accept(entries[owners[r]].hit))
    best = heapq.nsmallest(limit * 4 + 40, in_range)
    for _, r in best:
        i = owners[r]
        score = (99.0 if table.heads[r] else 89.0) - min(len(table.suffixes[r]) - len(key), 30) / 10
        if accented and accented in entries[i].hit.name.lower():
            score += 1.0  # the reviewer typed the diacritics: exact spelling first
        scored[i] = max(score, scored.get(i, 0.0))
    if len(scored) < limit and len(key) >= 3:
        texts, fuzzy_owners = table.buckets.get(key[:1], ((), ()))
        width = len(key) + 1  # compare with the same-length start of each name: a typo'd prefix

        def head_of(text: str) -> str:
            return text[:width]

        for _, raw, pos in process.extract(
            key, texts, scorer=fuzz.ratio, processor=head_of, limit=limit * 5, score_cutoff=75
        ):
            scored.setdefault(fuzzy_owners[pos], float(raw) * 0.85)
    ranked = sorted(scored.items(), key=lambda item: (-item[1], _order(table.entries[item[0]])))
    hits: list[UnitHit | VsicHit] = []
    for i, score in ranked:
        hit = table.entries[i].hit
        if accept(hit):
            hits.append(msgspec.structs.replace(hit, score=round(score, 1)))
            if len(hits) == limit:
                break
    return hits


def _order(entry: _Entry) -> tuple[bool, str]:
    """Ties: 2025 units before pre-2025 ones, then alphabetical."""
    return (isinstance(entry.hit, UnitHit) and entry.hit.scheme != "2025", entry.key)
