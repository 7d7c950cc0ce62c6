"""validate_record: every rule over one record, in field order. Pure: reference data in memory."""

from __future__ import annotations

import datetime as dt

from schemas.record import Finding, Layout, Record
from service.validation.addresses import validate_addresses
from service.validation.business_lines import validate_business_lines
from service.validation.capital import validate_amounts
from service.validation.codes import validate_contacts, validate_registration_number
from service.validation.dates import validate_dates
from service.validation.people import validate_people

__all__ = ["validate_record"]


def validate_record(record: Record, layout: Layout, today: dt.date | None = None) -> list[Finding]:
    """All findings for a record of a certificate of `layout`; `today` defaults to the local date."""
    today = today or dt.date.today()
    return [
        *validate_registration_number(record, layout),
        *validate_dates(record, today),
        *validate_contacts(record, layout),
        *validate_business_lines(record.business_lines, layout),
        *validate_amounts(record),
        *validate_people(record),
        *validate_addresses(record, layout),
    ]
