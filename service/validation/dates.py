"""Findings about dates: order rules (schemas.date_rules), age at registration, amendment fields."""

from __future__ import annotations

import datetime as dt

from schemas.date_rules import check_date_order
from schemas.finding_codes import make_finding
from schemas.record import Finding, Record

__all__ = ["validate_dates"]

_ADULT_AGE = 18


def validate_dates(record: Record, today: dt.date) -> list[Finding]:
    """Every date rule the record breaks; `today` is passed in so results do not depend on the clock."""
    owner = record.owner
    values = {
        "owner.birth_date": owner.birth_date,
        "owner.id_issued_on": owner.id_issued_on,
        "first_registered_on": record.first_registered_on,
        "amended_on": record.amended_on,
    }
    certificate_date = record.amended_on or record.first_registered_on
    findings = [
        make_finding(
            problem.code,
            problem.field,
            value=values.get(problem.field),
            certificate_date=certificate_date.isoformat() if certificate_date else "?",
        )
        for problem in check_date_order(
            today=today,
            birth_date=owner.birth_date,
            id_issued_on=owner.id_issued_on,
            first_registered_on=record.first_registered_on,
            amended_on=record.amended_on,
        )
    ]
    registered = record.first_registered_on
    if owner.birth_date and registered and owner.birth_date < registered < _adult_on(owner.birth_date):
        findings.append(make_finding("dates.owner_under_18", "owner.birth_date"))
    for i, member in enumerate(record.members):
        if member.birth_date and member.birth_date > today:
            findings.append(
                make_finding("dates.in_future", f"members[{i}].birth_date", value=member.birth_date)
            )
    findings += _validate_amendment(record)
    return findings


def _adult_on(birth: dt.date) -> dt.date:
    """The day the owner turns 18 (29 February births turn 18 on 1 March)."""
    try:
        return birth.replace(year=birth.year + _ADULT_AGE)
    except ValueError:
        return dt.date(birth.year + _ADULT_AGE, 3, 1)


def _validate_amendment(record: Record) -> list[Finding]:
    number = record.amendment_number
    if number is not None and number < 1:
        return [make_finding("amendment.number_invalid", "amendment_number", number=number)]
    if record.amended_on and number is None:
        return [make_finding("amendment.date_without_number", "amendment_number")]
    if number is not None and record.amended_on is None:
        return [make_finding("amendment.number_without_date", "amended_on", number=number)]
    return []
