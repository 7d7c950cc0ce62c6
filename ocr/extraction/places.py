"""Snap the administrative-unit tail of an address to the reference lists (pre-2025 and 2025).

Addresses end "…, Xã X, Huyện Y, Tỉnh Z" (before 07/2025) or "…, Xã X, Tỉnh Z" (after). Unit names
are a closed list, so an OCR slip there ("Ea Heo" for "Ea H'leo", "Diliê" for "Dliê") is repaired
by matching inside the parent unit: province first, then district, then commune. Only the unit
parts change; the street part is kept as read.
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

from schemas.reference import AdminUnit, load_units_2025, load_units_pre2025
from schemas.vietnamese import fold_key, normalize_text, normalize_tone_marks

SNAP_SCORE = 88.0
TWIN_SCORE = 90.0
"""Score of a unit chosen among same-parent units that differ only in marks (Xã Tân Thành / Xã Tân
Thạnh, both in Đồng Tháp) when the reading spells neither exactly: below 95, so the field is reviewed."""
UNIT_WORDS = ("xa", "phuong", "thi tran", "dac khu", "huyen", "quan", "thi xa", "thanh pho", "tinh")


class _Index:
    """Units by parent code and folded name; a folded name can stand for several units of one parent
    (31 such pairs in the two lists), so each key keeps all of them."""

    def __init__(self, units: tuple[AdminUnit, ...]) -> None:
        self.children: dict[str, dict[str, list[AdminUnit]]] = {}
        for unit in units:
            parent = unit.parent_code or ""
            self.children.setdefault(parent, {}).setdefault(fold_key(unit.name), []).append(unit)


@cache
def _indexes() -> tuple[_Index, _Index]:
    return _Index(load_units_pre2025()), _Index(load_units_2025())


def is_unit_part(part: str) -> bool:
    return fold_key(part).startswith(UNIT_WORDS)


def _match(part: str, choices: dict[str, list[AdminUnit]]) -> tuple[AdminUnit, float] | None:
    key = fold_key(part)
    if key in choices:
        return _pick_twin(part, choices[key], 100.0)
    hit = process.extractOne(key, list(choices), scorer=fuzz.ratio)
    if hit is None or hit[1] < SNAP_SCORE:
        return None
    return _pick_twin(part, choices[hit[0]], float(hit[1]))


def _marked_key(text: str) -> str:
    return normalize_tone_marks(normalize_text(text)).lower()


def _pick_twin(part: str, units: list[AdminUnit], score: float) -> tuple[AdminUnit, float]:
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


def snap_units(parts: list[str]) -> tuple[list[str], float] | None:
    """Canonical names for the trailing unit parts (province last) and the worst match score, trying
    the pre-2025 and the 2025 lists; None if the tail does not resolve in either."""
    best: tuple[list[str], float] | None = None
    for index in _indexes():
        parent = ""
        names: list[str] = []
        worst = 100.0
        for part in reversed(parts):
            found = _match(part, index.children.get(parent, {}))
            if found is None:
                break
            unit, score = found
            names.append(unit.name)
            worst = min(worst, score)
            parent = unit.code
        if len(names) == len(parts) and (best is None or worst > best[1]):
            best = (list(reversed(names)), worst)
    return best


def snap_address(text: str) -> tuple[str, float] | None:
    """(address with canonical unit names, worst unit match score); None if no unit tail resolves."""
    parts = [p.strip() for p in text.split(",")]
    tail = 0
    while tail < len(parts) and is_unit_part(parts[len(parts) - 1 - tail]):
        tail += 1
    if tail == 0:
        return None
    snapped = snap_units(parts[len(parts) - tail :])
    if snapped is None:
        return None
    return ", ".join([*parts[: len(parts) - tail], *snapped[0]]), snapped[1]


@cache
def _places_by_key() -> dict[str, tuple[str, ...]]:
    """Folded unit name → every distinct printed name with that key (Thanh Trì / Thạnh Trị both fold
    to 'thanh tri')."""
    out: dict[str, set[str]] = {}
    for units in (load_units_pre2025(), load_units_2025()):
        for unit in units:
            out.setdefault(fold_key(unit.name), set()).add(unit.name.upper())
    return {k: tuple(sorted(v)) for k, v in out.items()}


def snap_place(place: str) -> tuple[str, bool] | None:
    """A committee's place ('HUYỆN EA HLEO') → (canonical upper-case name, sure). Not sure when the
    folded name is shared by differently accented units and the reading matches none exactly."""
    table = _places_by_key()
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
