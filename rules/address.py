"""Resolve a printed address to administrative units, before or after the July 2025 reform.

An address is read right to left: province, then (pre-2025) district, then commune; what is left is
the house number and street (or thôn/ấp/tổ). Each level is a fuzzy match of a token span against the
names of the units under the level above, so OCR noise, missing diacritics, abbreviations (TP., Q.,
P.) and dropped unit words are tolerated. Several readings compete (2025 commune; pre-2025 district +
commune; pre-2025 commune without district); the winner is only "confident" when it clearly beats
every reading that leads to a different place — otherwise a human chooses from `alternatives`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
from rapidfuzz import fuzz, process

from rules.address_index import (
    AddressIndex,
    Candidate,
    CandidateGroup,
    build_address_index,
    core_digits,
    make_core,
    spell_key,
    split_unit_word,
)
from schemas.reference import AdminUnit, Scheme, load_old_to_new_index
from schemas.vietnamese import fold_key, normalize_apostrophes, normalize_text

__all__ = ["CONFIDENT", "AddressResolution", "resolve_address"]

CONFIDENT = 0.85
"""Confidence at or above which a resolution is trusted without a human."""

_MAX_SPAN = 7
_TOKEN = re.compile(r"[\w'\u0300-\u036f]+")  # marks that did not compose stay in their word
_BOUNDARY = re.compile(r"[,;\n(]")
_TRAILING_COUNTRY = (("viet", "nam"), ("vn",), ("vietnam",))
_UNIT_WORD_TOKENS = frozenset({"p", "phuong", "q", "quan", "x", "xa", "h", "huyen"})
_DIGIT_LOOKALIKE = {"l": "1", "i": "1", "o": "0"}


class AddressResolution(msgspec.Struct, frozen=True):
    """Where an address is. `commune` is in `scheme`; `new_communes` are its post-2025 commune(s):
    one when known, several for a split commune (a human decides), none if unresolved."""

    text: str
    confidence: float
    is_confident: bool
    scheme: Scheme | None = None
    street: str | None = None
    commune: AdminUnit | None = None
    district: AdminUnit | None = None
    province: AdminUnit | None = None
    new_communes: tuple[AdminUnit, ...] = ()
    alternatives: tuple[AdminUnit, ...] = ()

    @property
    def is_split(self) -> bool:
        return len(self.new_communes) > 1


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    boundary: bool  # a comma (or similar) precedes it
    spelled: str = ""  # lower case with diacritics (tone marks placed one way); "" if unknown


@dataclass(frozen=True)
class _Match:
    cand: Candidate
    score: float
    start: int
    word_conflict: bool = False  # the printed unit word says another kind of unit
    clean_start: bool = True  # starts after a comma, with a unit word, or after a number


@dataclass(frozen=True)
class _Chain:
    commune: _Match
    district: _Match | None
    province: _Match | None
    score: float

    @property
    def unit(self) -> AdminUnit:
        return self.commune.cand.unit


def resolve_address(text: str, scheme_hint: Scheme | None = None) -> AddressResolution:
    """Resolve `text` to units; `scheme_hint` ("2025" for a 2025-era certificate's business address,
    "pre2025" for older ones) breaks ties between a new commune and an old one of the same name."""
    norm = normalize_apostrophes(normalize_text(text))
    tokens = _tokenize(norm)
    index = build_address_index()
    chains = _build_chains(tokens, index)
    if scheme_hint:
        chains = [
            _Chain(c.commune, c.district, c.province, c.score - (0 if c.unit.scheme == scheme_hint else 8))
            for c in chains
        ]
    chains.sort(key=lambda c: -c.score)
    if not chains or chains[0].commune.score < (70 if chains[0].province else 90):
        return AddressResolution(text=norm, confidence=0.0, is_confident=False)
    best = chains[0]
    rivals = [c for c in chains[1:] if not _same_place(best.unit, c.unit)]
    margin = best.score - rivals[0].score if rivals else 100.0
    parts = [best.commune.score, best.province.score if best.province else 0.0]
    if best.district:
        parts.append(best.district.score)
    needed = 3.0 if best.commune.score >= 98 else 6.0  # an exact name beats any name a letter away
    confidence = min(parts) / 100 * min(1.0, 0.6 + 0.4 * margin / needed)
    conflicts = best.commune.word_conflict or (best.district is not None and best.district.word_conflict)
    conflicts |= not best.commune.clean_start  # where the street ends and the commune starts is a guess
    if (
        conflicts
        or _leaves_unit(tokens, best.commune.start)
        or best.province is None
        or best.commune.score < 85
        or min(parts) < 80
        or margin < needed
    ):
        confidence = min(confidence, 0.6)
    return AddressResolution(
        text=norm,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        is_confident=confidence >= CONFIDENT,
        scheme=best.unit.scheme,
        street=norm[: tokens[best.commune.start].start].strip(" ,;-–") or None,
        commune=best.unit,
        district=best.district.cand.unit if best.district else _district_of(best.unit, index),
        province=index.units.get((best.unit.scheme, best.unit.province_code)),
        new_communes=_new_communes(best.unit, index),
        alternatives=_alternatives(best, rivals),
    )


def _leaves_unit(tokens: list[_Token], end: int) -> bool:
    """Does the part left as street still hold a segment that starts with a unit word ("Xã …")?
    Then some unit went unread, and the reading that skipped it cannot be trusted."""
    keys = tuple(t.key for t in tokens)
    return any(tokens[i].boundary and split_unit_word(keys[i:end])[0] for i in range(end))


def _tokenize(norm: str) -> list[_Token]:
    tokens: list[_Token] = []
    prev_end = 0
    for m in _TOKEN.finditer(norm):
        boundary = not tokens or bool(_BOUNDARY.search(norm, prev_end, m.start()))
        prev_end = m.end()
        parts = fold_key(m.group(0)).split()
        spelled = spell_key(m.group(0)) if len(parts) == 1 else ""
        for i, key in enumerate(parts):
            repaired = _repair_token(key)
            tokens.append(
                _Token(repaired, m.start(), boundary and i == 0, spelled if repaired == key else "")
            )
    for i in range(1, len(tokens)):  # "P. l" is Phường 1
        if tokens[i].key in _DIGIT_LOOKALIKE and tokens[i - 1].key in _UNIT_WORD_TOKENS:
            tokens[i] = _Token(_DIGIT_LOOKALIKE[tokens[i].key], tokens[i].start, tokens[i].boundary)
    while tokens:
        keys = tuple(t.key for t in tokens)
        tail = next((c for c in _TRAILING_COUNTRY if keys[-len(c) :] == c), None)
        if not tail:
            break
        del tokens[-len(tail) :]
    return tokens


def _repair_token(key: str) -> str:
    """OCR's l/1 and O/0: "l2" → "12", "l0" → "10"; inside words "L0i" → "Loi", "Ha1" → "Hai"."""
    digits = sum(ch.isdigit() for ch in key)
    if not digits or digits == len(key):
        return key
    if len(key) <= 3 and digits * 2 >= len(key) and all(ch.isdigit() or ch in "lio" for ch in key):
        return key.translate(str.maketrans("lio", "110"))
    return key.translate(str.maketrans("01", "oi"))


