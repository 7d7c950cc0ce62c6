"""A document's status: the one place that writes it.

    queued ─► processing ─► processed ─► in_review ─► approved
       ▲           │            │             ├─────► rejected
       │           └► failed    └─────────────┴─ (re-run OCR) ─► queued

The worker moves a document through OCR (processing, then processed or failed), review claims it
(in_review) and decides it (approved or rejected), a reviewer's re-run queues it again.
"""

from __future__ import annotations

from enum import StrEnum

from service.db import Executor


class DocumentStatus(StrEnum):
    QUEUED = "queued"  # uploaded (or re-run), waiting for a worker
    PROCESSING = "processing"  # a worker is reading it
    PROCESSED = "processed"  # OCR done; waiting for review
    IN_REVIEW = "in_review"  # a reviewer claimed it
    APPROVED = "approved"  # in the register
    REJECTED = "rejected"  # not a certificate the register takes (with a reason)
    FAILED = "failed"  # OCR failed for good (the input, or every attempt)


REVIEWABLE = (DocumentStatus.PROCESSED, DocumentStatus.IN_REVIEW)
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
