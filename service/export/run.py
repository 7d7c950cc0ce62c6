"""One export to a file (for `hkd export` and the benchmark): same rows, writers and audit as the API."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import asyncpg

from service.export.audit import record_export
from service.export.csv import write_csv
from service.export.history import stream_history
from service.export.rows import ExportFilters, stream_rows
from service.export.xlsx import write_xlsx


async def export_to_file(
    pool: asyncpg.Pool, fmt: str, out: Path, filters: ExportFilters, full: bool = False, audit: bool = True
) -> int:
    """Write the export to `out`; returns the number of businesses written."""
    counter = [0]
    async with pool.acquire() as conn:
        if fmt == "csv":
            with out.open("wb") as handle:
                async for chunk in write_csv(stream_rows(conn, filters, full), counter):
                    handle.write(chunk)
        else:
            cover = {
                "Số liệu tính đến ngày": str(filters.as_of or "hôm nay"),
                "Người xuất": "hkd export (CLI)",
            }
            cover |= filters.describe()
            path = await write_xlsx(
                stream_rows(conn, filters, full),
                cover,
                counter,
                directory=str(out.parent),
                history=lambda ids: stream_history(conn, ids, filters.as_of),
            )
            shutil.move(path, out)
            os.chmod(out, 0o644)
    if audit:
        await record_export(pool, None, fmt, filters.describe(), counter[0], full)
    return counter[0]
