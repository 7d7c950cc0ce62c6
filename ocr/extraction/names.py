"""Upper-case names: repair the stacked-diacritic misreads Tesseract makes on capitals.

`vie` reads NGUYỄN as NGUYÊN even on clean pages. A surname lexicon fixes the commonest cases
where the word is a surname position; other low-confidence upper-case words lower the confidence.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ocr.extraction.name_words import tidy_names
from ocr.extraction.syllables import all_syllables_valid, is_syllable
from schemas.reference import load_vsic
from schemas.vietnamese import fold_key, normalize_tone_marks

if TYPE_CHECKING:
    from ocr.extraction.candidate import Candidate

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


def _label_tail(words: list[str]) -> int:
    """How many leading words of a name value are the end of its label ("chủ hộ-kinh doanh:", glued
    by a hyphen or followed by a colon): their folded words, together, must end an owner-name label
    wording, and none may be written all in capitals (printed names are; "HỒ THỊ" stays)."""
    from ocr.extraction.labels import LABELS

    labels = [f" {wording}" for wording in LABELS["owner.full_name"]]
    best = 0
    keys: list[str] = []
    for n, word in enumerate(words, start=1):
        letters = "".join(_LETTERS.findall(word))
        if letters and letters.isupper():
            break
        keys.extend(fold_key(word).split())
        if keys and any(label.endswith(" " + " ".join(keys)) for label in labels):
            best = n
    return best


def strip_label_words(cand: Candidate) -> None:
    """Drop the label's tail that layout put in front of the owner's name; the field goes to review
    (the label was not where it should be)."""
    if not isinstance(cand.value, str) or cand.span is None:
        return
    tokens = cand.span.tokens
    drop = _label_tail([t.word.text for t in tokens])
    if drop == 0 or drop >= len(tokens):
        return
    from ocr.extraction import normalise as nz
    from ocr.extraction.lines import Span

    kept = tokens[drop:]
    value = nz.clean_text(" ".join(t.word.text for t in kept))
    if value is None:
        return
    cand.span = Span(tokens=kept, text=" ".join(t.word.text for t in kept))
    cand.value = value
    cand.notes.append("label_stripped")
    cand.confidence = min(cand.confidence, 0.8)


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


NAME_PATHS = ("owner.full_name", "business_name")
REREAD_HEIGHT = 40
"""Box height (px) a name line is scaled to for its second reading: read alone as one line (psm 7)
at this size, Tesseract gets tone marks on capitals right more often than in the full-page pass
(dev seeds 1/2: THĂNG→THẮNG, HUYÊN→HUYỀN, LẼ→LÊ)."""
REREAD_MIN_CONF = 80.0
"""A second reading replaces the first only if its weakest word is at least this confident."""


def name_boxes(c: dict[str, Candidate]) -> list[tuple[str, tuple[int, tuple[int, int, int, int]]]]:
    """(field, (page, box)) of the one-line owner and business names, for their second reading
    (`second_reading.read_again` reads them with other boxes in one Tesseract call)."""
    out = []
    for path in NAME_PATHS:
        cand = c[path]
        if not isinstance(cand.value, str) or cand.span is None or not cand.span.tokens:
            continue
        if len({t.row for t in cand.span.tokens}) > 1:
            continue  # a wrapped name: one line at a time is not worth the Tesseract time
        bbox = cand.span.bbox()
        page = cand.span.page
        if bbox is None or page is None:
            continue
        out.append((path, (page, (bbox[0], bbox[1], bbox[2], bbox[3]))))
    return out


def _aligned(value: str, text: str) -> list[str] | None:
    """The reading's words for the value's words when they spell the same letters (marks may differ);
    a stray leading fragment (the label's tail) is dropped. None when they do not line up."""
    mine = value.split()
    theirs = fix_surnames(" ".join(text.split())).split()
    if len(theirs) > len(mine):
        theirs = theirs[len(theirs) - len(mine) :]
    if len(theirs) != len(mine):
        return None
    if any(fold_key(a) != fold_key(b) for a, b in zip(mine, theirs, strict=True)):
        return None
    return theirs


def apply_name_rereads(c: dict[str, Candidate], reads: dict[str, tuple[str, float]]) -> None:
    """Choose between the page reading and the line re-reading of each name, then set confidence from
    the evidence: two readings that agree are trusted as far as their word confidences go; a confident
    re-reading replaces a different page reading but still goes to review; a weak disagreement, a
    syllable that cannot exist or owner/business names that spell a shared word differently → review."""
    touched = False
    for path, (text, conf) in reads.items():
        cand = c[path]
        if not isinstance(cand.value, str) or cand.span is None:
            continue
        theirs = _aligned(cand.value, text)
        if theirs is None:
            continue
        touched = True
        mine = cand.value.split()
        base = _word_confidence(cand)
        if theirs == mine and conf >= REREAD_MIN_CONF:
            cand.notes.append("reread_agrees")
            cand.confidence = base
            continue
        chosen = [
            t if (conf >= REREAD_MIN_CONF and is_syllable(t)) or not is_syllable(m) else m
            for m, t in zip(mine, theirs, strict=True)
        ]
        if path == "business_name":
            chosen = [
                prefer_business_word(mine, i, m, t) or w
                for i, (m, t, w) in enumerate(zip(mine, theirs, chosen, strict=True))
            ]
        if chosen != mine:
            cand.notes.append("reread_replaced")
            cand.value = " ".join(chosen)
        cand.confidence = min(base, 0.8 if conf >= REREAD_MIN_CONF else 0.6)
    if touched:
        _adopt_twin_readings(c, reads)
        for path in NAME_PATHS:
            cand = c[path]
            if isinstance(cand.value, str) and not all_syllables_valid(cand.value):
                cand.confidence = min(cand.confidence, 0.6)
        reconcile_names(c["business_name"], c["owner.full_name"])
    tidy_names(c)


def _word_confidence(cand: Candidate) -> float:
    from ocr.extraction.candidate import word_confidence

    return word_confidence(cand.span.tokens) if cand.span is not None else cand.confidence


def _adopt_twin_readings(c: dict[str, Candidate], reads: dict[str, tuple[str, float]]) -> None:
    """Owner and business names spell a shared word the same way: a weak re-reading that matches the
    other name's word is taken (TIỆM TÓC HƯỚNG → HƯỞNG when the owner reads HƯỞNG), and a name read
    twice alike (or corrected by a confident second reading) lends its spelling to one that was not.
    Either way the field still goes to review: this buys accuracy, not trust."""
    for path, other in (NAME_PATHS, NAME_PATHS[::-1]):
        cand, twin = c[path], c[other]
        if not isinstance(cand.value, str) or not isinstance(twin.value, str):
            continue
        got = reads.get(path)
        mine = cand.value.split()
        theirs = (_aligned(cand.value, got[0]) if got else None) or mine
        twins = {fold_key(w): w for w in twin.value.split()}
        chosen = [
            t if t != m and twins.get(fold_key(t)) == t else m for m, t in zip(mine, theirs, strict=True)
        ]
        if _read_twice(twin) and not _read_twice(cand):
            chosen = [twins.get(fold_key(w), w) if len(w) > 1 else w for w in chosen]
        if chosen != mine:
            cand.notes.append("reread_twin")
            cand.value = " ".join(chosen)
            cand.confidence = min(cand.confidence, 0.8)
            twin.confidence = min(twin.confidence, 0.8)  # the two places disagreed at first


def _read_twice(cand: Candidate) -> bool:
    return "reread_agrees" in cand.notes or "reread_replaced" in cand.notes


_LETTERS = re.compile(r"[^\W\d_]+")


def _word_key(word: str) -> str:
    """Lower case, one tone-mark placement (hoá = hóa), punctuation dropped."""
    return normalize_tone_marks("".join(_LETTERS.findall(word.lower())))


@cache
def business_vocabulary() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Words and adjacent word pairs of the VSIC 2018 and 2025 activity names (public reference data):
    business names are built from the same trade words (cửa hàng, sửa chữa, bán lẻ, tạp hóa)."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for version in ("2018", "2025"):
        for code in load_vsic(version).values():
            keys = [_word_key(w) for w in _LETTERS.findall(code.name)]
            words.update(keys)
            pairs.update(pairwise(keys))
    return frozenset(words), frozenset(pairs)


def _vocabulary_score(words: list[str], i: int, word: str) -> int:
    """Evidence that `word` belongs at position i of a business name: a trade-word pair with a
    neighbour counts 2, the word alone 1."""
    vocab, pairs = business_vocabulary()
    key = _word_key(word)
    score = int(key in vocab)
    if i > 0 and (_word_key(words[i - 1]), key) in pairs:
        score += 2
    if i + 1 < len(words) and (key, _word_key(words[i + 1])) in pairs:
        score += 2
    return score


def prefer_business_word(words: list[str], i: int, mine: str, theirs: str) -> str | None:
    """Of two readings of a business-name word that differ only in marks (CỬA/CỦA, SỬA/SỦA), the one
    the trade vocabulary supports better (CỬA HÀNG, SỬA CHỮA); None when it does not tell them apart.
    Both are real syllables, so the re-read's confidence cannot settle it; the field still goes to
    review (readings that differ never make it `ok`)."""
    if mine == theirs or not (is_syllable(mine) and is_syllable(theirs)):
        return None
    ours, other = _vocabulary_score(words, i, mine), _vocabulary_score(words, i, theirs)
    if ours == other:
        return None
    return mine if ours > other else theirs
