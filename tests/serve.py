"""The one way tests start a real `hkd serve`: a subprocess on a given database, waited for until it
answers (or until its banner says every API process accepts connections), and stopped again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_env(database_url: str, data_dir: Path | str, port: int, **overrides: str) -> dict[str, str]:
    """The environment of a `hkd serve` on `database_url`: no OCR workers, warnings only, unless overridden."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "HKD_DATA_DIR": str(data_dir),
        "HKD_PORT": str(port),
        "HKD_HOST": "127.0.0.1",
        "HKD_WORKERS": "0",
        "HKD_LOG_LEVEL": "WARNING",
        **overrides,
    }


def base_url(env: dict[str, str]) -> str:
    return f"http://127.0.0.1:{env['HKD_PORT']}"


def start_serve(
    env: dict[str, str],
    *,
    output: IO[bytes] | int | None = subprocess.DEVNULL,
    own_session: bool = False,
    wait_for_banner: bool = False,
    timeout: float = 90.0,
) -> subprocess.Popen[bytes]:
    """Start `hkd serve` and wait until /healthz answers, or (`wait_for_banner`) until it prints the
    line it prints once every API process accepts connections. `own_session`: its own process group,
    so a test can send Ctrl-C to it as a terminal would."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if wait_for_banner else output,
        stderr=subprocess.STDOUT if output not in (None, subprocess.DEVNULL) else None,
        start_new_session=own_session,
    )
    if wait_for_banner:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        assert b"HKD Register" in banner, banner
    else:
        wait_healthy(base_url(env), proc, timeout)
    return proc


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hkd serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:  # noqa: S310 (loopback)
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("hkd serve did not become healthy")


def stop_serve(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """SIGTERM, then SIGKILL if it has not stopped in `timeout` seconds."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
