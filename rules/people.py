"""Findings about personal ID numbers of the owner (chủ hộ) and household members (thành viên)."""

from __future__ import annotations

import datetime as dt

from rules.findings import make_finding
from rules.identifiers import IdProblem, check_personal_id, decode_personal_id
from schemas.record import Finding, Record

__all__ = ["validate_id_number", "validate_people"]

_TWELVE_DIGIT_TYPES = ("căn cước công dân", "thẻ căn cước", "căn cước")


def validate_id_number(
    number: str | None,
    field: str,
    gender: str | None = None,
    birth_date: dt.date | None = None,
    id_type: str | None = None,
) -> list[Finding]:
    """Structure of one ID number against the holder's gender and birth date; passports are skipped."""
    if not number or (id_type and id_type.strip().lower() == "hộ chiếu"):
        return []
    findings: list[Finding] = []
    decoded = decode_personal_id(number)
    for problem in check_personal_id(number, gender, birth_date):
        code = f"id_number.{problem.value}"
        match problem:
            case IdProblem.LENGTH:
                findings.append(make_finding(code, field, length=len(number)))
            case IdProblem.PROVINCE_UNKNOWN:
                findings.append(make_finding(code, field, prefix=number[:3]))
            case IdProblem.GENDER_MISMATCH:
                findings.append(make_finding(code, field, digit=number[3], gender=gender))
            case IdProblem.CENTURY_MISMATCH:
                year = birth_date.year if birth_date else "?"
                findings.append(make_finding(code, field, digit=number[3], year=year))
            case IdProblem.BIRTH_YEAR_MISMATCH:
                year = birth_date.year if birth_date else "?"
                digits = decoded.year_digits if decoded else number[4:6]
                findings.append(make_finding(code, field, digits=digits, year=year))
            case _:
                findings.append(make_finding(code, field))
    if id_type and id_type.strip().lower() in _TWELVE_DIGIT_TYPES and number.isdigit() and len(number) == 9:
        findings.append(make_finding("id_number.type_mismatch", field, id_type=id_type, length=9))
    return findings


def validate_people(record: Record) -> list[Finding]:
    """The owner's ID number, then every household member's."""
    owner = record.owner
    findings = validate_id_number(
        owner.id_number, "owner.id_number", owner.gender, owner.birth_date, owner.id_type
    )
    for i, member in enumerate(record.members):
        findings += validate_id_number(
            member.id_number, f"members[{i}].id_number", member.gender, member.birth_date
        )
    return findings
