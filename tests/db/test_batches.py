"""Batches through the job machine with real Tesseract and PostgreSQL: upload, classify, split into
documents, the label in the audit, progress, the same batch twice, a clerk's edit, and the batches
that give no certificate (only blank pages, limits)."""

from __future__ import annotations

import asyncpg
import msgspec
import pytest

from ocr.batch.limits import BatchLimits
from samples.batch import BatchTruth, write_batch
from service.batches.edits import edit_split
from service.batches.model import BatchLabel, BatchStatus, Outcome, get_batch_row
from service.batches.processing import BatchJobs
from service.batches.progress import get_batch_view
from service.batches.uploads import accept_batch
from service.errors import UploadRejectedError
from service.jobs.core import JobRunner
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from service.users import Role, create_user
from tests import files

pytestmark = pytest.mark.ocr

LABEL = BatchLabel(box="H-17", commune="Xã Tân Phú", scanned_by="Lan", scanned_on=None)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, BatchTruth]:
    out = tmp_path_factory.mktemp("stack")
    truth = write_batch(23, out, certificates=1, blanks=1, others=1, tier="clean", formats=("pdf",))
    return (out / "batch.pdf").read_bytes(), truth


async def upload_and_run(
    pool: asyncpg.Pool, settings: Settings, data: bytes, limits: BatchLimits | None = None
) -> int:
    blobs = BlobStore.open(None, settings.blob_dir)
    result = await accept_batch(pool, blobs, data, "hop17.pdf", LABEL, limits or settings.batch_limits,
                                uploaded_by=None, max_attempts=settings.job_attempts)  # fmt: skip
    runner = JobRunner(BatchJobs(pool, blobs, settings), "test", 0.01)
    await runner.run_job(result.batch.id)
    return result.batch.id


async def test_a_stack_becomes_documents_with_its_label(
    pool: asyncpg.Pool, db_settings: Settings, stack
) -> None:  # type: ignore[no-untyped-def]
    data, truth = stack
    batch_id = await upload_and_run(pool, db_settings, data)
    view = await get_batch_view(pool, batch_id)
    assert view.batch.status == BatchStatus.SUCCEEDED and view.batch.outcome == Outcome.SPLIT
    assert [(c.role, c.pages) for c in view.children] == [(d.kind, d.pages) for d in truth.documents]
    blanks = [p.page for p in truth.pages if p.kind == "blank"]
    assert [p.number for p in view.pages if p.kind == "blank"] == blanks
    certificate = next(c for c in view.children if c.role == "certificate")
    assert certificate.document_id is not None and certificate.document_status == "queued"
    doc = await pool.fetchrow("select batch_id, page_count, media_type from documents where id = $1",
                              certificate.document_id)  # fmt: skip
    assert doc["batch_id"] == batch_id and doc["page_count"] == len(certificate.pages)
    assert (
        await pool.fetchval("select count(*) from jobs where document_id = $1", certificate.document_id) == 1
    )
    assert await pool.fetchval("select count(*) from documents") == 1  # the cover sheet is not a certificate
    audit = await pool.fetchrow(
        "select detail from audit_log where action = 'batch.split' and entity_id = $1", str(batch_id)
    )
    assert audit["detail"]["label"]["box"] == "H-17" and audit["detail"]["blanks"] == blanks
    progress = view.progress
    assert (progress.pages, progress.classified, progress.found, progress.blanks, progress.processed) == (
        len(truth.pages), len(truth.pages), 1, len(blanks), 0
    )  # fmt: skip

    again = await accept_batch(pool, BlobStore.open(None, db_settings.blob_dir), data, "other-name.pdf",
                               BatchLabel(box="X"), db_settings.batch_limits, uploaded_by=None, max_attempts=3)  # fmt: skip
    assert again.duplicate and again.batch.id == batch_id and again.batch.label.box == "H-17"