def _match_spans(
    tokens: list[_Token], end: int, group: CandidateGroup | None, limit: int = 5
) -> list[_Match]:
    """Best candidates of `group` for a token span ending at `end` that does not cross a comma."""
    if group is None or end <= 0:
        return []
    best: dict[int, _Match] = {}
    keys = tuple(t.key for t in tokens)
    for start in range(end - 1, max(-1, end - 1 - _MAX_SPAN), -1):
        span = keys[start:end]
        word, rest = split_unit_word(span)
        variants: list[tuple[str | None, tuple[str, ...]]] = (
            [(word, rest), (None, span)] if word else [(None, span)]
        )
        if "0" in rest:  # "Ia 0" is OCR for "Ia O"
            variants.append((word, tuple("o" if t == "0" else t for t in rest)))
        at_boundary = tokens[start].boundary or word is not None
        clean_start = at_boundary or tokens[start - 1].key.isdigit()
        spelled = " ".join(t.spelled for t in tokens[start:end])
        has_marks = all(t.spelled for t in tokens[start:end]) and fold_key(spelled) != spelled
        for unit_word, core_tokens in variants:
            core = make_core(core_tokens)
            digits = core_digits(core)
            for _, raw, idx in process.extract(
                core, group.cores, scorer=fuzz.ratio, limit=8, score_cutoff=60
            ):
                cand = group.candidates[idx]
                if cand.digits != digits:
                    continue
                score = float(raw)
                conflict = unit_word is not None and unit_word != cand.unit_word
                if unit_word is None:
                    score -= 2
                elif conflict:
                    score -= 12
                if not at_boundary:
                    score -= 10
                if has_marks and (spelled == cand.spelled or spelled.endswith(" " + cand.spelled)):
                    score += 2  # printed with the same diacritics: breaks ties, never decides alone
                if idx not in best or score > best[idx].score:
                    best[idx] = _Match(cand, score, start, conflict, clean_start)
        if tokens[start].boundary:
            break
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


