"""A batch's pages are read once (issue 17, throughput): the batch job reads each page with text through
the OCR pipeline to classify it and keeps the reading, and the child document's OCR job goes straight to
extraction, with the same words and record as the same pages uploaded one by one; a reading that is stale
or missing is read again (real PostgreSQL, Tesseract, and the OCR child processes where stated)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import asyncpg
import numpy as np
import pytest

import ocr.pipeline
from ocr.batch.pdf import encode_jpeg, pdf_from_jpegs
from samples.batch import generate_batch
from service.batches.model import BatchLabel
from service.batches.processing import BatchJobs
from service.batches.progress import get_batch_view
from service.batches.uploads import accept_batch
from service.documents import processing
from service.documents.processing import OcrJobs
from service.documents.uploads import accept_upload
from service.jobs.core import JobRunner
from service.jobs.ocr import queue_ocr_job
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore

pytestmark = pytest.mark.ocr

DEV_SEED = 23  # a development seed (tests only), never a benchmark's


class Files:
    def __init__(self, batch: bytes, single: bytes, pages: list[int]) -> None:
        self.batch, self.single, self.pages = batch, single, pages


@pytest.fixture(scope="module")
def files() -> Files:
    """A two-page certificate and a blank back as one batch PDF, and the same two pages (the same JPEG
    streams, so the same decoded pixels) as one PDF, the way a clerk would upload them one by one."""
    truth, images = generate_batch(DEV_SEED, certificates=1, blanks=1, others=0)
    pages = [(encode_jpeg(image, 88), *image.size, False) for image in images]
    [certificate] = [d for d in truth.documents if d.kind == "certificate"]
    assert len(certificate.pages) == 2 and len(pages) == 3
    single = pdf_from_jpegs([pages[n - 1] for n in certificate.pages])
    return Files(pdf_from_jpegs(pages), single, certificate.pages)


class PageReads:
    """Counts Tesseract's whole-page passes (`ocr.pipeline._read_within`) made in this process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = ocr.pipeline._read_within

        def counted(grey: np.ndarray, deadline: float, suspect: bool) -> Any:
            self.count += 1
            return original(grey, deadline, suspect)

        monkeypatch.setattr(ocr.pipeline, "_read_within", counted)


def read_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OCR job's child process replaced by a call here, so that `PageReads` sees its reads."""

    def in_process(fn: Callable[..., Any], *args: Any, kill_after_s: float, memory_mb: int, cancel: Any = None, **kwargs: Any) -> Any:  # fmt: skip
        return fn(*args, **kwargs)

    monkeypatch.setattr(processing, "run_bounded", in_process)


async def run_ocr_job(
    pool: asyncpg.Pool, ocr_jobs: OcrJobs, document_id: int, *, again: bool = False
) -> None:
    if again:
        async with pool.acquire() as conn, conn.transaction():
            await queue_ocr_job(conn, document_id, 3)
    job_id = await pool.fetchval("select max(id) from jobs where document_id = $1", document_id)
    await JobRunner(ocr_jobs, "test", 0.01).run_job(job_id)
    assert await pool.fetchval("select status from jobs where id = $1", job_id) == "succeeded"


async def reading_of(pool: asyncpg.Pool, document_id: int) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """The document's stored words and extraction (its file name aside)."""
    words = await pool.fetch(
        "select page, seq, text, conf, x, y, w, h, line, block from words where document_id = $1 order by page, seq",
        document_id,
    )
    row = await pool.fetchrow(
        "select layout, record, fields, findings from extractions where document_id = $1 order by id desc limit 1",
        document_id,
    )
    assert row is not None, "the document was read"
    return [tuple(w) for w in words], dict(row)


async def test_a_batch_child_is_not_read_again_and_reads_as_its_pages_uploaded_one_by_one(
    pool: asyncpg.Pool, db_settings: Settings, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    blobs = BlobStore.open(None, db_settings.blob_dir)
    reads = PageReads(monkeypatch)
    accepted = await accept_batch(pool, blobs, files.batch, "hop22.pdf", BatchLabel(box="S-22"),
                                  db_settings.batch_limits, uploaded_by=None, max_attempts=3)  # fmt: skip
    await JobRunner(BatchJobs(pool, blobs, db_settings), "test", 0.01).run_job(accepted.batch.id)
    assert reads.count >= 2  # the batch job read both text pages (the blank back is not read)
    view = await get_batch_view(pool, accepted.batch.id)
    [child] = [c for c in view.children if c.role == "certificate"]
    assert child.pages == files.pages and child.document_id is not None
    stored = await pool.fetchval(
        "select count(*) from batch_pages where batch_id = $1 and reading_sha256 is not null",
        accepted.batch.id,
    )
    assert stored == 2

    ocr_jobs = OcrJobs(pool, blobs, db_settings)
    one = await accept_upload(pool, blobs, files.single, "one.pdf", db_settings.upload_limits, max_attempts=3)
    await run_ocr_job(pool, ocr_jobs, one.id)  # the real OCR child processes, both
    await run_ocr_job(pool, ocr_jobs, child.document_id)
    alone = await reading_of(pool, one.id)
    assert alone[0], "the certificate has words"
    assert await reading_of(pool, child.document_id) == alone

    read_in_this_process(monkeypatch)
    reads.count = 0
    await run_ocr_job(pool, ocr_jobs, child.document_id, again=True)
    assert reads.count == 0  # straight to extraction: no page of the child read again
    assert await reading_of(pool, child.document_id) == alone

    # a reading made by another version of the reading code is read again; the other page is not
    await pool.execute(
        "update batch_pages set reading_version = 'older' where batch_id = $1 and number = $2",
        accepted.batch.id,
        files.pages[0],
    )
    await run_ocr_job(pool, ocr_jobs, child.document_id, again=True)
    assert 1 <= reads.count <= 3  # one page: its pass, and a flipped or binarised retry when poor
    words, _ = await reading_of(pool, child.document_id)
    # page 1 was read again from the child's own file (its re-encoded JPEG: near, not equal, to the scan)
    assert [w for w in words if w[0] == 2] == [w for w in alone[0] if w[0] == 2]
    assert len([w for w in words if w[0] == 1]) > 0.8 * len([w for w in alone[0] if w[0] == 1])
