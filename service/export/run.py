"""One export to a file (for `hkd export`, the benchmark and background exports): same rows, writers
and audit as the API (`record_export`). An optional `progress` callback hears the number of rows
written every `progress_every` rows (and once at the end), so a background export can show a real
percentage."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg

from service.audit import write_audit
from service.db import Executor
from service.db.scope import acquire_snapshot
from service.export.cover import cover_fields
from service.export.csv import write_csv
from service.export.history import stream_history
from service.export.rows import ExportFilters, ExportRow, stream_rows
from service.export.xlsx import write_xlsx
from service.i18n.sheets import COVER
from service.runtime.settings import DEFAULTS
from service.users import CurrentUser

Progress = Callable[[int], Awaitable[None]]


async def record_export(
    db: Executor, user: CurrentUser | None, fmt: str, filters: dict[str, str], rows: int, full: bool
) -> None:
    """Every export is audited: who, when, the filters, the row count, whether personal data was full."""
    detail = {"format": fmt, "filters": filters, "rows": rows, "personal_data": "full" if full else "masked"}
    await write_audit(db, user.id if user else None, "export", "register", fmt, detail)


async def report_progress(
    rows: AsyncIterator[ExportRow], progress: Progress | None, every: int
) -> AsyncIterator[ExportRow]:
    """Pass rows through; call `progress(n)` after every `every` rows handed to the writer."""
    done = 0
    async for row in rows:
        yield row
        done += 1
        if progress is not None and done % every == 0:
            await progress(done)


async def export_to_file(
    pool: asyncpg.Pool,
    fmt: str,
    out: Path,
    filters: ExportFilters,
    full: bool = False,
    audit: bool = True,
    *,
    user: CurrentUser | None = None,
    cover: dict[str, str] | None = None,
    progress: Progress | None = None,
    progress_every: int = 2000,
) -> int:
    """Write the export to `out`; returns the number of businesses written."""
    counter = [0]
    async with acquire_snapshot(pool) as conn:
        rows = report_progress(stream_rows(conn, filters, full), progress, progress_every)
        if fmt == "csv":
            with out.open("wb") as handle:
                async for chunk in write_csv(rows, counter):
                    handle.write(chunk)
        else:
            if cover is None:
                cover = cover_fields(filters, COVER["cli"], full, DEFAULTS.zone)
            path = await write_xlsx(
                rows,
                cover,
                counter,
                directory=str(out.parent),
                history=lambda ids: stream_history(conn, ids, filters.as_of),
            )
            shutil.move(path, out)
            os.chmod(out, 0o644)
    if progress is not None:
        await progress(counter[0])
    if audit:
        await record_export(pool, user, fmt, filters.describe(), counter[0], full)
    return counter[0]
