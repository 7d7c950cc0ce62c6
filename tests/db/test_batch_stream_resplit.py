"""The batch job streams its file (it never holds the batch's bytes), and splitting a batch again while a
removed child's OCR job runs stops that job cleanly, while a kept child's job reads on (real PostgreSQL,
Tesseract and the OCR child processes)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import asyncpg
import pytest

from samples.batch import write_batch
from service.batches.edits import edit_split
from service.batches.model import BatchLabel, BatchStatus
from service.batches.processing import BatchJobs
from service.batches.progress import get_batch_view
from service.batches.uploads import accept_batch
from service.documents import processing
from service.documents.processing import OcrJobs
from service.jobs.core import JobRunner, Outcome
from service.jobs.ocr import JobStep
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from service.users import Role, create_user

pytestmark = pytest.mark.ocr


class WatchedBlobs(BlobStore):
    """A blob store that remembers which blobs were read whole into memory."""

    def __init__(self, inner: BlobStore) -> None:
        super().__init__(inner.storage)
        self.read_whole: list[str] = []
        self.streamed: list[tuple[str, Path, int]] = []

    async def get(self, digest: str) -> bytes:
        self.read_whole.append(digest)
        return await super().get(digest)

    async def get_to_file(self, digest: str, path: Path) -> int:
        size = await super().get_to_file(digest, path)
        self.streamed.append((digest, path, size))
        return size


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("stack")
    write_batch(23, out, certificates=1, blanks=1, others=1, tier="clean", formats=("pdf",))
    return (out / "batch.pdf").read_bytes()


async def split_batch(pool: asyncpg.Pool, settings: Settings, blobs: BlobStore, data: bytes) -> int:
    result = await accept_batch(pool, blobs, data, "hop21.pdf", BatchLabel(box="S-21"), settings.batch_limits,
                                uploaded_by=None, max_attempts=settings.job_attempts)  # fmt: skip
    await JobRunner(BatchJobs(pool, blobs, settings), "test", 0.01).run_job(result.batch.id)
    return result.batch.id


def is_empty(folder: Path) -> bool:
    return not any(folder.iterdir())


def stored_blobs(settings: Settings) -> set[Path]:
    return {p for p in settings.blob_dir.rglob("*") if p.is_file()}


async def test_the_batch_job_streams_its_file_and_never_reads_it_whole(
    pool: asyncpg.Pool, db_settings: Settings, stack: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    blobs = WatchedBlobs(BlobStore.open(None, db_settings.blob_dir))
    batch_id = await split_batch(pool, db_settings, blobs, stack)
    view = await get_batch_view(pool, batch_id)
    assert view.batch.status == BatchStatus.SUCCEEDED and view.progress.classified == view.batch.page_count
    batch_sha = await pool.fetchval("select sha256 from batches where id = $1", batch_id)
    assert batch_sha not in blobs.read_whole  # streamed into a file, read from there page by page
    assert blobs.read_whole  # (the split reads the stored pages, a few hundred KB each)
    [(digest, path, size)] = blobs.streamed
    assert digest == batch_sha and size == len(stack) and path.is_relative_to(scratch)
    assert not path.exists() and is_empty(scratch)  # the temporary file is gone with the job


async def certificate_job(pool: asyncpg.Pool, batch_id: int) -> tuple[int, int, list[int]]:
    view = await get_batch_view(pool, batch_id)
    cert = next(c for c in view.children if c.role == "certificate")
    assert cert.document_id is not None and len(cert.pages) >= 2
    job_id = await pool.fetchval("select id from jobs where document_id = $1", cert.document_id)
    return cert.document_id, job_id, cert.pages


async def test_a_resplit_after_a_removed_documents_attempt_started_ends_it_quietly(
    pool: asyncpg.Pool, db_settings: Settings, stack: bytes
) -> None:
    blobs = BlobStore.open(None, db_settings.blob_dir)
    batch_id = await split_batch(pool, db_settings, blobs, stack)
    document_id, job_id, pages = await certificate_job(pool, batch_id)
    clerk = await create_user(pool, "lan.resplit", Role.CLERK, None)
    ocr = OcrJobs(pool, blobs, db_settings)
    attempt = await ocr.start(job_id, "test")
    assert attempt is not None
    await edit_split(pool, blobs, batch_id, {pages[-1]: "certificate_first"}, actor=clerk.id, max_attempts=3)
    assert await pool.fetchval("select count(*) from documents where id = $1", document_id) == 0
    outcome = await JobRunner(ocr, "test", 0.01).run_attempt(attempt)  # no error, no retry: nothing to do
    assert outcome == Outcome.SUPERSEDED
    audit = await pool.fetchval(
        "select detail from audit_log where action = 'batch.split' order by id desc limit 1"
    )
    assert audit["deleted"] == [document_id]


async def wait_for_reading(pool: asyncpg.Pool, job_id: int, task: asyncio.Task[Outcome]) -> None:
    for _ in range(600):
        step = await pool.fetchval("select step from jobs where id = $1", job_id)
        if step in ("preprocess", "ocr"):
            return
        assert not task.done(), "the reading ended before it could be interrupted"
        await asyncio.sleep(0.1)
    raise AssertionError("the OCR job never started reading")


async def test_a_resplit_stops_the_reading_of_a_removed_document_and_not_of_a_kept_one(
    pool: asyncpg.Pool, db_settings: Settings, stack: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the job's watch looks often, so both edits land while the two pages are still being read (at
    # 1 s a look, a quiet machine finished the reading before the second edit: it then succeeded)
    monkeypatch.setattr(processing, "WATCH_SECONDS", 0.2)
    blobs = BlobStore.open(None, db_settings.blob_dir)
    batch_id = await split_batch(pool, db_settings, blobs, stack)
    # without the batch job's kept readings, so that the child reads its pages (long enough to stop it)
    await pool.execute("update batch_pages set reading_sha256 = null where batch_id = $1", batch_id)
    document_id, job_id, pages = await certificate_job(pool, batch_id)
    cover = next(c for c in (await get_batch_view(pool, batch_id)).children if c.role == "other")
    clerk = await create_user(pool, "lan.stop", Role.CLERK, None)
    ocr = OcrJobs(pool, blobs, db_settings)
    attempt = await ocr.start(job_id, "test")
    assert attempt is not None
    reading = asyncio.create_task(JobRunner(ocr, "test", 0.01).run_attempt(attempt))
    await wait_for_reading(pool, job_id, reading)

    # the cover sheet marked blank: the certificate's pages did not change, its reading goes on
    await edit_split(pool, blobs, batch_id, {cover.pages[0]: "blank"}, actor=clerk.id, max_attempts=3)
    await asyncio.sleep(0.6)  # more than two looks of the job's watch
    assert not reading.done()
    assert await pool.fetchval("select status from jobs where id = $1", job_id) == "running"

    # its last page made a certificate of its own: the document goes, and so does its reading
    before = stored_blobs(db_settings)
    await edit_split(pool, blobs, batch_id, {pages[-1]: "certificate_first"}, actor=clerk.id, max_attempts=3)
    assert await pool.fetchval("select count(*) from documents where id = $1", document_id) == 0
    outcome = await asyncio.wait_for(reading, timeout=10)
    assert outcome == Outcome.SUPERSEDED
    files = {r["file_sha256"] for r in await pool.fetch("select file_sha256 from batch_children")}
    added = {p.name for p in stored_blobs(db_settings) - before}
    assert added and added <= files  # the new children's files, and none of the killed reading's page images
    assert await pool.fetchval("select count(*) from jobs where id = $1", job_id) == 0


async def test_a_resplit_while_a_reading_stores_leaves_no_page_image_behind(
    pool: asyncpg.Pool, db_settings: Settings, stack: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document goes just as its reading starts to store (after the last look of the job's watch):
    the reading writes no page image for it (before, it wrote them and only then found its job gone,
    leaving files nothing refers to until `hkd doctor --repair`)."""
    blobs = BlobStore.open(None, db_settings.blob_dir)
    batch_id = await split_batch(pool, db_settings, blobs, stack)
    # without the kept readings: the child reads its pages and so writes page images of its own
    await pool.execute("update batch_pages set reading_sha256 = null where batch_id = $1", batch_id)
    document_id, job_id, pages = await certificate_job(pool, batch_id)
    clerk = await create_user(pool, "lan.store", Role.CLERK, None)
    ocr = OcrJobs(pool, blobs, db_settings)
    attempt = await ocr.start(job_id, "test")
    assert attempt is not None
    real_progress = processing.report_progress
    before: set[Path] = set()

    async def progress_then_resplit(db, attempt, step, *args):
        await real_progress(db, attempt, step, *args)
        if step == JobStep.STORE:
            before.update(stored_blobs(db_settings))
            await edit_split(pool, blobs, batch_id, {pages[-1]: "certificate_first"}, actor=clerk.id, max_attempts=3)  # fmt: skip

    monkeypatch.setattr(processing, "report_progress", progress_then_resplit)
    outcome = await JobRunner(ocr, "test", 0.01).run_attempt(attempt)
    assert outcome == Outcome.SUPERSEDED and before
    assert await pool.fetchval("select count(*) from documents where id = $1", document_id) == 0
    files = {r["file_sha256"] for r in await pool.fetch("select file_sha256 from batch_children")}
    added = {p.name for p in stored_blobs(db_settings) - before}
    assert added <= files  # the re-split's new children only: no page image of the removed document
