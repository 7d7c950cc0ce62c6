"""Upper-case names: repair the stacked-diacritic misreads Tesseract makes on capitals.

`vie` reads NGUYỄN as NGUYÊN even on clean pages. A surname lexicon fixes the commonest cases
where the word is a surname position; other low-confidence upper-case words lower the confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas.vietnamese import fold_key

if TYPE_CHECKING:
    from ocr.extraction.fields import Candidate

# OCR form → printed form, applied to whole words in upper-case names.
SURNAME_FIXES = {
    "NGUYÊN": "NGUYỄN",
    "NGUYEN": "NGUYỄN",
    "TRÂN": "TRẦN",
    "PHAM": "PHẠM",
    "HOANG": "HOÀNG",
    "HUYNH": "HUỲNH",
    "VU": "VŨ",
    "VO": "VÕ",
    "ĐĂNG": "ĐẶNG",
    "BUI": "BÙI",
    "ĐÔ": "ĐỖ",
    "HÔ": "HỒ",
    "NGÔ": "NGÔ",
    "DUONG": "DƯƠNG",
    "LY": "LÝ",
    "PHAẠM": "PHẠM",
    "TRẤN": "TRẦN",
    "TRẢN": "TRẦN",
}
MIDDLE_NAMES = {"VĂN", "THỊ", "ĐỨC", "HỮU", "MINH", "QUỐC", "THANH", "NGỌC", "XUÂN", "CÔNG", "ĐÌNH", "KIM"}


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def fix_surnames(text: str) -> str:
    """Repair misread surnames where a personal name starts: the first word, a word before a common
    middle name, or a capitalised word after a lower-case one ("đường Nguyên Trãi" → "Nguyễn Trãi";
    "Tỉnh Thái Nguyên" is left alone)."""
    words = text.split(" ")
    for i, word in enumerate(words[:-1]):
        core = word.strip(",.;")
        fixed = SURNAME_FIXES.get(core.upper())
        if fixed is None or fixed == core.upper() or not _is_capitalised(words[i + 1]):
            continue
        starts_name = i == 0 or words[i + 1].upper() in MIDDLE_NAMES or not _is_capitalised(words[i - 1])
        if not starts_name or (
            i > 0
            and words[i - 1].endswith(",") is False
            and words[i - 1].isupper()
            and words[i + 1].upper() not in MIDDLE_NAMES
        ):
            continue
        replacement = fixed if core.isupper() else fixed.capitalize()
        words[i] = word.replace(core, replacement)
    return " ".join(words)


def correct_name(cand: Candidate) -> None:
    """Fix a misread surname in a name-bearing field (… NGUYÊN VĂN … → NGUYỄN VĂN)."""
    if isinstance(cand.value, str):
        fixed = fix_surnames(cand.value)
        if fixed != cand.value:
            cand.notes.append("surname_fixed")
            cand.value = fixed


def reconcile_names(business: Candidate, owner: Candidate) -> None:
    """The business name often repeats the owner's name (QUÁN PHỞ NGUYỄN VĂN AN, TIỆM TÓC AN): where
    the same word (accent-folded) is read with different accents in the two places, one of them is
    a misread, so neither is trusted."""
    if not isinstance(business.value, str) or not isinstance(owner.value, str):
        return
    owner_words = {fold_key(w): w for w in owner.value.split()}
    for word in business.value.split():
        twin = owner_words.get(fold_key(word))
        if twin is not None and twin != word and len(word) > 1:
            business.confidence = min(business.confidence, 0.6)
            owner.confidence = min(owner.confidence, 0.6)
            business.notes.append("name_disagrees_with_owner")
            return


STACKED = set("ẦẨẪẤẬỀỂỄẾỆỒỔỖỐỘẰẲẴẮẶ")
"""Capitals with a tone mark stacked on a circumflex or breve: Tesseract `vie` confuses their tones
(KIỀU/KIỂU, TRẦN/TRẤN, HỒ/HỖ) even on clean scans."""
STACKED_MIN_CONF = 95.0


def doubt_stacked_capitals(cand: Candidate) -> None:
    """A name whose stacked-diacritic capitals were read with less than near-certain confidence
    goes to review (a wrong tone in a name is a wrong name)."""
    if cand.span is None or not isinstance(cand.value, str):
        return
    for tok in cand.span.tokens:
        if (
            STACKED & set(tok.word.text)
            and tok.word.conf < STACKED_MIN_CONF
            and "surname_fixed" not in cand.notes
        ):
            cand.confidence = min(cand.confidence, 0.8)
            return
