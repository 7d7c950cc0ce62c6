"""POST /api/exports: a real worker writes the file to storage, progress is polled, the file equals
the synchronous export; roles, masking, other users, expiry (410 then purged) and a storage failure."""

from __future__ import annotations

import asyncio
import csv
import io
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import openpyxl
import pytest
import pytest_asyncio

from service.export.background import purge_expired
from service.runtime.settings import Settings
from service.runtime.storage import Storage as ExportFiles
from service.worker import run_worker
from tests.api.test_businesses import seed

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def worker(db_settings: Settings) -> AsyncIterator[None]:
    """The real worker (OCR and export entrypoints) in this event loop, on the test's database."""
    stop = asyncio.Event()
    assert db_settings.database_url
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def poll_until_finished(client: Any, url: str, timeout: float = 60.0) -> list[dict[str, Any]]:
    """Every status seen while polling, the last one finished (done or failed)."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = await client.get(url)
        assert r.status_code == 200, r.text
        seen.append(r.json())
        if seen[-1]["status"] in ("done", "failed"):
            return seen
        await asyncio.sleep(0.05)
    raise AssertionError(f"export not finished in time: {seen[-1]}")


async def start(client: Any, **body: Any) -> dict[str, Any]:
    r = await client.post("/api/exports", json=body)
    assert r.status_code == 202, r.text
    assert r.headers["location"] == f"/api/exports/{r.json()['id']}"
    return r.json()


def sheet_values(path: Path, name: str) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))


async def test_background_xlsx_equals_synchronous_export_with_monotonic_progress(
    api_client, pool: asyncpg.Pool, db_settings: Settings, worker: None, tmp_path: Path
) -> None:
    from benchmarks.register_bench import load

    assert db_settings.database_url
    await load(db_settings.database_url, 5000)
    planner = await api_client(role="planner")
    started = await start(planner, format="xlsx", status="active")
    assert started["status"] == "queued" and started["file_url"] is None
    early = await planner.get(f"/api/exports/{started['id']}/file")
    if early.status_code != 200:  # the worker may already be done on a fast machine
        assert early.status_code == 409 and early.json()["type"] == "/problems/conflict"

    seen = await poll_until_finished(planner, started["url"])
    final = seen[-1]
    assert final["status"] == "done", final
    done = [s["rows_done"] for s in seen]
    assert done == sorted(done), done
    assert final["rows_done"] == final["rows_total"] > 1000 and final["progress"] == 100.0
    percents = [s["progress"] for s in seen]
    assert percents == sorted(percents) and all(0 <= p <= 100 for p in percents)

    r = await planner.get(final["file_url"])
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="so-ho-kinh-doanh-')
    assert "filename*=UTF-8''S%E1%BB%95%20h%E1%BB%99%20kinh%20doanh" in disposition
    background = tmp_path / "background.xlsx"
    background.write_bytes(r.content)
    sync = await planner.get("/api/exports/register.xlsx", params={"status": "active"})
    assert sync.status_code == 200
    direct = tmp_path / "direct.xlsx"
    direct.write_bytes(sync.content)
    for name in ("Sổ theo dõi", "Lịch sử thay đổi", "Tổng hợp"):
        assert sheet_values(background, name) == sheet_values(direct, name), name
    assert len(sheet_values(background, "Sổ theo dõi")) == final["rows_total"] + 1

    audit = await pool.fetch("select actor_id, detail from audit_log where action = 'export' order by id")
    assert [a["actor_id"] for a in audit] == [planner.user.id, planner.user.id]
    assert audit[0]["detail"]["rows"] == final["rows_total"]
    filters = audit[0]["detail"]["filters"]
    assert filters.pop("status") == "active" and set(filters) <= {"as_of"}  # as_of: today in HKD_TIMEZONE

    mine = (await planner.get("/api/exports")).json()["items"]
    assert [m["id"] for m in mine] == [started["id"]]


async def test_roles_masking_and_other_users(api_client, pool: asyncpg.Pool, worker: None) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    other = await api_client(role="planner")
    clerk = await api_client(role="clerk")
    admin = await api_client(role="admin")
    await seed(pool, reviewer.user.id)

    r = await clerk.post("/api/exports", json={"format": "csv"})
    assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")
    assert (await clerk.get("/api/exports")).status_code == 403
    r = await planner.post("/api/exports", json={"format": "csv", "personal_data": "full"})
    assert r.status_code == 403 and "dữ liệu cá nhân" in r.json()["message_vi"]
    bad = await planner.post("/api/exports", json={"format": "pdf"})
    assert bad.status_code == 422 and bad.json()["type"] == "/problems/invalid-input"
    odd = await planner.post("/api/exports", json={"format": "csv", "commune": "x' or 1=1"})
    assert odd.status_code == 202  # a typed place that names no unit finds nothing (rules.place_filter)

    masked = await start(planner, format="csv")
    full = await start(reviewer, format="csv", personal_data="full")
    assert (await poll_until_finished(planner, masked["url"]))[-1]["status"] == "done"
    assert (await poll_until_finished(reviewer, full["url"]))[-1]["status"] == "done"

    def owner(body: bytes) -> tuple[str, str]:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        return rows[1][rows[0].index("Số định danh chủ hộ")], rows[1][rows[0].index("Ngày/năm sinh chủ hộ")]

    planner_file = await planner.get(f"/api/exports/{masked['id']}/file")
    assert planner_file.headers["content-type"] == "text/csv; charset=utf-8"
    assert planner_file.content.startswith(b"\xef\xbb\xbf")
    assert owner(planner_file.content) == ("048******234", "1985")
    assert planner_file.content == (await planner.get("/api/exports/register.csv")).content
    assert owner((await reviewer.get(f"/api/exports/{full['id']}/file")).content) == (
        "048185000234",
        "1985-02-03",
    )
    # Someone else's export does not exist for them; admin may see it.
    for path in (masked["url"], masked["url"] + "/file"):
        r = await other.get(path)
        assert r.status_code == 404 and r.json()["status"] == 404
        assert (await reviewer.get(path)).status_code == 404
        assert (await admin.get(path)).status_code == 200
    assert (await other.get("/api/exports")).json()["items"] == []
    assert (await planner.get("/api/exports/999999")).status_code == 404

    # Expired: 410 with a Vietnamese reason; the purge then removes the file and the row.
    await pool.execute(
        "update exports set expires_at = now() - interval '1 minute' where id = $1", masked["id"]
    )
    gone = await planner.get(masked["url"] + "/file")
    assert gone.status_code == 410 and gone.json()["type"] == "/problems/gone"
    assert "hết hạn" in gone.json()["message_vi"]
    assert (await planner.get(masked["url"])).json()["expired"] is True


async def test_expired_exports_are_purged_from_storage_and_table(
    api_client, pool: asyncpg.Pool, db_settings: Settings, worker: None
) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed(pool, reviewer.user.id)
    export = await start(planner, format="xlsx")
    assert (await poll_until_finished(planner, export["url"]))[-1]["status"] == "done"
    key = await pool.fetchval("select storage_key from exports where id = $1", export["id"])
    files = ExportFiles.open(db_settings.storage_url, db_settings.blob_dir)
    assert await files.exists(key)
    assert await purge_expired(pool, files) == 0
    await pool.execute("update exports set expires_at = now() - interval '1 second'")
    assert (await planner.get(export["url"] + "/file")).status_code == 410
    assert await purge_expired(pool, files) == 1
    assert not await files.exists(key)
    assert await pool.fetchval("select count(*) from exports") == 0
    assert (await planner.get(export["url"])).status_code == 404


async def test_storage_failure_marks_the_export_failed_with_a_reason(
    api_client, pool: asyncpg.Pool, db_settings: Settings, worker: None
) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed(pool, reviewer.user.id)
    blocker = db_settings.blob_dir / "exports"  # a file where the exports/ folder should be
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_bytes(b"not a directory")
    try:
        export = await start(planner, format="csv")
        final = (await poll_until_finished(planner, export["url"]))[-1]
    finally:
        blocker.unlink()
    assert final["status"] == "failed" and final["file_url"] is None
    assert final["error"].startswith("Không lưu được tệp xuất vào kho lưu trữ")
    assert final["error_detail"].startswith("store:")
    r = await planner.get(export["url"] + "/file")
    assert r.status_code == 409 and "không thành công" in r.json()["message_vi"]
    assert await pool.fetchval("select count(*) from audit_log where action = 'export'") == 0
