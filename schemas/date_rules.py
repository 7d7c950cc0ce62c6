"""Order rules between the dates a certificate prints (DESIGN.md, "Cross-checks").

birth < ID issue, the owner at least 14 then (the card is issued from age 14) ≤ the certificate's own
date (the amendment date if any, else the first registration: an amended certificate carries the
owner's current card, which may be newer than the first registration); first registration ≤
amendment; none in the future. `today` is a parameter so the rules stay pure and testable.
Returns (code, field) pairs; messages are the caller's business.
"""

from __future__ import annotations

import datetime as dt

import msgspec

__all__ = ["MIN_ID_AGE", "DateProblem", "age_on", "check_date_order"]

MIN_ID_AGE = 14


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
