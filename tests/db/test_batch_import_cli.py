"""`hkd import --batch FILE --wait` prints live progress and the outcome; `hkd import DIR` takes a file
with more pages than HKD_BATCH_FROM_PAGES as a batch."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import asyncpg

from service.runtime.settings import Settings
from service.worker import run_worker
from tests import files


async def hkd(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = dict(os.environ, DATABASE_URL=settings.database_url or "", HKD_DATA_DIR=str(settings.data_dir))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "service.cli", "import", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 180)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_import_batch_waits_and_reports_an_only_blank_outcome(pool: asyncpg.Pool, db_settings: Settings, tmp_path: Path) -> None:  # fmt: skip
    stack = tmp_path / "hop-12.pdf"
    stack.write_bytes(files.make_pdf(4))
    stop = asyncio.Event()
    assert db_settings.database_url
    worker = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        code, out, err = await hkd(db_settings, "--batch", str(stack), "--box", "12", "--commune", "Xã Tân Phú",
                                   "--scanned-by", "Lan", "--scanned-on", "01/12/2026", "--wait")  # fmt: skip
    finally:
        stop.set()
        await asyncio.wait_for(worker, 30)
    assert "Lô mới / new batch #1: 4 trang" in out, err
    assert "Đã phân loại 4/4 trang" in err  # the live progress line, last state
    assert "chỉ có trang trắng" in err and code == 1
    label = await pool.fetchval("select label from batches where id = 1")
    assert label == {"box": "12", "commune": "Xã Tân Phú", "scanned_by": "Lan", "scanned_on": "2026-12-01"}
    code, out, _ = await hkd(db_settings, "--batch", str(stack))
    assert "Lô đã có / batch already there: #1" in out


async def test_import_folder_diverts_a_stack_to_a_batch(pool: asyncpg.Pool, db_settings: Settings, tmp_path: Path) -> None:  # fmt: skip
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "one.pdf").write_bytes(files.make_pdf(2))
    (folder / "stack.pdf").write_bytes(files.make_pdf(12))
    code, out, err = await hkd(db_settings, str(folder), "--box", "7")
    assert code == 0, err
    assert "Mới / new: 1" in out and "stack.pdf: Lô mới / new batch #1: 12 trang" in out
    assert await pool.fetchval("select count(*) from documents") == 1
    assert await pool.fetchval("select label->>'box' from batches") == "7"
