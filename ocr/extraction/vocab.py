"""Closed vocabularies printed on certificates: snap an OCR'd value to the one entry it must be.

Ethnicities (54 official groups), nationality, ID document kinds, the national ID-card offices and the
registration offices are short closed lists; when the accent-folded reading matches one entry, the
printed form is known exactly (diacritics included) and the field can be trusted more.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import msgspec
from rapidfuzz import fuzz, process

from ocr.extraction.candidate import (
    Candidate,
    add_evidence,
    matched,
    repaired,
    with_evidence,
    word_confidence,
)
from ocr.extraction.normalise import fix_number_words, tidy_address_punctuation
from ocr.extraction.places import resolve_unit_tail, snap_place
from ocr.extraction.streets import snap_place_words, snap_street_names
from rules.printed import PrintedMatch, compare_printed, extra_marks, snap_forbidden
from schemas.record import Evidence, EvidenceKind
from schemas.reference import load_units_2025, load_units_pre2025
from schemas.vietnamese import fold_key

ETHNICITIES = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "H'Mông", "Dao", "Gia Rai", "Ê Đê",
    "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng",
    "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ - Triêng", "Co", "Chơ Ro", "Xinh Mun",
    "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái",
    "Chứt", "Lô Lô", "Mảng", "Cơ Lao", "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
)  # fmt: skip
NATIONALITIES = ("Việt Nam",)
ID_TYPES = (
    "Căn cước công dân",
    "Chứng minh nhân dân",
    "Thẻ căn cước",
    "Hộ chiếu",
    "Căn cước",
    "Thẻ căn cước công dân",  # the card's own title (2016–2024), as some offices print it
    "Giấy chứng minh nhân dân",
)
ID_OFFICES = (
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư",
    "Bộ Công an",
)


@cache
def id_offices() -> tuple[str, ...]:
    """The national offices plus every province's police ("Công an tỉnh Thanh Hóa", "Công an thành phố
    Hà Nội"), which issued the 9-digit ID cards, from both unit lists (old cards name old provinces)."""
    police = set()
    for units in (load_units_pre2025(), load_units_2025()):
        for unit in units:
            if unit.kind == "province":
                kind, _, place = unit.name.partition(" ")
                if kind == "Thành":  # "Thành phố Hà Nội"
                    kind, place = "thành phố", place.removeprefix("phố ")
                police.add(f"Công an {kind.lower()} {place}")
    return ID_OFFICES + tuple(sorted(police))


OFFICES = (
    "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
    "PHÒNG KINH TẾ",
    "PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ",
    "PHÒNG KINH TẾ VÀ HẠ TẦNG",
    "PHÒNG KINH TẾ - HẠ TẦNG",
)


def snap_text(value: str, choices: tuple[str, ...], min_score: float) -> tuple[str, float] | None:
    """The entry whose accent-folded form is closest to the value's, with its score (None if too far)."""
    keys = [fold_key(c).replace(" ", "") for c in choices]
    hit = process.extractOne(fold_key(value).replace(" ", ""), keys, scorer=fuzz.ratio)
    if hit is None or hit[1] < min_score:
        return None
    return choices[hit[2]], float(hit[1])


def snap(cand: Candidate, choices: tuple[str, ...], *, min_score: float = 90.0, trust: float = 0.95) -> bool:
    """Match the value to its list entry; True when one was found (kept as printed or repaired).

    Kept as printed, the entry beside it (rules.printed): the entry itself, a spelling of it (tone
    placement, case, punctuation, an abbreviation) or a longer name holding it. Replaced, and sent to
    review with the reason: a reading the entry only resembles (a misread)."""
    if not isinstance(cand.value, str):
        return False
    new = snap_to_entry(cand, choices, min_score=min_score, trust=trust)
    if new is None:
        return False
    _become(cand, new)
    return True


