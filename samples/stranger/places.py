"""Addresses as the stranger prints them, from the real unit lists of both schemes.

Variants the dev generator does not make: old wards with Roman-numeral suffixes (Phường III, Xã Tam
Xuân I), the other tone placement of a unit's name (Hoà/Hòa, Thuỷ/Thủy), unit words abbreviated
(P., Q., TP.), other streets and hamlet words (Khóm, Buôn, Tổ dân phố, Kiệt, Hẻm). Whatever is printed is
the truth: nothing is mapped back to the list's spelling.
"""

from __future__ import annotations

import functools
import random
import re

from samples.refdata import Commune, load_communes_2025, load_communes_pre2025
from samples.stranger import vocab
from schemas.vietnamese import normalize_tone_marks

ROMAN = re.compile(r" (I|II|III|IV|V|VI|VII|VIII|IX|X)$")


@functools.cache
def roman_communes() -> tuple[Commune, ...]:
    return tuple(c for c in load_communes_pre2025() if ROMAN.search(c.name))


def flip_tones(text: str) -> str:
    """The other tone placement for the words that have two (Hòa ↔ Hoà); other words unchanged."""
    old = normalize_tone_marks(text, "old")
    return normalize_tone_marks(text, "new") if old == text else old


def pick_commune(rng: random.Random, scheme: str, near: Commune | None = None) -> Commune:
    if scheme == "pre2025" and near is None and rng.random() < 0.1:
        return rng.choice(roman_communes())
    pool = load_communes_2025() if scheme == "2025" else load_communes_pre2025()
    if near is not None and rng.random() < 0.75:
        same = [c for c in pool if c.province_code == near.province_code]
        if same:
            return rng.choice(same)
    return rng.choice(pool)


def street_part(rng: random.Random, commune: Commune) -> str:
    urban = commune.name.startswith(("Phường", "Thị trấn"))
    south = commune.province_code.isdigit() and int(commune.province_code) >= 70
    if urban or rng.random() < 0.25:
        number = str(rng.randint(1, 680))
        if rng.random() < 0.3:
            number += rng.choice(("A", "B", f"/{rng.randint(2, 40)}"))
        street = rng.choice(vocab.STREETS)
        form = rng.random()
        if form < 0.15:
            lane = rng.choice(("Hẻm", "Kiệt", "Ngõ", "Ngách"))
            return f"Số {number}, {lane} {rng.randint(1, 300)} {street}"
        if form < 0.3:
            return f"{number} {street}"
        if form < 0.45:
            return f"Số nhà {number}, đường {street}"
        return f"Số {number} {street}"
    kinds = vocab.HAMLET_KINDS_SOUTH if south else vocab.HAMLET_KINDS_NORTH
    kind = rng.choice(kinds)
    name = rng.choice(vocab.HAMLET_NAMES) if rng.random() < 0.55 else str(rng.randint(1, 18))
    return f"{kind} {name}"


def abbreviate(units: list[str]) -> list[str]:
    out = []
    for unit in units:
        for full, short in vocab.UNIT_ABBREVIATIONS:
            if unit.startswith(full):
                unit = short + unit[len(full) :]
                break
        out.append(unit)
    return out


def make_address(rng: random.Random, commune: Commune, *, tone_flip: float = 0.2, short: float = 0.12) -> str:
    """Street or hamlet, then the units; sometimes the other tone placement or abbreviated unit words."""
    units = [u for u in (commune.name, commune.district, commune.province) if u]
    if rng.random() < short:
        units = abbreviate(units)
    text = ", ".join([street_part(rng, commune), *units])
    if rng.random() < 0.06:
        text += ", Việt Nam"
    return flip_tones(text) if rng.random() < tone_flip else text


def committee_unit(commune: Commune, scheme: str) -> str:
    """The unit whose committee signs: the district before 07/2025, the commune after."""
    return commune.name if scheme == "2025" else commune.district or commune.province
