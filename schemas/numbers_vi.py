"""Vietnamese number words ↔ integers, and money amounts as certificates print them.

Certificates print capital twice: "150.000.000 đồng (Một trăm năm mươi triệu đồng)". Comparing the two
catches OCR digit errors. Spelling rules: mốt (21 = hai mươi mốt, but 11 = mười một), lăm (15, 25),
tư (24 = hai mươi tư or bốn), linh/lẻ for a zero tens digit (105 = một trăm linh năm), "không trăm"
inside a number (1.005.000 = một triệu không trăm linh năm nghìn), nghìn = ngàn, tỷ = tỉ; beyond 10^12
the scales repeat: một nghìn tỷ, một triệu tỷ, một tỷ tỷ. Parsing folds diacritics first, so OCR
output without them ("mot tram nam muoi trieu") still reads. Pure, no I/O.
"""

from __future__ import annotations

import re

from schemas.vietnamese import fold_key

__all__ = ["amount_to_words", "int_to_words", "parse_amount", "words_to_int"]

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"))


def int_to_words(n: int) -> str:
    """Spell a non-negative integer in lower-case Vietnamese: 150000000 → "một trăm năm mươi triệu"."""
    if n < 0:
        raise ValueError("negative numbers are not spelled")
    if n == 0:
        return "không"
    return " ".join(_spell(n, leading=True))


def amount_to_words(n: int) -> str:
    """Capital in words as printed: 150000000 → "Một trăm năm mươi triệu đồng"."""
    words = int_to_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


def _spell(n: int, leading: bool) -> list[str]:
    """Words for 0 < n, or for 0 ≤ n < 10^9·k inside a bigger number when `leading` is False."""
    if n >= 10**9:
        high, low = divmod(n, 10**9)
        above = [*_spell(high, leading), "tỷ"]
        return above + (_spell(low, leading=False) if low else [])
    words: list[str] = []
    started = False
    for scale, name in _SCALES[1:]:
        part, n = divmod(n, scale)
        if part:
            words += [*_spell_triple(part, full=started or not leading), name]
            started = True  # a zero group is skipped; the next non-zero group is spelled in full
    if n:
        words += _spell_triple(n, full=started or not leading)
    return words


