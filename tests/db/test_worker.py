"""The job queue with real workers: processing, races, a worker killed mid-job, retries, dead letters."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import asyncpg
import msgspec
import pytest

from service.documents.uploads import accept_upload
from service.jobs.ocr import JobStatus, get_job, start_attempt
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from service.worker import run_worker
from tests import files


async def upload(pool: asyncpg.Pool, settings: Settings, data: bytes, name: str = "scan.jpg") -> int:
    blobs = BlobStore.open(None, settings.blob_dir)
    view = await accept_upload(
        pool, blobs, data, name, settings.upload_limits, max_attempts=settings.job_attempts
    )
    assert view.job is not None
    return view.job.id


async def wait_for(predicate, timeout: float = 120.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """The predicate's first true value. Generous by default: a spawned worker first loads its OCR
    forkserver (model, reference data, Tesseract), which takes tens of seconds on a loaded machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(interval)
    raise AssertionError("condition not reached in time")


async def job_in(pool: asyncpg.Pool, job_id: int, *statuses: JobStatus):  # type: ignore[no-untyped-def]
    job = await get_job(pool, job_id)
    return job if job is not None and job.status in statuses else None


def spawn_worker(settings: Settings, data_dir: str | None = None, **env: str) -> subprocess.Popen[bytes]:
    assert settings.database_url
    full_env = dict(
        os.environ,
        DATABASE_URL=settings.database_url,
        HKD_DATA_DIR=data_dir or str(settings.data_dir),
        HKD_JOB_LEASE_SECONDS=str(settings.job_lease_seconds),
        OMP_THREAD_LIMIT="1",
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "worker"],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def successful_log_rows(pool: asyncpg.Pool) -> int:
    return int(await pool.fetchval("select count(*) from pgqueuer_log where status = 'successful'"))


async def test_worker_processes_uploaded_documents(pool: asyncpg.Pool, db_settings: Settings) -> None:
    jpeg_job = await upload(pool, db_settings, files.make_jpeg())
    pdf_job = await upload(pool, db_settings, files.make_pdf(3), "three.pdf")
    stop = asyncio.Event()
    assert db_settings.database_url
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        for job_id in (jpeg_job, pdf_job):
            job = await wait_for(lambda j=job_id: job_in(pool, j, JobStatus.SUCCEEDED))
            assert job.attempts == 1
            assert job.pages_done == job.pages_total
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    pages = await pool.fetch("select document_id, number from pages order by document_id, number")
    assert [(r["document_id"], r["number"]) for r in pages] == [(1, 1), (2, 1), (2, 2), (2, 3)]
    statuses = [r["status"] for r in await pool.fetch("select status from documents order by id")]
    assert statuses == ["not_certificate", "not_certificate"]  # read, and no certificate: not for review


async def test_an_attempt_is_fenced_by_its_number(pool: asyncpg.Pool, db_settings: Settings) -> None:
    job_id = await upload(pool, db_settings, files.make_jpeg())
    first, second = await asyncio.gather(start_attempt(pool, job_id, "a"), start_attempt(pool, job_id, "b"))
    assert first is not None and second is not None
    assert sorted([first.number, second.number]) == [1, 2]
    from service.jobs.ocr import finish_attempt

    stale, fresh = sorted([first, second], key=lambda a: a.number)
    assert not await finish_attempt(pool, stale, JobStatus.SUCCEEDED)
    assert await finish_attempt(pool, fresh, JobStatus.SUCCEEDED)
    assert await start_attempt(pool, job_id, "c") is None  # finished jobs are never restarted


async def test_two_workers_race_for_one_job_and_it_is_done_once(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    job_id = await upload(pool, db_settings, files.make_pdf(2), "two.pdf")
    workers = [spawn_worker(db_settings) for _ in range(2)]
    try:
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.SUCCEEDED))
        await asyncio.sleep(1.5)  # give a second completion the chance to happen, if it could
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(15)
    assert job.attempts == 1
    assert await successful_log_rows(pool) == 1


