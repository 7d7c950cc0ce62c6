"""The xlsx cover sheet ("Thông tin"): filters used, as-of date, when, by whom, masking."""

from __future__ import annotations

import datetime as dt

from service.export.rows import ExportFilters
from service.i18n.sheets import COVER, FILTER_LABELS


def cover_fields(filters: ExportFilters, requester: str, full: bool) -> dict[str, str]:
    out = {COVER["as_of"]: (filters.as_of or dt.date.today()).strftime("%d/%m/%Y")}
    for key, value in filters.describe().items():
        if key in FILTER_LABELS:
            out[FILTER_LABELS[key]] = value
    out[COVER["exported_at"]] = dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC")
    out[COVER["exported_by"]] = requester
    out[COVER["personal_data"]] = COVER["full"] if full else COVER["masked"]
    return out
