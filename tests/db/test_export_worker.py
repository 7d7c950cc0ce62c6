"""Background exports with real worker processes: one killed mid-export is replaced and the export
completes (attempt 2); an export whose workers keep dying fails with a Vietnamese reason."""

from __future__ import annotations

import datetime as dt
import signal

import asyncpg
import pytest

from service.export.background import create_export, get_export, remove_stale_temp, run_export
from service.export.rows import ExportFilters
from service.runtime.settings import Settings
from service.runtime.storage import Storage as ExportFiles
from service.users import Role, create_user
from tests.db.test_worker import spawn_worker, wait_for

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_worker_killed_mid_export_is_replaced_and_export_completes(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    from benchmarks.register_bench import load

    assert db_settings.database_url
    await load(db_settings.database_url, 12000)
    planner = await create_user(pool, "kehoach", Role.PLANNER, "một mật khẩu đủ dài", "Phạm Minh Đức")
    export = await create_export(pool, planner, "xlsx", ExportFilters(), False)

    async def running_with_progress():  # type: ignore[no-untyped-def]
        found = await get_export(pool, export.id)
        return found if found and found.status == "running" and found.rows_done > 0 else None

    first = spawn_worker(db_settings)
    try:
        seen = await wait_for(running_with_progress, timeout=120, interval=0.05)
        assert seen.rows_total == 12000 and seen.attempts == 1
        first.send_signal(signal.SIGKILL)
        first.wait(15)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(15)
    stuck = await get_export(pool, export.id)
    assert stuck is not None and stuck.status == "running"  # until another worker re-picks it

    async def finished():  # type: ignore[no-untyped-def]
        found = await get_export(pool, export.id)
        return found if found and found.status in ("done", "failed") else None

    second = spawn_worker(db_settings)
    try:
        final = await wait_for(finished, timeout=180)
    finally:
        second.terminate()
        second.wait(30)
    assert final.status == "done", final.error_detail
    assert final.attempts == 2 and final.rows_done == final.rows_total == 12000
    files = ExportFiles.open(None, db_settings.blob_dir)
    assert final.storage_key and await files.exists(final.storage_key)
    audits = await pool.fetch("select detail from audit_log where action = 'export'")
    assert len(audits) == 1 and audits[0]["detail"]["rows"] == 12000
    # The killed worker's half-written file stays in the data dir's tmp until it is stale.
    tmp_dir = db_settings.data_dir / "tmp"
    leftovers = list(tmp_dir.glob("hkd-export-*"))
    assert len(leftovers) == 1
    assert remove_stale_temp(tmp_dir) == 0
    assert remove_stale_temp(tmp_dir, older_than=dt.timedelta(0)) == 1
    assert list(tmp_dir.glob("hkd-export-*")) == []


async def test_export_whose_workers_keep_dying_fails_with_a_reason(
    pool: asyncpg.Pool, db_settings: Settings
) -> None:
    planner = await create_user(pool, "kehoach", Role.PLANNER, "một mật khẩu đủ dài", "Phạm Minh Đức")
    export = await create_export(pool, planner, "csv", ExportFilters(), False)
    await pool.execute(
        "update exports set status = 'running', attempts = max_attempts where id = $1", export.id
    )
    files = ExportFiles.open(None, db_settings.blob_dir)
    assert await run_export(pool, files, export.id, "test") == "failed"
    final = await get_export(pool, export.id)
    assert final is not None and final.status == "failed"
    assert final.error and final.error.startswith("Máy xử lý bị dừng giữa chừng")
    assert await run_export(pool, files, export.id, "test") is None  # finished: never restarted
