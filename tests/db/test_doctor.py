"""`hkd doctor` finds where storage, documents, jobs and the queue disagree, and repairs what it can."""

from __future__ import annotations

import os
import time

import asyncpg

from service.doctor import examine
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore, blob_key
from tests import files
from tests.db.test_worker import upload


async def test_doctor_reports_and_repairs(pool: asyncpg.Pool, db_settings: Settings) -> None:
    blobs = BlobStore.open(None, db_settings.blob_dir)
    await upload(pool, db_settings, files.make_jpeg(seed=1), "kept.jpg")
    await upload(pool, db_settings, files.make_jpeg(seed=2), "lost-file.jpg")
    third_job = await upload(pool, db_settings, files.make_jpeg(seed=3), "lost-queue-entry.jpg")
    healthy = await examine(pool, blobs)
    assert healthy.healthy and healthy.blobs == 3 and healthy.documents == 3

    old_orphan = await blobs.put(b"an upload that died before its commit")
    two_hours_ago = time.time() - 7200
    os.utime(db_settings.blob_dir / blob_key(old_orphan), (two_hours_ago, two_hours_ago))
    fresh_orphan = await blobs.put(b"an upload still in flight")
    lost_sha = await pool.fetchval("select sha256 from documents where original_name = 'lost-file.jpg'")
    await blobs.delete(lost_sha)
    await pool.execute("delete from pgqueuer where payload = convert_to($1::text, 'UTF8')", str(third_job))
    no_job_sha = await blobs.put(files.make_png())
    no_job_doc = await pool.fetchval(
        "insert into documents (sha256, media_type, size_bytes, page_count) values ($1, 'image/png', 1, 1) returning id",
        no_job_sha,
    )

    report = await examine(pool, blobs)
    assert not report.healthy
    assert sorted(report.orphan_blobs) == sorted([old_orphan, fresh_orphan])
    assert report.missing_blobs == [
        await pool.fetchval("select id from documents where sha256 = $1", lost_sha)
    ]
    assert report.documents_without_job == [no_job_doc]
    assert report.jobs_without_queue_entry == [third_job]
    assert "PROBLEMS FOUND" in report.render()

    repaired = await examine(pool, blobs, repair=True)
    assert repaired.orphans_deleted == 1  # the young orphan may still be an upload in flight
    assert not await blobs.exists(old_orphan) and await blobs.exists(fresh_orphan)

    after = await examine(pool, blobs)
    assert after.orphan_blobs == [fresh_orphan]
    assert after.documents_without_job == [] and after.jobs_without_queue_entry == []
    assert len(after.missing_blobs) == 1  # only a human can bring a lost scan back
    queued = await pool.fetchval("select count(*) from pgqueuer where entrypoint = 'ocr_document'")
    assert queued == 4
