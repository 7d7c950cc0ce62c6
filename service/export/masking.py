"""Personal data (Decree 13/2023): ID numbers and birth dates masked unless a permitted user asks."""

from __future__ import annotations

import datetime as dt


def mask_id(value: str | None) -> str | None:
    """048******234: enough to tell two people apart, not enough to misuse."""
    if not value:
        return value
    if len(value) < 7:
        return "***"
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def mask_birth(value: dt.date | None) -> str | None:
    """Birth year only."""
    return str(value.year) if value else None
