"""Splitting a batch again removes what the new split no longer has: a superseded document that was read
and found not to be a certificate (its row, jobs and file), a superseded paper's file, while the file of
a document that stays is kept, and the audit names what went (real PostgreSQL and Tesseract)."""

from __future__ import annotations

import asyncpg
import pytest

from samples.batch import write_batch
from service.batches.edits import edit_split
from service.batches.model import BatchLabel
from service.batches.processing import BatchJobs
from service.batches.progress import get_batch_view
from service.batches.uploads import accept_batch
from service.jobs.core import JobRunner
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from service.users import Role, create_user

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("stack")
    write_batch(23, out, certificates=1, blanks=1, others=1, tier="clean", formats=("pdf",))
    return (out / "batch.pdf").read_bytes()


async def test_a_resplit_deletes_a_superseded_not_certificate_document_and_unused_files(
    pool: asyncpg.Pool, db_settings: Settings, stack: bytes
) -> None:
    blobs = BlobStore.open(None, db_settings.blob_dir)
    result = await accept_batch(pool, blobs, stack, "hop22.pdf", BatchLabel(box="S-22"), db_settings.batch_limits,
                                uploaded_by=None, max_attempts=db_settings.job_attempts)  # fmt: skip
    batch_id = result.batch.id
    await JobRunner(BatchJobs(pool, blobs, db_settings), "test", 0.01).run_job(batch_id)
    clerk = await create_user(pool, "mai.clerk", Role.CLERK, None)
    before = await get_batch_view(pool, batch_id)
    cert = next(c for c in before.children if c.role == "certificate")
    cover = next(c for c in before.children if c.role == "other")
    files = {r["position"]: r["file_sha256"] for r in await pool.fetch(
        "select position, file_sha256 from batch_children where batch_id = $1", batch_id)}  # fmt: skip
    cert_file, cover_file = files[cert.position], files[cover.position]
    # the reader found no certificate in it (as for a page the classifier took for one)
    await pool.execute("update documents set status = 'not_certificate' where id = $1", cert.document_id)

    await edit_split(pool, blobs, batch_id, {cover.pages[0]: "blank", cert.pages[-1]: "certificate_first"},
                     actor=clerk.id, max_attempts=3)  # fmt: skip

    after = await get_batch_view(pool, batch_id)
    assert [c.pages for c in after.children] == [cert.pages[:-1], cert.pages[-1:]]
    assert await pool.fetchval("select count(*) from documents where id = $1", cert.document_id) == 0
    assert await pool.fetchval("select count(*) from jobs where document_id = $1", cert.document_id) == 0
    assert not await blobs.exists(cert_file) and not await blobs.exists(cover_file)
    for child in after.children:  # the new children's files are stored, and so is the batch's own
        digest = await pool.fetchval(
            "select file_sha256 from batch_children where batch_id = $1 and position = $2",
            batch_id,
            child.position,
        )
        assert await blobs.exists(digest)
    assert await blobs.exists(result.batch.sha256)
    audit = await pool.fetchval(
        "select detail from audit_log where action = 'batch.split' and entity_id = $1 order by id desc limit 1",
        str(batch_id),
    )
    assert audit["deleted"] == [cert.document_id] and audit["superseded_kept"] == []

    kept = after.children[0]  # splitting again with no change keeps every document and file
    await edit_split(pool, blobs, batch_id, {}, actor=clerk.id, max_attempts=3)
    again = await get_batch_view(pool, batch_id)
    assert [c.document_id for c in again.children] == [c.document_id for c in after.children]
    assert await pool.fetchval("select count(*) from documents where id = $1", kept.document_id) == 1
