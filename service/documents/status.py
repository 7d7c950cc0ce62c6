"""A document's status: the one place that writes it.

    queued ─► processing ─► processed ─► in_review ─► approved
       ▲           │   │        │             ├─────► rejected
       │           │   └► not_certificate ────┤
       │           └► failed    └─────────────┴─ (re-run OCR) ─► queued

The worker moves a document through OCR (processing, then processed, not_certificate or failed),
review claims it (in_review) and decides it (approved or rejected), a reviewer's re-run queues it
again. What the reading found (`ReadingOutcome`) decides where OCR leaves it (`status_after_reading`):
a page that is not a certificate stays out of the review queue; a certificate read only in part
(`layout_uncertain`) goes to it like any other, every field to check.
"""

from __future__ import annotations

from enum import StrEnum

from schemas.record import Extraction
from service.db import Executor


class DocumentStatus(StrEnum):
    QUEUED = "queued"  # uploaded (or re-run), waiting for a worker
    PROCESSING = "processing"  # a worker is reading it
    PROCESSED = "processed"  # OCR done; waiting for review
    NOT_CERTIFICATE = "not_certificate"  # OCR done, the page is not a certificate: not queued for review
    IN_REVIEW = "in_review"  # a reviewer claimed it
    APPROVED = "approved"  # in the register
    REJECTED = "rejected"  # not a certificate the register takes (with a reason)
    FAILED = "failed"  # OCR failed for good (the input, or every attempt)


REVIEWABLE = (DocumentStatus.PROCESSED, DocumentStatus.IN_REVIEW)


class ReadingOutcome(StrEnum):
    """What OCR made of a document, as the clerk and the reviewer are told (extractions.outcome)."""

    RECORD = "record"  # a certificate of a known layout
    LAYOUT_UNCERTAIN = "layout_uncertain"  # looks like a certificate, missed the gate: partial record
    NOT_A_CERTIFICATE = "not_a_certificate"  # neither the title nor the certificate's items


def reading_outcome(extraction: Extraction) -> ReadingOutcome:
    """From the layout gate's finding (ocr.extraction.layout_gate); an unrecognised layout is not one."""
    codes = {f.code for f in extraction.findings}
    if ReadingOutcome.NOT_A_CERTIFICATE in codes or "unrecognised_layout" in codes:
        return ReadingOutcome.NOT_A_CERTIFICATE
    if ReadingOutcome.LAYOUT_UNCERTAIN in codes:
        return ReadingOutcome.LAYOUT_UNCERTAIN
    return ReadingOutcome.RECORD


def status_after_reading(outcome: ReadingOutcome) -> DocumentStatus:
    """Where a finished reading leaves the document: the review queue, unless it is no certificate."""
    if outcome is ReadingOutcome.NOT_A_CERTIFICATE:
        return DocumentStatus.NOT_CERTIFICATE
    return DocumentStatus.PROCESSED


DECIDED = (DocumentStatus.APPROVED, DocumentStatus.REJECTED)

SET_STATUS = """
update documents set status = $2, updated_at = now()
where id = $1 and ($3::text is null or status = $3)
"""


async def set_status(
    db: Executor, document_id: int, status: DocumentStatus, *, only_from: DocumentStatus | None = None
) -> bool:
    """Move the document to `status` (only when it is `only_from`, if given); False if nothing changed."""
    result = await db.execute(SET_STATUS, document_id, status.value, only_from.value if only_from else None)
    return result.endswith(" 1")
