"""Cross-checks that raise or lower field confidence, and the findings they produce.

A value that agrees with an independent source (the ID number's sex/birth-year digits, the capital in
words, the tax-code check digit, the VSIC name of the printed code) is trusted more; a disagreement
sends every field involved to review. Thresholds live here so they are tuned in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from rapidfuzz import fuzz

from ocr.extraction.fields import Candidate
from schemas.identifiers import decode_personal_id, is_valid_tax_code
from schemas.record import BusinessLine, Finding, Severity
from schemas.reference import VsicVersion, load_cccd_prefixes, load_vsic
from schemas.vietnamese import fold_key

AGREE = 0.12  # confidence added when an independent check agrees


def boost(c: Candidate, amount: float = AGREE) -> None:
    if c.value is not None:
        c.confidence = min(1.0, c.confidence + amount)


def doubt(c: Candidate, cap: float = 0.4) -> None:
    c.confidence = min(c.confidence, cap)


def finding(
    code: str, field: str, message: str, message_en: str, severity: Severity = Severity.WARNING
) -> Finding:
    return Finding(code=code, field=field, severity=severity, message=message, message_en=message_en)


def check_identity(f: dict[str, Candidate], findings: list[Finding]) -> None:
    """Personal ID vs sex, birth year and the province table."""
    number, gender, birth = f["owner.id_number"], f["owner.gender"], f["owner.birth_date"]
    if not isinstance(number.value, str):
        return
    if len(number.value) == 9:
        boost(number, 0.03)
        return
    decoded = decode_personal_id(number.value)
    if decoded is None:
        doubt(number)
        findings.append(
            finding(
                "id_number.length",
                "owner.id_number",
                "Số giấy tờ không đủ 9 hoặc 12 chữ số.",
                "ID number is neither 9 nor 12 digits.",
            )
        )
        return
    prefix, id_gender, id_year = decoded.province_prefix, decoded.gender, decoded.birth_year
    agree = prefix in load_cccd_prefixes()
    if gender.value is not None:
        if gender.value == id_gender:
            boost(gender)
        else:
            agree = False
            doubt(gender)
            findings.append(
                finding(
                    "id_number.gender_mismatch",
                    "owner.id_number",
                    "Giới tính không khớp với số định danh.",
                    "Gender disagrees with the ID number.",
                )
            )
    if isinstance(birth.value, dt.date):
        if birth.value.year == id_year:
            boost(birth)
        else:
            agree = False
            doubt(birth)
            findings.append(
                finding(
                    "id_number.century_mismatch",
                    "owner.id_number",
                    "Năm sinh không khớp với số định danh.",
                    "Birth year disagrees with the ID number.",
                )
            )
    if agree:
        boost(number)
    else:
        doubt(number)


def check_registration(f: dict[str, Candidate], layout: str, findings: list[Finding]) -> None:
    reg = f["registration_number"]
    value = reg.value
    if not isinstance(value, str):
        return
    if re.fullmatch(r"\d{10}(-\d{3})?|\d{13}", value):
        if is_valid_tax_code(value[:10]):
            boost(reg, 0.2)
        else:
            doubt(reg)
            findings.append(
                finding(
                    "registration_number.checksum",
                    "registration_number",
                    "Mã số thuế sai chữ số kiểm tra.",
                    "Tax code check digit is wrong.",
                )
            )
    elif re.fullmatch(r"\d{12}", value):
        owner = f["owner.id_number"]
        if owner.value == value and min(owner.confidence, reg.confidence) >= 0.5:
            # Two separate readings of the same twelve digits agree (and no other check objected).
            reg.confidence = max(reg.confidence, 0.97)
            owner.confidence = max(owner.confidence, 0.97)
        elif layout == "2025" and owner.value:
            doubt(reg)
            doubt(owner)
    elif re.fullmatch(r"\d{2}[A-Z0-9]\d{7}", value):
        boost(reg, 0.03)
    else:
        doubt(reg)


def check_capital(capital: Candidate, spoken: int | None, findings: list[Finding]) -> None:
    if capital.value is None:
        return
    if spoken is None:
        doubt(capital, 0.7)
    elif spoken == capital.value:
        boost(capital, 0.3)
    else:
        doubt(capital)
        findings.append(
            finding(
                "capital.words_mismatch",
                "capital_vnd",
                "Vốn bằng số và bằng chữ không khớp.",
                "Capital in figures disagrees with the capital in words.",
            )
        )


def check_dates(f: dict[str, Candidate], findings: list[Finding], today: dt.date) -> None:
    """birth + 14y ≤ ID issue ≤ certificate date; first registration ≤ amendment; nothing in the future."""

    def d(name: str) -> dt.date | None:
        v = f[name].value
        return v if isinstance(v, dt.date) else None

    birth, issued, first, amended = (
        d("owner.birth_date"),
        d("owner.id_issued_on"),
        d("first_registered_on"),
        d("amended_on"),
    )
    for name in ("owner.birth_date", "owner.id_issued_on", "first_registered_on", "amended_on"):
        v = d(name)
        if v is not None and (v > today or v.year < 1900):
            doubt(f[name])
            findings.append(finding("date.out_of_range", name, "Ngày không hợp lệ.", "Date out of range."))
    pairs = [
        ("first_registered_on", first, "amended_on", amended, 0),
        ("owner.birth_date", birth, "owner.id_issued_on", issued, 14),
        ("owner.birth_date", birth, "first_registered_on", first, 14),
    ]
    for a_name, a, b_name, b, years in pairs:
        if a and b and b < _add_years(a, years):
            doubt(f[a_name], 0.5)
            doubt(f[b_name], 0.5)
            findings.append(finding("date.order", b_name, "Thứ tự ngày không hợp lý.", "Dates out of order."))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@cache
def _vsic_names() -> dict[str, str]:
    names: dict[str, str] = {}
    versions: tuple[VsicVersion, ...] = ("2018", "2025")
    for version in versions:
        for code, entry in load_vsic(version).items():
            if len(code) == 4:
                names.setdefault(code, entry.name)
                names[code + "@" + version] = entry.name
    return names


def check_business_lines(lines: Candidate, findings: list[Finding]) -> None:
    """Code vs name: snap a near-identical OCR'd name to the official wording; disagreement → review."""
    if not lines.value:
        return
    names = _vsic_names()
    fixed: list[BusinessLine] = []
    agreements = 0
    for item in lines.value:
        best_name, best_score = None, 0.0
        if item.code:
            for key in (item.code + "@2025", item.code + "@2018"):
                official = names.get(key)
                if official and item.name:
                    score = fuzz.ratio(fold_key(item.name), fold_key(official))
                    if score > best_score:
                        best_name, best_score = official, score
        if best_name is not None and best_score >= 93:
            fixed.append(BusinessLine(code=item.code, name=best_name))
            agreements += 1
        else:
            fixed.append(item)
            if item.code and item.code not in names:
                findings.append(
                    finding(
                        "vsic.unknown_code",
                        "business_lines",
                        f"Mã ngành {item.code} không có.",
                        f"Unknown VSIC code {item.code}.",
                    )
                )
    lines.value = fixed
    if item_count := len(fixed):
        if agreements == item_count:
            boost(lines, 0.25)
        elif any(i.code for i in fixed):
            doubt(lines, 0.6)
