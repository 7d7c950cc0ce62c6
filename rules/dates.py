"""Rules about the dates a certificate prints (DESIGN.md, "Cross-checks"), and their findings.

`check_date_order`: birth < ID issue, the owner at least 14 then (the card is issued from age 14) ≤ the
certificate's own date (the amendment date if any, else the first registration: an amended
certificate carries the owner's current card, which may be newer than the first registration); first
registration ≤ amendment; none in the future. It returns (code, field) pairs, so extraction can doubt
the fields involved; `validate_dates` turns them (plus age at registration and the amendment fields)
into findings. `today` is a parameter so the rules stay pure and testable.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from rules.findings import make_finding
from schemas.record import Finding, Record

__all__ = ["MIN_ID_AGE", "DateProblem", "age_on", "check_date_order", "validate_dates"]

MIN_ID_AGE = 14
_ADULT_AGE = 18


class DateProblem(msgspec.Struct, frozen=True):
    code: str  # e.g. "dates.birth_after_id_issue"
    field: str  # the field most likely wrong, as a record path


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_date_order(
    *,
    today: dt.date,
    birth_date: dt.date | None = None,
    id_issued_on: dt.date | None = None,
    first_registered_on: dt.date | None = None,
    amended_on: dt.date | None = None,
) -> list[DateProblem]:
    """Every order rule the given dates break (a missing date skips the rules that need it)."""
    problems: list[DateProblem] = []
    named = {
        "owner.birth_date": birth_date,
        "owner.id_issued_on": id_issued_on,
        "first_registered_on": first_registered_on,
        "amended_on": amended_on,
    }
    for field, value in named.items():
        if value is not None and value > today:
            problems.append(DateProblem("dates.in_future", field))
    if birth_date and id_issued_on:
        if id_issued_on <= birth_date:
            problems.append(DateProblem("dates.birth_after_id_issue", "owner.id_issued_on"))
        elif age_on(birth_date, id_issued_on) < MIN_ID_AGE:
            problems.append(DateProblem("dates.id_issued_under_14", "owner.id_issued_on"))
    own_date = amended_on or first_registered_on
    if id_issued_on and own_date and id_issued_on > own_date:
        problems.append(DateProblem("dates.id_issued_after_certificate", "owner.id_issued_on"))
    if birth_date and first_registered_on and first_registered_on <= birth_date:
        problems.append(DateProblem("dates.birth_after_registration", "owner.birth_date"))
    if first_registered_on and amended_on and amended_on < first_registered_on:
        problems.append(DateProblem("dates.amendment_before_first_registration", "amended_on"))
    return problems


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
