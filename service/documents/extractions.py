"""OCR results in the database: pages, words and extractions (validated once before they are stored,
rules.validate_extraction), and the newest extraction of a document for the API and review."""

from __future__ import annotations

import msgspec

from ocr.results import DocumentResult
from schemas.record import Extraction, FieldStatus, Severity
from service.db import Conn, Executor
from service.documents.status import ReadingOutcome
from service.errors import NotFoundError
from service.i18n.messages import text

UPSERT_PAGE = """
insert into pages (document_id, number, width, height, image_sha256, rotation)
values ($1, $2, $3, $4, $5, $6)
on conflict (document_id, number) do update
set width = excluded.width, height = excluded.height, image_sha256 = excluded.image_sha256,
    rotation = excluded.rotation
"""
DELETE_WORDS = "delete from words where document_id = $1"
WORD_COLUMNS = ("document_id", "page", "seq", "text", "conf", "x", "y", "w", "h", "line", "block")
INSERT_EXTRACTION = """
insert into extractions (document_id, job_id, layout, record, fields, findings, fields_to_review, errors,
                         min_confidence, outcome)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
returning id
"""
SELECT_LATEST = """
select e.layout, e.record, e.fields, e.findings, d.original_name, d.page_count
from extractions e join documents d on d.id = e.document_id
where e.document_id = $1 order by e.id desc limit 1
"""


async def store_result(
    conn: Conn,
    document_id: int,
    job_id: int,
    result: DocumentResult,
    page_digests: list[str],
    outcome: ReadingOutcome = ReadingOutcome.RECORD,
) -> int:
    """Pages, words (bulk COPY) and the extraction with what the reading found, inside the caller's
    transaction."""
    for page, digest in zip(result.pages, page_digests, strict=True):
        await conn.execute(
            UPSERT_PAGE, document_id, page.number, page.width, page.height, digest, page.rotation
        )
    await conn.execute(DELETE_WORDS, document_id)
    rows = [
        (document_id, page.number, seq, w.text, float(w.conf), *w.bbox, w.line, w.block)
        for page in result.pages
        for seq, w in enumerate(page.words)
    ]
    if rows:
        await conn.copy_records_to_table("words", records=rows, columns=WORD_COLUMNS)
    ex = result.extraction
    to_review = sum(1 for f in ex.fields.values() if f.status == FieldStatus.NEEDS_REVIEW)
    errors = sum(1 for f in ex.findings if f.severity == Severity.ERROR)
    confidences = [f.confidence for f in ex.fields.values() if f.status != FieldStatus.MISSING]
    return int(
        await conn.fetchval(
            INSERT_EXTRACTION,
            document_id,
            job_id,
            ex.layout.value,
            msgspec.to_builtins(ex.record),
            msgspec.to_builtins(ex.fields),
            msgspec.to_builtins(ex.findings),
            to_review,
            errors,
            min(confidences) if confidences else None,
            outcome.value,
        )
    )


async def latest_extraction(db: Executor, document_id: int) -> Extraction:
    row = await db.fetchrow(SELECT_LATEST, document_id)
    if row is None:
        raise NotFoundError(
            f"document {document_id} has no extraction yet",
            message_vi=text("document.not_read_yet"),
        )
    return msgspec.convert(
        {
            "file": row["original_name"],
            "pages": row["page_count"],
            "layout": row["layout"],
            "record": row["record"],
            "fields": row["fields"],
            "findings": row["findings"],
        },
        Extraction,
    )
