"""Background exports: a row in `exports`, a queue entry, and the job kind that writes the file.

The request decides everything that depends on the user (format, filters, masking by their role at
that moment); the worker only carries it out. Attempts are service.jobs.core's, as for OCR: each
start is numbered and every write of a running attempt is fenced on that number, so when pgqueuer
re-picks an export whose worker stopped heart-beating, the new attempt starts over and a late write
of the lost one changes nothing. A failure is final, with a reason in Vietnamese; so is starting
more than `max_attempts` times. The file goes to the object storage under `exports/`; finished files
expire after a day, and the workers purge them (file and row) periodically.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import msgspec

from service.db.scope import scope_of, scoped_pool
from service.errors import AppError
from service.export.cover import cover_fields
from service.export.rows import EXPORT_SQL, ExportFilters, query_args
from service.export.run import record_export
from service.i18n import ROLE_LABELS
from service.i18n.messages import text
from service.jobs.core import AttemptSupersededError, JobFailure, JobRunner, Outcome, write_fenced
from service.jobs.queue import enqueue
from service.runtime.settings import DEFAULTS
from service.runtime.storage import Storage
from service.users import CurrentUser, Role

log = logging.getLogger(__name__)

EXPORT_TTL = dt.timedelta(hours=24)
PROGRESS_EVERY = 2000
PURGE_EVERY_SECONDS = 600.0
TEMP_PREFIX = "hkd-export-"
STALE_TEMP = dt.timedelta(hours=6)  # longer than any export runs
EXPORT_ENTRYPOINT = "export_register"
_KEY = re.compile(r"^exports/[0-9]+-[0-9a-f]{16}\.(xlsx|csv)$")


def export_key(export_id: int, token: str, fmt: str) -> str:
    """Where a finished export's file is stored: `exports/<id>-<random>.<format>`."""
    key = f"exports/{export_id}-{token}.{fmt}"
    if not _KEY.fullmatch(key):
        raise ValueError("not an export key")
    return key


class ExportRecord(msgspec.Struct, frozen=True):
    id: int
    requested_by: int
    role: str
    requester: str
    format: str
    filters: dict[str, Any]
    full_personal: bool
    status: str
    attempts: int
    max_attempts: int
    rows_done: int
    rows_total: int | None
    error: str | None
    error_detail: str | None
    storage_key: str | None
    size_bytes: int | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    expires_at: dt.datetime
    communes: list[str] | None = None  # the requester's scope: the worker writes the rows it may see

    @property
    def expired(self) -> bool:
        return self.expires_at <= dt.datetime.now(dt.UTC)

    def export_filters(self) -> ExportFilters:
        return msgspec.convert(self.filters, ExportFilters)


COLUMNS = ", ".join(ExportRecord.__struct_fields__)
INSERT = f"""
insert into exports (requested_by, role, requester, format, filters, full_personal, expires_at, communes)
values ($1, $2, $3, $4, $5, $6, now() + $7::interval, $8) returning {COLUMNS}
"""
SELECT_ONE = f"select {COLUMNS} from exports where id = $1"
SELECT_MINE = f"select {COLUMNS} from exports where requested_by = $1 order by id desc limit $2"
START_ATTEMPT = f"""
update exports set status = 'running', attempts = attempts + 1, worker = $2, rows_done = 0,
       started_at = now(), updated_at = now(), error = null, error_detail = null
where id = $1 and status in ('queued', 'running') returning {COLUMNS}
"""
SET_TOTAL = """
update exports set rows_total = $3, updated_at = now() where id = $1 and attempts = $2 and status = 'running'
"""
SET_PROGRESS = """
update exports set rows_done = greatest(rows_done, $3), updated_at = now()
where id = $1 and attempts = $2 and status = 'running'
"""
FINISH_DONE = """
update exports set status = 'done', rows_done = $3, rows_total = $3, storage_key = $4, size_bytes = $5,
       finished_at = now(), updated_at = now(), expires_at = now() + $6::interval
where id = $1 and attempts = $2 and status = 'running'
"""
FINISH_FAILED = """
update exports set status = 'failed', error = $3, error_detail = $4, finished_at = now(), updated_at = now(),
       expires_at = now() + $5::interval
where id = $1 and attempts = $2 and status = 'running'
"""
SELECT_EXPIRED = """
select id, storage_key from exports
where expires_at < now() and (status <> 'running' or updated_at < now() - interval '1 hour')
"""
COUNT_SQL = f"select count(*) from ({EXPORT_SQL}) matching"


