"""HKD_TIMEZONE: one clock for people (pages, exports, default dates), and the export's words in
Vietnamese (cover sheet, identifiers, the requester's role)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from service.export.cover import cover_fields
from service.export.rows import ExportFilters, identifiers_text
from service.i18n import format_date, local_today
from service.runtime.settings import DEFAULTS, Settings, SettingsError, load_settings

LATE_EVENING_UTC = dt.datetime(2026, 1, 31, 20, 30, tzinfo=dt.UTC)


def test_the_default_zone_is_vietnam_and_a_bad_one_is_refused() -> None:
    assert DEFAULTS.timezone == "Asia/Ho_Chi_Minh" and DEFAULTS.zone == ZoneInfo("Asia/Ho_Chi_Minh")
    assert load_settings({"HKD_TIMEZONE": "Asia/Bangkok"}).zone == ZoneInfo("Asia/Bangkok")
    with pytest.raises(SettingsError):
        load_settings({"HKD_TIMEZONE": "Mars/Olympus_Mons"})
    with pytest.raises(ValueError):
        Settings(timezone="not a zone")


def test_moments_are_shown_in_the_zone_and_today_is_the_zones_date() -> None:
    assert format_date(LATE_EVENING_UTC, True, DEFAULTS.zone) == "01/02/2026 03:30"
    assert format_date(LATE_EVENING_UTC.isoformat(), True, DEFAULTS.zone) == "01/02/2026 03:30"
    assert format_date(LATE_EVENING_UTC, True) == "31/01/2026 20:30"  # no zone: as given
    # UTC+14 and UTC-11 are 25 hours apart: one or two calendar days, by the hour of the test run
    utc = dt.datetime.now(dt.UTC)
    ahead, behind = local_today(ZoneInfo("Pacific/Kiritimati")), local_today(ZoneInfo("Pacific/Niue"))
    assert ahead == (utc + dt.timedelta(hours=14)).date() and behind == (utc - dt.timedelta(hours=11)).date()
    assert ahead - behind >= dt.timedelta(1)


def test_filters_are_dated_in_the_zone_unless_a_date_was_asked() -> None:
    today = local_today(DEFAULTS.zone)
    assert ExportFilters().dated(today).as_of == today
    assert ExportFilters(as_of=dt.date(2024, 1, 1)).dated(today).as_of == dt.date(2024, 1, 1)


def test_cover_sheet_is_vietnamese_with_the_moment_in_the_zone() -> None:
    filters = ExportFilters(
        status="suspended", section="G", registered_from=dt.date(2024, 3, 1), commune="đà bắc"
    )
    cover = cover_fields(filters, "Lê Thị Hà (ha, Cán bộ kế hoạch)", False, DEFAULTS.zone)
    assert cover["Tình trạng"] == "Tạm ngừng"
    assert cover["Ngành VSIC (phần/ngành cấp 2)"].startswith("G – Bán buôn")
    assert cover["Đăng ký từ ngày"] == "01/03/2024"
    assert cover["Xã/phường"].startswith("đà bắc → Xã Đà Bắc, Tỉnh Phú Thọ")
    assert cover["Thời điểm xuất"].endswith("(giờ Việt Nam)") and "UTC" not in " ".join(cover.values())
    elsewhere = cover_fields(filters, "x", False, ZoneInfo("Europe/Paris"))["Thời điểm xuất"]
    assert "Europe/Paris +0" in elsewhere


def test_identifiers_are_named_in_vietnamese_and_the_2025_code_masked() -> None:
    kinds = ["code_2025", "registration_number_old", "tax_code"]
    values = ["048185000234", "32A8012345", "0401234567"]
    masked = identifiers_text(kinds, values, full_personal=False)
    assert (
        masked
        == "Mã số hộ kinh doanh (2025): 048******234; Số đăng ký cũ: 32A8012345; Mã số thuế: 0401234567"
    )
    assert "048185000234" in identifiers_text(kinds, values, full_personal=True)
    assert identifiers_text(None, None, False) == ""
