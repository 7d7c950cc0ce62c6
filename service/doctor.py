"""`hkd doctor`: do storage, documents, jobs and the queue agree? Report, and optionally repair.

What can go wrong, and what repair does:
- orphan blob: stored, referenced by no document or page (an upload that died between the blob write
  and the commit) → deleted, if older than an hour (younger ones may belong to an upload in flight);
- missing blob: a document or page whose file is gone → reported only (a human must re-upload);
- document without a job → a job is created and queued;
- job waiting (queued/retrying/running) with no queue entry → queued again.
"""

from __future__ import annotations

import datetime as dt

import asyncpg
import msgspec

from service.db.referenced import REFERENCED
from service.jobs.ocr import OCR_ENTRYPOINT, queue_ocr_job
from service.jobs.queue import enqueue
from service.runtime.settings import DEFAULTS
from service.runtime.storage import BlobStore

ORPHAN_MIN_AGE = dt.timedelta(hours=1)

DOCUMENT_BLOBS = "select id, sha256 from documents"
DOCUMENTS_WITHOUT_JOB = (
    "select d.id from documents d where not exists (select 1 from jobs j where j.document_id = d.id)"
)
JOBS_WITHOUT_QUEUE_ENTRY = """
select j.id from jobs j
where j.status in ('queued', 'retrying', 'running')
  and not exists (select 1 from pgqueuer q where q.entrypoint = $1 and q.payload = convert_to(j.id::text, 'UTF8'))
"""


class DoctorReport(msgspec.Struct):
    blobs: int = 0
    documents: int = 0
    orphan_blobs: list[str] = msgspec.field(default_factory=list)
    orphans_deleted: int = 0
    missing_blobs: list[int] = msgspec.field(default_factory=list)  # document ids
    documents_without_job: list[int] = msgspec.field(default_factory=list)
    jobs_without_queue_entry: list[int] = msgspec.field(default_factory=list)
    repaired: bool = False

    @property
    def healthy(self) -> bool:
        return not (
            self.orphan_blobs
            or self.missing_blobs
            or self.documents_without_job
            or self.jobs_without_queue_entry
        )

    def render(self) -> str:
        lines = [
            f"blobs in storage: {self.blobs}; documents: {self.documents}",
            f"orphan blobs (no document): {len(self.orphan_blobs)}"
            + (f", deleted {self.orphans_deleted}" if self.repaired else ""),
            f"documents whose file is missing: {self.missing_blobs or 0}",
            f"documents without a job: {self.documents_without_job or 0}"
            + (" (queued now)" if self.repaired and self.documents_without_job else ""),
            f"jobs without a queue entry: {self.jobs_without_queue_entry or 0}"
            + (" (queued again)" if self.repaired and self.jobs_without_queue_entry else ""),
            "OK" if self.healthy else ("REPAIRED" if self.repaired else "PROBLEMS FOUND (run with --repair)"),
        ]
        return "\n".join(lines)


async def examine(
    pool: asyncpg.Pool, blobs: BlobStore, *, repair: bool = False, max_attempts: int = DEFAULTS.job_attempts
) -> DoctorReport:
    stored = await blobs.list_with_age()
    referenced = {r["digest"] for r in await pool.fetch(REFERENCED)}
    documents = await pool.fetch(DOCUMENT_BLOBS)
    report = DoctorReport(blobs=len(stored), documents=len(documents), repaired=repair)
    report.orphan_blobs = sorted(d for d in stored if d not in referenced)
    report.missing_blobs = [r["id"] for r in documents if r["sha256"] not in stored]
    report.documents_without_job = [r["id"] for r in await pool.fetch(DOCUMENTS_WITHOUT_JOB)]
    report.jobs_without_queue_entry = [
        r["id"] for r in await pool.fetch(JOBS_WITHOUT_QUEUE_ENTRY, OCR_ENTRYPOINT)
    ]
    if repair:
        now = dt.datetime.now(dt.UTC)
        for digest in report.orphan_blobs:
            if now - stored[digest] >= ORPHAN_MIN_AGE:
                await blobs.delete(digest)
                report.orphans_deleted += 1
        async with pool.acquire() as conn, conn.transaction():
            for document_id in report.documents_without_job:
                await queue_ocr_job(conn, document_id, max_attempts)
            for job_id in report.jobs_without_queue_entry:
                await enqueue(conn, OCR_ENTRYPOINT, job_id)
    return report
