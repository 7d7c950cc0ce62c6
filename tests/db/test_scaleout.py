"""Two machines of workers: own data dirs, one PostgreSQL, one S3; a batch is shared, each job done once."""

from __future__ import annotations

import asyncio
import collections

import asyncpg
import msgspec

from service.documents.uploads import accept_upload
from service.jobs.ocr import JobStatus
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from tests import files
from tests.db.test_worker import spawn_worker, wait_for


async def test_two_worker_machines_split_a_batch(
    pool: asyncpg.Pool, db_settings: Settings, s3_env, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings = msgspec.structs.replace(db_settings, storage_url="s3://scans/scaleout")
    blobs = BlobStore.open(settings.storage_url, settings.blob_dir)
    for seed in range(8):
        data = files.make_tiff(2, seed=seed) if seed % 2 else files.make_jpeg(400, 500, seed=seed)
        await accept_upload(
            pool,
            blobs,
            data,
            f"{seed}",
            settings.upload_limits,
        )
    machines = [
        spawn_worker(settings, data_dir=str(tmp_path / f"machine{i}"), STORAGE_URL=settings.storage_url or "")
        for i in range(2)
    ]
    try:

        async def all_done() -> bool:
            n = await pool.fetchval("select count(*) from jobs where status <> $1", JobStatus.SUCCEEDED.value)
            return n == 0

        await wait_for(all_done, timeout=90)
        await asyncio.sleep(1.0)
    finally:
        for m in machines:
            m.terminate()
        for m in machines:
            m.wait(15)
    rows = await pool.fetch("select worker, attempts from jobs")
    per_worker = collections.Counter(r["worker"] for r in rows)
    assert len(per_worker) == 2, per_worker  # both machines took part
    assert all(r["attempts"] == 1 for r in rows)  # each job done once
    assert await pool.fetchval("select count(*) from pgqueuer_log where status = 'successful'") == 8
    assert await pool.fetchval("select count(*) from pages") == 4 * 1 + 4 * 2
    for i in range(2):  # nothing was written to the machines' local blob folders
        assert not (tmp_path / f"machine{i}" / "blobs").exists() or not any(
            (tmp_path / f"machine{i}" / "blobs").rglob("*.*")
        )
