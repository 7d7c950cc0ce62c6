"""`hkd import DIR` uploads a folder through the same path as the API and reports what happened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import asyncpg

from service.runtime.settings import Settings
from tests import files


async def test_import_folder_reports_new_duplicate_and_rejected(
    pool: asyncpg.Pool, db_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "scans"
    (folder / "2019").mkdir(parents=True)
    (folder / "a.jpg").write_bytes(files.make_jpeg(seed=1))
    (folder / "2019" / "b.pdf").write_bytes(files.make_pdf(2))
    (folder / "2019" / "a-copy.jpg").write_bytes(files.make_jpeg(seed=1))
    (folder / "notes.txt").write_text("không phải ảnh")
    (folder / "bundle.zip").write_bytes(files.make_zip())
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    env = dict(
        os.environ, DATABASE_URL=db_settings.database_url or "", HKD_DATA_DIR=str(db_settings.data_dir)
    )
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "import", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # some files were rejected
    out = result.stdout
    assert "Mới / new: 2" in out
    assert "Trùng / duplicate: 1" in out
    assert "Bị từ chối / rejected: 2" in out
    assert "notes.txt" in out and "bundle.zip" in out and "unsupported_type" in out
    assert ".DS_Store" not in out
    assert "5/5" in result.stderr  # the progress bar reached the end
    names = [r["original_name"] for r in await pool.fetch("select original_name from documents order by id")]
    assert sorted(names) == ["a-copy.jpg", "b.pdf"]  # files are taken in path order: 2019/ first
    assert await pool.fetchval("select count(*) from jobs where status = 'queued'") == 2


async def test_readyz_reports_database_migrations_and_tesseract(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="admin")  # anybody else hears only ready / not ready
    body = (await client.get("/readyz")).json()
    assert body["ready"] is True
    assert body["database"] is True and body["migrations_pending"] == []
    assert body["tesseract"].startswith("5.")
