"""The xlsx cover sheet ("Thông tin"): filters used, as-of date, when, by whom, masking."""

from __future__ import annotations

import datetime as dt

import msgspec

from rules.place_filter import match_place
from service.export.rows import ExportFilters
from service.i18n import local_now
from service.i18n.sheets import COVER, FILTER_LABELS, STATUSES, section_title


def cover_fields(filters: ExportFilters, requester: str, full: bool, zone: dt.tzinfo) -> dict[str, str]:
    """Every value in Vietnamese: the moment of the export in HKD_TIMEZONE, dates dd/mm/yyyy, a status
    or VSIC section by its name; the as-of date is the people's today unless one was asked for."""
    now = local_now(zone)
    out = {COVER["as_of"]: (filters.as_of or now.date()).strftime("%d/%m/%Y")}
    for key, value in msgspec.structs.asdict(filters).items():
        if key in FILTER_LABELS and value is not None:
            out[FILTER_LABELS[key]] = filter_text(key, value)
    out[COVER["exported_at"]] = COVER["at"].format(when=now.strftime("%d/%m/%Y %H:%M"), zone=zone_label(now))
    out[COVER["exported_by"]] = requester
    out[COVER["personal_data"]] = COVER["full"] if full else COVER["masked"]
    return out


def filter_text(key: str, value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if key == "status":
        return STATUSES.get(str(value), str(value))
    if key == "section":
        return section_title(str(value))
    if key in ("commune", "province"):  # what was typed, and the units it was understood as
        place = match_place(str(value), "commune" if key == "commune" else "province")
        names = "; ".join(place.names) if place is not None and place.found else COVER["no_place"]
        return f"{value} → {names}"
    return str(value)


def zone_label(moment: dt.datetime) -> str:
    """ "giờ Việt Nam" for Asia/Ho_Chi_Minh; another zone by its name and offset ("Asia/Bangkok +07:00")."""
    key = getattr(moment.tzinfo, "key", None)
    if key == "Asia/Ho_Chi_Minh":
        return COVER["zone_vn"]
    return f"{key or ''} {moment.strftime('%z')[:3]}:{moment.strftime('%z')[3:]}".strip()
