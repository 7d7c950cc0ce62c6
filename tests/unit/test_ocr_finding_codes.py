"""Extraction and validation report one problem under one code, so the review screen shows it once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ocr.extraction import extract_record
from rules.findings import MESSAGES
from rules.record import validate_extraction as add_validation
from tests.unit.test_ocr_extraction import CERT_2021, page_of

BROKEN = {
    "Mã số hộ kinh doanh: 8000000004": "Mã số hộ kinh doanh: 8000000005",  # check digit
    "ngày 14/08/2023": "ngày 14/08/2018",  # amended before the first registration (2019)
    "Giới tính: Nữ": "Giới tính: Nam",  # the ID's 4th digit says female
    "(Mã ngành: 4711)": "(Mã ngành: 9998)",  # in neither VSIC table
    "(Một trăm": "(Hai trăm",  # capital words disagree with the figures
}


def broken_certificate() -> list[str]:
    lines = []
    for line in CERT_2021:
        for old, new in BROKEN.items():
            line = line.replace(old, new)
        lines.append(line)
    return lines


def test_extraction_uses_the_shared_finding_codes() -> None:
    ex = extract_record("x.png", [page_of(broken_certificate())], today=dt.date(2026, 1, 1))
    pairs = {(f.code, f.field) for f in ex.findings}
    assert {
        ("registration_number.tax_code_checksum", "registration_number"),
        ("dates.amendment_before_first_registration", "amended_on"),
        ("id_number.gender_mismatch", "owner.id_number"),
        ("business_lines.code_unknown", "business_lines[0].code"),
        ("capital.words_mismatch", "capital_vnd"),
    } <= pairs
    assert all(f.code in MESSAGES for f in ex.findings)
    assert all("{" not in f.message for f in ex.findings)  # placeholders filled


def test_add_validation_reports_each_problem_once() -> None:
    ex = extract_record("x.png", [page_of(broken_certificate())], today=dt.date(2026, 1, 1))
    validated = add_validation(ex)
    counts = Counter((f.code, f.field) for f in validated.findings)
    assert counts and max(counts.values()) == 1
    for code in ("registration_number.tax_code_checksum", "id_number.gender_mismatch"):
        assert sum(f.code == code for f in validated.findings) == 1
