"""Vietnamese text helpers shared by extraction, validation and search.

Sources spell the same name several ways: tone mark on either vowel (Hoà/Hòa, Thuỷ/Thủy), three
apostrophes (’ ' ʼ), stray spaces; OCR drops diacritics (NGUYỄN → NGUYEN). These helpers turn all of
those into one form for display (`normalize_name`) or for comparison (`fold_key`). Pure, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

__all__ = [
    "collapse_spaces",
    "fold_accents",
    "fold_key",
    "normalize_apostrophes",
    "normalize_name",
    "normalize_text",
    "normalize_tone_marks",
]

ToneStyle = Literal["old", "new"]

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'", "′": "'"})
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = frozenset("aăâeêioôơuưy")
_HATTED = frozenset("ăâêôơư")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")  # a word with its combining marks, even stray ones
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def collapse_spaces(text: str) -> str:
    """Collapse every run of white space (incl. NBSP, newlines) to one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def normalize_text(text: str) -> str:
    """NFC + collapsed white space: the contract's form for every text value."""
    return collapse_spaces(unicodedata.normalize("NFC", text))


def normalize_apostrophes(text: str) -> str:
    """Map the typographic apostrophes (’ ‘ ʼ …) to ASCII ' and drop the space some sources put after it."""
    return re.sub(r"'\s+", "'", text.translate(_APOSTROPHES))


def fold_accents(text: str) -> str:
    """Remove every diacritic (tone and vowel marks) and map đ→d, keeping case: "Đắk Lắk" → "Dak Lak"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold_key(text: str) -> str:
    """Comparison key: no diacritics, lower case, apostrophes removed, other punctuation → one space.

    "Xã Ea H’Leo" and "xa ea h' leo" both give "xa ea hleo".
    """
    folded = fold_accents(normalize_apostrophes(unicodedata.normalize("NFC", text))).lower()
    folded = folded.replace("'", "")
    return _NON_ALNUM.sub(" ", folded).strip()


def normalize_name(text: str, style: ToneStyle = "old") -> str:
    """Display form of a proper name: NFC, one space, ASCII apostrophe, one tone-mark placement."""
    return normalize_tone_marks(normalize_apostrophes(normalize_text(text)), style)


def normalize_tone_marks(text: str, style: ToneStyle = "old") -> str:
    """Put every syllable's tone mark where `style` says: "old" → Hòa, Thủy, Khỏe; "new" → Hoà, Thuỷ, Khoẻ.

    The two styles differ only for oa/oe/uy without a final consonant; everything else (hoàng,
    nguyễn, người) is placed by the common rules, which also repairs OCR output with a misplaced mark.
    """
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _place_tone(m.group(0), style), text)


@lru_cache(maxsize=65536)
def _place_tone(word: str, style: ToneStyle) -> str:
    tone = ""
    base_chars: list[str] = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        marks = [c for c in parts if c in _TONES]
        if marks:
            tone = marks[0]
            parts = "".join(c for c in parts if c not in _TONES)
        if parts:  # a stray tone mark (e.g. after Ñ, which has no precomposed form with it) leaves nothing
            base_chars.append(unicodedata.normalize("NFC", parts))
    if not tone:
        return word
    # one character per position, whatever lower() or NFC do to exotic letters (İ, stacked marks)
    index = _tone_index("".join((c.lower() or c)[0] for c in base_chars), style)
    if index is None:
        return word
    base_chars[index] = unicodedata.normalize("NFC", base_chars[index] + tone)
    return unicodedata.normalize("NFC", "".join(base_chars))


def _tone_index(base: str, style: ToneStyle) -> int | None:
    """Index of the vowel carrying the tone in a toneless lower-case syllable, or None if not a syllable."""
    start = 0
    while start < len(base) and base[start] not in _VOWELS:
        start += 1
    if start == len(base):
        return None
    # "qu" and "gi" + vowel: the u / i belongs to the initial consonant.
    if base[:2] in ("qu", "gi") and start == 1 and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    end = start
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    cluster = base[start:end]
    has_final = end < len(base)
    hatted = [i for i, ch in enumerate(cluster) if ch in _HATTED]
    if hatted:
        return start + hatted[-1]
    if len(cluster) == 1:
        return start
    if cluster in ("oa", "oe", "uy"):
        return start + (1 if (has_final or style == "new") else 0)
    if len(cluster) >= 3:
        return start + 1
    return start + (1 if has_final else 0)
