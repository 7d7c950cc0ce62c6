"""Snap the administrative-unit tail of an address to the reference lists (pre-2025 and 2025).

Addresses end "…, Xã X, Huyện Y, Tỉnh Z" (before 07/2025) or "…, Xã X, Tỉnh Z" (after). Unit names
are a closed list, so an OCR slip there ("Ea Heo" for "Ea H'leo", "Diliê" for "Dliê") is repaired
by matching inside the parent unit: province first, then district, then commune. Only a misread unit
part changes (a spelling of the unit's name, Hòa / Hoà, stays as printed; an old numbered ward "… II"
is never taken for its unnumbered neighbour); the street part is kept as read. The units come from the one admin-unit index
(rules.address_index).
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
from rapidfuzz import fuzz, process

from rules.address_index import build_address_index
from rules.printed import PrintedMatch, compare_printed, snap_forbidden
from schemas.reference import AdminUnit
from schemas.vietnamese import fold_key, normalize_text, normalize_tone_marks

SNAP_SCORE = 88.0
TWIN_SCORE = 90.0
"""Score of a unit chosen among same-parent units that differ only in marks (Xã Tân Thành / Xã Tân
Thạnh, both in Đồng Tháp) when the reading spells neither exactly: below 95, so the field is reviewed."""
UNIT_WORDS = ("xa", "phuong", "thi tran", "dac khu", "huyen", "quan", "thi xa", "thanh pho", "tinh")


def is_unit_part(part: str) -> bool:
    return fold_key(part).startswith(UNIT_WORDS)


def _match(part: str, choices: Mapping[str, tuple[AdminUnit, ...]]) -> tuple[AdminUnit, float] | None:
    key = fold_key(part)
    if key in choices:
        return _pick_twin(part, choices[key], 100.0)
    hit = process.extractOne(key, list(choices), scorer=fuzz.ratio)
    if hit is None or hit[1] < SNAP_SCORE:
        return None
    unit, score = _pick_twin(part, choices[hit[0]], float(hit[1]))
    if snap_forbidden(part, unit.name):
        return None  # Phường Vĩnh Phúc II is not Phường Vĩnh Phúc: an old numbered ward, not a misread
    return unit, score


def _marked_key(text: str) -> str:
    return normalize_tone_marks(normalize_text(text)).lower()


def _pick_twin(part: str, units: tuple[AdminUnit, ...], score: float) -> tuple[AdminUnit, float]:
    """The unit the reading spells, marks included; among twins that differ only in marks, the
    closest spelling at a doubtful score when none is spelled exactly (a tone slip decides which
    commune: nobody should trust that without looking)."""
    names = {_marked_key(u.name) for u in units}
    if len(names) == 1:
        return units[0], score
    want = _marked_key(part)
    for unit in units:
        if _marked_key(unit.name) == want:
            return unit, score
    best = max(units, key=lambda u: fuzz.ratio(_marked_key(u.name), want))
    return best, min(score, TWIN_SCORE)


class UnitTail(msgspec.Struct):
    """An address with its unit parts matched: as printed where each part is a spelling of its unit's
    name, the unit's name where it was a misread; the smallest unit's code beside it."""

    text: str
    score: float  # the worst unit match
    code: str  # the smallest unit's code (the commune, or the first part of the tail)
    repaired: list[tuple[str, str]]  # (part as read, the unit's name) for every part replaced


def snap_units(parts: list[str]) -> tuple[list[str], float] | None:
    """Names for the trailing unit parts (province last) and the worst match score, trying the pre-2025
    and the 2025 lists; None if the tail does not resolve in either. A part is kept as printed when
    it spells its unit's name another valid way (Hòa / Hoà, case)."""
    got = _resolve_units(parts)
    return (got[0], got[1]) if got is not None else None


def _resolve_units(parts: list[str]) -> tuple[list[str], float, str] | None:
    best: tuple[list[str], float, str] | None = None
    for children in build_address_index().children:
        parent = ""
        names: list[str] = []
        worst = 100.0
        for part in reversed(parts):
            found = _match(part, children.get(parent, {}))
            if found is None:
                break
            unit, score = found
            kept = compare_printed(part, unit.name) in _KEPT
            names.append(part if kept else unit.name)
            if kept and capitals_misread(part, unit.name):
                score = min(score, ODD_CASE_SCORE)
            worst = min(worst, score)
            parent = unit.code
        if len(names) == len(parts) and (best is None or worst > best[1]):
            best = (list(reversed(names)), worst, parent)
    return best


_KEPT = (PrintedMatch.EXACT, PrintedMatch.VARIANT)

ODD_CASE_SCORE = 90.0
"""Score of a unit part kept as printed with one word in capitals that its name and its neighbours
have in lower case ('Thành phố VỊ Thanh': Tesseract reads 'ị' as 'Ị'): kept, but below 95, reviewed."""


def capitals_misread(part: str, name: str) -> bool:
    """A word of a mixed-case part in capitals where the unit's name has it in lower case: a case
    slip of the reading, not a printer's choice (who sets the whole part, or the whole line, in capitals)."""
    if part.isupper():
        return False
    return any(
        len(a) >= 2 and a.isupper() and not b.isupper() and a.lower() == b.lower()
        for a, b in zip(part.split(), name.split(), strict=False)
    )


def resolve_unit_tail(text: str) -> UnitTail | None:
    """The address with its unit tail matched (see `UnitTail`); None if no unit tail resolves."""
    parts = [p.strip() for p in text.split(",")]
    tail = 0
    while tail < len(parts) and is_unit_part(parts[len(parts) - 1 - tail]):
        tail += 1
    if tail == 0:
        return None
    got = _resolve_units(parts[len(parts) - tail :])
    if got is None:
        return None
    names, score, code = got
    read = parts[len(parts) - tail :]
    changed = [(a, b) for a, b in zip(read, names, strict=True) if a != b]
    return UnitTail(", ".join([*parts[: len(parts) - tail], *names]), score, code, changed)


def snap_address(text: str) -> tuple[str, float] | None:
    """(address with its unit names matched, worst unit match score); None if no unit tail resolves."""
    got = resolve_unit_tail(text)
    return (got.text, got.score) if got is not None else None


def snap_place(place: str) -> tuple[str, bool] | None:
    """A committee's place ('HUYỆN EA HLEO') → (canonical upper-case name, sure). Not sure when the
    folded name is shared by differently accented units and the reading matches none exactly."""
    table = build_address_index().printed
    key = fold_key(place)
    names = table.get(key)
    if names is None:
        hit = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=92)
        if hit is None:
            return None
        names = table[hit[0]]
    if len(names) == 1:
        return names[0], True
    upper = place.upper()
    if upper in names:
        return upper, True
    best = max(names, key=lambda n: fuzz.ratio(n, upper))
    return best, False
