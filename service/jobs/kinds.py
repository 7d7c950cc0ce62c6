"""What the job kinds that read an uploaded file share (OCR of a document, the split of a batch): the
pool, the blob store and the settings they run with, and what an exception out of their work means.

    an `InputError` (the file: corrupt, too slow to read, …)  → final, the kind's wording of the detail
    another `OcrError` (the engine, a killed child)            → retried, with its code
    anything else                                              → retried as `internal_error`

A kind adds how an attempt starts, its work, and how giving up and a retry are recorded
(service.jobs.core.JobKind).
"""

from __future__ import annotations

import asyncpg

from ocr.errors import InputError, OcrError
from service.jobs.core import JobFailure
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore


class FileJobs:
    """The shared frame of the OCR and batch `JobKind`s."""

    retries = True

    def __init__(self, pool: asyncpg.Pool, blobs: BlobStore, settings: Settings) -> None:
        self.pool = pool
        self.blobs = blobs
        self.settings = settings

    def classify(self, exc: Exception) -> JobFailure:
        if isinstance(exc, InputError):
            return JobFailure(exc.code, self.input_detail(exc), input_fault=True)
        code = exc.code if isinstance(exc, OcrError) else "internal_error"
        return JobFailure(code, f"{type(exc).__name__}: {exc}"[:500])

    def input_detail(self, exc: InputError) -> str:
        """What the job row says of a fault of the file (the detail, unless a kind words it otherwise)."""
        return exc.detail
