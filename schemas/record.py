"""The record contract: what a certificate says, once read and normalised.

`hkd extract --json` prints an `Extraction` per file and the API returns the same shape.
Values are normalised (NFC, collapsed white space, ISO dates, integers for money and counts);
absent fields are ``None``. Pure data: no I/O, imports nothing of ours.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import msgspec


class Layout(StrEnum):
    """Certificate template generation (by the decree it was printed under)."""

    ERA_2015 = "2015"  # Decree 78/2015, district office, "Số:" PPL8NNNNNN
    ERA_2021 = "2021"  # Decree 01/2021 + Circular 02/2023, district office
    ERA_2025 = "2025"  # Decree 168/2025, commune office, 12-digit code
    UNRECOGNISED = "unrecognised"


class FieldStatus(StrEnum):
    OK = "ok"
    NEEDS_REVIEW = "needs_review"
    MISSING = "missing"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class BusinessLine(msgspec.Struct, frozen=True):
    """Ngành, nghề kinh doanh: a VSIC level-4 code (may be absent) and the printed name."""

    code: str | None = None
    name: str | None = None


class Person(msgspec.Struct, frozen=True):
    """Chủ hộ kinh doanh (owner) or a thành viên hộ gia đình (household member)."""

    full_name: str | None = None
    gender: str | None = None  # "Nam" | "Nữ"
    birth_date: dt.date | None = None
    ethnicity: str | None = None
    nationality: str | None = None
    id_type: str | None = None  # "Căn cước công dân", "Chứng minh nhân dân", "Thẻ căn cước", "Hộ chiếu"
    id_number: str | None = None
    id_issued_on: dt.date | None = None
    id_issued_by: str | None = None
    permanent_address: str | None = None
    current_address: str | None = None


class Member(msgspec.Struct, frozen=True):
    """A row of the household members table (thành viên hộ gia đình)."""

    full_name: str | None = None
    birth_date: dt.date | None = None
    gender: str | None = None
    id_number: str | None = None


class Record(msgspec.Struct):
    """One certificate's content, in the contract's field names."""

    registration_number: str | None = None
    first_registered_on: dt.date | None = None
    amendment_number: int | None = None
    amended_on: dt.date | None = None
    issuing_authority: str | None = None
    business_name: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    business_lines: list[BusinessLine] = msgspec.field(default_factory=list)
    capital_vnd: int | None = None
    employees: int | None = None
    owner: Person = msgspec.field(default_factory=Person)
    members: list[Member] = msgspec.field(default_factory=list)


class EvidenceKind(StrEnum):
    """What can be said for (or against) a field's value; `ok` is derived from these alone."""

    WORDS_CONFIDENT = "words_confident"  # the calibrated confidence reaches the `ok` threshold
    LABEL_GRAMMAR_EXPLAINS = "label_grammar_explains"  # nothing left over on the value's lines
    VALIDATORS_PASS = "validators_pass"  # format, check digit, syllables, closed vocabulary
    CROSS_CHECK_PASS = "cross_check_pass"  # another part of the page says the same
    READERS_AGREE = "readers_agree"  # an independent second reading gives the same value
    LIST_MATCH_EXACT = "list_match_exact"  # the printed form is a reference entry (or a variant of it)
    KEPT_AS_PRINTED = "kept_as_printed"  # a list entry differs from the printed form, which was kept
    REPAIRED = "repaired"  # a repair (reference list, OCR confusion) changed the value as read


class Evidence(msgspec.Struct, frozen=True):
    """One piece of evidence about a field: `holds` False means it is missing or speaks against the
    value; `reason` is a finding code (rules/findings.py) that says why, in words, when there is one."""

    kind: EvidenceKind
    holds: bool = True
    reason: str | None = None
    was: str | None = None
    """For a repair: the value as read before it (the reviewer compares it with the paper)."""


class FieldResult(msgspec.Struct):
    """How sure we are of one field and where it is on the page (bbox = x, y, w, h in page pixels).

    `status` is derived from `evidence` (rules/evidence.py): `ok` only when the words are
    confident, the label grammar explains them and nothing speaks against them. `canonical` is the
    reference form beside the printed value (a VSIC code, an admin-unit code, a list entry), never in
    its place. Rows stored before evidence existed load with an empty list."""

    value: object = None
    confidence: float = 0.0
    page: int | None = None
    bbox: list[int] | None = None
    status: FieldStatus = FieldStatus.MISSING
    evidence: list[Evidence] = msgspec.field(default_factory=list)
    canonical: str | None = None


class Finding(msgspec.Struct, frozen=True):
    """A problem found by extraction or validation; `message` is Vietnamese, `message_en` English."""

    code: str
    field: str | None
    severity: Severity
    message: str
    message_en: str | None = None
    candidates: list[dict[str, object]] | None = None


class Extraction(msgspec.Struct):
    """One input file's result: the record, per-field confidence and location, and findings."""

    file: str
    pages: int
    layout: Layout
    record: Record = msgspec.field(default_factory=Record)
    fields: dict[str, FieldResult] = msgspec.field(default_factory=dict)
    findings: list[Finding] = msgspec.field(default_factory=list)


RECORD_FIELD_PATHS: tuple[str, ...] = (
    "registration_number",
    "first_registered_on",
    "amendment_number",
    "amended_on",
    "issuing_authority",
    "business_name",
    "address",
    "phone",
    "fax",
    "email",
    "website",
    "business_lines",
    "capital_vnd",
    "employees",
    "owner.full_name",
    "owner.gender",
    "owner.birth_date",
    "owner.ethnicity",
    "owner.nationality",
    "owner.id_type",
    "owner.id_number",
    "owner.id_issued_on",
    "owner.id_issued_by",
    "owner.permanent_address",
    "owner.current_address",
    "members",
)
"""Every field path a `fields` map may carry; the benchmark scores each one."""
