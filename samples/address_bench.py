"""Address-resolution and autocomplete benchmark on addresses generated from the reference data.

    python -m samples.address_bench --seed 7 --count 600

Half the addresses use the 2025 units (commune, province), half the pre-2025 ones (commune, district,
province). Each gets a house/street part and the noise seen on certificates and in OCR output: unit
words abbreviated (P., Q., TP., TX.) or dropped, province without "Tỉnh", tone marks in the other
style (Hoà/Hòa), diacritics missing entirely, OCR substitutions (ê→e, ơ→o, đ→d, dropped or misread
tone marks, l↔1, O↔0), upper case, a lost comma, "Việt Nam" appended. A resolution is right when its commune is
the generated one (or an old commune's only successor); wrong-and-confident must be 0.
Imports the pure resolver from rules (no database, no I/O).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import unicodedata

from rules.address import resolve_address
from rules.address_index import build_address_index
from rules.autocomplete import search_units, search_vsic
from schemas.reference import AdminUnit, load_old_to_new_index, load_units_2025, load_units_pre2025
from schemas.vietnamese import fold_accents, normalize_tone_marks

STREETS = (
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
    "Nguyễn Trãi", "Trần Phú", "Hùng Vương", "Điện Biên Phủ", "Lê Duẩn", "Phan Chu Trinh",
    "Ngô Quyền", "Bạch Đằng", "Nguyễn Văn Linh", "Cách Mạng Tháng Tám", "Võ Thị Sáu", "Hoàng Hoa Thám",
)  # fmt: skip
ABBREVIATIONS = {
    "Phường": "P.", "Xã": "X.", "Thị trấn": "TT.", "Quận": "Q.", "Huyện": "H.", "Thị xã": "TX.",
    "Thành phố": "TP.", "Tỉnh": "T.", "Đặc khu": "ĐK.",
}  # fmt: skip
OCR_DIGITS = {"1": "l", "0": "O", "l": "1", "O": "0"}
TONES = "\u0300\u0301\u0303\u0309\u0323"
HATS = "\u0302\u0306\u031b"


def make_street(rng: random.Random) -> str:
    n = rng.randint(1, 350)
    return rng.choice(
        (
            f"Số {n} {rng.choice(STREETS)}",
            f"{n}/{rng.randint(1, 40)} đường {rng.choice(STREETS)}",
            f"Thôn {rng.randint(1, 12)}",
            f"Tổ {rng.randint(1, 30)}, Khu phố {rng.randint(1, 9)}",
            f"Ấp {rng.choice(('Tân Lập', 'Phú Hòa', 'Bình An', 'Long Thạnh', 'Mỹ Lợi'))}",
            f"Số nhà {n}, ngõ {rng.randint(1, 200)} phố {rng.choice(STREETS)}",
        )
    )


def style_unit(name: str, unit_type_word: bool, rng: random.Random, province: bool = False) -> str:
    """Unit word kept (lower/upper case), abbreviated, or dropped — as clerks and OCR produce them."""
    for word, abbr in ABBREVIATIONS.items():
        if name.startswith(word + " "):
            rest = name[len(word) + 1 :]
            roll = rng.random()
            if province and word == "Tỉnh" and roll < 0.5:
                return rest
            if province and "Hồ Chí Minh" in rest and roll < 0.3:
                return rng.choice(("TP.HCM", "TP. HCM", "Tp Hồ Chí Minh"))
            if roll < 0.55 or not unit_type_word:
                return f"{word if rng.random() < 0.7 else word.lower()} {rest}"
            if roll < 0.8:
                return f"{abbr}{rng.choice(('', ' '))}{rest}"
            return rest
    return name


def make_address(unit: AdminUnit, units: dict[tuple[str, str], AdminUnit], rng: random.Random) -> str:
    parts = [make_street(rng), style_unit(unit.name, True, rng)]
    if unit.scheme == "pre2025" and unit.district_code:
        parts.append(style_unit(units[("pre2025", unit.district_code)].name, True, rng))
    parts.append(style_unit(unit.province_name, True, rng, province=True))
    text = ", ".join(parts)
    if rng.random() < 0.08:
        cut = rng.randrange(1, len(parts))
        text = ", ".join(parts[:cut]) + " " + ", ".join(parts[cut:])
    if rng.random() < 0.05:
        text += ", Việt Nam"
    return add_noise(text, rng)


def add_noise(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        text = normalize_tone_marks(text, "new" if rng.random() < 0.5 else "old")
    if rng.random() < 0.15:
        text = fold_accents(text)
    elif rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            text = drop_one_mark(text, rng)
    if rng.random() < 0.25:
        positions = [i for i, ch in enumerate(text) if ch in OCR_DIGITS]
        if positions:
            i = rng.choice(positions)
            text = text[:i] + OCR_DIGITS[text[i]] + text[i + 1 :]
    if rng.random() < 0.1:
        text = text.upper()
    if rng.random() < 0.1:
        text = text.replace(" ", "  ", 1)
    return text


def drop_one_mark(text: str, rng: random.Random) -> str:
    """One OCR slip: a tone mark or a hat/horn lost (ệ→ê or ệ→ẹ, ơ→o, đ→d), or a tone misread."""
    marked = [i for i, ch in enumerate(text) if ch in "đĐ" or len(unicodedata.normalize("NFD", ch)) > 1]
    if not marked:
        return text
    i = rng.choice(marked)
    ch = text[i]
    if ch in "đĐ":
        return text[:i] + ("d" if ch == "đ" else "D") + text[i + 1 :]
    parts = unicodedata.normalize("NFD", ch)
    marks = [c for c in parts[1:] if c in TONES + HATS]
    if not marks:
        return text
    drop = rng.choice(marks)
    hats = [c for c in parts[1:] if c in HATS and c != drop]
    tones = [c for c in parts[1:] if c in TONES and c != drop]
    if drop in TONES and rng.random() < 0.33:  # a third of the slips read another tone mark (ả → á)
        tones = [rng.choice([t for t in TONES if t != drop])]
    kept = parts[0] + "".join(hats) + "".join(tones)
    return text[:i] + unicodedata.normalize("NFC", kept) + text[i + 1 :]


def is_right(truth: AdminUnit, got: AdminUnit | None) -> bool:
    """Same unit, or an old commune and its only successor (the same place in the other scheme)."""
    if got is None:
        return False
    if (got.scheme, got.code) == (truth.scheme, truth.code):
        return True
    if got.scheme == truth.scheme:
        return False
    old, new = (truth, got) if truth.scheme == "pre2025" else (got, truth)
    targets = load_old_to_new_index().get(old.code, ())
    return len(targets) == 1 and targets[0].new_commune_code == new.code


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_resolution(count: int, seed: int, hint: bool) -> None:
    rng = random.Random(seed)
    index = build_address_index()
    communes = [u for u in (*load_units_2025(), *load_units_pre2025()) if u.kind == "commune"]
    new = [u for u in communes if u.scheme == "2025"]
    old = [u for u in communes if u.scheme == "pre2025"]
    resolve_address("Số 1 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng")  # warm-up: caches, index
    right = wrong_confident = human = human_guess_right = split = 0
    latencies: list[float] = []
    failures: list[str] = []
    for _ in range(count):
        truth = rng.choice(new) if rng.random() < 0.5 else rng.choice(old)
        text = make_address(truth, dict(index.units), rng)
        started = time.perf_counter()
        result = resolve_address(text, scheme_hint=truth.scheme if hint else None)
        latencies.append((time.perf_counter() - started) * 1000)
        ok = is_right(truth, result.commune)
        if result.is_confident and ok:
            right += 1
            split += result.is_split
        elif result.is_confident:
            wrong_confident += 1
            failures.append(f"WRONG  {text!r} → {result.commune and result.commune.name} ({truth.name})")
        else:
            human += 1
            human_guess_right += ok
            failures.append(f"HUMAN  {text!r} → {result.commune and result.commune.name} ({truth.name})")
    print(f"addresses: {count} (seed {seed}, scheme hint: {'era' if hint else 'none'})")
    print(f"resolved to the right commune, confidently: {right / count:.1%}")
    print(f"resolved confidently to a wrong commune:    {wrong_confident / count:.1%} ({wrong_confident})")
    print(f"sent to a human:                             {human / count:.1%} ({human}; best guess right in "
          f"{human_guess_right})")  # fmt: skip
    print(f"right but old commune split (human picks the new one): {split}")
    print(f"latency ms: p50 {statistics.median(latencies):.2f}  p99 {percentile(latencies, 99):.2f}")
    for line in failures[:40]:
        print("  " + line)


def run_autocomplete(seed: int, count: int = 500) -> None:
    rng = random.Random(seed)
    communes = [u for u in (*load_units_2025(), *load_units_pre2025()) if u.kind == "commune"]
    search_units("warm up")
    search_vsic("warm up")
    latencies: list[float] = []
    for _ in range(count):
        unit = rng.choice(communes)
        name = unit.name.split(" ", 1)[1] if " " in unit.name else unit.name
        query = name[: rng.randint(min(3, len(name)), len(name))]
        if rng.random() < 0.5:
            query = fold_accents(query).lower()
        started = time.perf_counter()
        search_units(query, limit=10, kind=None)
        latencies.append((time.perf_counter() - started) * 1000)
    vsic: list[float] = []
    for _ in range(200):
        started = time.perf_counter()
        search_vsic(rng.choice(("ban le", "xay dung", "4711", "san xuat", "dich vu an uong", "van tai")))
        vsic.append((time.perf_counter() - started) * 1000)
    print(f"autocomplete units ({count} prefix queries, half without diacritics, 14,161 units):")
    print(f"  p50 {statistics.median(latencies):.2f} ms  p99 {percentile(latencies, 99):.2f} ms")
    print(f"autocomplete VSIC: p50 {statistics.median(vsic):.2f} ms  p99 {percentile(vsic, 99):.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--hint", action="store_true", help="pass the address's scheme (the certificate era)")
    args = parser.parse_args()
    run_resolution(args.count, args.seed, args.hint)
    run_autocomplete(args.seed)


if __name__ == "__main__":
    main()
