"""Closed word lists for upper-case names: surnames and the kind of shop a business name starts with.

A Vietnamese personal name starts with a surname from a short list (about 40 cover nearly everyone);
a household business's name usually starts with what it is (CỬA HÀNG, QUẦY THUỐC, QUÁN). Where OCR
reads such a word with the wrong marks (PHẨM, QUÂY, CỦA HÀNG) the letters still say which entry it
was. Snapping buys accuracy, never trust: a changed word sends the field to review. The same pass
removes punctuation that specks put inside names (LỆ.NHỤNG, QUẦY-THUỐC) and splits two syllables
that lost their space (NGỌCLAN), again into review.

Source of the surname list: the common surnames of Vietnamese people (Wikipedia, "Họ người Việt
Nam"; see ocr/data/SOURCES.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ocr.extraction.given_names import GIVEN_NAMES, snap_given_name
from ocr.extraction.syllables import is_syllable
from schemas.vietnamese import fold_key

if TYPE_CHECKING:
    from ocr.extraction.candidate import Candidate

_SURNAME_LIST = """
    NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ ĐINH TRƯƠNG MAI ĐÀO CAO
    LÂM LƯƠNG TRỊNH TẠ CHÂU HÀ TÔN QUÁCH VƯƠNG THÁI LA LÃ ĐOÀN KIỀU LƯU LẠI TỐNG HỨA GIANG ỨNG KHÚC
    MẠC THẠCH LÒ NINH TĂNG TIÊU PHÙNG PHÍ DIỆP KHỔNG KHƯƠNG LỤC MÃ TÔ TỪ VI NÔNG HẦU DOÃN THÂN CÙ ÂU
    CHU KIM LỮ ĐÀM ĐỒNG NGHIÊM QUAN TRIỆU LỢI GIÁP ĐÁI
"""
SURNAMES = frozenset(_SURNAME_LIST.split())


def starts_with_surname(name: str) -> bool:
    """The name's first word is a surname of the list (any case)."""
    words = name.split()
    return bool(words) and words[0].upper() in SURNAMES


BUSINESS_HEADS = (
    "HỘ KINH DOANH", "CỬA HÀNG", "QUẦY THUỐC", "NHÀ THUỐC", "TIỆM", "QUÁN", "CƠ SỞ", "ĐẠI LÝ",
    "NHÀ HÀNG", "NHÀ NGHỈ", "KHÁCH SẠN", "PHÒNG KHÁM", "XƯỞNG", "SIÊU THỊ", "TẠP HÓA", "BÁCH HÓA",
    "DỊCH VỤ", "TRẠI", "VỰA", "KHO",
)  # fmt: skip
"""How household-business names commonly start (shop, pharmacy counter, eatery…)."""

_LOANWORD_LIST = """
    SHOP SPA KARAOKE CAFE COFFEE MOTEL HOTEL HOMESTAY INTERNET STUDIO GARA MINI MART FASHION SALON NAIL
    BAKERY PHOTO PHOTOCOPY TAXI GAS GYM BEAUTY MOBILE COMPUTER PIZZA BAR
"""
LOANWORDS = frozenset(_LOANWORD_LIST.split())
"""English and French words household businesses put in their names (SHOP THỜI TRANG, GARA Ô TÔ): no
Vietnamese syllable, so a misread letter in them (SHQP) is not caught by the syllable check."""

_GLUE = re.compile(r"(?<=[^\W\d_]{2})[.\-'’‘`](?=[^\W\d_]{2})")
_EDGE_QUOTES = "'\"‘’“”`"
REVIEW = 0.8


