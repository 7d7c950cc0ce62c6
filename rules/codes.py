"""Findings about the registration number (per certificate era) and the contact fields."""

from __future__ import annotations

from rules.findings import make_finding
from rules.identifiers import (
    OLD_MOBILE_PREFIXES,
    PhoneKind,
    RegistrationKind,
    classify_phone,
    classify_registration_number,
    is_pre2017_landline,
    is_valid_email,
    normalize_phone,
)
from schemas.record import Finding, Layout, Record

__all__ = ["validate_contacts", "validate_registration_number"]

_EXPECTED: dict[Layout, tuple[set[RegistrationKind], str]] = {
    Layout.ERA_2015: ({RegistrationKind.OLD_NUMBER}, "10 ký tự dạng 41N8033112"),
    Layout.ERA_2021: (
        {RegistrationKind.OLD_NUMBER, RegistrationKind.TAX_CODE},
        "mã số thuế 10 hoặc 13 số, hoặc số cũ 10 ký tự",
    ),
    Layout.ERA_2025: ({RegistrationKind.PERSONAL_ID}, "12 chữ số, trùng số định danh của chủ hộ"),
    Layout.UNRECOGNISED: (set(RegistrationKind), "một trong các dạng số đăng ký"),
}


def validate_registration_number(record: Record, layout: Layout) -> list[Finding]:
    """The number must have its era's format; a 2025 number equals the owner's ID number."""
    value = record.registration_number
    if not value:
        return []
    field = "registration_number"
    kind = classify_registration_number(value)
    allowed, expected = _EXPECTED[layout]
    digits = value.replace("-", "")
    if kind is None and digits.isdigit() and len(digits) in (10, 13) and layout != Layout.ERA_2015:
        return [make_finding("registration_number.tax_code_checksum", field, value=value)]
    if kind not in allowed:
        return [
            make_finding(
                "registration_number.format", field, value=value, era=layout.value, expected=expected
            )
        ]
    owner_id = record.owner.id_number
    if kind is RegistrationKind.PERSONAL_ID and layout == Layout.ERA_2025 and owner_id and owner_id != value:
        return [make_finding("registration_number.owner_id_mismatch", field, owner_id=owner_id)]
    return []


def validate_contacts(record: Record, layout: Layout = Layout.UNRECOGNISED) -> list[Finding]:
    """Phone (mobile or landline), fax (landline), e-mail. A 2015-era certificate may print a
    landline number with its pre-2017 area code: a warning to check, not an error."""
    findings: list[Finding] = []
    old_era = layout == Layout.ERA_2015
    if record.phone:
        kind = classify_phone(record.phone)
        if kind is None and old_era and is_pre2017_landline(record.phone):
            findings.append(make_finding("phone.pre2017_area_code", "phone", value=record.phone))
        elif kind is None:
            findings.append(make_finding("phone.format", "phone", value=record.phone))
        elif kind is PhoneKind.OLD_MOBILE:
            digits = normalize_phone(record.phone)
            new_number = OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
            findings.append(make_finding("phone.old_mobile_number", "phone", new_number=new_number))
    fax_kind = classify_phone(record.fax) if record.fax else None
    if record.fax and fax_kind is not PhoneKind.LANDLINE:
        if old_era and is_pre2017_landline(record.fax):
            findings.append(make_finding("phone.pre2017_area_code", "fax", value=record.fax))
        else:
            findings.append(make_finding("fax.format", "fax", value=record.fax))
    if record.email and not is_valid_email(record.email):
        findings.append(make_finding("email.format", "email", value=record.email))
    return findings
