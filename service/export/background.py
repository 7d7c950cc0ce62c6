"""Background exports: a row in `exports`, a pgqueuer job, a worker that writes the file to storage.

The request decides everything that depends on the user (format, filters, masking by their role at
that moment); the worker only carries it out. Like the OCR jobs (service.jobs), each start is a
numbered attempt and every write of a running attempt is fenced on that number: pgqueuer re-picks a
job whose worker stopped heart-beating, the new attempt starts over, and a late write of the lost
attempt changes nothing. After `max_attempts` starts the export fails with a reason in Vietnamese.
Finished files expire after a day; the workers purge them (file and row) periodically.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
from pgqueuer.models import Job as QueueJob

from service.export.audit import record_export
from service.export.cover import cover_fields
from service.export.rows import EXPORT_SQL, ExportFilters, query_args
from service.export.store import ExportFiles, export_key
from service.queue import enqueue_export
from service.users import CurrentUser, Role

log = logging.getLogger(__name__)

EXPORT_TTL = dt.timedelta(hours=24)
PROGRESS_EVERY = 2000
PURGE_EVERY_SECONDS = 600.0
TEMP_PREFIX = "hkd-export-"
STALE_TEMP = dt.timedelta(hours=6)  # longer than any export runs

REASONS_VI = {
    "count": "Không đếm được số hộ kinh doanh cần xuất (lỗi cơ sở dữ liệu). Hãy thử lại sau.",
    "write": "Không ghi được tệp xuất (lỗi khi đọc sổ đăng ký hoặc ổ đĩa tạm). Hãy thử lại sau.",
    "store": "Không lưu được tệp xuất vào kho lưu trữ. Hãy báo quản trị hệ thống rồi thử lại.",
    "worker_lost": "Máy xử lý bị dừng giữa chừng nhiều lần nên chưa tạo được tệp. Hãy xuất lại.",
}


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

    @property
    def expired(self) -> bool:
        return self.expires_at <= dt.datetime.now(dt.UTC)

    def export_filters(self) -> ExportFilters:
        return msgspec.convert(self.filters, ExportFilters)


COLUMNS = ", ".join(ExportRecord.__struct_fields__)
INSERT = f"""
insert into exports (requested_by, role, requester, format, filters, full_personal, expires_at)
values ($1, $2, $3, $4, $5, $6, now() + $7::interval) returning {COLUMNS}
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


class SupersededError(Exception):
    """A newer attempt took the export over (this worker was presumed dead): stop quietly."""


def requester_label(user: CurrentUser) -> str:
    return f"{user.display_name or user.username} ({user.username}, {user.role})"


async def create_export(
    pool: asyncpg.Pool, user: CurrentUser, fmt: str, filters: ExportFilters, full: bool
) -> ExportRecord:
    """The export row and its queue entry, committed together: it is either queued or not there."""
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            INSERT, user.id, str(user.role), requester_label(user), fmt,
            msgspec.to_builtins(filters), full, EXPORT_TTL,
        )  # fmt: skip
        assert row is not None
        await enqueue_export(conn, int(row["id"]))
    return msgspec.convert(dict(row), ExportRecord)


async def get_export(pool: asyncpg.Pool, export_id: int) -> ExportRecord | None:
    row = await pool.fetchrow(SELECT_ONE, export_id)
    return None if row is None else msgspec.convert(dict(row), ExportRecord)


async def list_exports(pool: asyncpg.Pool, user_id: int, limit: int) -> list[ExportRecord]:
    rows = await pool.fetch(SELECT_MINE, user_id, limit)
    return [msgspec.convert(dict(r), ExportRecord) for r in rows]


