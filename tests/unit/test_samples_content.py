"""The generator's ground truth obeys the facts DESIGN.md lists (IDs, tax codes, dates, number words)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import msgspec
import pytest

from samples.business import tax_check_digit
from samples.content import make_certificate
from samples.generate import encode_truth
from samples.messy import apply_anomaly, possible_anomalies
from samples.numwords import amount_to_words, format_thousands, number_to_words
from samples.refdata import load_id_prefixes, load_vsic
from schemas.record import Record

CERTS = [make_certificate(random.Random(f"unit:{i}"), ("2015", "2021", "2025")[i % 3]) for i in range(240)]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (150_000_000, "Một trăm năm mươi triệu"),
        (1005, "Một nghìn không trăm linh năm"),
        (21, "Hai mươi mốt"),
        (25, "Hai mươi lăm"),
        (15, "Mười lăm"),
        (24, "Hai mươi tư"),
        (11, "Mười một"),
        (105, "Một trăm linh năm"),
        (1_000_000, "Một triệu"),
        (2_050_000_000, "Hai tỷ không trăm năm mươi triệu"),
        (0, "Không"),
    ],
)
def test_number_words_follow_vietnamese_rules(value: int, words: str) -> None:
    assert number_to_words(value) == words


def test_amount_words_and_figures_as_printed() -> None:
    assert amount_to_words(150_000_000) == "Một trăm năm mươi triệu đồng"
    assert format_thousands(150_000_000) == "150.000.000"


def test_truth_round_trips_through_the_record_contract() -> None:
    for cert in CERTS:
        decoded = msgspec.json.decode(encode_truth(cert.record), type=Record)
        assert decoded == cert.record


def test_text_is_nfc_and_single_spaced() -> None:
    for cert in CERTS:
        rec = cert.record
        texts = [
            rec.business_name,
            rec.address,
            rec.issuing_authority,
            rec.owner.full_name,
            rec.owner.permanent_address,
        ]
        for text in texts:
            assert text is not None
            assert unicodedata.is_normalized("NFC", text)
            assert " ".join(text.split()) == text


def test_id_numbers_match_sex_birth_year_and_province() -> None:
    prefixes = {p.prefix for p in load_id_prefixes()}
    people = [c.record.owner for c in CERTS] + [m for c in CERTS for m in c.record.members]
    checked = 0
    for person in people:
        assert person.id_number is not None and person.birth_date is not None
        if len(person.id_number) == 9:
            continue
        assert len(person.id_number) == 12 and person.id_number.isdigit()
        century_digit = int(person.id_number[3])
        assert person.id_number[:3] in prefixes
        assert century_digit % 2 == (1 if person.gender == "Nữ" else 0)
        assert 1900 + 100 * (century_digit // 2) + int(person.id_number[4:6]) == person.birth_date.year
        checked += 1
    assert checked > 200


def test_registration_numbers_per_era() -> None:
    for cert in CERTS:
        number = cert.record.registration_number
        assert number is not None and "." not in number and " " not in number
        if cert.layout == "2025":
            assert number == cert.record.owner.id_number and len(number) == 12
        elif len(number.split("-")[0]) == 10 and number[:10].isdigit():
            assert tax_check_digit(number[:9]) == int(number[9])
        else:
            assert len(number) == 10 and number[2].isalpha() and number[3] == "8"


def test_dates_are_ordered() -> None:
    for cert in CERTS:
        rec, owner = cert.record, cert.record.owner
        assert rec.first_registered_on is not None and owner.birth_date is not None
        cert_date = rec.amended_on or rec.first_registered_on
        if rec.amended_on:
            assert rec.first_registered_on < rec.amended_on and rec.amendment_number
        assert cert_date <= dt.date(2026, 11, 28)
        if owner.id_issued_on:
            fourteen = owner.birth_date.replace(
                year=owner.birth_date.year + 14, day=min(owner.birth_date.day, 28)
            )
            assert fourteen <= owner.id_issued_on <= cert_date


def test_business_lines_use_the_eras_vsic_names() -> None:
    """A coded line prints its era's VSIC name (a restriction or a detail may follow it); lines without
    a code (free text, or official names printed without codes: samples.trade_content) are not checked."""
    for cert in CERTS:
        vsic = load_vsic("2025" if cert.layout == "2025" else "2018")
        for line in cert.record.business_lines:
            if line.code is not None:  # the office may add its restriction or detail after the name
                assert (line.name or "").startswith(vsic[line.code])
            else:  # free text, or an official name printed without its code (every era since stop 22)
                assert line.name


def test_tax_check_digit_known_rule() -> None:
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    first9 = "010010910"
    assert tax_check_digit(first9) == 10 - sum(int(d) * w for d, w in zip(first9, weights, strict=True)) % 11


@pytest.mark.parametrize("layout", ["2015", "2021", "2025"])
def test_anomalies_print_one_mistake_the_record_keeps(layout: str) -> None:
    for i in range(30):
        cert = make_certificate(random.Random(f"messy:{i}"), layout)
        for name in possible_anomalies(cert):
            bad = apply_anomaly(random.Random(i), cert, name).record
            owner = bad.owner
            if name == "id_11_digits":
                assert owner.id_number is not None and len(owner.id_number) == 11
            elif name == "id_issued_before_14":
                assert owner.id_issued_on and owner.birth_date
                assert owner.id_issued_on < owner.birth_date.replace(year=owner.birth_date.year + 14, day=1)
            elif name == "id_sex_mismatch":
                assert owner.id_number is not None
                assert int(owner.id_number[3]) % 2 != (1 if owner.gender == "Nữ" else 0)
            else:
                number = bad.registration_number or ""
                assert tax_check_digit(number[:9]) != int(number[9])
            if layout == "2025":
                assert bad.registration_number == owner.id_number
