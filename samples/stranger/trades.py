"""Business names and trades: loanword names, official VSIC names with their parentheticals and
punctuation, free-text trades on older prints, and the shapes a trade list is printed in."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from samples.refdata import load_vsic
from samples.stranger import vocab
from samples.stranger.places import flip_tones
from schemas.record import BusinessLine

SHAPES = ("table", "dash", "endash", "plus", "numbered", "semicolon", "plain")


@dataclass
class TradeList:
    """The trades and how they are printed (shape, bullet, where the code goes, table header)."""

    lines: list[BusinessLine]
    shape: str
    code_style: str = "last_brackets"  # first_colon | first_dash | last_brackets | last_label | last_dash
    headers: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)  # "Ghi chú" cells, printed only in that column


def vsic_version(era: str) -> str:
    return "2025" if era == "2025" else "2018"


def business_name(rng: random.Random, head: str, owner_name: str) -> str:
    """Upper case, as printed: a trade head and a given name, a fancy word or the owner's full name."""
    given = owner_name.split()[-1]
    roll = rng.random()
    if roll < 0.1:
        return f"HỘ KINH DOANH {owner_name}".upper()
    tail = rng.choice(vocab.NAME_WORDS) if roll < 0.45 else given
    name = f"{head} {tail}".upper()
    if rng.random() < 0.15:
        name = flip_tones(name)
    return unicodedata.normalize("NFC", name)


def official_lines(rng: random.Random, era: str, codes: tuple[str, ...]) -> list[BusinessLine]:
    vsic = load_vsic(vsic_version(era))
    picked = list(codes[: rng.randint(1, len(codes))])
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        picked.append(rng.choice(vocab.EXTRA_CODES))
    unique = [c for i, c in enumerate(picked) if c in vsic and c not in picked[:i]]
    lines = []
    for code in unique:
        name = vsic[code]
        if code in vocab.DETAILS and rng.random() < 0.15:
            name += f" (Chi tiết: {rng.choice(vocab.DETAILS[code])})"
        lines.append(BusinessLine(code=code, name=name))
    return lines


def make_trades(rng: random.Random, era: str, owner_name: str) -> tuple[str, TradeList]:
    """(business name, trades with their printed shape)."""
    head, codes18, codes25, free = rng.choice(vocab.KINDS)
    name = business_name(rng, head, owner_name)
    if era == "2015" and rng.random() < 0.35:
        items = list(free) if rng.random() < 0.6 else list(free[:1])
        # a ";" inside a free text separates two trades (issue 13: lists split on every separator), so
        # the truth holds one item per part; "plain" prints one value, so several items go on one line
        items = [part for text in items for part in text.split("; ")]
        lines = [BusinessLine(code=None, name=text) for text in items]
        shape = rng.choice(("dash", "endash", "plus", "plain", "semicolon"))
        if len(lines) == 1 and shape == "semicolon":
            shape = "plain"
        elif len(lines) > 1 and shape == "plain":
            shape = "semicolon"
        return name, TradeList(lines, shape)
    lines = official_lines(rng, era, codes25 if era == "2025" else codes18)
    weights = {"2015": (1, 3, 2, 2, 1, 1, 1), "2021": (4, 2, 2, 1, 1, 1, 1), "2025": (5, 2, 2, 1, 1, 1, 1)}[
        era
    ]
    shape = rng.choices(SHAPES, weights=weights)[0]
    if shape == "semicolon" and (len(lines) < 2 or any(";" in (x.name or "") for x in lines)):
        shape = "endash"  # a ";" inside an official name would make the list ambiguous
    if shape == "plain" and len(lines) > 1:
        shape = "dash"
    trades = TradeList(
        lines, shape, rng.choice(("first_colon", "first_dash", "last_brackets", "last_label", "last_dash"))
    )
    if shape == "table":
        trades.headers = rng.choice(vocab.TRADE_TABLE_HEADERS)
        trades.notes = ["Ngành chính" if i == 0 and rng.random() < 0.3 else "" for i in range(len(lines))]
    return name, trades


def item_text(line: BusinessLine, style: str) -> str:
    """One trade as a list item prints it (without its bullet)."""
    name, code = line.name or "", line.code
    if code is None:
        return name
    return {
        "first_colon": f"{code}: {name}",
        "first_dash": f"{code} - {name}",
        "last_brackets": f"{name} ({code})",
        "last_label": f"{name} (Mã ngành: {code})",
        "last_dash": f"{name} - Mã ngành {code}",
    }[style]


def table_rows(trades: TradeList) -> list[list[str]]:
    """Cells for each header; a table without a code column prints the code nowhere (truth keeps it)."""
    rows = []
    for i, line in enumerate(trades.lines):
        cells = []
        for header in trades.headers:
            if header == "STT":
                cells.append(str(i + 1))
            elif header.startswith("Mã ngành"):
                cells.append(line.code or "")
            elif header == "Ghi chú":
                cells.append(trades.notes[i] if i < len(trades.notes) else "")
            else:
                cells.append(line.name or "")
        rows.append(cells)
    return rows


def truth_lines(trades: TradeList) -> list[BusinessLine]:
    """What the record holds: a code only where the page prints one."""
    prints_code = trades.shape != "table" or any(h.startswith("Mã ngành") for h in trades.headers)
    return [BusinessLine(code=line.code if prints_code else None, name=line.name) for line in trades.lines]
