"""Capital as the stranger prints it: figures with their separators, and words in the regional variants.

Words are correct Vietnamese but not always the dev generator's: "lẻ" or "linh" for an empty tens
place, "ngàn" or "nghìn", "bẩy" or "bảy", "tư" or "bốn" after a tens word, "chẵn" after "đồng".
The truth is always the integer; only the printed form varies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


@dataclass(frozen=True)
class WordStyle:
    zero_tens: str = "linh"  # or "lẻ"
    thousand: str = "nghìn"  # or "ngàn"
    seven: str = "bảy"  # or "bẩy"
    four_after_tens: str = "tư"  # or "bốn"


def choose_word_style(rng: random.Random) -> WordStyle:
    return WordStyle(
        zero_tens=rng.choice(("linh", "linh", "lẻ")),
        thousand=rng.choice(("nghìn", "nghìn", "ngàn")),
        seven=rng.choice(("bảy", "bảy", "bảy", "bẩy")),
        four_after_tens=rng.choice(("tư", "tư", "bốn")),
    )


def digit_word(digit: int, style: WordStyle) -> str:
    return style.seven if digit == 7 else DIGITS[digit]


def group_words(value: int, leading: bool, style: WordStyle) -> list[str]:
    """0 < value < 1000; inner groups always say their hundreds ("không trăm")."""
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [digit_word(hundreds, style), "trăm"]
    if tens == 0:
        if units:
            words += [style.zero_tens] if words else []
            words.append(digit_word(units, style))
        return words
    words += ["mười"] if tens == 1 else [digit_word(tens, style), "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append(style.four_after_tens if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(digit_word(units, style))
    return words


def number_words(value: int, style: WordStyle) -> str:
    """Words for 0 < value < 10^12, first letter capitalised."""
    if not 0 < value < 10**12:
        raise ValueError("capital out of range")
    scales = ("tỷ", "triệu", style.thousand, "")
    groups = [value // 10**9, value // 10**6 % 1000, value // 1000 % 1000, value % 1000]
    words: list[str] = []
    for group, scale in zip(groups, scales, strict=True):
        if group:
            words += group_words(group, not words, style)
            words += [scale] if scale else []
    text = " ".join(words)
    return text[0].upper() + text[1:]


def figures(value: int, separator: str) -> str:
    return f"{value:,}".replace(",", separator)


def make_capital(rng: random.Random) -> int:
    """Declared capital: mostly round millions, some odd amounts."""
    amount = rng.choice((3, 5, 8, 10, 15, 20, 30, 45, 50, 60, 75, 80, 100, 120, 150, 200, 250, 300, 350, 500,
                         700, 800, 1000, 1200, 1500, 2500)) * 1_000_000  # fmt: skip
    if rng.random() < 0.15:
        amount += rng.choice((100_000, 250_000, 500_000, 750_000, 25_000))
    return amount


def print_capital(rng: random.Random, value: int) -> str:
    """One line: figures, currency, words in brackets (with or without "Bằng chữ:")."""
    separator = rng.choice((".", ".", ".", ",", " "))
    currency = rng.choice(("đồng", "đồng", "VNĐ", "VND", "đ"))
    gap = "" if currency == "đ" else " "
    words = number_words(value, choose_word_style(rng)) + rng.choice((" đồng", " đồng", " đồng chẵn"))
    prefix = rng.choice(("", "", "Bằng chữ: ", "bằng chữ: "))
    return f"{figures(value, separator)}{gap}{currency} ({prefix}{words})"


def print_capital_two_lines(rng: random.Random, value: int) -> tuple[str, str]:
    """Circular 68/2025 prints figures and words on their own lines."""
    words = number_words(value, choose_word_style(rng)) + rng.choice((" đồng", " đồng", " đồng chẵn"))
    return f"{figures(value, '.')} đồng", words
