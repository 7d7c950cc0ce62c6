"""Bounded-time property fuzzing of the normalisers (issue 8): dates, amounts, number words, codes,
phone/email, fold/unaccent. Any input must give a value or None, never an exception; outputs are
NFC and stable under a second pass; known-good values survive whitespace/case mutations."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ocr.extraction import normalise as nz
from rules import identifiers as ids
from rules.dates import age_on, check_date_order
from schemas.numbers_vi import amount_to_words, int_to_words, parse_amount, words_to_int
from schemas.vietnamese import fold_accents, fold_key, normalize_name, normalize_text, normalize_tone_marks

FUZZ = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
"""Bounded: the whole file runs in seconds; a pathological regex or a quadratic path trips the deadline."""

VI_CHARS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
VI_TEXT = st.text(
    alphabet=st.sampled_from(VI_CHARS + VI_CHARS.upper() + "0123456789 .,:;/-()\u0301\u0323\u00a0\t\n"),
    max_size=60,
)
ANY_TEXT = st.one_of(
    st.text(max_size=80),
    VI_TEXT,
    VI_TEXT.map(lambda s: unicodedata.normalize("NFD", s)),
    st.text(alphabet="0123456789 .", min_size=200, max_size=5000),  # very long lines of figures
    st.text(alphabet="0123456789OolIS/.-", max_size=30),
)
WHITESPACE = st.sampled_from([" ", "  ", "\u00a0", "\t", " \n "])


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


# --- text helpers ----------------------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT)
def test_fold_key_is_idempotent_ascii_and_ignores_nfd(text: str) -> None:
    key = fold_key(text)
    assert fold_key(key) == key
    assert key == fold_key(unicodedata.normalize("NFD", text))
    assert all(ch in "abcdefghijklmnopqrstuvwxyz0123456789 " for ch in key)
    assert "  " not in key and key == key.strip()


@FUZZ
@given(ANY_TEXT)
def test_fold_accents_is_idempotent_and_nfc(text: str) -> None:
    folded = fold_accents(text)
    assert fold_accents(folded) == folded and is_nfc(folded)


@FUZZ
@given(ANY_TEXT)
def test_normalize_text_and_name_are_idempotent_and_nfc(text: str) -> None:
    for normalise in (normalize_text, normalize_name, normalize_tone_marks):
        once = normalise(text)
        assert normalise(once) == once and is_nfc(once)


@FUZZ
@given(VI_TEXT, WHITESPACE)
def test_name_survives_whitespace_and_nfd(name: str, space: str) -> None:
    mutated = space + unicodedata.normalize("NFD", name).replace(" ", space) + space
    assert normalize_name(mutated) == normalize_name(name)


# --- dates -----------------------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@FUZZ
@given(ANY_TEXT)
def test_parse_date_never_raises(text: str) -> None:
    value = nz.parse_date(text)
    assert value is None or isinstance(value, dt.date)
    assert all(isinstance(d, dt.date) and 0 <= a < b <= len(text) for d, a, b in nz.find_dates(text))


@FUZZ
@given(DATES, st.sampled_from(["/", "-", ".", " / "]), st.booleans(), WHITESPACE)
def test_dates_read_in_every_printed_form(day: dt.date, sep: str, pad: bool, space: str) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if pad else (str(day.day), str(day.month))
    assert nz.parse_date(f"{d}{sep}{m}{sep}{day.year}") == day
    words = f"ngày{space}{d}{space}tháng{space}{m}{space}năm{space}{day.year}"
    for form in (words, words.upper(), fold_accents(words), unicodedata.normalize("NFD", words)):
        assert nz.parse_date(form) == day, form


@FUZZ
@given(st.integers(1, 40), st.integers(0, 19), st.integers(1000, 9999))
def test_impossible_dates_are_none(day: int, month: int, year: int) -> None:
    try:
        expected: dt.date | None = dt.date(year, month, day)
    except ValueError:
        expected = None
    assert nz.parse_date(f"{day:02d}/{month:02d}/{year}") == expected
    assert nz.parse_date(f"ngày {day} tháng {month} năm {year}") == expected


@FUZZ
@given(DATES, DATES, st.one_of(st.none(), DATES), st.one_of(st.none(), DATES), DATES)
def test_date_rules_never_raise(
    birth: dt.date, issued: dt.date, first: dt.date | None, amended: dt.date | None, today: dt.date
) -> None:
    problems = check_date_order(
        today=today, birth_date=birth, id_issued_on=issued, first_registered_on=first, amended_on=amended
    )
    assert len({(p.code, p.field) for p in problems}) == len(problems)
    assert (age_on(birth, issued) >= 0) == (issued >= birth)


# --- amounts and number words ----------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT)
@example("1" * 5000)  # found: int() of a 4301+ digit string raises ValueError
@example("1.000." * 900)
def test_amount_parsers_never_raise(text: str) -> None:
    for parse in (parse_amount, nz.parse_amount, nz.parse_int):
        value = parse(text)
        assert value is None or (isinstance(value, int) and value >= 0)
    assert words_to_int(text) is None or words_to_int(text) >= 0  # type: ignore[operator]
    assert nz.amount_in_words(text) is None or isinstance(nz.amount_in_words(text), str)


@FUZZ
@given(st.integers(0, 10**14), st.sampled_from([" đồng", "đ", " VNĐ", "vnđ", " Đồng", ""]), WHITESPACE)
def test_printed_amounts_read_back(n: int, unit: str, space: str) -> None:
    printed = f"{n:,}".replace(",", ".") + unit
    assert parse_amount(printed) == n
    assert parse_amount(space + printed.upper() + space) == n
    assert nz.parse_amount(printed) == n


@FUZZ
@given(st.integers(0, 10**12), WHITESPACE)
def test_number_words_survive_case_whitespace_and_nfd(n: int, space: str) -> None:
    words = amount_to_words(n)
    assert words_to_int(words) == n
    mutated = space + unicodedata.normalize("NFD", words.upper()).replace(" ", space) + space
    assert words_to_int(mutated) == n


@FUZZ
@given(st.integers(1, 100), st.sampled_from(["tỷ", "nghìn", "triệu", "trăm", "mươi", "một", "linh"]))
@example(60, "tỷ")  # found: one recursive call per "tỷ", RecursionError past ~1000 of them
def test_repeated_number_words_give_none_or_int(times: int, word: str) -> None:
    value = words_to_int(("một " + f"{word} " * times * 20).strip())
    assert value is None or value >= 0


@FUZZ
@given(st.integers(0, 10**30))
def test_int_to_words_round_trip_past_10_pow_12(n: int) -> None:
    assert words_to_int(int_to_words(n)) == n


# --- codes, phone, email ---------------------------------------------------------------------------


@FUZZ
@given(ANY_TEXT)
@example("Như trên \u0300")  # found through extraction: the grave joined N once the space was gone
@example("ΐ")  # upper() decomposes it
def test_code_cleaners_never_raise_and_are_stable(text: str) -> None:
    for clean in (nz.clean_registration_number, nz.clean_phone, nz.clean_email, nz.clean_website):
        once = clean(text)
        assert once is None or (once and is_nfc(once) and clean(once) == once), (clean.__name__, once)
    for read in (nz.clean_text, nz.clean_id_type, nz.clean_gender, nz.clean_id_number):
        value = read(text)
        assert value is None or (value and is_nfc(value))
    assert isinstance(nz.is_blank_value(text), bool)


@FUZZ
@given(ANY_TEXT)
def test_identifier_checks_never_raise(text: str) -> None:
    assert ids.normalize_phone(ids.normalize_phone(text)) == ids.normalize_phone(text)
    ids.classify_phone(text)
    ids.is_pre2017_landline(text)
    ids.is_valid_email(text)
    ids.classify_registration_number(text)
    ids.is_valid_tax_code(text)
    decoded = ids.decode_personal_id(text)
    if decoded is not None:
        ids.check_personal_id(text, gender="Nam", birth_date=dt.date(decoded.birth_year, 1, 1))


@FUZZ
@given(st.from_regex(r"0[35789][0-9]{8}", fullmatch=True), WHITESPACE)
def test_mobile_numbers_survive_spacing_and_prefix(number: str, space: str) -> None:
    spaced = space.join([number[:4], number[4:7], number[7:]])
    assert nz.clean_phone(spaced) == number
    assert ids.normalize_phone("+84" + space + spaced[1:]) == number
    assert ids.classify_phone(spaced) is ids.PhoneKind.MOBILE


@FUZZ  # B, O, I, S are left out: OCR reads 8, 0, 1, 5 as them, so "00B8000000" is read as 0088000000
@given(st.from_regex(r"[0-9]{2}[ACDEFGHJKLMNPQRTUVWXYZ]8[0-9]{6}", fullmatch=True), WHITESPACE)
def test_old_registration_numbers_survive_dots_spaces_and_case(number: str, space: str) -> None:
    printed = f"{number[:2]}.{number[2:4]}.{number[4:]}"
    assert nz.clean_registration_number(space + printed.lower() + space) == number
    assert ids.classify_registration_number(printed) is ids.RegistrationKind.OLD_NUMBER


@FUZZ
@given(st.from_regex(r"[a-z][a-z0-9._]{0,15}@[a-z]{2,10}\.(vn|com|com\.vn)", fullmatch=True), WHITESPACE)
def test_emails_survive_spacing(email: str, space: str) -> None:
    assert nz.clean_email(space + email + " " + space) == email
    assert ids.is_valid_email(email)
