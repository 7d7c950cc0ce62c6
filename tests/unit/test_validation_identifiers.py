"""Personal ID numbers, tax codes, registration numbers, phones, e-mail (rules.identifiers)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.identifiers import (
    IdProblem,
    PhoneKind,
    RegistrationKind,
    check_personal_id,
    classify_phone,
    classify_registration_number,
    decode_personal_id,
    is_valid_email,
    is_valid_tax_code,
    sex_century_digit,
    tax_code_check_digit,
)
from schemas.reference import load_cccd_prefixes

PREFIXES = sorted(load_cccd_prefixes())
genders = st.sampled_from(["Nam", "Nữ"])
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
serials = st.integers(min_value=0, max_value=999_999)


def make_id(prefix: str, gender: str, birth: dt.date, serial: int) -> str:
    g = sex_century_digit(gender, birth.year)
    assert g is not None
    return f"{prefix}{g}{birth.year % 100:02d}{serial:06d}"


@given(st.sampled_from(PREFIXES), genders, births, serials)
def test_well_formed_id_has_no_problem_and_decodes_back(
    prefix: str, gender: str, birth: dt.date, serial: int
) -> None:
    number = make_id(prefix, gender, birth, serial)
    assert check_personal_id(number, gender, birth) == []
    decoded = decode_personal_id(number)
    assert decoded is not None
    assert (decoded.gender, decoded.birth_year, decoded.province_prefix) == (gender, birth.year, prefix)


@given(st.sampled_from(PREFIXES), genders, births, serials)
def test_wrong_gender_is_caught(prefix: str, gender: str, birth: dt.date, serial: int) -> None:
    other = "Nữ" if gender == "Nam" else "Nam"
    assert check_personal_id(make_id(prefix, gender, birth, serial), other, birth) == [
        IdProblem.GENDER_MISMATCH
    ]


@given(st.sampled_from(PREFIXES), genders, births, serials)
def test_wrong_century_is_caught(prefix: str, gender: str, birth: dt.date, serial: int) -> None:
    shifted = (
        birth.replace(year=birth.year + 100) if birth.year < 2000 else birth.replace(year=birth.year - 100)
    )
    assert IdProblem.CENTURY_MISMATCH in check_personal_id(
        make_id(prefix, gender, birth, serial), gender, shifted
    )


@given(st.sampled_from(PREFIXES), genders, births, serials, st.integers(min_value=1, max_value=9))
def test_wrong_year_digits_are_caught(
    prefix: str, gender: str, birth: dt.date, serial: int, delta: int
) -> None:
    number = make_id(prefix, gender, birth, serial)
    other_year = birth.year // 100 * 100 + (birth.year % 100 + delta) % 100
    other = dt.date(other_year, 1, 1)
    assert check_personal_id(number, gender, other) == [IdProblem.BIRTH_YEAR_MISMATCH]


@given(st.text(alphabet="0123456789", min_size=1, max_size=15).filter(lambda s: len(s) not in (9, 12)))
def test_other_lengths_are_caught(number: str) -> None:
    assert check_personal_id(number) == [IdProblem.LENGTH]


def test_unknown_province_prefix_is_caught() -> None:
    assert "003" not in load_cccd_prefixes()
    assert check_personal_id("003080001234") == [IdProblem.PROVINCE_UNKNOWN]


def test_nine_digit_cmnd_and_non_digits() -> None:
    assert check_personal_id("201234567", "Nam", dt.date(1970, 1, 1)) == []
    assert check_personal_id("04818000123A") == [IdProblem.NOT_DIGITS]


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(nine_digits)
def test_tax_code_with_its_check_digit_is_valid(first: str) -> None:
    check = tax_code_check_digit(first)
    if check is None:  # such prefixes are never issued
        assert not any(is_valid_tax_code(first + str(d)) for d in range(10))
        return
    code = first + str(check)
    assert is_valid_tax_code(code)
    assert is_valid_tax_code(code + "-001")
    assert not is_valid_tax_code(code + "-000")


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_in_a_tax_code_is_caught(first: str, position: int, delta: int) -> None:
    check = tax_code_check_digit(first)
    if check is None:
        return
    code = first + str(check)
    wrong = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1 :]
    assert not is_valid_tax_code(wrong)


def test_tax_code_example_from_a_certificate() -> None:
    assert is_valid_tax_code("8340125748-002")
    assert is_valid_tax_code("8340125748002")
    assert not is_valid_tax_code("8340125749")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("41N8033112", RegistrationKind.OLD_NUMBER),
        ("12A8018999", RegistrationKind.OLD_NUMBER),
        ("8340125748-002", RegistrationKind.TAX_CODE),
        ("048180001234", RegistrationKind.PERSONAL_ID),
        ("41N7033112", None),
        ("8340125749", None),
    ],
)
def test_registration_number_kinds(number: str, kind: RegistrationKind | None) -> None:
    assert classify_registration_number(number) == kind


@pytest.mark.parametrize(
    ("phone", "kind"),
    [
        ("0905123456", PhoneKind.MOBILE),
        ("0356 123 456", PhoneKind.MOBILE),
        ("+84905123456", PhoneKind.MOBILE),
        ("02363822123", PhoneKind.LANDLINE),
        ("024.3822.1234", PhoneKind.LANDLINE),
        ("01686123456", PhoneKind.OLD_MOBILE),
        ("0605123456", None),
        ("09051234", None),
        ("02013822123", None),
    ],
)
def test_phone_kinds(phone: str, kind: PhoneKind | None) -> None:
    assert classify_phone(phone) == kind


@pytest.mark.parametrize(
    ("email", "ok"),
    [("hoa@gmail.com", True), ("a.b@so-kh.gov.vn", True), ("a@b", False), ("hoa gmail.com", False)],
)
def test_email(email: str, ok: bool) -> None:
    assert is_valid_email(email) is ok
