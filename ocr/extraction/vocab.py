"""Closed vocabularies printed on certificates: snap an OCR'd value to the one entry it must be.

Ethnicities (54 official groups), nationality, ID document kinds, the national ID-card offices and the
registration offices are short closed lists; when the accent-folded reading matches one entry, the
printed form is known exactly (diacritics included) and the field can be trusted more.
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

from ocr.extraction.candidate import Candidate, word_confidence
from ocr.extraction.normalise import fix_number_words, tidy_address_punctuation
from ocr.extraction.places import snap_address, snap_place
from ocr.extraction.streets import snap_place_words, snap_street_names
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
ID_TYPES = ("Căn cước công dân", "Chứng minh nhân dân", "Thẻ căn cước", "Hộ chiếu", "Căn cước")
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
    """Replace the value by the matching entry; an exact folded match is trusted at `trust`."""
    if not isinstance(cand.value, str):
        return False
    hit = snap_text(cand.value, choices, min_score)
    if hit is None:
        return False
    cand.value = hit[0]
    cand.confidence = max(cand.confidence, trust) if hit[1] == 100 else min(trust, cand.confidence + 0.1)
    return True


def snap_closed_fields(c: dict[str, Candidate]) -> None:
    snap(c["owner.ethnicity"], ETHNICITIES, min_score=100)
    snap(c["owner.nationality"], NATIONALITIES, min_score=85)
    snap(c["owner.id_type"], ID_TYPES, min_score=88)
    snap(c["owner.id_issued_by"], id_offices(), min_score=92, trust=0.9)
    for path in ("address", "owner.permanent_address", "owner.current_address"):
        snap_address_field(c[path])


def snap_address_field(cand: Candidate) -> None:
    """Canonical unit names; an address whose unit tail resolves nowhere is doubtful."""
    if not isinstance(cand.value, str):
        return
    cand.value = snap_place_words(fix_number_words(tidy_address_punctuation(cand.value)))
    if "§" in cand.value:
        cand.confidence = min(cand.confidence, 0.6)  # '§' stands for an 8 or a 5 in a house number: which?
    street = snap_street_names(cand.value)
    if street != cand.value:
        cand.value = street
        cand.notes.append("street_name_snapped")
        cand.confidence = min(cand.confidence, 0.8)  # right far more often than not; a human confirms
    snapped = snap_address(cand.value)
    if snapped is None:
        cand.confidence = min(cand.confidence, 0.6)
        return
    cand.value = snapped[0]
    if snapped[1] == 100:
        cand.confidence = min(1.0, cand.confidence + 0.04)
    elif snapped[1] < 95:
        cand.confidence = min(cand.confidence, 0.8)  # a renamed or merged unit looks like a misread


def normalise_committee(text: str) -> tuple[str, bool]:
    """'UBND QUẬN X' / 'UY BAN NHAN DÂN QUẬN X' → 'ỦY BAN NHÂN DÂN QUẬN X', the place snapped to the
    administrative-unit list; False when the place name is ambiguous."""
    words = text.split()
    key = [fold_key(w) for w in words]
    if key[:1] == ["ubnd"]:
        head, place = "ỦY BAN NHÂN DÂN", " ".join(words[1:])
    elif len(key) >= 4 and fuzz.ratio("".join(key[:4]), "uybannhandan") >= 85:
        head, place = "ỦY BAN NHÂN DÂN", " ".join(words[4:])
    else:
        return text, True
    snapped = snap_place(place)
    if snapped is None:
        return f"{head} {place}".strip(), False
    return f"{head} {snapped[0]}", snapped[1]


PLACE_UNSURE = "committee_place_unsure"


def settle_committee_place(authority: Candidate, address: Candidate) -> None:
    """A committee whose place has twins (XÃ ĐỒNG LỘC / XÃ ĐÔNG LỘC) takes the spelling of the same
    unit in the business address, which was resolved inside its province: the office that registers
    a household business is the one where it trades."""
    if PLACE_UNSURE not in authority.notes or not isinstance(authority.value, str):
        return
    if not isinstance(address.value, str) or address.confidence < 0.86 or authority.span is None:
        return
    head, _, place = authority.value.rpartition("ỦY BAN NHÂN DÂN ")
    same = [part for part in address.value.split(", ") if fold_key(part) == fold_key(place)]
    if not same:
        return
    authority.value = f"{head}ỦY BAN NHÂN DÂN {same[0].upper()}"
    authority.notes.remove(PLACE_UNSURE)
    authority.notes.append("committee_place_from_address")
    authority.confidence = word_confidence(
        authority.span.tokens
    )  # without the cap the unsure place put on it


def normalise_office(text: str) -> str:
    hit = snap_text(text, OFFICES, 92)
    return hit[0] if hit else text
