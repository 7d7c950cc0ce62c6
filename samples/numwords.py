"""Integers → Vietnamese number words, as certificates print capital ("Một trăm năm mươi triệu đồng").

Rules: "mốt" for 1 after a tens word ≥ 20 ("hai mươi mốt"), "lăm" for 5 after any tens word
("mười lăm", "hai mươi lăm"), "tư" for 4 after a tens word ≥ 20 ("hai mươi tư"), "linh" when the tens
digit is 0 inside a number ("một trăm linh năm"), and "không trăm" for an empty hundreds place in a
group that is not the leading one ("một nghìn không trăm linh năm"). Whole zero groups are skipped
("một triệu năm trăm"). Scales: nghìn, triệu, tỷ; beyond tỷ the scales repeat ("nghìn tỷ").
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")


def read_group(value: int, *, leading: bool) -> list[str]:
    """Words for 0 < value < 1000; a non-leading group always reads its hundreds place."""
    hundreds, tens, units = value // 100, (value // 10) % 10, value % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens >= 2 else "một")
    elif units == 4:
        words.append("tư" if tens >= 2 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def read_below_billion(value: int, *, leading: bool) -> list[str]:
    """Words for 0 < value < 10^9 as up to three groups (triệu, nghìn, units)."""
    groups = [(value // 1_000_000) % 1000, (value // 1000) % 1000, value % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if group == 0:
            continue
        words += read_group(group, leading=leading and not words)
        scale = SCALES[2 - index]
        if scale:
            words.append(scale)
    return words


def number_to_words(value: int) -> str:
    """Vietnamese words for a non-negative integer, first letter capitalised (1005 → "Một nghìn không trăm linh năm")."""
    if value < 0:
        raise ValueError("negative amounts are not printed on certificates")
    if value == 0:
        return "Không"
    words = read_large(value, leading=True)
    text = " ".join(words)
    return text[0].upper() + text[1:]


def read_large(value: int, *, leading: bool) -> list[str]:
    """Split at tỷ (10^9) and recurse, so 10^12 reads "một nghìn tỷ"."""
    billions, rest = divmod(value, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += read_large(billions, leading=leading)
        words.append("tỷ")
    if rest:
        words += read_below_billion(rest, leading=leading and not words)
    return words


def amount_to_words(value: int) -> str:
    """Capital in words as printed in brackets: "Một trăm năm mươi triệu đồng"."""
    return f"{number_to_words(value)} đồng"


def format_thousands(value: int, separator: str = ".") -> str:
    """Figures with Vietnamese thousands separators: 150000000 → "150.000.000"."""
    return f"{value:,}".replace(",", separator)