def requester_label(user: CurrentUser) -> str:
    """ "Nguyễn Văn A (nva, Cán bộ kế hoạch)": the role in Vietnamese, as the workbook's cover shows it."""
    role = ROLE_LABELS.get(str(user.role), (str(user.role), ""))[0]
    return f"{user.display_name or user.username} ({user.username}, {role})"


async def create_export(
    pool: asyncpg.Pool, user: CurrentUser, fmt: str, filters: ExportFilters, full: bool
) -> ExportRecord:
    """The export row and its queue entry, committed together: it is either queued or not there."""
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            INSERT, user.id, str(user.role), requester_label(user), fmt,
            msgspec.to_builtins(filters), full, EXPORT_TTL, scope_of(pool),
        )  # fmt: skip
        assert row is not None
        await enqueue(conn, EXPORT_ENTRYPOINT, int(row["id"]))
    return msgspec.convert(dict(row), ExportRecord)


async def get_export(pool: asyncpg.Pool, export_id: int) -> ExportRecord | None:
    row = await pool.fetchrow(SELECT_ONE, export_id)
    return None if row is None else msgspec.convert(dict(row), ExportRecord)


async def list_exports(pool: asyncpg.Pool, user_id: int, limit: int) -> list[ExportRecord]:
    rows = await pool.fetch(SELECT_MINE, user_id, limit)
    return [msgspec.convert(dict(r), ExportRecord) for r in rows]


class ExportAttempt(msgspec.Struct, frozen=True):
    """A started attempt of one export: its number fences every write (service.jobs.core)."""

    record: ExportRecord

    @property
    def job_id(self) -> int:
        return self.record.id

    @property
    def number(self) -> int:
        return self.record.attempts

    @property
    def max_attempts(self) -> int:
        return self.record.max_attempts


class ExportPhaseError(AppError):
    """An export failed in `phase` (count, write, store, finish): the reason the user reads."""

    def __init__(self, phase: str, cause: Exception) -> None:
        super().__init__(
            f"{phase}: {type(cause).__name__}: {cause}", message_vi=text(f"export.reason.{phase}")
        )
        self.phase = phase