async def test_worker_killed_mid_job_is_replaced_and_job_completes_once(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    job_id = await upload(pool, db_settings, files.make_tiff(3), "three.tif")
    async with pool.acquire() as locker:
        tx = locker.transaction()
        await tx.start()
        # Hold the document row: the worker starts its attempt, then blocks mid-job on this lock.
        await locker.execute("select id from documents where id = 1 for update")
        victim = spawn_worker(db_settings)
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.RUNNING))
        assert job.attempts == 1
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        await tx.rollback()
    rescuer = spawn_worker(db_settings)
    try:
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.SUCCEEDED), timeout=60)
        await asyncio.sleep(1.0)
    finally:
        rescuer.terminate()
        rescuer.wait(15)
    assert job.attempts == 2  # the killed attempt, then the one that finished
    assert await successful_log_rows(pool) == 1
    assert await pool.fetchval("select count(*) from pages where document_id = 1") == 3


async def test_failures_retry_with_backoff_then_dead_letter(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    settings = msgspec.structs.replace(db_settings, job_retry_base_seconds=0.2, job_attempts=3)
    job_id = await upload(pool, settings, files.make_jpeg())
    sha = await pool.fetchval("select sha256 from documents where id = 1")
    await BlobStore.open(None, settings.blob_dir).delete(sha)  # the blob vanished: not the input's fault
    stop = asyncio.Event()
    assert settings.database_url
    task = asyncio.create_task(run_worker(settings, settings.database_url, stop))
    try:
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.DEAD), timeout=30)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert job.attempts == 3
    assert job.error_code == "internal_error"
    assert "BlobNotFoundError" in (job.error_detail or "")
    assert await pool.fetchval("select status from documents where id = 1") == "failed"


@pytest.mark.parametrize("max_attempts", [2])
async def test_job_whose_worker_always_dies_ends_dead(
    pool: asyncpg.Pool, db_settings: Settings, max_attempts: int
) -> None:
    settings = msgspec.structs.replace(db_settings, job_attempts=max_attempts)
    job_id = await upload(pool, settings, files.make_jpeg())
    # Simulate attempts lost to crashes: each start counts, so the next start exceeds the limit.
    for _ in range(max_attempts):
        assert await start_attempt(pool, job_id, "crashed") is not None
    stop = asyncio.Event()
    assert settings.database_url
    task = asyncio.create_task(run_worker(settings, settings.database_url, stop))
    try:
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.DEAD), timeout=30)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert job.error_code == "worker_lost"


@pytest.mark.slow
async def test_worker_reads_with_the_configured_limits_not_the_librarys(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    """HKD_MAX_PAGES raised above the library's 50: a 51-page PDF is accepted and the worker reads it."""
    settings = msgspec.structs.replace(db_settings, max_pages=60)
    job_id = await upload(pool, settings, files.make_pdf(51, 72, 72), "fifty-one.pdf")  # one-inch pages
    stop = asyncio.Event()
    assert settings.database_url
    task = asyncio.create_task(run_worker(settings, settings.database_url, stop))
    try:
        job = await wait_for(lambda: job_in(pool, job_id, JobStatus.SUCCEEDED, JobStatus.FAILED), timeout=240)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert (job.status, job.error_code) == (JobStatus.SUCCEEDED, None)
    assert job.pages_total == 51
    assert await pool.fetchval("select count(*) from pages where document_id = 1") == 51


async def test_a_worker_refuses_a_database_with_pending_migrations(server_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Only `hkd serve` and `hkd migrate` migrate: a worker says what to do, without a traceback."""
    import uuid

    from tests.conftest import with_database

    name = f"t_empty_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server_url)
    await admin.execute(f'create database "{name}"')
    try:
        env = dict(os.environ, DATABASE_URL=with_database(server_url, name), HKD_DATA_DIR=str(tmp_path))
        done = subprocess.run(
            [sys.executable, "-m", "service.cli", "worker"],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 2
        assert "hkd migrate" in done.stderr and "Traceback" not in done.stderr
        conn = await asyncpg.connect(with_database(server_url, name))
        try:  # and it migrated nothing
            assert await conn.fetchval("select to_regclass('schema_migrations')") is None
        finally:
            await conn.close()
    finally:
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()
