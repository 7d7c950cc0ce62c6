"""The issuing authority keeps what was printed, but a mark no wording explains (a speck read as a dot
or an apostrophe) is no evidence for it: the field is not `ok`. The header text is written here."""

from __future__ import annotations

import datetime as dt

from ocr.extraction import extract_record
from rules.printed import extra_marks
from tests.unit.test_ocr_extraction import CERT_2021, page_of

TODAY = dt.date(2026, 1, 1)


def authority_of(first: str, second: str) -> tuple[object, str]:
    lines = [f"{first} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"{second} | Độc lập - Tự do - Hạnh phúc"]
    extraction = extract_record("x.png", [page_of(lines + CERT_2021[2:])], today=TODAY)
    field = extraction.fields["issuing_authority"]
    return extraction.record.issuing_authority, field.status


def test_a_stray_dot_in_the_committee_is_kept_but_not_ok() -> None:
    value, status = authority_of("ỦY BAN NHÂN DÂN.", "QUẬN HẢI CHÂU")
    assert value == "PHÒNG TÀI CHÍNH - KẾ HOẠCH, ỦY BAN NHÂN DÂN. QUẬN HẢI CHÂU"
    assert status == "needs_review"
    clean_value, clean_status = authority_of("ỦY BAN NHÂN DÂN", "QUẬN HẢI CHÂU")
    assert clean_value == "PHÒNG TÀI CHÍNH - KẾ HOẠCH, ỦY BAN NHÂN DÂN QUẬN HẢI CHÂU"
    assert clean_status == "ok"


def test_abbreviation_dots_and_the_units_own_marks_are_explained() -> None:
    assert extra_marks("UBND TP. ĐÀ NẴNG", "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG") == ""
    assert extra_marks("UBND XÃ IA KƠ'PAL", "ỦY BAN NHÂN DÂN XÃ IA KƠ'PAL") == ""
    assert extra_marks("UBND HUYỆN' ĐÔNG ANH", "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH") == "'"
    assert extra_marks("ỦY BAN NHÂN DÂN, XÃ AN HẢI.", "ỦY BAN NHÂN DÂN XÃ AN HẢI") == ", ."


def test_an_id_office_with_a_mark_its_entry_lacks_is_kept_but_not_ok() -> None:
    issued = "Ngày cấp: 10/07/2021 Cơ quan cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    at = CERT_2021.index(issued)
    results = {}
    for office in (
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "Cục Cảnh sát quản lý, hành chính về trật tự xã hội",
    ):
        lines = [*CERT_2021[:at], f"Ngày cấp: 10/07/2021 Cơ quan cấp: {office}", *CERT_2021[at + 1 :]]
        extraction = extract_record("x.png", [page_of(lines)], today=TODAY)
        assert extraction.record.owner.id_issued_by == office
        results[office] = extraction.fields["owner.id_issued_by"]
    clean, speck = results.values()
    assert clean.status == "ok" and clean.canonical == "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    assert speck.status == "needs_review"
    assert any(e.reason == "printed.stray_marks" and e.was == "," for e in speck.evidence)
