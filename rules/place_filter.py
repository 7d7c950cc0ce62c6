"""What a person typed into a commune or province filter → the 2025 units the register is kept in.

The register stores each business's 2025 commune and province (register/model.resolve_commune), but
people type what they know: the pre-2025 name ("Thị trấn Đà Bắc"), the 2025 one ("Xã Đà Bắc"), no
unit word ("Đà Bắc"), no diacritics ("xa da bac"), a province name in the commune box, or a suggestion
with its province ("Xã Đà Bắc, Tỉnh Phú Thọ"). Names are compared as cores (folded, without the unit
word: rules.address_index.make_candidate) and exactly, never fuzzily: a filter that quietly widens to
a look-alike gives a planner wrong figures. A pre-2025 unit becomes the 2025 communes it went into
(the official conversion table, schemas.reference.load_old_to_new_mapping).

`suggest_places` gives the autocomplete's values: each carries its province (and, for a pre-2025 unit,
its district), so one name in two provinces is two distinct suggestions, and each resolves back here
to exactly its unit.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

import msgspec

from rules.address_index import make_candidate, make_core, spell_key, split_unit_word
from rules.autocomplete import search_units
from schemas.reference import AdminUnit, load_old_to_new_mapping, load_units_2025, load_units_pre2025
from schemas.vietnamese import fold_key

__all__ = ["PlaceFilter", "PlaceSuggestion", "match_place", "suggest_places"]

PlaceKind = Literal["commune", "province"]


class PlaceFilter(msgspec.Struct, frozen=True):
    """The 2025 communes a typed place stands for (a province: all of its communes, since a business
    has a province only with its commune). Empty: the text names no unit, the filter finds nothing."""

    communes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # the units understood, for the page to show ("Xã Đà Bắc, Tỉnh Phú Thọ")

    @property
    def found(self) -> bool:
        return bool(self.communes)


class PlaceSuggestion(msgspec.Struct, frozen=True):
    value: str  # what goes into the box: the name with its province, unique among the suggestions
    name: str
    kind: str
    scheme: str
    province_name: str
    district_name: str | None
    now: str | None  # a pre-2025 unit: the 2025 unit(s) it became


@dataclass(frozen=True)
class _Names:
    by_core: dict[tuple[str, str], tuple[AdminUnit, ...]]  # (kind, core) → units of both schemes
    new_communes: dict[str, tuple[str, ...]]  # pre-2025 commune code → its 2025 commune codes
    new_provinces: dict[str, tuple[str, ...]]  # pre-2025 province code → 2025 province codes
    old_province_communes: dict[str, tuple[str, ...]]  # pre-2025 province code → 2025 communes
    province_communes: dict[str, tuple[str, ...]]  # 2025 province code → its 2025 communes
    new_names: dict[str, str]  # 2025 code → name


@cache
def _names() -> _Names:
    by_core: dict[tuple[str, str], list[AdminUnit]] = {}
    units = (*load_units_2025(), *load_units_pre2025())
    for unit in units:
        if unit.kind in ("commune", "province"):
            by_core.setdefault((unit.kind, make_candidate(unit).core), []).append(unit)
    communes: dict[str, set[str]] = {}
    provinces: dict[str, set[str]] = {}
    province_communes: dict[str, set[str]] = {}
    for pair in load_old_to_new_mapping():
        if pair.old_commune_code:
            communes.setdefault(pair.old_commune_code, set()).add(pair.new_commune_code)
        provinces.setdefault(pair.old_province_code, set()).add(pair.new_province_code)
        province_communes.setdefault(pair.old_province_code, set()).add(pair.new_commune_code)
    return _Names(
        by_core={k: tuple(v) for k, v in by_core.items()},
        new_communes={k: tuple(sorted(v)) for k, v in communes.items()},
        new_provinces={k: tuple(sorted(v)) for k, v in provinces.items()},
        old_province_communes={k: tuple(sorted(v)) for k, v in province_communes.items()},
        province_communes=_communes_by_province(),
        new_names={u.code: u.name for u in load_units_2025() if u.kind in ("commune", "province")},
    )


def _communes_by_province() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for unit in load_units_2025():
        if unit.kind == "commune":
            out.setdefault(unit.province_code, []).append(unit.code)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _units_named(part: str, kind: PlaceKind) -> tuple[AdminUnit, ...]:
    """Units of `kind` whose name is `part`, with or without its unit word; a typed unit word
    ("Thị trấn …") keeps the units of that word when there are any, typed diacritics ("Đà Bắc") the
    units spelled so (not "Đá Bạc") when there are any."""
    tokens = tuple(fold_key(part).split())
    if not tokens:
        return ()
    word, rest = split_unit_word(tokens)
    names = _names().by_core
    whole = names.get((kind, make_core(tokens)), ())  # "Xã Đàn" is a name, not "xã" + "Đàn"
    found = whole
    if word is not None:
        split = names.get((kind, make_core(rest)), ())
        same_word = tuple(u for u in split if make_candidate(u).unit_word == word)
        found = tuple(dict.fromkeys((*whole, *(same_word or split))))
    spelled = spell_key(part).split()
    if " ".join(spelled) == " ".join(tokens):  # typed without diacritics
        return found
    same_spelling = tuple(
        u
        for u in found
        if spelled[len(spelled) - len(make_candidate(u).spelled.split()) :]
        == make_candidate(u).spelled.split()
    )
    return same_spelling or found


def _province_keys(part: str) -> set[tuple[str, str]]:
    """(scheme, code) of the provinces a text names, with their counterparts in the other scheme."""
    keys: set[tuple[str, str]] = set()
    old_to_new = _names().new_provinces
    for unit in _units_named(part, "province"):
        keys.add((unit.scheme, unit.code))
        if unit.scheme == "pre2025":
            keys.update(("2025", code) for code in old_to_new.get(unit.code, ()))
        else:
            keys.update(("pre2025", old) for old, new in old_to_new.items() if unit.code in new)
    return keys


def _commune_codes(unit: AdminUnit) -> tuple[str, ...]:
    return (unit.code,) if unit.scheme == "2025" else _names().new_communes.get(unit.code, ())


def match_place(text: str | None, kind: PlaceKind) -> PlaceFilter | None:
    """The filter for what was typed (None: nothing typed). Digits are a 2025 code, as before.

    "name", "name, province" and "name, district, province" (the suggestions' form) are understood; a
    province name typed as a commune filters by that province."""
    cleaned = unicodedata.normalize("NFC", " ".join((text or "").split()))
    if not cleaned:
        return None
    if cleaned.isdigit():
        if kind == "province" or len(cleaned) <= 2:
            return PlaceFilter(_names().province_communes.get(cleaned.zfill(2), ()), (cleaned,))
        return PlaceFilter(communes=(cleaned,), names=(cleaned,))
    parts = [p.strip() for p in cleaned.replace("(", ",").replace(")", ",").split(",") if p.strip()]
    if not parts:  # only punctuation: names no unit
        return PlaceFilter()
    head, province = parts[0], (parts[-1] if len(parts) > 1 else None)
    within = _province_keys(province) if province else None
    if kind == "commune" and not _names_a_province(head):
        units = [
            u
            for u in _units_named(head, "commune")
            if within is None or (u.scheme, u.province_code) in within
        ]
        if units:
            codes = sorted({code for u in units for code in _commune_codes(u)})
            return PlaceFilter(tuple(codes), tuple(dict.fromkeys(_label(u) for u in units)))
        if province is not None:
            return PlaceFilter()
    return _province_filter(head)


def _names_a_province(part: str) -> bool:
    """ "Tỉnh Phú Thọ", "Thành phố Hà Nội": a province's unit word and a province's name (a commune
    box holding one means the province, not Phường Phú Thọ)."""
    word, _ = split_unit_word(tuple(fold_key(part).split()))
    return word in ("tinh", "thanh pho") and bool(_units_named(part, "province"))


def _province_filter(part: str) -> PlaceFilter:
    """A 2025 province is its communes; a pre-2025 one the 2025 communes its communes went into (a
    merged province is part of a bigger one now, which would take in its neighbours)."""
    names = _names()
    communes: set[str] = set()
    units = _units_named(part, "province")
    for unit in units:
        if unit.scheme == "2025":
            communes.update(names.province_communes.get(unit.code, ()))
        else:
            communes.update(names.old_province_communes.get(unit.code, ()))
    return PlaceFilter(tuple(sorted(communes)), tuple(dict.fromkeys(u.name for u in units)))


def _label(unit: AdminUnit) -> str:
    if unit.kind == "province":
        return unit.name
    if unit.scheme == "pre2025" and unit.district_name:
        return f"{unit.name}, {unit.district_name}, {unit.province_name}"
    return f"{unit.name}, {unit.province_name}"


def suggest_places(
    q: str, kind: PlaceKind, limit: int = 10, within: frozenset[str] | None = None
) -> list[PlaceSuggestion]:
    """Autocomplete values: 2025 and pre-2025 units, each with its province, no value twice. `within`
    (2025 commune codes: a commune-scoped user's) keeps only the units that are, or became, one of
    them, and their provinces: what such a user can filter the register by."""
    out: dict[str, PlaceSuggestion] = {}
    names = _names().new_names
    for hit in search_units(q, limit * 2 if within is None else 400, None, kind):
        if within is not None and not _within(hit.scheme, hit.code, kind, within):
            continue
        unit = AdminUnit(
            scheme=hit.scheme, code=hit.code, name=hit.name, kind=hit.kind, unit_type="",
            parent_code=None, province_code=hit.province_code, province_name=hit.province_name,
            district_name=hit.district_name,
        )  # fmt: skip
        value = _label(unit)
        if value in out:
            continue
        now = None
        if hit.scheme == "pre2025" and kind == "commune":
            now = "; ".join(names.get(c, c) for c in _names().new_communes.get(hit.code, ())) or None
        elif hit.scheme == "pre2025":
            now = "; ".join(names.get(c, c) for c in _names().new_provinces.get(hit.code, ())) or None
        out[value] = PlaceSuggestion(
            value, hit.name, hit.kind, hit.scheme, hit.province_name, hit.district_name, now
        )
        if len(out) == limit:
            break
    return list(out.values())


def _within(scheme: str, code: str, kind: PlaceKind, communes: frozenset[str]) -> bool:
    if kind == "commune":
        return bool(
            communes.intersection((code,) if scheme == "2025" else _names().new_communes.get(code, ()))
        )
    provinces = _provinces_of(communes)
    return bool(provinces.intersection((code,) if scheme == "2025" else _names().new_provinces.get(code, ())))


@cache
def _provinces_of(communes: frozenset[str]) -> frozenset[str]:
    return frozenset(u.province_code for u in load_units_2025() if u.code in communes and u.kind == "commune")
