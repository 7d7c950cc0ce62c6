"""`hkd export`: the same rows as the API into a file, masked by default, audited with no actor."""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import openpyxl

from service.runtime.settings import Settings
from service.users import Role, create_user
from tests.api.test_businesses import seed


async def test_export_cli_csv_and_xlsx(pool: asyncpg.Pool, db_settings: Settings, tmp_path: Path) -> None:
    reviewer = await create_user(pool, "rev_cli", Role.REVIEWER, "correct horse battery", "Rev")
    business_id = await seed(pool, reviewer.id)
    env = dict(
        os.environ, DATABASE_URL=db_settings.database_url or "", HKD_DATA_DIR=str(db_settings.data_dir)
    )
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"register.{fmt}"
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "service.cli", "export", "--format", fmt, "--out", str(out), "--as-of", "2021-01-01"],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "1 hộ kinh doanh" in result.stdout
    rows = list(csv.reader((tmp_path / "register.csv").open(encoding="utf-8-sig")))
    assert rows[1][0] == str(business_id) and rows[1][3] == "Tạp hóa Hoa" and rows[1][12] == "048******234"
    sheet = openpyxl.load_workbook(tmp_path / "register.xlsx")["Sổ theo dõi"]
    assert sheet.cell(2, 4).value == "Tạp hóa Hoa"
    audit = await pool.fetch("select actor_id, detail from audit_log where action = 'export'")
    assert (
        len(audit) == 2
        and audit[0]["actor_id"] is None
        and audit[0]["detail"]["filters"]["as_of"] == "2021-01-01"
    )
