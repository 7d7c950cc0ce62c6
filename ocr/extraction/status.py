"""Where a field's status is decided: from its evidence (rules.evidence.derive_status), never set by a pass.

`ok` needs positive evidence: the words are confident (calibrated confidence at the threshold) and
nothing speaks against the value (every evidence item holds). Any item that does not hold (a repair
changed the value, two readings disagree, a validator failed, words are left over on its lines) sends
the field to review; the item's reason says why. An empty field is `missing` only where this print may
leave it out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ocr.extraction.candidate import Candidate, with_evidence
from ocr.extraction.fields import Document
from rules.evidence import derive_status
from schemas.record import Evidence, EvidenceKind, FieldResult, FieldStatus

OK_THRESHOLD = 0.86
"""A field is `ok` (trusted without a human) only at or above this calibrated confidence."""

OPTIONAL_FIELDS = {
    "phone",
    "fax",
    "email",
    "website",
    "employees",
    "amendment_number",
    "amended_on",
    "members",
    "owner.current_address",
    "owner.id_issued_on",
    "owner.id_issued_by",
}


def optional_fields(doc: Document) -> set[str]:
    """Fields this print may legitimately leave out: Circular 68/2025 forms print "Số định danh cá nhân"
    and no ID type, issue date or issuer."""
    extra: set[str] = set()
    id_anchor = doc.first("owner.id_number")
    if id_anchor is not None:
        label = " ".join(t.key for t in doc.lines[id_anchor.line].tokens[id_anchor.start : id_anchor.end])
        if "dinh danh" in label and doc.first("owner.id_type") is None:
            extra |= {"owner.id_type", "owner.id_issued_on", "owner.id_issued_by"}
    return OPTIONAL_FIELDS | extra


def to_field_result(path: str, cand: Candidate, optional: set[str] = OPTIONAL_FIELDS) -> FieldResult:
    empty = cand.value is None or cand.value == []
    confident = Evidence(kind=EvidenceKind.WORDS_CONFIDENT, holds=cand.confidence >= OK_THRESHOLD)
    cand = with_evidence(cand, confident)
    if empty:
        # "missing" only for a field this print may leave out, whose label is absent or whose value is
        # blank; a required field without value, or a value we could not parse, goes to a human.
        blank = not cand.label_found or cand.confidence >= 0.5
        status = FieldStatus.MISSING if path in optional and blank else FieldStatus.NEEDS_REVIEW
    else:
        status = derive_status(cand.evidence)
    span = cand.span
    value: Any = cand.value
    return FieldResult(
        value=value if not isinstance(value, dt.date) else value.isoformat(),
        confidence=round(cand.confidence, 3),
        page=span.page if span else None,
        bbox=span.bbox() if span else None,
        status=status,
        evidence=cand.evidence,
        canonical=cand.canonical,
    )
