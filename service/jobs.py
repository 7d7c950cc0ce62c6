"""Our record of each OCR job: status, attempts, progress and error — the rows the UI polls.

pgqueuer hands jobs out (`FOR UPDATE SKIP LOCKED`, heartbeats, re-pick after a worker dies); this
table is the domain's view of them. Every attempt gets a number (`attempts`), and every write of a
running attempt is fenced on that number, so a worker that was presumed dead and comes back late
cannot overwrite the result of the attempt that replaced it: a job completes at most once.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import msgspec

from service.db import Conn, Executor


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"  # failed, waiting for its next attempt (back-off)
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # the input is unusable; retrying would not help
    DEAD = "dead"  # dead-letter: failed `max_attempts` times


class Job(msgspec.Struct, frozen=True):
    id: int
    document_id: int
    status: JobStatus
    attempts: int
    max_attempts: int
    step: str
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


JOB_COLUMNS = (
    "id, document_id, status, attempts, max_attempts, step, pages_done, pages_total, "
    "error_code, error_detail, updated_at"
)
INSERT_JOB = """
insert into jobs (document_id, max_attempts) values ($1, $2) returning id
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
FINISH = """
update jobs set status = $3, step = $4, error_code = $5, error_detail = $6,
       finished_at = case when $3 in ('succeeded', 'failed', 'dead') then now() end, updated_at = now()
where id = $1 and attempts = $2 and status = 'running'
"""


async def create_job(conn: Conn, document_id: int, max_attempts: int) -> int:
    return int(await conn.fetchval(INSERT_JOB, document_id, max_attempts))


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


async def report_progress(conn: Executor, attempt: Attempt, step: str, done: int, total: int) -> bool:
    result = await conn.execute(UPDATE_PROGRESS, attempt.job_id, attempt.number, step, done, total)
    return result.endswith(" 1")


async def finish_attempt(
    conn: Executor,
    attempt: Attempt,
    status: JobStatus,
    *,
    step: str | None = None,
    error_code: str | None = None,
    error_detail: str | None = None,
) -> bool:
    """Record the outcome of `attempt`; False when a newer attempt has taken the job over."""
    result = await conn.execute(
        FINISH, attempt.job_id, attempt.number, status.value, step or status.value, error_code, error_detail
    )
    return result.endswith(" 1")
