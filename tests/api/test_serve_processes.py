"""`hkd serve` with HKD_API_PROCESSES=2: two processes answer on one port, Ctrl-C stops both, and the
extra process does not outlive a killed `serve` (it would keep the port and serve stale requests)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from service.runtime.settings import Settings, load_settings
from service.users import Role, create_token, create_user
from tests.serve import base_url, free_port, serve_env, start_serve

pytestmark = pytest.mark.slow


def api_children(pid: int) -> list[int]:
    """Processes whose parent is `pid` and that run `python -m service.serve` (the extra API processes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"service.serve" in cmdline:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def wait_until(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_api_process_setting() -> None:
    assert load_settings({"HKD_API_PROCESSES": "3"}).api_process_count == 3
    assert 1 <= load_settings({}).api_process_count <= 4
    assert Settings(api_processes=0).api_process_count == min(4, max(1, os.cpu_count() or 1))


async def test_two_api_processes_answer_and_stop_together(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    user = await create_user(pool, "procs-planner", Role.PLANNER, "một mật khẩu dài", "")
    token = await create_token(pool, user.id, "procs")
    env = serve_env(db_settings.database_url or "", tmp_path / "data", free_port(), HKD_API_PROCESSES="2")
    base = base_url(env)
    server = start_serve(env, own_session=True, wait_for_banner=True)
    try:
        children = api_children(server.pid)
        assert len(children) == 1
        # many fresh connections: the kernel hands them to either process; every one gets an answer
        for _ in range(20):
            r = httpx.get(base + "/api/businesses", headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert r.status_code == 200 and r.json()["items"] == []
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the whole group
        assert server.wait(timeout=30) in (0, 130)  # 130: stopped by Ctrl-C, after its clean-up
        assert wait_until(lambda: not alive(children[0]), 10)
        with pytest.raises(httpx.ConnectError):
            httpx.get(base + "/healthz", timeout=2)

        server = start_serve(env, own_session=True, wait_for_banner=True)  # the port is free again
        children = api_children(server.pid)
        assert len(children) == 1
        server.kill()  # SIGKILL: no clean-up in serve; the kernel must take the child with it
        server.wait()
        assert wait_until(lambda: not alive(children[0]), 5)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
