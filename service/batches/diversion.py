"""The ordinary upload (POST /api/documents, the upload page) takes a scanned stack to the batch path:
a file marked as a batch, or a PDF/TIFF with more pages than `batch_from_pages` (from its headers),
is accepted with the batch limits and split, not read as one certificate (or refused by the page
limit of a document). Each file is first copied to a temporary file in chunks, refused once past the
batch byte limit, so a stack is never held in memory; only a file kept as a document is read whole."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import asyncpg
import msgspec

from ocr.batch.limits import BatchLimits, inspect_batch
from ocr.errors import InputError, TooLargeError
from ocr.pages import PDF, TIFF, Source, sniff_media_type, source_size
from service.batches.model import BatchLabel
from service.batches.uploads import BatchUpload, accept_batch
from service.documents.uploads import DocumentView, ReadableUpload, Rejection, accept_uploads
from service.errors import UploadRejectedError
from service.runtime.settings import Settings
from service.runtime.spool import spooled
from service.runtime.storage import BlobStore


class MixedUpload(msgspec.Struct, frozen=True):
    """What became of a request's files: documents, batches (scanned stacks) and refusals."""

    documents: list[DocumentView]
    rejected: list[Rejection]
    batches: list[BatchUpload]

    @property
    def all_known(self) -> bool:
        return all(d.duplicate for d in self.documents) and all(b.duplicate for b in self.batches)


def is_batch_sized(data: Source, from_pages: int) -> bool:
    """A PDF or TIFF with more pages than `from_pages` (from headers) is a stack, not a certificate."""
    if from_pages <= 0:
        return False
    try:
        if sniff_media_type(_head(data)) not in (PDF, TIFF):
            return False
        return inspect_batch(data, BatchLimits()).pages > from_pages
    except InputError:
        return False  # the document path refuses it with its own reason


def _head(data: Source) -> bytes:
    if isinstance(data, bytes):
        return data[:1024]
    with data.open("rb") as fh:
        return fh.read(1024)


async def accept_files(
    pool: asyncpg.Pool,
    blobs: BlobStore,
    uploads: Sequence[ReadableUpload],
    settings: Settings,
    *,
    uploaded_by: int | None,
    as_batches: bool = False,
    label: BatchLabel | None = None,
    commune: str | None = None,
) -> MixedUpload:
    """Each file as a document, or as a batch when marked (`as_batches`) or batch-sized."""
    batches: list[BatchUpload] = []

    limit = max(settings.max_upload_bytes, settings.batch_max_bytes)

    async def divert(upload: ReadableUpload, name: str) -> bytes | None:
        async with spooled(upload, limit, name) as path:
            if as_batches or await asyncio.to_thread(is_batch_sized, path, settings.batch_from_pages):
                batches.append(await accept_batch(pool, blobs, path, name, label or BatchLabel(), settings.batch_limits,
                                                  uploaded_by=uploaded_by, max_attempts=settings.job_attempts,
                                                  commune=commune))  # fmt: skip
                return None
            size = await asyncio.to_thread(source_size, path)
            if size > settings.max_upload_bytes:  # a document's limit: refused before it is read
                raise UploadRejectedError(TooLargeError(f"{size} bytes > {settings.max_upload_bytes}"), name)
            return await asyncio.to_thread(path.read_bytes)

    result = await accept_uploads(pool, blobs, uploads, settings.upload_limits, uploaded_by=uploaded_by,
                                  max_attempts=settings.job_attempts, divert=divert, commune=commune)  # fmt: skip
    return MixedUpload(result.documents, result.rejected, batches)
