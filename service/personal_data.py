"""Personal data (Decree 13/2023): the one place that decides who sees it and masks it.

ID numbers and birth dates of owners (chủ hộ) and household members are personal data, and so is the
2025 registration code: on 2025-era certificates the registration number *is* the owner's 12-digit
personal ID (`registration_number`, and `identifiers[].value` of kind `code_2025`). Reviewers and
admins see them; planners get ID numbers and 2025 codes masked (048******234) and birth years only, on
every representation the service hands out: the register list, one business, its identifiers, its
history and diffs, and exports (unless a permitted user asks for them in full), which key businesses
by their register id. Search matches them only for those who may see them (`searches_personal_ids`). Log lines never hold them: code must not log
them in the first place (tests check a whole workflow's logs), and `RedactPersonalData` scrubs what
slips through anyway, e.g. a database error message quoting a value.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from typing import Any

from rules.identifiers import RegistrationKind, classify_registration_number
from service.errors import ForbiddenError
from service.i18n.messages import text
from service.users import Role

_PATTERNS = [
    re.compile(r"(?<!\d)\d{12}(?!\d)"),  # personal ID number (CCCD)
    re.compile(r"(?<!\d)\d{9}(?!\d)"),  # old ID card (CMND)
    re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?!\d)"),  # dd/mm/yyyy
    re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)(?![T ]\d{2}:)"),  # ISO dates (not timestamps)
]


REDACTED = text("log.redacted")
PERSONAL_IDENTIFIER_KIND = "code_2025"  # service.register.model.identifier_kind of a personal ID
FULL_ACCESS = frozenset({Role.REVIEWER, Role.ADMIN})


def sees_personal_data(role: Role) -> bool:
    """Reviewers and admins see ID numbers and birth dates in full; everybody else gets them masked."""
    return role in FULL_ACCESS


def mask_id(value: Any) -> Any:
    """048******234: enough to tell two people apart on screen, not enough to misuse."""
    if not value:
        return value
    if not isinstance(value, str) or len(value) < 7:
        return "***"
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


def is_personal_code(value: Any) -> bool:
    """A registration number that is a personal ID (the 12-digit 2025 code)."""
    return isinstance(value, str) and classify_registration_number(value) == RegistrationKind.PERSONAL_ID


def mask_registration(value: Any) -> Any:
    """A registration number, masked when it is the owner's personal ID (2025 code)."""
    return mask_id(value) if is_personal_code(value) else value


def mask_identifier(kind: Any, value: Any) -> Any:
    """An identifier's value, masked when it is a 2025 code (or looks like one whatever its kind)."""
    return mask_id(value) if kind == PERSONAL_IDENTIFIER_KIND else mask_registration(value)


def searches_personal_ids(role: Role) -> bool:
    """Search matches ID numbers and 2025 codes (whole values only) for those who may see them."""
    return sees_personal_data(role)


def mask_birth(value: dt.date | str | None) -> str | None:
    """Birth year only (from a date, or from an ISO date in a record's JSON)."""
    return str(value)[:4] if value else None


def mask_person(person: Any) -> Any:
    """An owner or member of a record's JSON, masked."""
    if not isinstance(person, dict):
        return person
    out = dict(person)
    if "id_number" in out:
        out["id_number"] = mask_id(out["id_number"])
    if "birth_date" in out:
        out["birth_date"] = mask_birth(out["birth_date"])
    return out


def mask_record(record: Any) -> Any:
    """A record's JSON with its owner and members masked."""
    if not isinstance(record, dict):
        return record
    out = dict(record)
    if "registration_number" in out:
        out["registration_number"] = mask_registration(out["registration_number"])
    out["owner"] = mask_person(out.get("owner"))
    out["members"] = [mask_person(m) for m in out.get("members") or []]
    return out


def mask_diff(diff: Any) -> Any:
    """A version's diff ({path: {"old": …, "new": …}}) with the personal paths masked."""
    if not isinstance(diff, dict):
        return diff
    out = {}
    for path, change in diff.items():
        if path == "owner.id_number":
            change = {k: mask_id(v) for k, v in change.items()}
        elif path == "registration_number":
            change = {k: mask_registration(v) for k, v in change.items()}
        elif path == "owner.birth_date":
            change = {k: mask_birth(v) for k, v in change.items()}
        elif path == "members":
            change = {k: [mask_person(m) for m in v or []] for k, v in change.items()}
        out[path] = change
    return out


def mask_register_page(page: dict[str, Any]) -> dict[str, Any]:
    """A page of the register list (service.register.search_businesses), masked in place."""
    for item in page["items"]:
        item["owner_id_number"] = mask_id(item["owner_id_number"])
        item["registration_number"] = mask_registration(item["registration_number"])
    return page


def mask_business(data: dict[str, Any]) -> dict[str, Any]:
    """One business (service.register.get_business), masked in place."""
    data["record"] = mask_record(data.get("record"))
    for identifier in data.get("identifiers") or []:
        identifier["value"] = mask_identifier(identifier["kind"], identifier["value"])
    return data


def mask_history(data: dict[str, Any]) -> dict[str, Any]:
    """A business's history (service.register.business_history), masked in place."""
    for item in data["items"]:
        item["record"] = mask_record(item["record"])
        item["diff"] = mask_diff(item["diff"])
    return data


def full_export_allowed(role: Role, personal_data: str) -> bool:
    """True when full personal data is asked for and allowed; 403 when asked without the role."""
    if personal_data != "full":
        return False
    if not sees_personal_data(role):
        raise ForbiddenError(
            "personal data requires the reviewer or admin role",
            message_vi=text("export.personal_data_forbidden"),
        )
    return True


def redact(line: str) -> str:
    for pattern in _PATTERNS:
        line = pattern.sub(REDACTED, line)
    return line


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(level: str) -> None:
    """Log to stderr at `level`, every line through the redaction filter (each process calls this once)."""
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    install_redaction()


def install_redaction() -> None:
    """Attach the filter to every handler of the root logger (call after logging is configured)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactPersonalData())
