"""Every rule over one record, and where each runs for an extraction: once.

The rules fall in two groups. The cross-checks (registration number, dates, ID numbers, VSIC codes)
are the ones extraction weighs its readings with, so extraction (ocr/) makes their findings itself,
over the record it has just built (`validate_cross_checks`). The rest need nothing extraction has
(contacts, amounts, and the addresses against the admin-unit index): `validate_extraction` adds them
to a finished extraction, in the worker and in `hkd extract`, and demotes every field a finding
doubts. `validate_record` runs both groups, for a record with no extraction behind it (a reviewer's
corrections, POST /api/validate). Pure: the reference data is in memory.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from rules.addresses import validate_addresses
from rules.business_lines import validate_business_lines
from rules.capital import validate_amounts
from rules.codes import validate_contacts, validate_registration_number
from rules.dates import validate_dates
from rules.evidence import derive_status
from rules.people import validate_people
from schemas.record import Evidence, EvidenceKind, Extraction, FieldStatus, Finding, Layout, Record, Severity

__all__ = ["finding_concerns", "validate_cross_checks", "validate_extraction", "validate_record"]


def validate_record(record: Record, layout: Layout, today: dt.date | None = None) -> list[Finding]:
    """All findings for a record of a certificate of `layout`; `today` defaults to the local date."""
    today = today or dt.date.today()
    return [
        *validate_registration_number(record, layout),
        *validate_dates(record, today),
        *validate_contacts(record, layout),
        *validate_business_lines(record.business_lines, layout),
        *validate_amounts(record),
        *validate_people(record),
        *validate_addresses(record, layout),
    ]


def validate_cross_checks(record: Record, layout: Layout, today: dt.date | None = None) -> list[Finding]:
    """The findings of the rules extraction cross-checks its readings with."""
    today = today or dt.date.today()
    return [
        *validate_registration_number(record, layout),
        *validate_dates(record, today),
        *validate_business_lines(record.business_lines, layout),
        *validate_people(record),
    ]


def validate_extraction(extraction: Extraction) -> Extraction:
    """The extraction with the findings of the remaining rules after its own, and every `ok` field a
    finding doubts demoted to `needs_review` (the register trusts `ok` fields without a human): the
    finding is a failed validator in its evidence, and the status is derived from that again."""
    if extraction.layout == Layout.UNRECOGNISED:
        return extraction
    record, layout = extraction.record, extraction.layout
    findings = [
        *extraction.findings,
        *validate_contacts(record, layout),
        *validate_amounts(record),
        *validate_addresses(record, layout),
    ]
    fields = dict(extraction.fields)
    for finding in findings:
        if finding.severity == Severity.INFO or not finding.field:
            continue
        for path, result in fields.items():
            if result.status == FieldStatus.OK and _doubts(finding, path):
                failed = Evidence(kind=EvidenceKind.VALIDATORS_PASS, holds=False, reason=finding.code)
                evidence = [
                    *(e for e in result.evidence if e.kind is not EvidenceKind.VALIDATORS_PASS),
                    failed,
                ]
                fields[path] = msgspec.structs.replace(
                    result, evidence=evidence, status=derive_status(evidence)
                )
    return msgspec.structs.replace(extraction, findings=findings, fields=fields)


def finding_concerns(finding: Finding, path: str) -> bool:
    """A finding about `path` itself, one of its parts, or one of its list items."""
    target = finding.field or ""
    return bool(target) and (target == path or target.startswith((path + ".", path + "[")))


def _doubts(finding: Finding, path: str) -> bool:
    """`finding_concerns`, or the finding is about a whole of which `path` is a part (owner → owner.x)."""
    return finding_concerns(finding, path) or path.startswith((finding.field or "") + ".")
