"""The one home of user-visible text, and on-screen formats.

Three catalogues by where the words are read: `pages` (pages and browser scripts, Vietnamese first
with an English switch, cookie `lang`), `messages` (what the server says: problem details, export
failure reasons, the command line) and `sheets` (the exported workbook's headings and labels). A
missing English text falls back to Vietnamese, a missing page key shows the key (so a gap is visible
in a screenshot, not a crash). Dates are dd/mm/yyyy, money uses `.` for thousands.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from service.i18n.pages import CATALOGUE, FIELD_LABELS, ROLE_LABELS

__all__ = [
    "CATALOGUE",
    "FIELD_LABELS",
    "LANGS",
    "LANG_COOKIE",
    "ROLE_LABELS",
    "TEMPLATE_FILTERS",
    "format_date",
    "format_money",
    "local_now",
    "local_today",
    "make_translator",
    "pick_lang",
    "script_messages",
    "translate",
]

LANG_COOKIE = "lang"
LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


def pick_lang(cookie: str | None) -> str:
    """The cookie wins; otherwise Vietnamese (the users are commune officials), whatever the browser says."""
    return cookie if cookie in LANGS else DEFAULT_LANG


def translate(lang: str, key: str, **values: Any) -> str:
    pair = CATALOGUE.get(key) or FIELD_LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" and pair[1] else pair[0]
    return text.format(**values) if values else text


def make_translator(lang: str) -> Callable[..., str]:
    def t(key: str, **values: Any) -> str:
        return translate(lang, key, **values)

    return t


def script_messages(lang: str) -> dict[str, str]:
    """The strings the browser scripts use, plus field labels (`field.<path>`)."""
    out = {key[3:]: translate(lang, key) for key in CATALOGUE if key.startswith("js.")}
    out.update({f"field.{path}": translate(lang, path) for path in FIELD_LABELS})
    return out


def local_today(zone: dt.tzinfo) -> dt.date:
    """Today's date in the people's time zone (HKD_TIMEZONE), not the server's: the default of every
    "as of" date a person sees (at 06:00 in Hà Nội it is still yesterday in UTC)."""
    return dt.datetime.now(zone).date()


def local_now(zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.now(zone)


def format_date(
    value: dt.date | dt.datetime | str | None, with_time: bool = False, zone: dt.tzinfo | None = None
) -> str:
    """dd/mm/yyyy (and HH:MM when asked), a moment shown in `zone` (HKD_TIMEZONE); ISO strings are
    accepted, anything else is shown as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            parsed: dt.date | dt.datetime = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        value = parsed
    if isinstance(value, dt.datetime):
        if zone is not None and value.tzinfo is not None:
            value = value.astimezone(zone)
        return value.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def format_money(value: int | float | None) -> str:
    """150000000 → 150.000.000 (Vietnamese thousands separator)."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")


def nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)) if value is not None else ""


TEMPLATE_FILTERS: Mapping[str, Callable[..., str]] = {
    "date_vn": format_date,
    "money_vn": format_money,
    "nfc": nfc,
}
