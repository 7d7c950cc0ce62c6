"""Export at province scale: 100,000 synthetic businesses to xlsx and CSV, time and peak RSS.

    python -m benchmarks.export_bench [--rows 100000]

Starts a throwaway embedded PostgreSQL, creates a fresh database, applies the migrations, loads the
businesses with COPY (the register benchmark's loader; their business lines, which that loader keeps
only in the record JSON, are copied into business_lines so the export's "Ngành nghề" column and the
summary's VSIC sections are filled), then runs each variant in its own process (so peak RSS is that
variant's alone): the streamed CSV, the write-only xlsx, and a naive openpyxl normal-mode workbook of
the same rows (all rows fetched, whole workbook in memory). CPU seconds are the export process's own
(user + system), a steadier figure than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.peak_rss import own_peak_rss_mb
from benchmarks.register_bench import create_database, load
from benchmarks.upload_bench import hkd, machine
from service.db.embedded import EmbeddedPostgres


async def run_variant(url: str, variant: str, out: Path) -> int:
    """One export in this process; returns the row count."""
    from service.db import create_pool
    from service.export.rows import ExportFilters, row_values, stream_rows
    from service.export.run import export_to_file
    from service.runtime.settings import load_settings

    pool = await create_pool(url, load_settings(), max_size=2)
    try:
        if variant in ("csv", "xlsx"):
            return await export_to_file(pool, variant, out, ExportFilters(), audit=False)
        from openpyxl import Workbook

        from service.export.rows import HEADERS

        async with pool.acquire() as conn:
            rows = [row async for row in stream_rows(conn, ExportFilters())]
        wb = Workbook()
        ws = wb.active
        ws.append(HEADERS)
        for row in rows:
            ws.append(row_values(row))
        wb.save(out)
        return len(rows)
    finally:
        await pool.close()


INSERT_LINES = """
insert into business_lines (version_id, position, code, vsic_version, name)
select v.id, l.ord - 1, l.line->>'code', '2018', l.line->>'name'
from business_versions v, jsonb_array_elements(v.record->'business_lines') with ordinality l(line, ord)
"""


async def add_business_lines(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(INSERT_LINES)
        await conn.execute("vacuum analyze business_lines")
    finally:
        await conn.close()


def child(url: str, variant: str, out: Path) -> None:
    """Time one export as a running service does it: the application is imported first (the API and
    the workers have it loaded); `startup` is that import, reported apart (it is what `hkd export`
    adds on the command line)."""
    began = time.perf_counter()
    import openpyxl  # noqa: F401  (the naive variant's library, imported for all three alike)

    import service.db
    import service.export.run  # noqa: F401

    startup = time.perf_counter() - began
    started = time.perf_counter()
    count = asyncio.run(run_variant(url, variant, out))
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    rss_mb = own_peak_rss_mb()  # the parent holds the generated rows: not ru_maxrss
    print(json.dumps({"variant": variant, "rows": count, "seconds": seconds, "startup": startup, "cpu": cpu, "rss_mb": rss_mb,
                      "size_mb": out.stat().st_size / 1e6}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=3, metavar=("URL", "VARIANT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="hkd-export-bench-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg", fsync=False)
        server_url = pg.start()
        try:
            url = pg.url("export_bench")
            asyncio.run(create_database(server_url, "export_bench"))
            env = dict(
                os.environ, DATABASE_URL=url, HKD_DATA_DIR=str(Path(tmp) / "var"), HKD_LOG_LEVEL="WARNING"
            )
            hkd(env, "migrate")
            _, load_seconds = asyncio.run(load(url, args.rows))
            asyncio.run(add_business_lines(url))
            for variant, ext in (("csv", "csv"), ("xlsx", "xlsx"), ("naive", "xlsx")):
                out = Path(tmp) / f"out-{variant}.{ext}"
                done = subprocess.run(
                    [sys.executable, "-m", "benchmarks.export_bench", "--child", url, variant, str(out)],
                    env=env, capture_output=True, text=True, check=True,
                )  # fmt: skip
                results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        finally:
            pg.destroy()
    print(f"machine: {machine()}  date: {dt.date.today()}  load average: {os.getloadavg()}")
    print(f"{args.rows} businesses loaded with COPY in {load_seconds:.1f} s")
    print("seconds: the export in a process that has the application loaded; startup: that import")
    header = f"{'variant':<8} {'rows':>8} {'seconds':>8} {'startup s':>9} {'CPU s':>7} {'peak RSS MB':>12}"
    print(header + f" {'file MB':>8}")
    for r in results:
        print(
            f"{r['variant']:<8} {r['rows']:>8} {r['seconds']:>8.1f} {r['startup']:>9.1f} {r['cpu']:>7.1f}"
            f" {r['rss_mb']:>12.0f} {r['size_mb']:>8.1f}"
        )


if __name__ == "__main__":
    main()