def _spell_triple(n: int, full: bool) -> list[str]:
    """Words for 1 ≤ n ≤ 999; `full` spells the hundreds even when zero (không trăm linh năm)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
        if tens == 0 and units:
            return [*words, "linh", _DIGITS[units]]
    if tens == 0:
        return words + ([_DIGITS[units]] if units else [])
    words.append("mười" if tens == 1 else f"{_DIGITS[tens]} mươi")
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words).split()


# --- parsing -------------------------------------------------------------------------------------

_DIGIT_WORDS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "linh": None, "le": None,
}  # fmt: skip
_SCALE_WORDS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}
_IGNORED = {"dong", "vnd", "vn", "d", "chan", "tron", "bang", "chu"}
_OCR_FIXES = {
    "mudi": "muoi", "muol": "muoi", "rnuoi": "muoi", "muoj": "muoi", "trarn": "tram", "triu": "trieu",
    "trleu": "trieu", "nghln": "nghin", "nghim": "nghin", "ngin": "nghin", "chln": "chin", "rnot": "mot",
    "tarn": "tam", "rnuoi1": "muoi", "ngh1n": "nghin", "tr1eu": "trieu", "muo1": "muoi",
}  # fmt: skip


def words_to_int(text: str) -> int | None:
    """Read a number spelled in Vietnamese, tolerating missing diacritics, case, "đồng", punctuation
    and a few common OCR misreadings. Returns None when the text is not a well-formed number."""
    tokens = _tokenize(text)
    if not tokens or len(tokens) > _MAX_TOKENS:
        return None  # a repeated "tỷ tỷ tỷ …" line nested one call per tỷ into a RecursionError
    try:
        value = _parse_scaled(tokens)
    except _NotANumber:
        return None
    return value


_MAX_TOKENS = 300
"""Far more words than any spelled amount (10^30 takes under 100)."""


class _NotANumber(Exception):
    pass


def _tokenize(text: str) -> list[str]:
    raw = [t for t in fold_key(text).split() if t]
    tokens: list[str] = []
    for token in raw:
        token = _OCR_FIXES.get(token, token)
        if token in _IGNORED:
            continue
        tokens.append(token)
    return tokens


def _parse_scaled(tokens: list[str]) -> int:
    if not tokens:
        return 0
    for scale in (10**9, 10**6, 10**3):
        positions = [i for i, t in enumerate(tokens) if _SCALE_WORDS.get(t) == scale]
        if positions:
            # tỷ nests (một nghìn tỷ): split at the last one; triệu/nghìn occur once per tỷ-group
            i = positions[-1] if scale == 10**9 else positions[0]
            if scale != 10**9 and len(positions) > 1:
                raise _NotANumber
            left = _parse_scaled(tokens[:i]) if tokens[:i] else 1
            right = _parse_scaled(tokens[i + 1 :])
            if scale != 10**9 and (left >= 1000 or right >= scale):
                raise _NotANumber
            if scale == 10**9 and right >= scale:
                raise _NotANumber
            return left * scale + right
    return _parse_triple(tokens)


def _parse_triple(tokens: list[str]) -> int:
    """0 … 999 from the words of one group."""
    hundreds = tens = units = 0
    rest = tokens
    if len(rest) >= 2 and rest[1] == "tram":
        hundreds = _digit(rest[0])
        rest = rest[2:]
        if rest and rest[0] in ("linh", "le"):
            if len(rest) != 2:
                raise _NotANumber
            return hundreds * 100 + _unit_digit(rest[1], after_tens=False)
    elif rest and rest[0] == "tram":
        hundreds, rest = 1, rest[1:]
    if not rest:
        return hundreds * 100
    if rest[0] == "muoi":
        tens, rest = 1, rest[1:]
    elif len(rest) >= 2 and rest[1] in ("muoi", "chuc"):
        tens = _digit(rest[0])
        if tens < 2:
            raise _NotANumber
        rest = rest[2:]
    if len(rest) > 1:
        raise _NotANumber
    if rest:
        units = _unit_digit(rest[0], after_tens=tens > 0)
    elif tens == 0:
        raise _NotANumber
    return hundreds * 100 + tens * 10 + units


def _digit(token: str) -> int:
    value = _DIGIT_WORDS.get(token)
    if value is None:
        raise _NotANumber
    return value


def _unit_digit(word: str, after_tens: bool) -> int:
    if word == "lam" and not after_tens:
        raise _NotANumber
    return _digit(word)


_MAX_DIGITS = 30
_AMOUNT = re.compile(r"(?:\d|[lIoO](?=[\d.,]))[\dlIoO\s.,:;'’`]*")
_NOT_DIGIT = re.compile(r"[^\d]+")
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "o": "0", "O": "0"})


def parse_amount(text: str) -> int | None:
    """Money in figures as printed: "150.000.000 đồng", "300.000.000vnđ", "300. .000: 000vnđ" → int.

    Vietnamese uses "." (sometimes "," or spaces) as thousands separator and no decimals for đồng;
    OCR breaks separators apart, so every separator-like character between digits is dropped, and
    l/I/O read for 1/0 inside the number are repaired. Returns None if no digits are found, or more
    than 30 (no amount is that long).
    """
    match = _AMOUNT.search(text)
    if not match:
        return None
    digits = _NOT_DIGIT.sub("", match.group(0).translate(_DIGIT_LOOKALIKES))
    # no amount has 31+ digits; a line of thousands of them made int() raise (4300-digit limit)
    return int(digits) if digits and len(digits) <= _MAX_DIGITS else None