def snap_to_entry(
    cand: Candidate, choices: tuple[str, ...], *, min_score: float = 90.0, trust: float = 0.95
) -> Candidate | None:
    """The candidate matched to its list entry (see `snap`), as a new candidate; None when none fits."""
    value = cand.value
    if not isinstance(value, str):
        return None
    forms = [(c, compare_printed(value, c)) for c in choices]
    kept = [(c, m) for c, m in forms if m in KEPT and not snap_forbidden(value, c)]
    if kept:
        entry, how = max(kept, key=lambda cm: (cm[1] is not PrintedMatch.CONTAINS, len(cm[0])))
        out = matched(cand, entry, exact=how is not PrintedMatch.CONTAINS)
        out.confidence = max(cand.confidence, trust) if how is not PrintedMatch.CONTAINS else cand.confidence
        marks = extra_marks(value, entry)
        if marks:  # kept as read, but a mark the entry lacks may be a speck: no evidence it was read right
            stray = Evidence(
                kind=EvidenceKind.VALIDATORS_PASS, holds=False, reason="printed.stray_marks", was=marks
            )
            out = with_evidence(msgspec.structs.replace(out, confidence=cand.confidence), stray)
        return out
    hit = snap_text(value, choices, min_score)
    if hit is None or snap_forbidden(value, hit[0]):
        return None
    reason = (
        "printed.punctuation_from_list"
        if compare_printed(value, hit[0]) is PrintedMatch.PUNCT_LOST
        else "printed.repaired_from_list"
    )
    return repaired(cand, hit[0], reason, canonical=hit[0])


KEPT = (PrintedMatch.EXACT, PrintedMatch.VARIANT, PrintedMatch.CONTAINS)
"""How a reading may stand to a list entry and still be the value (rules.printed)."""


def snap_closed_fields(c: dict[str, Candidate]) -> None:
    snap(c["owner.ethnicity"], ETHNICITIES, min_score=100)
    snap(c["owner.nationality"], NATIONALITIES, min_score=85)
    snap(c["owner.id_type"], ID_TYPES, min_score=88)
    snap(c["owner.id_issued_by"], id_offices(), min_score=92, trust=0.9)
    for path in ("owner.ethnicity", "owner.nationality", "owner.id_type"):
        c[path] = explain_closed_value(c[path])
    for path in ("address", "owner.permanent_address", "owner.current_address"):
        c[path] = match_address(c[path])


def explain_closed_value(cand: Candidate) -> Candidate:
    """A closed-vocabulary value is explained by the label grammar only when its words are one entry
    and nothing else: words beyond the entry (a run-on into the next line's value) are left over."""
    if not isinstance(cand.value, str) or cand.canonical is None:
        return cand
    whole = compare_printed(cand.value, cand.canonical) is not PrintedMatch.CONTAINS
    reason = None if whole else "printed.words_left_over"
    return with_evidence(cand, Evidence(kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS, holds=whole, reason=reason))


def snap_address_field(cand: Candidate) -> None:
    """`match_address` in place (for callers that hold the candidate)."""
    _become(cand, match_address(cand))


def _become(cand: Candidate, new: Candidate) -> None:
    for field in cand.__struct_fields__:
        setattr(cand, field, getattr(new, field))


def match_address(cand: Candidate) -> Candidate:
    """The address with its unit tail matched to the admin-unit list, as a new candidate: kept as
    printed where it spells the units' names (the commune's code beside it, the match as evidence),
    repaired where a unit, a listed street or a hamlet word was misread (into review, with the reason);
    an address whose unit tail resolves nowhere is doubtful."""
    if not isinstance(cand.value, str):
        return cand
    cand = msgspec.structs.replace(cand, notes=list(cand.notes))
    read = fix_number_words(tidy_address_punctuation(cand.value))
    value = snap_place_words(read)
    if "§" in value:
        cand.confidence = min(cand.confidence, 0.6)  # '§' stands for an 8 or a 5 in a house number: which?
    street = snap_street_names(value)
    if street != value:
        value = street
        cand.notes.append("street_name_snapped")
    if value != read:
        cand = repaired(msgspec.structs.replace(cand, value=read), value, "printed.misread_repaired")
    tail = resolve_unit_tail(value)
    if tail is None:
        return msgspec.structs.replace(cand, value=value, confidence=min(cand.confidence, 0.6))
    if tail.repaired:
        printed = msgspec.structs.replace(cand, value=value)
        return repaired(printed, tail.text, "printed.repaired_from_list", canonical=tail.code)
    cand = matched(msgspec.structs.replace(cand, value=tail.text), tail.code, exact=True)
    if tail.score == 100:
        cand.confidence = min(1.0, cand.confidence + 0.04)
    elif tail.score < 95:
        cand.confidence = min(cand.confidence, 0.8)  # a renamed or merged unit looks like a misread
    return cand


class Committee(NamedTuple):
    text: str  # as printed: the head ("UBND", "ỦY BAN NHÂN DÂN") and the place, repaired only if misread
    sure: bool  # False when the place has twins that differ only in marks and none is spelt exactly
    repaired: bool  # the place was a misread, replaced by the list's name
    canonical: str  # "ỦY BAN NHÂN DÂN <the list's place>": beside the value, for matching


