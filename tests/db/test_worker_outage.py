"""A worker while PostgreSQL is down: it backs off quietly (one line, no traceback, no crash loop) and
still stops within a few seconds of SIGTERM (it used to crash-loop with tracebacks, and to ignore
SIGTERM for ~75 s)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import pytest

from service.db.embedded import EmbeddedPostgres
from service.db.migrate import apply_migrations

STOP_WITHIN_S = 5.0


def start_worker(database_url: str, data_dir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DATABASE_URL=database_url, HKD_DATA_DIR=str(data_dir), HKD_LOG_LEVEL="INFO")
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "worker"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_promptly(worker: subprocess.Popen[bytes]) -> str:
    """SIGTERM; the worker must be gone within STOP_WITHIN_S. Its whole stderr."""
    started = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(STOP_WITHIN_S)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
        raise AssertionError(f"the worker ignored SIGTERM for {STOP_WITHIN_S} s") from None
    assert time.monotonic() - started < STOP_WITHIN_S
    assert worker.stderr is not None
    return worker.stderr.read().decode(errors="replace")


def outage_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "database unavailable" in line]


def test_a_worker_waits_quietly_for_a_database_that_is_not_there(tmp_path: Path) -> None:
    worker = start_worker("postgresql://postgres@127.0.0.1:1/postgres", tmp_path)
    down = _read_until(worker, "database unavailable")
    assert down, "the worker did not say that the database is unavailable"
    time.sleep(4)  # long enough for two more attempts (1 s, 2 s apart)
    assert worker.poll() is None, "the worker gave up instead of waiting"
    log = down + stop_promptly(worker)
    assert "Traceback" not in log, log
    assert len(outage_lines(log)) == 1, log
    assert worker.returncode == 0


@pytest.mark.slow
async def test_a_worker_survives_the_database_going_away_and_stops_promptly(tmp_path: Path) -> None:
    server = EmbeddedPostgres(tmp_path / "pg", fsync=False)
    url = server.start()
    try:
        conn = await asyncpg.connect(url)
        await apply_migrations(conn)
        await conn.close()
        worker = start_worker(url, tmp_path / "data")
        assert worker.stderr is not None
        ready = await asyncio.to_thread(_read_until, worker, " ready")
        assert ready, "the worker did not start"
        await asyncio.to_thread(server.stop)  # fast shutdown: its connections are terminated
        down = await asyncio.to_thread(_read_until, worker, "database unavailable")
        assert down, "the worker did not notice the database going"
        await asyncio.sleep(3)
        assert worker.poll() is None, "the worker exited instead of waiting for the database"
        log = ready + down + stop_promptly(worker)
    finally:
        server.destroy()
    assert "Traceback" not in log, log
    assert len(outage_lines(log)) == 1, log


def _read_until(worker: subprocess.Popen[bytes], marker: str, timeout: float = 60.0) -> str:
    """The worker's stderr up to and including the first line holding `marker` ("" if it ends first)."""
    assert worker.stderr is not None
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = worker.stderr.readline().decode(errors="replace")
        if not line:
            return ""
        seen.append(line)
        if marker in line:
            return "".join(seen)
    return ""
