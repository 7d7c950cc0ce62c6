"""Validators: each rule yields findings with code, field path, severity and both messages."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import check_capital_words, validate_record
from rules.business_lines import validate_business_lines
from rules.codes import validate_contacts, validate_registration_number
from rules.dates import validate_dates
from rules.findings import MESSAGES
from rules.people import validate_people
from schemas.record import BusinessLine, Finding, Layout, Member, Person, Record, Severity

TODAY = dt.date(2026, 11, 28)
OWNER = Person(
    full_name="NGUYỄN THỊ HOA",
    gender="Nữ",
    birth_date=dt.date(1980, 5, 12),
    id_type="Căn cước công dân",
    id_number="048180001234",
    id_issued_on=dt.date(2021, 7, 10),
    permanent_address="Thôn 3, xã Vân Nội, huyện Đông Anh, Thành phố Hà Nội",
)
GOOD = Record(
    registration_number="8340125748-002",
    first_registered_on=dt.date(2019, 3, 5),
    amendment_number=2,
    amended_on=dt.date(2023, 8, 14),
    business_name="CỬA HÀNG TẠP HÓA HOA",
    address="Số 12 Lê Lợi, Phường Phước Ninh, Quận Hải Châu, Thành phố Đà Nẵng",
    phone="0905123456",
    email="hoa@gmail.com",
    business_lines=[BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh")],
    capital_vnd=150_000_000,
    employees=3,
    owner=OWNER,
)


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def with_owner(**changes: object) -> Record:
    return msgspec.structs.replace(GOOD, owner=msgspec.structs.replace(OWNER, **changes))


def test_a_clean_2021_record_has_only_the_old_address_note() -> None:
    findings = validate_record(GOOD, Layout.ERA_2021, TODAY)
    assert codes(findings) == {"address.old_units"}
    assert all(f.severity is Severity.INFO for f in findings)


def test_every_message_has_vietnamese_diacritics_and_english() -> None:
    for code, (severity, vi, en) in MESSAGES.items():
        assert code.count(".") == 1 and isinstance(severity, Severity)
        assert vi != en and any(ord(ch) > 127 for ch in vi), code


def test_id_number_findings_point_at_the_field() -> None:
    record = with_owner(id_number="048080001234")
    findings = validate_people(record)
    assert [(f.code, f.field, f.severity) for f in findings] == [
        ("id_number.gender_mismatch", "owner.id_number", Severity.ERROR)
    ]
    assert "Nữ" in findings[0].message and findings[0].message_en


def test_eleven_digit_id_number_and_member_century() -> None:
    record = msgspec.structs.replace(
        with_owner(id_number="04818000123"),
        members=[
            Member(
                full_name="TRẦN VĂN AN",
                gender="Nam",
                birth_date=dt.date(2005, 1, 2),
                id_number="048005001234",
            )
        ],
    )
    got = {(f.code, f.field) for f in validate_people(record)}
    assert got == {
        ("id_number.length", "owner.id_number"),
        ("id_number.century_mismatch", "members[0].id_number"),
    }


def test_cccd_with_nine_digits_is_a_type_mismatch() -> None:
    assert codes(validate_people(with_owner(id_number="201234567"))) == {"id_number.type_mismatch"}


@pytest.mark.parametrize(
    ("layout", "number", "expected"),
    [
        (Layout.ERA_2015, "41N8033112", set()),
        (Layout.ERA_2015, "8340125748", {"registration_number.format"}),
        (Layout.ERA_2021, "41N8033112", set()),
        (Layout.ERA_2021, "8340125748-002", set()),
        (Layout.ERA_2021, "8340125749", {"registration_number.tax_code_checksum"}),
        (Layout.ERA_2025, "048180001234", set()),
        (Layout.ERA_2025, "048180001235", {"registration_number.owner_id_mismatch"}),
        (Layout.ERA_2025, "41N8033112", {"registration_number.format"}),
    ],
)
def test_registration_number_per_era(layout: Layout, number: str, expected: set[str]) -> None:
    record = msgspec.structs.replace(GOOD, registration_number=number)
    assert codes(validate_registration_number(record, layout)) == expected


def test_contacts() -> None:
    record = msgspec.structs.replace(GOOD, phone="01686123456", fax="0905123456", email="hoa@gmail")
    findings = validate_contacts(record)
    assert codes(findings) == {"phone.old_mobile_number", "fax.format", "email.format"}
    assert "0386123456" in next(f.message for f in findings if f.code == "phone.old_mobile_number")
    assert codes(validate_contacts(msgspec.structs.replace(GOOD, phone="12345"))) == {"phone.format"}


def test_pre2017_landline_is_a_warning_on_2015_forms_only() -> None:
    record = msgspec.structs.replace(GOOD, phone="0511 3822 123", fax="04 3822 1234")
    old = validate_contacts(record, Layout.ERA_2015)
    assert {(f.code, f.field, f.severity) for f in old} == {
        ("phone.pre2017_area_code", "phone", Severity.WARNING),
        ("phone.pre2017_area_code", "fax", Severity.WARNING),
    }
    assert codes(validate_contacts(record, Layout.ERA_2025)) == {"phone.format", "fax.format"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"owner": {"id_issued_on": dt.date(1979, 1, 1)}}, {"dates.birth_after_id_issue"}),
        ({"owner": {"id_issued_on": dt.date(1990, 1, 1)}}, {"dates.id_issued_under_14"}),
        # issued after the first registration but before the amendment: allowed (current card)
        ({"owner": {"id_issued_on": dt.date(2022, 1, 1)}}, set()),
        ({"owner": {"id_issued_on": dt.date(2024, 1, 1)}}, {"dates.id_issued_after_certificate"}),
        (
            {"amended_on": dt.date(2018, 1, 1)},
            {"dates.amendment_before_first_registration", "dates.id_issued_after_certificate"},
        ),
        ({"amended_on": dt.date(2027, 1, 1)}, {"dates.in_future"}),
        (
            {"owner": {"birth_date": dt.date(2005, 1, 1), "id_issued_on": dt.date(2019, 2, 1)}},
            {"dates.owner_under_18"},
        ),
        (
            {"amended_on": None},  # the first registration (2019) now bounds the 2021 card
            {"amendment.number_without_date", "dates.id_issued_after_certificate"},
        ),
        ({"amendment_number": None}, {"amendment.date_without_number"}),
        ({"amendment_number": 0}, {"amendment.number_invalid"}),
    ],
)
def test_date_rules(changes: dict[str, object], expected: set[str]) -> None:
    owner_changes = changes.pop("owner", {})
    record = msgspec.structs.replace(GOOD, **changes)
    record = msgspec.structs.replace(record, owner=msgspec.structs.replace(OWNER, **owner_changes))  # type: ignore[arg-type]
    assert codes(validate_dates(record, TODAY)) == expected


def test_without_amendment_the_first_registration_bounds_the_id_issue() -> None:
    record = msgspec.structs.replace(
        with_owner(id_issued_on=dt.date(2020, 1, 1)), amendment_number=None, amended_on=None
    )
    findings = validate_dates(record, TODAY)
    assert [(f.code, f.field) for f in findings] == [
        ("dates.id_issued_after_certificate", "owner.id_issued_on")
    ]
    assert "2019-03-05" in findings[0].message


def test_capital_words() -> None:
    assert check_capital_words(150_000_000, "Một trăm năm mươi triệu đồng") == []
    assert check_capital_words(150_000_000, "mot tram nam muoi trieu dong") == []
    mismatch = check_capital_words(150_000_000, "Một trăm năm triệu đồng")
    assert codes(mismatch) == {"capital.words_mismatch"} and "150.000.000" in mismatch[0].message
    assert codes(check_capital_words(150_000_000, "xyz")) == {"capital.words_unreadable"}


def test_non_positive_capital_and_negative_employees() -> None:
    record = msgspec.structs.replace(GOOD, capital_vnd=0, employees=-1)
    assert {"capital.not_positive", "employees.negative"} <= codes(
        validate_record(record, Layout.ERA_2021, TODAY)
    )


@pytest.mark.parametrize(
    ("layout", "line", "expected"),
    [
        (Layout.ERA_2021, BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"), set()),
        (
            Layout.ERA_2021,
            BusinessLine("4722", "Ban le thuc pham trong cac cua hang chuyen doanh. Chi tiết: rau"),
            set(),
        ),
        (Layout.ERA_2021, BusinessLine("4722", "Sửa chữa xe máy"), {"business_lines.name_mismatch"}),
        (Layout.ERA_2021, BusinessLine("47221", "Bán lẻ"), {"business_lines.code_format"}),
        (Layout.ERA_2021, BusinessLine("9999", None), {"business_lines.code_unknown"}),
        (Layout.ERA_2025, BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"), set()),
        (Layout.ERA_2025, BusinessLine("9999", None), {"business_lines.code_unknown"}),
    ],
)
def test_business_lines(layout: Layout, line: BusinessLine, expected: set[str]) -> None:
    assert codes(validate_business_lines([line], layout)) == expected


def test_vsic_2025_only_code_on_a_2021_form_is_flagged() -> None:
    from schemas.reference import load_vsic

    only_2025 = sorted(c for c, v in load_vsic("2025").items() if v.level == 4 and c not in load_vsic("2018"))
    assert only_2025
    found = validate_business_lines([BusinessLine(only_2025[0], None)], Layout.ERA_2021)
    assert codes(found) == {"business_lines.code_other_version"}


def test_2025_record_with_split_old_address_asks_a_human() -> None:
    record = msgspec.structs.replace(
        GOOD,
        registration_number="048180001234",
        address="Số 5, Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội",
    )
    findings = [f for f in validate_record(record, Layout.ERA_2025, TODAY) if f.field == "address"]
    assert [f.code for f in findings] == ["address.split_commune"]
    assert findings[0].candidates is not None and len(findings[0].candidates) >= 2
    assert {c["scheme"] for c in findings[0].candidates} == {"2025"}
    assert findings[0].severity is Severity.WARNING


def test_findings_serialise_in_the_contract_shape() -> None:
    findings = validate_record(with_owner(id_number="048080001234"), Layout.ERA_2021, TODAY)
    data = msgspec.json.decode(msgspec.json.encode(findings))
    assert {"code", "field", "severity", "message", "message_en", "candidates"} == set(data[0])


def _texts() -> st.SearchStrategy[str | None]:
    vietnamese = st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặềếểễệìíỉĩịòóỏõọờớởỡợùúủũụừứửữựỳýỷỹỵ ,.-'0123456789lO",
        max_size=80,
    )
    return st.none() | vietnamese | st.text(max_size=40)


records = st.builds(
    Record,
    registration_number=_texts(),
    first_registered_on=st.none() | st.dates(),
    amendment_number=st.none() | st.integers(min_value=-3, max_value=99),
    amended_on=st.none() | st.dates(),
    address=_texts(),
    phone=_texts(),
    fax=_texts(),
    email=_texts(),
    business_lines=st.lists(st.builds(BusinessLine, code=_texts(), name=_texts()), max_size=3),
    capital_vnd=st.none() | st.integers(min_value=-(10**6), max_value=10**15),
    employees=st.none() | st.integers(min_value=-5, max_value=10**4),
    owner=st.builds(
        Person,
        gender=st.none() | st.sampled_from(["Nam", "Nữ", "nu", "X"]),
        birth_date=st.none() | st.dates(),
        id_type=_texts(),
        id_number=_texts(),
        id_issued_on=st.none() | st.dates(),
        permanent_address=_texts(),
    ),
    members=st.lists(st.builds(Member, id_number=_texts(), birth_date=st.none() | st.dates()), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(records, st.sampled_from(list(Layout)))
def test_any_record_validates_without_crashing(record: Record, layout: Layout) -> None:
    findings = validate_record(record, layout, TODAY)
    assert all(f.code in MESSAGES and f.message for f in findings)