async def run_export(
    pool: asyncpg.Pool, files: ExportFiles, export_id: int, worker: str, tmp_dir: Path | None = None
) -> str | None:
    """One attempt of one export; returns the final status it recorded (None when it had nothing to do).

    The file is written under `tmp_dir` (the worker's data dir), where `remove_stale_temp` finds what a
    killed worker left behind."""
    row = await pool.fetchrow(START_ATTEMPT, export_id, worker)
    if row is None:
        return None  # already finished, purged, or never committed
    record = msgspec.convert(dict(row), ExportRecord)
    attempt = record.attempts
    if attempt > record.max_attempts:
        await fail(pool, record, "worker_lost", "the worker stopped during every attempt")
        return "failed"
    from service.export.run import export_to_file  # openpyxl: imported by the first export, not at start

    phase = "count"
    try:
        filters = record.export_filters()
        total = int(await pool.fetchval(COUNT_SQL, *query_args(filters)))
        await pool.execute(SET_TOTAL, export_id, attempt, total)

        async def progress(done: int) -> None:
            result = await pool.execute(SET_PROGRESS, export_id, attempt, done)
            if not result.endswith(" 1"):
                raise SupersededError

        phase = "write"
        if tmp_dir is not None:
            await asyncio.to_thread(tmp_dir.mkdir, parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX, dir=tmp_dir) as tmp:
            out = Path(tmp) / f"export.{record.format}"
            written = await export_to_file(
                pool, record.format, out, filters, record.full_personal, audit=False,
                cover=cover_fields(filters, record.requester, record.full_personal), progress=progress, progress_every=PROGRESS_EVERY,
            )  # fmt: skip
            phase = "store"
            key = export_key(export_id, secrets.token_hex(8), record.format)
            size = await files.put_file(key, out)
        phase = "finish"
        async with pool.acquire() as conn, conn.transaction():
            result = await conn.execute(FINISH_DONE, export_id, attempt, written, key, size, EXPORT_TTL)
            if result.endswith(" 1"):
                user = CurrentUser(record.requested_by, "", record.requester, Role(record.role))
                await record_export(
                    conn,  # type: ignore[arg-type]  # a connection executes the insert like the pool
                    user, record.format, filters.describe(), written, record.full_personal,
                )  # fmt: skip
        if not result.endswith(" 1"):
            await files.delete(key)
            return None
        log.info("export %s done: %s rows, %s bytes", export_id, written, size)
        return "done"
    except SupersededError:
        log.warning("export %s attempt %s was taken over by a newer attempt", export_id, attempt)
        return None
    except Exception as exc:  # every failure becomes a reason the user can read
        detail = f"{phase}: {type(exc).__name__}: {exc}"[:500]
        log.warning("export %s failed in %s: %s", export_id, phase, type(exc).__name__)
        await fail(pool, record, phase, detail)
        return "failed"


async def fail(pool: asyncpg.Pool, record: ExportRecord, phase: str, detail: str) -> None:
    reason = REASONS_VI.get(phase, "Có lỗi khi tạo tệp xuất. Hãy thử lại hoặc báo quản trị hệ thống.")
    await pool.execute(FINISH_FAILED, record.id, record.attempts, reason, detail, EXPORT_TTL)


async def purge_expired(pool: asyncpg.Pool, files: ExportFiles) -> int:
    """Delete expired exports: the file first, then the row (a crash in between leaves a row to retry)."""
    purged = 0
    for row in await pool.fetch(SELECT_EXPIRED):
        if row["storage_key"]:
            await files.delete(row["storage_key"])
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


class Exporter:
    """The pgqueuer entrypoint for exports, next to the OCR worker in the same process."""

    def __init__(
        self, pool: asyncpg.Pool, files: ExportFiles, name: str, tmp_dir: Path | None = None
    ) -> None:
        self.pool = pool
        self.files = files
        self.name = name
        self.tmp_dir = tmp_dir
        self._one_at_a_time = asyncio.Semaphore(1)  # 2 cores: one export per process beside one OCR job

    async def handle(self, queue_job: QueueJob) -> None:
        export_id = int((queue_job.payload or b"0").decode())
        async with self._one_at_a_time:
            await run_export(self.pool, self.files, export_id, self.name, self.tmp_dir)

    async def purge_periodically(self, stop: asyncio.Event, every: float = PURGE_EVERY_SECONDS) -> None:
        """Expired exports go from storage and the table; errors are logged and retried next round."""
        while not stop.is_set():
            try:
                purged = await purge_expired(self.pool, self.files)
                if self.tmp_dir is not None:
                    await asyncio.to_thread(remove_stale_temp, self.tmp_dir)
                if purged:
                    log.info("purged %s expired exports", purged)
            except Exception as exc:  # housekeeping must not stop the worker
                log.warning("purging expired exports failed: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every)