async def test_an_edit_resplits_and_keeps_unchanged_documents(
    pool: asyncpg.Pool, db_settings: Settings, stack
) -> None:  # type: ignore[no-untyped-def]
    data, _truth = stack
    batch_id = await upload_and_run(pool, db_settings, data)
    clerk = await create_user(pool, "lan.clerk", Role.CLERK, None)
    blobs = BlobStore.open(None, db_settings.blob_dir)
    before = await get_batch_view(pool, batch_id)
    cert = next(c for c in before.children if c.role == "certificate")
    cover = next(c for c in before.children if c.role == "other")
    await edit_split(pool, blobs, batch_id, {cover.pages[0]: "blank"}, actor=clerk.id, max_attempts=3)
    after = await get_batch_view(pool, batch_id)
    assert [c.role for c in after.children] == ["certificate"]
    assert after.children[0].document_id == cert.document_id  # same pages: same document, its work kept
    last = cert.pages[-1]
    await edit_split(pool, blobs, batch_id, {last: "certificate_first"}, actor=clerk.id, max_attempts=3)
    split = await get_batch_view(pool, batch_id)
    assert [c.pages for c in split.children] == [cert.pages[:-1], [last]]
    assert cert.document_id not in [c.document_id for c in split.children]
    assert await pool.fetchval("select count(*) from documents where id = $1", cert.document_id) == 0
    edits = await pool.fetch(
        "select actor_id from audit_log where action = 'batch.edit' and entity_id = $1", str(batch_id)
    )
    assert [r["actor_id"] for r in edits] == [clerk.id, clerk.id]
    with pytest.raises(Exception) as refused:
        await edit_split(pool, blobs, batch_id, {999: "blank"}, actor=clerk.id, max_attempts=3)
    assert getattr(refused.value, "status", None) == 422


async def test_only_blank_pages_make_no_document(pool: asyncpg.Pool, db_settings: Settings) -> None:
    batch_id = await upload_and_run(pool, db_settings, files.make_pdf(3))
    batch = await get_batch_row(pool, batch_id)
    assert batch is not None and batch.outcome == Outcome.ONLY_BLANK and batch.status == BatchStatus.SUCCEEDED
    assert await pool.fetchval("select count(*) from batch_children") == 0
    assert await pool.fetchval("select count(*) from documents") == 0
    assert await pool.fetchval("select count(*) from batch_pages where kind = 'blank'") == 3


async def test_a_batch_above_its_limits_is_refused_before_anything_is_stored(pool: asyncpg.Pool, db_settings: Settings) -> None:  # fmt: skip
    blobs = BlobStore.open(None, db_settings.blob_dir)
    for limits in (
        BatchLimits(max_pages=2),
        BatchLimits(max_total_pixels=10_000_000),
        BatchLimits(max_bytes=100),
    ):
        with pytest.raises(UploadRejectedError):
            await accept_batch(
                pool, blobs, files.make_pdf(3), "big.pdf", LABEL, limits, uploaded_by=None, max_attempts=3
            )
    assert await pool.fetchval("select count(*) from batches") == 0
    assert msgspec.to_builtins(LABEL)["box"] == "H-17"


async def test_a_batch_without_a_certificate_keeps_its_papers_and_makes_no_document(
    pool: asyncpg.Pool, db_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("papers")
    truth = write_batch(3, out, certificates=0, blanks=1, others=2, tier="clean", formats=("pdf",))
    assert [(d.kind, d.pages) for d in truth.documents] == [("other", [1]), ("attachment", [2])]
    batch_id = await upload_and_run(pool, db_settings, (out / "batch.pdf").read_bytes())
    view = await get_batch_view(pool, batch_id)
    assert view.batch.status == BatchStatus.SUCCEEDED and view.batch.outcome == Outcome.NO_CERTIFICATE
    assert [c.pages for c in view.children] == [[1], [2]] and {c.role for c in view.children} <= {
        "other",
        "attachment",
    }
    assert all(c.document_id is None for c in view.children)
    assert [p.number for p in view.pages if p.kind == "blank"] == [3]
    assert await pool.fetchval("select count(*) from documents") == 0  # nothing to review, nothing queued
    assert await pool.fetchval("select count(*) from jobs") == 0
    split = await pool.fetchval("select detail from audit_log where action = 'batch.split'")
    assert split["outcome"] == "no_certificate" and split["created"] == [] and split["label"]["box"] == "H-17"
    assert (view.progress.found, view.progress.others, view.progress.blanks) == (0, 2, 1)