COMMITTEE_HEAD = "ỦY BAN NHÂN DÂN"


def repair_head_words(words: list[str]) -> str:
    """Only the misread words of the committee head are replaced: 'UỶ BẠN NHÂN DÂN' → 'UỶ BAN NHÂN DÂN'
    (the old tone placement 'UỶ' is a valid spelling, kept as printed); a head not in capitals is
    replaced whole, so that no word comes back in a case the others do not have."""
    if not all(word.isupper() for word in words):
        return COMMITTEE_HEAD
    fixed = [
        word if compare_printed(word, want) in (PrintedMatch.EXACT, PrintedMatch.VARIANT) else want
        for word, want in zip(words, COMMITTEE_HEAD.split(), strict=True)
    ]
    return " ".join(fixed)


def normalise_committee(text: str) -> Committee:
    """'UBND QUẬN X' / 'ỦY BAN NHÂN DÂN QUẬN X' as printed (an abbreviation is a valid form), the
    place matched to the administrative-unit list: kept when it is a spelling of the unit's name
    (tone placement, case), replaced when it is a misread one."""
    words = text.split()
    key = [fold_key(w) for w in words]
    head_fixed = False
    if key[:1] == ["ubnd"]:
        head, place = words[0], " ".join(words[1:])
    elif len(key) >= 4 and fuzz.ratio("".join(key[:4]), "uybannhandan") >= 85:
        head, place = " ".join(words[:4]), " ".join(words[4:])
        if compare_printed(head, COMMITTEE_HEAD) not in (PrintedMatch.EXACT, PrintedMatch.VARIANT):
            # the fixed wording misread: 'UY BAN NHAN DÂN', or marks that fold away ('ỦY BẠN NHÂN DẦN');
            # only tone placement, case and punctuation are a printer's choice here
            head, head_fixed = repair_head_words(words[:4]), True
    else:
        return Committee(text, True, False, text)
    snapped = snap_place(place)
    if snapped is None:
        return Committee(f"{head} {place}".strip(), False, head_fixed, f"{COMMITTEE_HEAD} {place}".strip())
    unit, sure = snapped
    kept = compare_printed(place, unit) in KEPT or snap_forbidden(place, unit)
    printed_place = place if kept else unit
    return Committee(f"{head} {printed_place}", sure, head_fixed or not kept, f"{COMMITTEE_HEAD} {unit}")


def committee_place(value: str) -> str:
    """The committee's place, folded: 'ủy ban nhân dân xã x' / 'ubnd xã x' → 'xa x'."""
    key = fold_key(value)
    for head in ("uy ban nhan dan ", "ubnd "):
        if head in key:
            return key.partition(head)[2]
    return ""


PLACE_UNSURE = "committee_place_unsure"


def settle_committee_place(authority: Candidate, address: Candidate) -> None:
    """A committee whose place has twins (XÃ ĐỒNG LỘC / XÃ ĐÔNG LỘC) takes the spelling of the same
    unit in the business address, which was resolved inside its province: the office that registers
    a household business is the one where it trades (a cross-check: both name the same unit)."""
    if PLACE_UNSURE not in authority.notes or not isinstance(authority.value, str):
        return
    if not isinstance(address.value, str) or address.confidence < 0.86 or authority.span is None:
        return
    found = list(re.finditer(r"(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND) ", authority.value))
    if not found:
        return
    head, place = authority.value[: found[-1].end()], authority.value[found[-1].end() :]
    same = [part for part in address.value.split(", ") if fold_key(part) == fold_key(place)]
    if not same:
        return
    authority.value = f"{head}{same[0].upper()}"
    authority.notes.remove(PLACE_UNSURE)
    authority.notes.append("committee_place_from_address")
    authority.confidence = word_confidence(
        authority.span.tokens
    )  # without the cap the unsure place put on it
    add_evidence(authority, Evidence(kind=EvidenceKind.CROSS_CHECK_PASS))


def normalise_office(text: str) -> tuple[str, bool]:
    """The office as printed when it is a spelling of a listed office, the listed name when it is a
    misread one; and whether it was replaced."""
    hit = snap_text(text, OFFICES, 92)
    if hit is None or compare_printed(text, hit[0]) in KEPT:
        return text, False
    if compare_printed(text, hit[0]) is PrintedMatch.PUNCT_LOST:
        return hit[0], False  # the header's dashes are dropped with its specks (authority._left_block)
    return hit[0], True