@cache
def _surnames_by_key() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name in sorted(SURNAMES):
        out.setdefault(fold_key(name), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def snap_surname(word: str) -> str | None:
    """The listed surname a misread first word stands for (PHẨM → PHẠM, NGUYÊN → NGUYỄN, HƯỜNH →
    HUỲNH); None when the word is a listed surname already, or the letters do not single one out."""
    upper = word.upper()
    if upper in SURNAMES:
        return None
    table = _surnames_by_key()
    key = fold_key(word)
    found = table.get(key)
    if found is None and not is_syllable(word):
        near = [names for k, names in table.items() if len(k) == len(key) and _one_apart(k, key)]
        found = near[0] if len(near) == 1 else None
    if found is None or len(found) != 1:
        return None
    return found[0]


def _one_apart(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def split_glued(word: str) -> str | None:
    """'NGỌCLAN' → 'NGỌC LAN': a word that is no syllable but splits into two in exactly one way; a
    loanword (SALON, PHOTO) is a word, not two syllables."""
    if len(word) < 4 or is_syllable(word) or word.upper() in LOANWORDS:
        return None
    splits = [
        (word[:i], word[i:]) for i in range(1, len(word)) if is_syllable(word[:i]) and is_syllable(word[i:])
    ]
    splits = [s for s in splits if len(s[0]) > 1 and len(s[1]) > 1]
    if len(splits) > 1:  # NGỌCƯỚC: NGỌC ƯỚC or NGỌ CƯỚC? the one with a common name in it
        splits = [s for s in splits if any(p.upper() in GIVEN_NAMES or p.upper() in SURNAMES for p in s)]
    return " ".join(splits[0]) if len(splits) == 1 else None


def tidy_name_text(text: str) -> str:
    """Punctuation inside or around an upper-case name dropped, glued syllables split."""
    text = _GLUE.sub(" ", text)
    words = [w.strip(_EDGE_QUOTES) for w in text.split()]
    words = [split_glued(w) or w for w in words if w]
    return " ".join(words)


def _snap_head(words: list[str]) -> list[str]:
    for head in BUSINESS_HEADS:
        parts = head.split()
        got = words[: len(parts)]
        if len(got) == len(parts) and [fold_key(w) for w in got] == [fold_key(p) for p in parts]:
            return parts + words[len(parts) :]
    return words


def snap_loanword(word: str) -> str | None:
    """'SHQP' → 'SHOP': a word that is no syllable and one letter away from exactly one listed loanword."""
    upper = word.upper()
    if upper in LOANWORDS or is_syllable(word):
        return None
    near = [w for w in LOANWORDS if len(w) == len(upper) and _one_apart(w, upper)]
    return near[0] if len(near) == 1 else None


def repair_member_surname(name: str) -> str:
    """A member's name (title case, read from a table row) whose surname lost its first letter
    ('guyễn Xuân Kiên') or sits behind a stray short word from the row's edge ('Ki Nguyễn Thị Thảo')."""
    words = name.split()
    if len(words) < 2 or words[0].upper() in SURNAMES:
        return name
    if len(words) >= 3 and len(words[0]) <= 2 and words[1].upper() in SURNAMES:
        return " ".join(words[1:])
    key = fold_key(words[0])
    if words[0][:1].islower() and len(key) >= 3:
        lost = [s for s in SURNAMES if fold_key(s)[1:] == key]
        if len(lost) == 1:
            return " ".join([lost[0].capitalize(), *words[1:]])
    return name


def _owner_position(business: list[str], owner: list[str]) -> int | None:
    """Where the owner's name (folded) appears in the business name: its surname's index."""
    if not owner:
        return None
    keys, want = [fold_key(w) for w in business], [fold_key(w) for w in owner]
    for i in range(len(keys) - len(want) + 1):
        if keys[i : i + len(want)] == want:
            return i
    return None


def tidy_names(c: dict[str, Candidate]) -> None:
    """The last word on the owner's and the business's names: punctuation, glued syllables, the
    surname and given names (in the owner's name and where the business name repeats them) and the
    business's kind."""
    owner, business = c["owner.full_name"], c["business_name"]
    owner_words: list[str] = []
    if isinstance(owner.value, str):
        words = tidy_name_text(owner.value).split()
        if words and (snapped := snap_surname(words[0])):
            words[0] = snapped
        words[1:] = [w if w.upper() in SURNAMES else snap_given_name(w) or w for w in words[1:]]
        owner_words = words
        _settle(owner, " ".join(words))
    if isinstance(business.value, str):
        words = _snap_head(tidy_name_text(business.value).split())
        words = [snap_loanword(w) or w for w in words]
        at = _owner_position(words, owner_words)
        if at is not None:
            words[at] = owner_words[0]
            for i, mine in enumerate(owner_words[1:], start=at + 1):
                words[i] = _better_given(words[i], mine)
        elif len(owner_words) > 1 and words and fold_key(words[-1]) == fold_key(owner_words[-1]):
            words[-1] = _better_given(words[-1], owner_words[-1])  # TIỆM TÓC HƯỞNG, owner … HƯỞNG
        else:
            words = _snap_named_person(words)
        _settle(business, " ".join(words))


def _snap_named_person(words: list[str]) -> list[str]:
    """A business name ending in a person's full name that is not the owner's ('… CHĂN NUÔI NGUYÊN TUẤN
    HƯNG'): a name word or a misread (NGUYÊN) whose letters single out a surname (NGUYỄN), followed by
    two or three listed given names to the end, is that surname: a full name opens with one. A word of
    another kind ('ĐỒ LỄ THANH HÀ') stays, and fewer given names may be a brand (NGUYÊN ANH)."""
    for given in (2, 3):
        at = len(words) - 1 - given
        if at < 1:
            continue  # a name too short to hold a head and a full name
        rest = words[at + 1 :]
        named = words[at].upper() in GIVEN_NAMES or not is_syllable(words[at])  # not 'ĐỒ LỄ THANH HÀ'
        if not named or not all(w.upper() in GIVEN_NAMES for w in rest) or not words[at].isupper():
            continue
        if snapped := snap_surname(words[at]):
            return [*words[:at], snapped, *rest]
    return words


def _better_given(business_word: str, owner_word: str) -> str:
    """The owner's spelling of a given name the business name repeats, when only the owner's is a
    common name (the two readings of one word disagree; the list breaks the tie)."""
    if business_word.upper() in GIVEN_NAMES or owner_word.upper() not in GIVEN_NAMES:
        return business_word
    return owner_word


def _settle(cand: Candidate, value: str) -> None:
    if value and value != cand.value:
        cand.value = value
        cand.notes.append("name_tidied")
        cand.confidence = min(cand.confidence, REVIEW)
