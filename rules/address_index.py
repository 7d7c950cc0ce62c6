"""The one in-memory index of administrative unit names, built once per process.

Address resolution (rules.address) compares names as "cores": the folded name without its unit word
("Phường Hải Châu I" → "hai chau i"), so "P. Hải Châu I", "phuong hai chau 1" and "Hải Châu I" meet on
one key; every candidate keeps its unit word (xã, phường, …) separately to break ties when the
address prints it. Extraction (ocr/extraction/places.py) snaps an address's unit tail inside its
parent: `children` holds each scheme's units by parent code and folded full name, `printed` every
printed spelling of a folded name (Thanh Trì / Thạnh Trị both fold to "thanh tri").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from schemas.reference import AdminUnit, load_units_2025, load_units_pre2025
from schemas.vietnamese import fold_key, normalize_apostrophes, normalize_tone_marks

__all__ = [
    "UNIT_WORDS",
    "AddressIndex",
    "Candidate",
    "CandidateGroup",
    "Children",
    "build_address_index",
    "core_digits",
    "make_core",
    "spell_key",
    "split_unit_word",
]

# folded unit word (or abbreviation) → canonical unit word; longest first when matching.
UNIT_WORDS: Mapping[tuple[str, ...], str] = {
    ("thanh", "pho"): "thanh pho",
    ("thi", "xa"): "thi xa",
    ("thi", "tran"): "thi tran",
    ("dac", "khu"): "dac khu",
    ("tp",): "thanh pho",
    ("tx",): "thi xa",
    ("tt",): "thi tran",
    ("phuong",): "phuong",
    ("xa",): "xa",
    ("quan",): "quan",
    ("huyen",): "huyen",
    ("tinh",): "tinh",
    ("p",): "phuong",
    ("x",): "xa",
    ("q",): "quan",
    ("h",): "huyen",
    ("t",): "tinh",
}
_TYPE_OF_NAME = ("thanh pho", "thi xa", "thi tran", "dac khu", "phuong", "xa", "quan", "huyen", "tinh")
_DIGITS = re.compile(r"\d+")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
# Common ways of writing a province that fuzzy matching cannot guess.
_PROVINCE_ALIASES = {
    "hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "hn": "ha noi",
    "tphn": "ha noi",
    "thua thien hue": "hue",
    "brvt": "ba ria vung tau",
    "ba ria": "ba ria vung tau",
    "vung tau": "ba ria vung tau",
}


def split_unit_word(tokens: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """("p", "hai", "chau") → ("phuong", ("hai", "chau")); no leading unit word → (None, tokens)."""
    for words, canonical in UNIT_WORDS.items():
        if tokens[: len(words)] == words and len(tokens) > len(words):
            return canonical, tokens[len(words) :]
    return None, tokens


def make_core(tokens: tuple[str, ...]) -> str:
    """Join folded tokens, reading a final roman numeral as a number ("hai chau i" → "hai chau 1")."""
    if tokens and tokens[-1] in _ROMAN:  # "Phường I" (Vị Thanh) is written "P. 1" too
        tokens = (*tokens[:-1], _ROMAN[tokens[-1]])
    return " ".join(tokens)


def spell_key(text: str) -> str:
    """Lower case with diacritics kept, one tone-mark style, no apostrophes or punctuation:
    "Xã Ea H’Leo" → "xã ea hleo". Compared only when the printed text has diacritics."""
    words = normalize_tone_marks(normalize_apostrophes(text)).lower().replace("'", "")
    return " ".join(re.findall(r"[^\W_]+", words))


def core_digits(core: str) -> tuple[str, ...]:
    """The numbers in a name ("phuong 12" → ("12",)): they must match exactly, never fuzzily."""
    return tuple(str(int(d)) for d in _DIGITS.findall(core))


@dataclass(frozen=True)
class Candidate:
    unit: AdminUnit
    core: str
    unit_word: str
    digits: tuple[str, ...]
    spelled: str = ""  # the core with diacritics, lower case ("hải châu 1")


@dataclass(frozen=True)
class CandidateGroup:
    """Candidates plus the parallel list of cores that rapidfuzz scans."""

    candidates: tuple[Candidate, ...]
    cores: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cores", tuple(c.core for c in self.candidates))


Children = Mapping[str, Mapping[str, tuple[AdminUnit, ...]]]
"""Parent code ("" for provinces) → folded full name → the units of that name (31 names stand for
two units of one parent in the two lists, so each key keeps all of them)."""


@dataclass(frozen=True)
class AddressIndex:
    provinces: CandidateGroup  # both schemes; aliases added as extra candidates
    communes_2025: Mapping[str, CandidateGroup]  # by 2025 province code
    districts_pre2025: Mapping[str, CandidateGroup]  # by pre-2025 province code
    communes_by_district: Mapping[str, CandidateGroup]  # by pre-2025 district code
    communes_pre2025: Mapping[str, CandidateGroup]  # by pre-2025 province code
    all_communes_2025: CandidateGroup
    all_districts_pre2025: CandidateGroup
    units: Mapping[tuple[str, str], AdminUnit]  # (scheme, code) → unit
    children: tuple[Children, Children]  # pre-2025, 2025
    printed: Mapping[str, tuple[str, ...]]  # folded name → upper-case printed names, both schemes


def _children(units: tuple[AdminUnit, ...]) -> Children:
    out: dict[str, dict[str, list[AdminUnit]]] = {}
    for unit in units:
        out.setdefault(unit.parent_code or "", {}).setdefault(fold_key(unit.name), []).append(unit)
    return {parent: {k: tuple(v) for k, v in names.items()} for parent, names in out.items()}


def _printed(units: tuple[AdminUnit, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for unit in units:
        out.setdefault(fold_key(unit.name), set()).add(unit.name.upper())
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def make_candidate(unit: AdminUnit) -> Candidate:
    """A unit's matching keys (cached: a unit sits in several groups and in the autocomplete)."""
    key = fold_key(unit.name)
    word = fold_key(unit.unit_type).replace(" trung uong", "")
    for prefix in _TYPE_OF_NAME:
        if key.startswith(prefix + " "):
            word, key = prefix, key[len(prefix) + 1 :]
            break
    core = make_core(tuple(key.split()))
    spelled_words = spell_key(unit.name).split()
    spelled = make_core(tuple(spelled_words[len(spelled_words) - len(core.split()) :]))
    return Candidate(unit=unit, core=core, unit_word=word, digits=core_digits(core), spelled=spelled)


