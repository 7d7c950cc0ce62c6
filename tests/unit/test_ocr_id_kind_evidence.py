"""The ID kind a number's label names is `ok` only when the label is a whole, exact grammar wording and
the kind's legal facts (length, issue dates) agree; otherwise it is kept for review with the reason.
Texts written for these tests."""

from __future__ import annotations

from ocr.extraction import extract_record
from schemas.record import Extraction, FieldStatus
from tests.unit.test_ocr_extraction import page_of
from tests.unit.test_ocr_owner_block import BIRTH_LINE, HEAD, HOME_LINE, NAME_LINE, NOW_LINE, TODAY

ISSUE_2012 = "Ngày cấp: 11/03/2012 Nơi cấp: Công an thành phố Hà Nội"
ISSUE_2019 = "Ngày cấp: 11/03/2019 Nơi cấp: Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư"


def read(id_line: str, issue: str = ISSUE_2012) -> Extraction:
    lines = [*HEAD, NAME_LINE, BIRTH_LINE, id_line, issue, HOME_LINE, NOW_LINE]
    return extract_record("x.png", [page_of(lines)], today=TODAY)


def kind_of(ex: Extraction) -> tuple[str | None, FieldStatus, set[str]]:
    codes = {f.code for f in ex.findings if f.field == "owner.id_type"}
    return ex.record.owner.id_type, ex.fields["owner.id_type"].status, codes


def test_an_exact_cmnd_label_over_nine_digits_is_ok() -> None:
    kind, status, codes = kind_of(read("Số CMND: 013298765"))
    assert kind == "Chứng minh nhân dân"
    assert status is FieldStatus.OK
    assert "id_type.label_length_mismatch" not in codes


def test_an_exact_cccd_label_over_twelve_digits_issued_in_2019_is_ok() -> None:
    kind, status, _ = kind_of(read("Căn cước công dân số: 001079012345", ISSUE_2019))
    assert kind == "Căn cước công dân"
    assert status is FieldStatus.OK


def test_a_cccd_label_over_nine_digits_goes_to_review_for_its_length() -> None:
    kind, status, codes = kind_of(read("CCCD số: 013298765"))
    assert kind == "Căn cước công dân"  # kept: it is what the label says
    assert status is FieldStatus.NEEDS_REVIEW
    assert "id_type.label_length_mismatch" in codes


def test_a_cmnd_label_over_twelve_digits_goes_to_review() -> None:
    kind, status, codes = kind_of(read("Số CMND: 001079012345", ISSUE_2019))
    assert kind == "Chứng minh nhân dân"
    assert status is FieldStatus.NEEDS_REVIEW
    assert "id_type.label_length_mismatch" in codes


def test_a_the_can_cuoc_label_on_a_2017_certificate_goes_to_review_for_its_dates() -> None:
    kind, status, codes = kind_of(read("Số thẻ căn cước: 001079012345", ISSUE_2019))
    assert kind == "Thẻ căn cước"
    assert status is FieldStatus.NEEDS_REVIEW  # the 2024 card did not exist in 2017 or 2019
    assert "id_type.label_date_mismatch" in codes


def test_a_cccd_label_on_a_card_issued_before_2016_goes_to_review_for_its_dates() -> None:
    kind, status, codes = kind_of(read("Số CCCD: 001079012345"))
    assert kind == "Căn cước công dân"
    assert status is FieldStatus.NEEDS_REVIEW  # the issue date 2012 predates the CCCD
    assert "id_type.label_date_mismatch" in codes


def test_a_label_matched_only_in_part_goes_to_review() -> None:
    kind, status, codes = kind_of(read("Số CMND của chủ hộ: 013298765"))  # "Số CMND" is only its head
    assert kind == "Chứng minh nhân dân"
    assert status is FieldStatus.NEEDS_REVIEW
    assert "id_type.label_inexact" in codes


def test_a_label_misread_past_its_kind_words_leaves_a_doubted_length_guess() -> None:
    kind, status, codes = kind_of(read("Số chứng minh nhân dn: 013298765"))
    assert kind == "Chứng minh nhân dân"
    assert status is FieldStatus.NEEDS_REVIEW
    assert "id_type.from_number_length" in codes
