"""Never confidently wrong under label shapes our grammar does not know (issue 13, stop 23).

Each case is one way a value ran on or was cut that made a wrong value `ok` when the labels on a dev
certificate's words were perturbed (scripts/label_perturb.py): an office's own label inside the value,
a known label printed without its colon, a date label longer than ours, a label read past its colon,
the next label's item number, an abbreviated label on the line below. The texts are written here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ocr.extraction import extract_record
from schemas.record import EvidenceKind, Extraction, FieldStatus
from tests.unit.test_ocr_extraction import CERT_2021, page_of

TODAY = dt.date(2026, 1, 1)
NAME_LINE = "Họ và tên: NGUYỄN THỊ HOA Giới tính: Nữ"  # the surname spelt right: no repair, no review


def extract(replace: dict[str, str], insert_before: dict[str, str] | None = None) -> Extraction:
    """CERT_2021 with lines starting with a key replaced (and lines inserted before them)."""
    lines: list[str] = []
    base = [NAME_LINE if line.startswith("Họ và tên:") else line for line in CERT_2021]
    for line in base:
        for start, extra in (insert_before or {}).items():
            if line.startswith(start):
                lines.append(extra)
        lines.append(next((new for old, new in replace.items() if line.startswith(old)), line))
    return extract_record("x.png", [page_of(lines)], today=TODAY)


def run_on(ex: Extraction, path: str) -> str | None:
    """The words the closure evidence names against the field, or None when it holds."""
    items = [e for e in ex.fields[path].evidence if e.kind is EvidenceKind.LABEL_GRAMMAR_EXPLAINS]
    return next((e.was for e in items if not e.holds), None)


def test_the_unperturbed_page_keeps_its_fields_ok() -> None:
    ex = extract({})
    for path in ("owner.full_name", "phone", "owner.id_issued_on", "business_name", "capital_vnd"):
        assert ex.fields[path].status is FieldStatus.OK, path


@pytest.mark.parametrize("gender", ["Nam/Nữ: Nữ", "G.tính: Nữ", "Phái: Nữ"])
def test_a_name_that_took_in_an_unknown_label_and_its_value_is_not_ok(gender: str) -> None:
    ex = extract({"Họ và tên:": f"Họ và tên: NGUYỄN THỊ HOA {gender}"})
    assert ex.record.owner.full_name != "NGUYỄN THỊ HOA"  # the run-on is there ...
    assert ex.fields["owner.full_name"].status is FieldStatus.NEEDS_REVIEW  # ... and not trusted
    assert run_on(ex, "owner.full_name") is not None
    assert "label.value_runs_on" in {f.code for f in ex.findings}


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("Họ và tên:", "Họ và tên: NGUYỄN THỊ HOA Giới tính Nữ", "owner.full_name"),
        ("Điện thoại:", "Điện thoại: 0905 123 456 Email", "phone"),
    ],
)
def test_a_known_label_printed_without_its_colon_inside_a_value_is_not_ok(
    old: str, new: str, path: str
) -> None:
    ex = extract({old: new, "Email:": "Website:"} if path == "phone" else {old: new})
    assert ex.fields[path].status is FieldStatus.NEEDS_REVIEW
    assert run_on(ex, path) in ("Giới tính", "Email")


def test_a_date_label_longer_than_ours_does_not_give_an_ok_date() -> None:
    # the office's tax line opens with our 'Ngày cấp' and prints no colon
    ex = extract({}, insert_before={"Loại giấy tờ": "Ngày cấp mã số thuế 12/03/2020"})
    issued = ex.fields["owner.id_issued_on"]
    assert ex.record.owner.id_issued_on == dt.date(2020, 3, 12)  # the first 'Ngày cấp' wins ...
    assert issued.status is FieldStatus.NEEDS_REVIEW  # ... but its words are no date's
    assert run_on(ex, "owner.id_issued_on") == "mã số thuế"


def test_a_label_matched_past_its_colon_leaves_the_value_in_review() -> None:
    # 'Loại giấy tờ:' is no wording of ours; fuzzily it came close to one that reached into the value
    ex = extract({"Loại giấy tờ": "Loại giấy tờ: Chứng minh nhân dân"})
    wrong = ex.record.owner.id_type not in (None, "Chứng minh nhân dân")
    assert not (wrong and ex.fields["owner.id_type"].status is FieldStatus.OK)
    assert ex.fields["owner.id_type"].status is FieldStatus.NEEDS_REVIEW


def test_the_next_labels_item_number_is_not_the_values_last_word() -> None:
    ex = extract(
        {
            "1. Tên": "1. Tên hộ kinh doanh: QUÁN PHỞ HOA 2. Địa chỉ trụ sở hộ kinh doanh: Số 12 Lê Lợi,",
            "2. Địa chỉ": "Phường Hải Châu I, Quận Hải",
        }
    )
    assert ex.record.business_name == "QUÁN PHỞ HOA"


def test_an_abbreviated_label_on_the_next_line_ends_the_value_above() -> None:
    ex = extract({"2. Địa chỉ": "2. Đ/c trụ sở: Số 12 Lê Lợi, Phường Hải Châu I, Quận Hải"})
    assert ex.record.business_name == "QUÁN PHỞ HOA"


def test_words_that_are_no_label_keep_the_value_ok() -> None:
    # the capital's '(Bằng chữ: …)' and a business name in capitals holding a label's words
    ex = extract(
        {
            "4. Vốn": "4. Vốn kinh doanh: 150.000.000 đồng (Bằng chữ: Một trăm năm mươi triệu đồng)",
            "1. Tên": "1. Tên hộ kinh doanh: CỬA HÀNG ĐIỆN THOẠI HOA",
        }
    )
    assert ex.record.capital_vnd == 150_000_000
    assert run_on(ex, "capital_vnd") is None
    assert ex.record.business_name == "CỬA HÀNG ĐIỆN THOẠI HOA"
    assert run_on(ex, "business_name") is None


def test_a_value_copied_from_the_field_above_carries_what_speaks_against_it() -> None:
    # a longer permanent-address label than ours: its tail is in the value, and 'Như trên' copies it
    ex = extract(
        {"Địa chỉ thường trú": "Nơi đăng ký thường trú của chủ hộ: Tổ 5, Phường Hòa Cường Bắc, Quận Hải Châu"}
    )
    assert ex.fields["owner.permanent_address"].status is FieldStatus.NEEDS_REVIEW
    assert ex.record.owner.current_address == ex.record.owner.permanent_address
    assert ex.fields["owner.current_address"].status is FieldStatus.NEEDS_REVIEW
    assert run_on(ex, "owner.current_address") is not None


def test_a_name_in_capitals_cut_by_a_bare_label_in_capitals_is_not_ok() -> None:
    # 'CỬA HÀNG' / 'ĐIỆN THOẠI HOA': one name wrapped, whose second line opens like the phone label
    ex = extract_record(
        "x.png",
        [page_of([NAME_LINE if x.startswith("Họ và tên:") else x for x in lines_with_wrapped_name()])],
        today=TODAY,
    )
    assert ex.record.business_name != "CỬA HÀNG ĐIỆN THOẠI HOA"  # read as cut ...
    assert ex.fields["business_name"].status is FieldStatus.NEEDS_REVIEW  # ... and not trusted
    assert run_on(ex, "business_name") == "ĐIỆN THOẠI"


def lines_with_wrapped_name() -> list[str]:
    out: list[str] = []
    for line in CERT_2021:
        if line.startswith("1. Tên"):
            out += ["1. Tên hộ kinh doanh: CỬA HÀNG", "ĐIỆN THOẠI HOA"]
        else:
            out.append(line)
    return out


@pytest.mark.parametrize("label", ["Họ: và tên:", "Họ: và tên"])
def test_a_colon_misplaced_inside_a_label_still_reads_the_value(label: str) -> None:
    ex = extract({"Họ và tên:": f"{label} NGUYỄN THỊ HOA Giới tính: Nữ"})
    assert ex.record.owner.full_name == "NGUYỄN THỊ HOA"
    ok = ex.fields["owner.full_name"].status is FieldStatus.OK
    assert ok is label.endswith(":")  # a label not ending at its colon: the reviewer looks


def test_a_value_that_took_the_head_of_a_wrapped_label_below_is_not_ok() -> None:
    # 'Địa chỉ' / 'thường trú: …': the permanent-address label wrapped, its head under the issuer
    lines: list[str] = []
    for line in CERT_2021:
        if line.startswith("Ngày cấp:"):
            lines += [
                "Ngày cấp: 10/07/2021 Cơ quan cấp: Cục Cảnh sát quản lý hành chính về",
                "trật tự xã hội",
            ]
        elif line.startswith("Địa chỉ thường trú:"):
            lines += ["Địa chỉ", "thường trú: Tổ 5, Phường Hòa Cường Bắc, Quận Hải Châu, Thành phố"]
        else:
            lines.append(NAME_LINE if line.startswith("Họ và tên:") else line)
    ex = extract_record("x.png", [page_of(lines)], today=TODAY)
    assert ex.record.owner.id_issued_by != "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    assert ex.fields["owner.id_issued_by"].status is FieldStatus.NEEDS_REVIEW
    assert run_on(ex, "owner.id_issued_by") == "Địa chỉ"


@pytest.mark.parametrize(
    ("after", "path"), [("1. Tên", "business_name"), ("Ngày cấp:", "owner.id_issued_by")]
)
def test_an_office_line_without_a_colon_taken_as_a_wrapped_value_is_not_ok(after: str, path: str) -> None:
    lines: list[str] = []
    for line in CERT_2021:
        lines.append(NAME_LINE if line.startswith("Họ và tên:") else line)
        if line.startswith(after):
            lines.append("Số hộ khẩu 123456")  # no colon: it reads as the value's second line
    ex = extract_record("x.png", [page_of(lines)], today=TODAY)
    assert ex.fields[path].status is FieldStatus.NEEDS_REVIEW
    assert run_on(ex, path) == "Số hộ khẩu 123456"