class ExportJobs:
    """The `JobKind` of background exports (service.jobs.core): a failure is final, with a reason."""

    entrypoint = EXPORT_ENTRYPOINT
    retries = False

    def __init__(
        self,
        pool: asyncpg.Pool,
        storage: Storage,
        tmp_dir: Path | None = None,
        zone: dt.tzinfo = DEFAULTS.zone,
    ) -> None:
        self.pool = pool
        self.storage = storage
        self.tmp_dir = tmp_dir
        self.zone = zone  # HKD_TIMEZONE: the cover sheet's moment of export

    async def start(self, job_id: int, worker: str) -> ExportAttempt | None:
        row = await self.pool.fetchrow(START_ATTEMPT, job_id, worker)
        return None if row is None else ExportAttempt(msgspec.convert(dict(row), ExportRecord))

    async def run(self, attempt: ExportAttempt) -> None:
        """Count, write the file under `tmp_dir` (where `remove_stale_temp` finds what a killed worker
        left behind), store it, and record it done with its audit row, all fenced on the attempt."""
        from service.export.run import export_to_file  # openpyxl: imported by the first export, not at start

        record, pool = attempt.record, self.pool
        rows = scoped_pool(pool, record.communes)  # the worker sees everything; the file, what its asker may
        phase = "count"
        try:
            filters = record.export_filters()
            total = int(await rows.fetchval(COUNT_SQL, *query_args(filters)))
            await write_fenced(pool, SET_TOTAL, attempt, total)

            async def progress(done: int) -> None:
                if not await write_fenced(pool, SET_PROGRESS, attempt, done):
                    raise AttemptSupersededError(
                        f"export {record.id} attempt {attempt.number} was taken over"
                    )

            phase = "write"
            if self.tmp_dir is not None:
                await asyncio.to_thread(self.tmp_dir.mkdir, parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=self.tmp_dir) as tmp:
                out = Path(tmp) / f"export.{record.format}"
                written = await export_to_file(
                    rows, record.format, out, filters, record.full_personal, audit=False,
                    cover=cover_fields(filters, record.requester, record.full_personal, self.zone),
                    progress=progress,
                    progress_every=PROGRESS_EVERY,
                )  # fmt: skip
                phase = "store"
                key = export_key(record.id, secrets.token_hex(8), record.format)
                size = await self.storage.put_file(key, out)
            phase = "finish"
            async with pool.acquire() as conn, conn.transaction():
                done = await write_fenced(conn, FINISH_DONE, attempt, written, key, size, EXPORT_TTL)
                if done:
                    user = CurrentUser(record.requested_by, "", record.requester, Role(record.role))
                    await record_export(
                        conn, user, record.format, filters.describe(), written, record.full_personal
                    )
        except AttemptSupersededError:
            raise
        except Exception as exc:  # every failure becomes a reason the user can read
            raise ExportPhaseError(phase, exc) from exc
        if not done:
            await self.storage.delete(key)
            raise AttemptSupersededError(f"export {record.id} attempt {attempt.number} was taken over")
        log.info("export %s done: %s rows, %s bytes", record.id, written, size)

    def classify(self, exc: Exception) -> JobFailure:
        phase = exc.phase if isinstance(exc, ExportPhaseError) else "other"
        log.warning("export failed in %s: %s", phase, type(exc.__cause__ or exc).__name__)
        return JobFailure(phase, str(exc)[:500])

    async def give_up(self, attempt: ExportAttempt, failure: JobFailure) -> None:
        reasons = ("count", "write", "store", "worker_lost")
        reason = text(f"export.reason.{failure.code if failure.code in reasons else 'other'}")
        await write_fenced(self.pool, FINISH_FAILED, attempt, reason, failure.detail, EXPORT_TTL)

    async def retry_later(self, attempt: ExportAttempt, failure: JobFailure) -> None:
        raise AssertionError("exports do not retry")  # retries = False: the machine never asks


_OUTCOME_STATUS = {Outcome.SUCCEEDED: "done", Outcome.GAVE_UP: "failed"}


async def run_export(
    pool: asyncpg.Pool, storage: Storage, export_id: int, worker: str, tmp_dir: Path | None = None
) -> str | None:
    """One attempt of one export; the final status it recorded ("done", "failed"), or None when it had
    nothing to do (finished, purged, never committed) or a newer attempt took it over."""
    runner = JobRunner(ExportJobs(pool, storage, tmp_dir), worker, retry_base_seconds=0.0)
    outcome = await runner.run_job(export_id)
    return None if outcome is None else _OUTCOME_STATUS.get(outcome)


async def purge_expired(pool: asyncpg.Pool, storage: Storage) -> int:
    """Delete expired exports: the file first, then the row (a crash in between leaves a row to retry)."""
    purged = 0
    for row in await pool.fetch(SELECT_EXPIRED):
        if row["storage_key"]:
            await storage.delete(row["storage_key"])
        await pool.execute("delete from exports where id = $1", row["id"])
        purged += 1
    return purged


def remove_stale_temp(tmp_dir: Path, older_than: dt.timedelta = STALE_TEMP) -> int:
    """Delete half-written export files of killed workers (a finished attempt removes its own)."""
    if not tmp_dir.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for entry in tmp_dir.glob(TEMP_PREFIX + "*"):
        if entry.is_dir() and entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


async def purge_periodically(
    pool: asyncpg.Pool,
    storage: Storage,
    tmp_dir: Path | None,
    stop: asyncio.Event,
    every: float = PURGE_EVERY_SECONDS,
) -> None:
    """Expired exports go from storage and the table, every `every` seconds until `stop`; errors are
    logged and tried again next round (housekeeping must not stop the worker)."""
    while not stop.is_set():
        try:
            purged = await purge_expired(pool, storage)
            if tmp_dir is not None:
                await asyncio.to_thread(remove_stale_temp, tmp_dir)
            if purged:
                log.info("purged %s expired exports", purged)
        except Exception as exc:
            log.warning("purging expired exports failed: %s", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
