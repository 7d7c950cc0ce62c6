"""What the register can store, for every field of the record contract: one set of limits for the
corrections a reviewer makes (service/review/values.py), the records POST /api/validate takes, and
the OpenAPI document that states them (service/web/openapi.py).

business_versions keeps amendment numbers and head counts as integer and capital as bigint;
identifiers sit in unique indexes (a row of an index is at most ~2.7 KB). A record beyond these
limits is refused (422 naming the field) before any rule runs, so a 1 MB record of 80,000 business
lines costs a walk over its fields, not the rules' time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from schemas.record import Record

INT4_MAX, INT8_MAX = 2**31 - 1, 2**63 - 1
MAX_INT = {"amendment_number": INT4_MAX, "employees": INT4_MAX, "capital_vnd": INT8_MAX}
MAX_TEXT = {
    "registration_number": 20,
    "owner.id_number": 20,
    "members.id_number": 20,
    "business_lines.code": 10,
    "phone": 20,
    "fax": 20,
    "email": 254,
}
MAX_ANY_TEXT = 500  # a name, an address, a business line's name
MAX_ITEMS = 100  # business lines, household members
LISTS = ("business_lines", "members")


def text_limit(path: str) -> int:
    return MAX_TEXT.get(path, MAX_ANY_TEXT)


def int_limit(path: str) -> int:
    return MAX_INT.get(path, INT4_MAX)


def scalar_out_of_bounds(path: str, value: Any) -> str | None:
    """Why the register could not store `value` at `path` (a number or a text), or None."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, int):
        return None if 0 <= value <= int_limit(path) else "not between 0 and the largest stored"
    limit = text_limit(path)
    return f"longer than {limit} characters" if len(value) > limit else None


def record_out_of_bounds(record: Record) -> tuple[str, str] | None:
    """The first field of `record` the register could not store, and why (dates need no bound:
    msgspec has read them as dates)."""
    for name in Record.__struct_fields__:
        value = getattr(record, name)
        if name in LISTS:
            if len(value) > MAX_ITEMS:
                return name, f"more than {MAX_ITEMS} items"
            for item in value:
                found = _struct_out_of_bounds(f"{name}.", item)
                if found:
                    return found
        elif isinstance(value, msgspec.Struct):
            found = _struct_out_of_bounds(f"{name}.", value)
            if found:
                return found
        elif not isinstance(value, dt.date):
            problem = scalar_out_of_bounds(name, value)
            if problem:
                return name, problem
    return None


def _struct_out_of_bounds(prefix: str, item: msgspec.Struct) -> tuple[str, str] | None:
    for name in item.__struct_fields__:
        problem = scalar_out_of_bounds(prefix + name, getattr(item, name))
        if problem:
            return prefix + name, problem
    return None