def _build_chains(tokens: list[_Token], index: AddressIndex) -> list[_Chain]:
    provinces = _match_spans(tokens, len(tokens), index.provinces, limit=8)
    provinces = [p for p in provinces if p.score >= 75 and p.score >= provinces[0].score - 8]
    chains: list[_Chain] = []
    for prov in provinces:
        unit = prov.cand.unit
        if unit.scheme == "2025":
            for com in _match_spans(tokens, prov.start, index.communes_2025.get(unit.code)):
                chains.append(_Chain(com, None, prov, 0.2 * prov.score + 0.8 * com.score))
            continue
        for dist in _match_spans(tokens, prov.start, index.districts_pre2025.get(unit.code), limit=3):
            bonus = 6 if dist.score >= 85 else 0
            for com in _match_spans(tokens, dist.start, index.communes_by_district.get(dist.cand.unit.code)):
                score = 0.15 * prov.score + 0.3 * dist.score + 0.55 * com.score + bonus
                chains.append(_Chain(com, dist, prov, score))
        for com in _match_spans(tokens, prov.start, index.communes_pre2025.get(unit.code)):
            chains.append(_Chain(com, None, prov, 0.2 * prov.score + 0.8 * com.score - 6))
    if not provinces:  # no province printed (or unreadable): search everything, never confidently
        for com in _match_spans(tokens, len(tokens), index.all_communes_2025):
            chains.append(_Chain(com, None, None, com.score - 10))
        for dist in _match_spans(tokens, len(tokens), index.all_districts_pre2025, limit=3):
            for com in _match_spans(tokens, dist.start, index.communes_by_district.get(dist.cand.unit.code)):
                chains.append(_Chain(com, dist, None, 0.35 * dist.score + 0.65 * com.score - 10))
    return _dedupe(chains)


def _dedupe(chains: list[_Chain]) -> list[_Chain]:
    best: dict[tuple[str, str], _Chain] = {}
    for chain in chains:
        key = (chain.unit.scheme, chain.unit.code)
        if key not in best or chain.score > best[key].score:
            best[key] = chain
    return list(best.values())


def _same_place(a: AdminUnit, b: AdminUnit) -> bool:
    """Same unit, or an old commune whose only successor is the other (new) one."""
    if (a.scheme, a.code) == (b.scheme, b.code):
        return True
    if a.scheme == b.scheme:
        return False
    old, new = (a, b) if a.scheme == "pre2025" else (b, a)
    targets = load_old_to_new_index().get(old.code, ())
    return len(targets) == 1 and targets[0].new_commune_code == new.code


def _new_communes(unit: AdminUnit, index: AddressIndex) -> tuple[AdminUnit, ...]:
    if unit.scheme == "2025":
        return (unit,)
    pairs = load_old_to_new_index().get(unit.code, ())
    found = (index.units.get(("2025", p.new_commune_code)) for p in pairs)
    return tuple(u for u in found if u is not None)


def _district_of(unit: AdminUnit, index: AddressIndex) -> AdminUnit | None:
    return index.units.get(("pre2025", unit.district_code)) if unit.district_code else None


def _alternatives(best: _Chain, rivals: list[_Chain]) -> tuple[AdminUnit, ...]:
    close = [c.unit for c in rivals if c.score >= best.score - 15]
    return tuple(close[:5])
