"""`hkd serve` with its embedded PostgreSQL, killed and started again (issue 14, processes): SIGKILL of
serve takes its workers with it (they used to stay, so each restart added a set), the next serve
stops the PostgreSQL the dead one left and starts its own (it used to adopt it and leave it running),
a second serve on the same data directory refuses, and Ctrl-C then prints one line per component, no
traceback, and leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.serve import free_port, serve_env, start_serve

pytestmark = pytest.mark.slow

WORKERS = 2


def processes() -> list[tuple[int, int, list[bytes], bytes]]:
    """(pid, parent pid, argv, environment) of every live process we may read."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            found.append((int(entry.name), int(fields[1]), argv, environ))
    return found


def workers_of(data_dir: Path) -> list[int]:
    marker = f"HKD_DATA_DIR={data_dir}\0".encode()
    return [
        pid
        for pid, _, argv, environ in processes()
        if b"service.cli" in argv and b"worker" in argv and marker in environ + b"\0"
    ]


def postmasters_of(data_dir: Path) -> list[int]:
    """PostgreSQL servers (the postmaster: the one with -D) of this data directory's cluster."""
    cluster = str((data_dir / "postgres").resolve()).encode()
    return [
        pid
        for pid, _, argv, _ in processes()
        if argv and argv[0].endswith(b"/postgres") and b"-D" in argv and cluster in argv
    ]


def settle(check, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    """`check()` once it stops changing for a second (or after `seconds`)."""
    deadline = time.monotonic() + seconds
    last, since = check(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = check()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 1.0:
            break
    return last


def test_sigkill_then_restart_leaves_its_workers_and_one_postgres_and_ctrl_c_is_clean(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    env = serve_env("", data_dir, free_port(), HKD_WORKERS=str(WORKERS), HKD_API_PROCESSES="1")
    env.pop("DATABASE_URL")  # the embedded PostgreSQL
    log_path = tmp_path / "serve.log"
    first = start_serve(env, own_session=True, timeout=240)
    try:
        assert len(settle(lambda: workers_of(data_dir))) == WORKERS
        [old_postgres] = postmasters_of(data_dir)
        first.kill()  # SIGKILL: serve cleans up nothing; its workers must go with it anyway
        first.wait()
        assert settle(lambda: workers_of(data_dir)) == []
        assert postmasters_of(data_dir) == [old_postgres]  # left by the killed serve (unavoidable)

        with log_path.open("wb") as log:
            second = start_serve(env, own_session=True, output=log, timeout=240)
            try:
                assert len(settle(lambda: workers_of(data_dir))) == WORKERS
                [new_postgres] = postmasters_of(data_dir)
                assert new_postgres != old_postgres  # the stale one was stopped, not adopted
                # a second serve on this data directory neither adopts it nor starts another
                third = subprocess.run(
                    [sys.executable, "-m", "service.cli", "serve"],
                    env=dict(env, HKD_PORT=str(free_port())),
                    capture_output=True, text=True, timeout=120, check=False,
                )  # fmt: skip
                assert third.returncode == 2 and f"pid {second.pid}" in third.stderr, third.stderr
                assert "Traceback" not in third.stderr
                assert postmasters_of(data_dir) == [new_postgres]

                os.killpg(second.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
                assert second.wait(timeout=60) in (0, 130)
            finally:
                if second.poll() is None:
                    os.killpg(second.pid, signal.SIGKILL)
                    second.wait()
        output = log_path.read_text()
        assert "Traceback" not in output, output
        for line in ("web server stopped", "OCR worker(s) stopped", "embedded PostgreSQL stopped"):
            assert sum(line in row for row in output.splitlines()) == 1, output
        assert settle(lambda: workers_of(data_dir)) == []
        assert postmasters_of(data_dir) == []
    finally:
        for pid in workers_of(data_dir) + postmasters_of(data_dir):
            os.kill(pid, signal.SIGKILL)
        if first.poll() is None:
            first.kill()
            first.wait()
