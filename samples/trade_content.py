"""Business lines as offices write them, beyond the VSIC name beside its code (issue 13, items 1 and 4).

Certificates also list free-text trades that are no VSIC name ("Bán bún, phở"), VSIC names without
their code, official names with a parenthetical ("May trang phục (trừ trang phục từ da lông thú)"),
and a VSIC name with the office's own restriction or detail after it ("… (trừ dược phẩm)",
"…. Chi tiết: bán tạp hóa"). The truth is the name as printed.

The draws come from a stream keyed by the content already drawn, so the main stream (and every other
field of an old seed) is unchanged; only the business lines of the documents that take a variant differ.
"""

from __future__ import annotations

import random

from samples.refdata import load_vsic
from schemas.record import BusinessLine

FREE_TRADES = (
    "Bán bún, phở, cháo",
    "Kinh doanh karaoke",
    "Dịch vụ internet, trò chơi điện tử",
    "Mua bán gạo",
    "Bán hàng ăn uống bình dân",
    "Làm đậu phụ",
    "Xay xát lúa gạo",
    "Sửa chữa đồ điện dân dụng",
    "Mua bán vàng bạc, đá quý",
    "Cho thuê phòng trọ",
    "Bán trái cây",
    "Rửa xe máy, ô tô",
    "Dịch vụ trang điểm cô dâu",
    "Bán cà phê, nước mía",
    "Mua bán phụ tùng xe máy",
    "In ấn, photocopy tài liệu",
)
"""Trades written the way people say them: no VSIC code, and not a VSIC name either."""

PARENTHETICAL_CODES = ("1410", "1392", "4620", "4931")
"""Household trades whose official name (both versions) carries a parenthetical."""

RESTRICTIONS = ("(trừ dược phẩm)", "(không hoạt động tại trụ sở)", "(trừ kinh doanh quán bar)")
DETAILS = ("Chi tiết: bán tạp hóa", "Chi tiết: bán nước giải khát", "Chi tiết: sửa chữa xe máy")


def trade_rng(business_name: str, era: str) -> random.Random:
    return random.Random(f"hkd-trades:{era}:{business_name}")


def widen_lines(business_name: str, era: str, lines: list[BusinessLine]) -> list[BusinessLine]:
    """The drawn lines, or (for some documents) one of the wider printed kinds above."""
    rng = trade_rng(business_name, era)
    roll = rng.random()
    vsic = load_vsic("2025" if era == "2025" else "2018")
    if roll < 0.12:
        return [BusinessLine(code=None, name=n) for n in rng.sample(FREE_TRADES, k=rng.randint(1, 4))]
    if roll < 0.22:  # the official names without their codes
        return [BusinessLine(code=None, name=line.name) for line in lines]
    if roll < 0.32:
        code = rng.choice([c for c in PARENTHETICAL_CODES if c in vsic])
        extra = BusinessLine(code=code, name=vsic[code])
        return [line for line in lines if line.code != code] + [extra]
    if roll < 0.40 and lines[0].code is not None:
        first = lines[0]
        tail = rng.choice(RESTRICTIONS) if rng.random() < 0.5 else f". {rng.choice(DETAILS)}"
        joined = f"{first.name} {tail}" if tail.startswith("(") else f"{first.name}{tail}"
        return [BusinessLine(code=first.code, name=joined), *lines[1:]]
    return lines
