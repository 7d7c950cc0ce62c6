"""Keep what was printed: when may a reference-list entry replace a reading, and when must it not.

A reference list (admin units, VSIC names, ID document kinds, police offices, committee wordings)
knows one spelling of each entry; certificates print others that are just as valid. So an entry
replaces a reading only when the reading is not a form of that entry; otherwise the printed form is
the value and the entry goes beside it (the canonical form: a code, a list name).

A reading is a form of an entry (`compare_printed`) when the two are equal after
- tone placement (Hòa / Hoà), case, and white space (`VARIANT`);
- spelling out the abbreviations certificates use (UBND → Ủy ban nhân dân, TP. → Thành phố) (`VARIANT`);
- punctuation the reading has and the entry lacks or writes differently (`VARIANT`): the printer chose
  it (but not a mark glued between two letters, "tỉnh'Thanh": a speck). Punctuation the reading lacks where the entry has it is more often a mark OCR lost (`PUNCT_LOST`);
- or when the reading contains the whole entry and more (`CONTAINS`): a longer official name ("Thẻ căn
  cước công dân" holds the entry "Căn cước công dân"), a VSIC name with its parenthetical.
Never a form, and never to be snapped (`snap_forbidden`): readings whose Roman-numeral suffix differs
from the entry's (Phường Vĩnh Phúc II is not Phường Vĩnh Phúc) and loanwords (SALON is no pair of
syllables).
"""

from __future__ import annotations

import re
from enum import StrEnum

from schemas.vietnamese import fold_key, normalize_text, normalize_tone_marks

__all__ = [
    "ABBREVIATIONS",
    "PrintedMatch",
    "compare_printed",
    "extra_marks",
    "roman_suffix",
    "snap_forbidden",
]


class PrintedMatch(StrEnum):
    EXACT = "exact"  # character for character
    VARIANT = "variant"  # the same entry, spelt another valid way: keep the printed form
    CONTAINS = "contains"  # the reading holds the whole entry and more: keep the printed form
    PUNCT_LOST = "punct_lost"  # the entry's words, some of its punctuation missing: a repair, reviewed
    DIFFERENT = "different"  # another spelling: a repair when the reading is a misread, reviewed


ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "q": "quận",
    "p": "phường",
    "h": "huyện",
    "cccd": "căn cước công dân",
    "cmnd": "chứng minh nhân dân",
    "đkhkd": "đăng ký hộ kinh doanh",
    "đkql": "đăng ký quản lý",
    "dlqg": "dữ liệu quốc gia",
    "ca": "công an",
}
"""Abbreviations printed on certificates and ID cards (folded to lower case, without the dot)."""

_PUNCT = re.compile(r"[^\w\s]")
_SPECK = re.compile(r"(?<=[^\W\d_])['’‘`.,](?=[^\W\d_])")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")


def _words(text: str) -> list[str]:
    """Lower-case words, tone marks in one placement, punctuation dropped, abbreviations spelt out."""
    plain = normalize_tone_marks(normalize_text(_PUNCT.sub(" ", text))).lower().split()
    out: list[str] = []
    for word in plain:
        out.extend(normalize_tone_marks(ABBREVIATIONS.get(word, word)).split())
    return out


def _punctuation(text: str) -> list[str]:
    return _PUNCT.findall(text)


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return 0 < n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def compare_printed(printed: str, entry: str) -> PrintedMatch:
    """How the printed reading stands to a list entry (see the module's docstring)."""
    if normalize_text(printed) == normalize_text(entry):
        return PrintedMatch.EXACT
    mine, theirs = _words(printed), _words(entry)
    if mine == theirs:
        if _SPECK.search(printed) and not _SPECK.search(entry):
            return PrintedMatch.DIFFERENT  # a speck read as a mark between two words: a misread
        lost = len(_punctuation(printed)) < len(_punctuation(entry)) and all(
            p in _punctuation(entry) for p in _punctuation(printed)
        )
        return PrintedMatch.PUNCT_LOST if lost else PrintedMatch.VARIANT
    if _contains(mine, theirs):
        return PrintedMatch.CONTAINS
    return PrintedMatch.DIFFERENT


def extra_marks(printed: str, entry: str) -> str:
    """The punctuation marks of the reading that its entry does not have (space-separated), setting
    aside the dot of an abbreviation ("TP.", "UBND."). A printer may choose them, but as often they are
    a speck read as a mark ("cư trú: và", "DÂN. XÃ"): the reading stays as it is, yet its match to the
    entry is then no evidence that it was read right."""
    allowed = _punctuation(entry)
    marks: list[str] = []
    for word in printed.split():
        core = word.rstrip(".")
        if core != word and core.isalpha() and fold_key(core) in ABBREVIATIONS:
            word = core
        for mark in _punctuation(word):
            if mark in allowed:
                allowed.remove(mark)
            else:
                marks.append(mark)
    return " ".join(marks)


def roman_suffix(text: str) -> str | None:
    """'Phường Vĩnh Phúc II' → 'II' (old wards and communes numbered I, II, III …)."""
    words = text.split()
    return words[-1] if len(words) > 1 and _ROMAN.match(words[-1]) else None


def snap_forbidden(printed: str, entry: str, loanwords: frozenset[str] = frozenset()) -> bool:
    """The entry must not replace the reading at all: a different Roman-numeral suffix, or a loanword of
    the reading that the entry would respell."""
    if roman_suffix(printed) != roman_suffix(entry):
        return True
    entry_keys = set(fold_key(entry).split())
    return any(w.upper() in loanwords and fold_key(w) not in entry_keys for w in printed.split())
