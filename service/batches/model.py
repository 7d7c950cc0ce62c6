"""A batch's rows: its label, its job record (status, attempts, progress) and the fenced writes of its
attempts. The attempt machine is service.jobs.core's; what a batch job does is service.batches.processing."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import asyncpg
import msgspec

from service.db import Executor
from service.jobs.core import write_fenced

BATCH_ENTRYPOINT = "split_batch"
LabelText = Annotated[str, msgspec.Meta(max_length=200)]
"""What a clerk writes on a box (a label field of an upload form)."""


class BatchStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    DEAD = "dead"


class Outcome(StrEnum):
    SPLIT = "split"  # one or more certificates
    NO_CERTIFICATE = "no_certificate"  # papers, but not one certificate: nothing to review
    ONLY_BLANK = "only_blank"  # every page blank: no child at all


class BatchLabel(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Where the paper is: box or folder number, commune, who scanned it and when."""

    box: str = ""
    commune: str = ""
    scanned_by: str = ""
    scanned_on: dt.date | None = None


class BatchAttempt(msgspec.Struct, frozen=True):
    job_id: int  # the batch id: a batch is its own job record
    number: int
    max_attempts: int


class Batch(msgspec.Struct, frozen=True):
    id: int
    sha256: str
    media_type: str
    size_bytes: int
    page_count: int
    original_name: str
    label: BatchLabel
    status: BatchStatus
    outcome: Outcome | None
    attempts: int
    max_attempts: int
    pages_done: int
    error_code: str | None
    error_detail: str | None
    created_at: dt.datetime


BATCH_COLUMNS = ", ".join(Batch.__struct_fields__)
SELECT_BATCH = f"select {BATCH_COLUMNS} from batches where id = $1"
SELECT_BATCH_BY_SHA = f"select {BATCH_COLUMNS} from batches where sha256 = $1"
START_ATTEMPT = """
update batches set status = 'running', attempts = attempts + 1, worker = $2, started_at = now(),
       updated_at = now(), error_code = null, error_detail = null
where id = $1 and status in ('queued', 'running', 'retrying')
returning id, attempts, max_attempts
"""
UPDATE_PROGRESS = """
update batches set pages_done = $3, updated_at = now() where id = $1 and attempts = $2 and status = 'running'
"""
FINISH = """
update batches set status = $3, outcome = $4, error_code = $5, error_detail = $6, updated_at = now(),
       finished_at = case when $3 in ('succeeded', 'failed', 'dead') then now() end
where id = $1 and attempts = $2 and status = 'running'
"""


def to_batch(row: asyncpg.Record) -> Batch:
    return msgspec.convert(dict(row), Batch)


async def get_batch_row(db: Executor, batch_id: int) -> Batch | None:
    row = await db.fetchrow(SELECT_BATCH, batch_id)
    return None if row is None else to_batch(row)


async def start_batch_attempt(db: Executor, batch_id: int, worker: str) -> BatchAttempt | None:
    row = await db.fetchrow(START_ATTEMPT, batch_id, worker)
    return None if row is None else BatchAttempt(row["id"], row["attempts"], row["max_attempts"])


async def report_pages(db: Executor, attempt: BatchAttempt, done: int) -> bool:
    return await write_fenced(db, UPDATE_PROGRESS, attempt, done)


async def finish_batch_attempt(
    db: Executor,
    attempt: BatchAttempt,
    status: BatchStatus,
    *,
    outcome: Outcome | None = None,
    error_code: str | None = None,
    error_detail: str | None = None,
) -> bool:
    outcome_value = outcome.value if outcome else None
    return await write_fenced(db, FINISH, attempt, status.value, outcome_value, error_code, error_detail)