def _group(units: list[AdminUnit]) -> CandidateGroup:
    return CandidateGroup(tuple(make_candidate(u) for u in units))


def _grouped(units: list[AdminUnit], key: str) -> dict[str, CandidateGroup]:
    buckets: dict[str, list[AdminUnit]] = {}
    for unit in units:
        buckets.setdefault(getattr(unit, key) or "", []).append(unit)
    return {k: _group(v) for k, v in buckets.items()}


@cache
def build_address_index() -> AddressIndex:
    """Build the index once (≈0.3 s); later calls return the same object."""
    new = load_units_2025()
    old = load_units_pre2025()
    provinces = [u for u in (*new, *old) if u.kind == "province"]
    province_candidates = [make_candidate(u) for u in provinces]
    by_core: dict[str, list[Candidate]] = {}
    for cand in province_candidates:
        by_core.setdefault(cand.core, []).append(cand)
    for alias, target in _PROVINCE_ALIASES.items():
        for cand in by_core.get(target, []):
            province_candidates.append(Candidate(cand.unit, alias, cand.unit_word, ()))
    new_communes = [u for u in new if u.kind == "commune"]
    old_districts = [u for u in old if u.kind == "district"]
    old_communes = [u for u in old if u.kind == "commune"]
    return AddressIndex(
        provinces=CandidateGroup(tuple(province_candidates)),
        communes_2025=_grouped(new_communes, "province_code"),
        districts_pre2025=_grouped(old_districts, "province_code"),
        communes_by_district=_grouped(old_communes, "district_code"),
        communes_pre2025=_grouped(old_communes, "province_code"),
        all_communes_2025=_group(new_communes),
        all_districts_pre2025=_group(old_districts),
        units={(u.scheme, u.code): u for u in (*new, *old)},
        children=(_children(old), _children(new)),
        printed=_printed((*old, *new)),
    )
