"""The register's shapes and the columns a version is normalised into (search, filters, export)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import msgspec

from rules import resolve_address
from rules.findings import make_finding
from rules.identifiers import RegistrationKind, classify_registration_number
from schemas.record import Extraction, Layout, Record, Severity
from service.personal_data import is_personal_code

STATUS_BY_KIND = {
    "first_registration": "active",
    "amendment": "active",
    "reissue": "active",
    "resumption": "active",
    "suspension": "suspended",
    "termination": "terminated",
    "revocation": "revoked",
}
EVENT_KINDS = ("suspension", "resumption", "termination", "revocation", "reissue")

# VSIC 2018/2025 divisions (first two digits) → section letter.
_SECTION_RANGES = (
    ("A", 1, 3),
    ("B", 5, 9),
    ("C", 10, 33),
    ("D", 35, 35),
    ("E", 36, 39),
    ("F", 41, 43),
    ("G", 45, 47),
    ("H", 49, 53),
    ("I", 55, 56),
    ("J", 58, 63),
    ("K", 64, 66),
    ("L", 68, 68),
    ("M", 69, 75),
    ("N", 77, 82),
    ("O", 84, 84),
    ("P", 85, 85),
    ("Q", 86, 88),
    ("R", 90, 93),
    ("S", 94, 96),
    ("T", 97, 98),
    ("U", 99, 99),
)


class RegisterAction(StrEnum):
    """What an approved certificate does to the register."""

    CREATE_BUSINESS = "create_business"
    AMEND_BUSINESS = "amend_business"
    DUPLICATE = "duplicate"  # this very certificate is already a version of the business
    NEEDS_HUMAN = "needs_human"  # nothing written: a reviewer must choose a business or correct the record


class RegisterFinding(msgspec.Struct, frozen=True, omit_defaults=True):
    """A finding of the register (codes `register_*` of rules.findings), with what a human needs to
    decide: the businesses to choose from, or the version already holding this certificate."""

    code: str
    field: str | None
    severity: Severity
    message: str
    message_en: str | None
    candidates: list[dict[str, Any]] | None = None
    existing_version_id: int | None = None


def register_finding(
    code: str,
    field: str | None = None,
    *,
    candidates: list[dict[str, Any]] | None = None,
    existing_version_id: int | None = None,
    **values: object,
) -> RegisterFinding:
    """`make_finding` (the one constructor, messages from rules.findings) plus the register's extras."""
    made = make_finding(code, field, candidates=candidates, **values)
    return RegisterFinding(
        made.code, made.field, made.severity, made.message, made.message_en, made.candidates,
        existing_version_id,
    )  # fmt: skip


class ApplyResult(msgspec.Struct):
    """What applying (or previewing) an approved extraction does to the register."""

    action: RegisterAction
    business_id: int | None = None
    version_id: int | None = None
    diff: dict[str, Any] | None = None
    candidates: list[dict[str, Any]] = msgspec.field(default_factory=list)
    findings: list[RegisterFinding] = msgspec.field(default_factory=list)


class Normalised(msgspec.Struct):
    """The columns of a business_versions row derived from its record."""

    registration_number: str | None
    business_name: str | None
    owner_name: str | None
    owner_id_number: str | None
    address: str | None
    commune_code: str | None
    commune_name: str | None
    province_code: str | None
    province_name: str | None
    capital_vnd: int | None
    employees: int | None
    sections: list[str]
    search_text: str


NORMALISED_COLUMNS: tuple[str, ...] = Normalised.__struct_fields__
"""The business_versions columns derived from a record, in `Normalised` order (one list for every
statement that writes them)."""


def normalised_placeholders(first: int) -> list[str]:
    """`$first`, `$first+1`, … for NORMALISED_COLUMNS; search_text is folded by hkd_search_text (0021)."""
    return [
        f"hkd_search_text(${first + i})" if column == "search_text" else f"${first + i}"
        for i, column in enumerate(NORMALISED_COLUMNS)
    ]


def section_of(code: str | None) -> str | None:
    """The VSIC section letter of a level-2..5 code ("4711" → "G")."""
    if not code or len(code) < 2 or not (code[:2].isascii() and code[:2].isdigit()):
        return None
    division = int(code[:2])
    return next((s for s, lo, hi in _SECTION_RANGES if lo <= division <= hi), None)


def vsic_version_for(layout: Layout | str | None) -> str:
    return "2025" if str(layout) in ("2025", Layout.ERA_2025) else "2018"


def effective_date(record: Record) -> dt.date | None:
    """The date a certificate takes effect: its amendment date, else its first registration date."""
    return record.amended_on if record.amendment_number else record.first_registered_on


def certificate_kind(record: Record) -> str:
    return "amendment" if record.amendment_number else "first_registration"


def identifier_kind(value: str) -> str:
    kind = classify_registration_number(value)
    if kind == RegistrationKind.OLD_NUMBER:
        return "registration_number_old"
    if kind == RegistrationKind.TAX_CODE:
        return "tax_code"
    if kind == RegistrationKind.PERSONAL_ID:
        return "code_2025"
    return "other"


def clean_identifier(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = "".join(value.split()).replace(".", "").upper()
    return cleaned or None


def resolve_commune(address: str | None, layout: Layout | str | None) -> dict[str, str | None]:
    """The post-2025 commune of an address, only when the resolution is confident and unambiguous."""
    empty: dict[str, str | None] = dict.fromkeys(("code", "name", "province_code", "province_name"))
    if not address:
        return empty
    hint = "2025" if vsic_version_for(layout) == "2025" else "pre2025"
    res = resolve_address(address, hint)  # type: ignore[arg-type]
    if not res.is_confident or res.commune is None:
        return empty
    unit = (
        res.commune if res.scheme == "2025" else (res.new_communes[0] if len(res.new_communes) == 1 else None)
    )
    if unit is None:
        return empty
    return {
        "code": unit.code,
        "name": unit.name,
        "province_code": unit.province_code,
        "province_name": unit.province_name,
    }


def normalise(record: Record, layout: Layout | str | None) -> Normalised:
    place = resolve_commune(record.address, layout)
    sections = sorted({s for line in record.business_lines if (s := section_of(line.code))})
    reg = clean_identifier(record.registration_number)
    # personal IDs (the owner's, and a 2025 code, which is one) are not words: they are found whole
    # through the identifier path of the search, by those who may see them (service.personal_data)
    words = [
        record.business_name,
        record.owner.full_name,
        record.address,
        None if is_personal_code(reg) else reg,
    ]
    return Normalised(
        registration_number=reg,
        business_name=record.business_name,
        owner_name=record.owner.full_name,
        owner_id_number=clean_identifier(record.owner.id_number),
        address=record.address,
        commune_code=place["code"],
        commune_name=place["name"],
        province_code=place["province_code"],
        province_name=place["province_name"],
        capital_vnd=record.capital_vnd,
        employees=record.employees,
        sections=sections,
        search_text=" ".join(w for w in words if w),
    )


def record_of(extraction: Extraction) -> dict[str, Any]:
    data = msgspec.to_builtins(extraction.record)
    assert isinstance(data, dict)
    return data
