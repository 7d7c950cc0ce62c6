"""OCR jobs: our record of each (the `jobs` table: status, attempts, step, progress, error — the rows
the UI polls) and the fenced writes of its attempts. What an OCR job does to its document is
service.documents.processing; the attempt machine is service.jobs.core."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import msgspec

from service.db import Conn, Executor
from service.jobs.core import write_fenced
from service.jobs.queue import enqueue

OCR_ENTRYPOINT = "ocr_document"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"  # failed, waiting for its next attempt (back-off)
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # the input is unusable; retrying would not help
    DEAD = "dead"  # dead-letter: failed `max_attempts` times


class JobStep(StrEnum):
    """Where a job is (`jobs.step`): the pipeline's steps in order, then how it ended."""

    QUEUED = "queued"
    STARTED = "started"
    LOAD = "load"
    PREPROCESS = "preprocess"
    OCR = "ocr"
    EXTRACT = "extract"
    VALIDATE = "validate"
    STORE = "store"
    DONE = "done"
    SUCCEEDED = "succeeded"  # finished without a step of its own (the pipeline ends on DONE)
    RETRYING = "retrying"
    FAILED = "failed"
    DEAD = "dead"


class Job(msgspec.Struct, frozen=True):
    id: int
    document_id: int
    status: JobStatus
    attempts: int
    max_attempts: int
    step: JobStep
    pages_done: int
    pages_total: int
    error_code: str | None
    error_detail: str | None
    updated_at: dt.datetime


class Attempt(msgspec.Struct, frozen=True):
    """A started attempt: its number is the fencing token for every later write."""

    job_id: int
    document_id: int
    number: int
    max_attempts: int


JOB_COLUMNS = ", ".join(Job.__struct_fields__)
INSERT_JOB = """
insert into jobs (document_id, max_attempts, page_rotations) values ($1, $2, coalesce($3::jsonb, '{}'))
returning id
"""
SELECT_JOB = f"select {JOB_COLUMNS} from jobs where id = $1"
SELECT_LATEST_FOR_DOCUMENTS = f"""
select distinct on (document_id) {JOB_COLUMNS} from jobs
where document_id = any($1::bigint[]) order by document_id, id desc
"""
START_ATTEMPT = """
update jobs set status = 'running', attempts = attempts + 1, step = 'started', worker = $2,
       started_at = now(), updated_at = now(), error_code = null, error_detail = null
where id = $1 and status in ('queued', 'running', 'retrying')
returning id, document_id, attempts, max_attempts
"""
UPDATE_PROGRESS = """
update jobs set step = $3, pages_done = $4, pages_total = $5, updated_at = now()
where id = $1 and attempts = $2 and status = 'running'
"""
STILL_RUNNING = "select 1 from jobs where id = $1 and attempts = $2 and status = 'running'"
FINISH = """
update jobs set status = $3, step = $4, error_code = $5, error_detail = $6,
       finished_at = case when $3 in ('succeeded', 'failed', 'dead') then now() end, updated_at = now()
where id = $1 and attempts = $2 and status = 'running'
"""


async def queue_ocr_job(
    conn: Conn, document_id: int, max_attempts: int, page_rotations: dict[str, int] | None = None
) -> int:
    """A new OCR job for the document and its queue entry, inside the caller's transaction.
    `page_rotations` ({"1": 90}, clockwise) turn the uploaded pages before OCR (a reviewer's re-run)."""
    job_id = int(await conn.fetchval(INSERT_JOB, document_id, max_attempts, page_rotations))
    await enqueue(conn, OCR_ENTRYPOINT, job_id)
    return job_id


async def get_job(conn: Executor, job_id: int) -> Job | None:
    row = await conn.fetchrow(SELECT_JOB, job_id)
    return None if row is None else msgspec.convert(dict(row), Job)


async def latest_jobs(conn: Executor, document_ids: list[int]) -> dict[int, Job]:
    rows = await conn.fetch(SELECT_LATEST_FOR_DOCUMENTS, document_ids)
    return {row["document_id"]: msgspec.convert(dict(row), Job) for row in rows}


async def start_attempt(conn: Executor, job_id: int, worker: str) -> Attempt | None:
    """Begin a new attempt; None when the job is already finished (e.g. re-picked after completing)."""
    row = await conn.fetchrow(START_ATTEMPT, job_id, worker)
    if row is None:
        return None
    return Attempt(row["id"], row["document_id"], row["attempts"], row["max_attempts"])


async def report_progress(conn: Executor, attempt: Attempt, step: JobStep, done: int, total: int) -> bool:
    return await write_fenced(conn, UPDATE_PROGRESS, attempt, step.value, done, total)


async def attempt_withdrawn(conn: Executor, attempt: Attempt) -> bool:
    """The attempt is no longer wanted: its job is gone (deleted with its document) or taken over."""
    return await conn.fetchval(STILL_RUNNING, attempt.job_id, attempt.number) is None


async def finish_attempt(
    conn: Executor,
    attempt: Attempt,
    status: JobStatus,
    *,
    step: JobStep | None = None,
    error_code: str | None = None,
    error_detail: str | None = None,
) -> bool:
    """Record the outcome of `attempt`; False when a newer attempt has taken the job over."""
    step_value = (step or JobStep(status.value)).value
    return await write_fenced(conn, FINISH, attempt, status.value, step_value, error_code, error_detail)
