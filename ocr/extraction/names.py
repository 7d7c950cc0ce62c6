"""Upper-case names: repair the stacked-diacritic misreads Tesseract makes on capitals.

`vie` reads NGUYỄN as NGUYÊN even on clean pages. A surname lexicon fixes the commonest cases
where the word is a surname position; other low-confidence upper-case words lower the confidence.
"""

from __future__ import annotations

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
}
MIDDLE_NAMES = {"VĂN", "THỊ", "ĐỨC", "HỮU", "MINH", "QUỐC", "THANH", "NGỌC", "XUÂN", "CÔNG", "ĐÌNH", "KIM"}


def correct_name(cand: Candidate) -> None:
    """Fix a misread surname when the next word is a name word (… NGUYÊN VĂN … → NGUYỄN VĂN)."""
    if not isinstance(cand.value, str):
        return
    words = cand.value.split()
    for i, w in enumerate(words[:-1]):
        if w in SURNAME_FIXES and SURNAME_FIXES[w] != w and (i == 0 or words[i + 1] in MIDDLE_NAMES):
            words[i] = SURNAME_FIXES[w]
            cand.notes.append("surname_fixed")
    cand.value = " ".join(words)
