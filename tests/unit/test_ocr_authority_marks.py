"""The issuing authority keeps what was printed, but a mark no wording explains (a speck read as a dot
or an apostrophe) is no evidence for it: the field is not `ok`. The header text is written here."""

from __future__ import annotations

import datetime as dt

from ocr.extraction import extract_record
from ocr.extraction.authority import stray_marks
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
    assert stray_marks("UBND TP. ĐÀ NẴNG", "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG") == ""
    assert stray_marks("UBND XÃ IA KƠ'PAL", "ỦY BAN NHÂN DÂN XÃ IA KƠ'PAL") == ""
    assert stray_marks("UBND HUYỆN' ĐÔNG ANH", "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH") == "'"
    assert stray_marks("ỦY BAN NHÂN DÂN, XÃ AN HẢI.", "ỦY BAN NHÂN DÂN XÃ AN HẢI") == ", ."
