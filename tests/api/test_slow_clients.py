"""A real `hkd serve` times slow clients out: headers that trickle in, a body that stops half way, and a
connection that never sends anything each get 408 and a closed connection within the limits."""

from __future__ import annotations

import socket
import time

import pytest

from service.runtime.settings import Settings
from tests.serve import free_port, serve_env, start_serve, stop_serve

pytestmark = pytest.mark.slow


def read_until_closed(sock: socket.socket, trickle: bytes = b"", limit: float = 8.0) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection (sending `trickle` a byte at a time
    meanwhile, as a slowloris does), and how long that took; gives up after `limit` seconds."""
    start = time.monotonic()
    sock.settimeout(0.25)
    received = b""
    sent = 0
    while time.monotonic() - start < limit:
        if sent < len(trickle):
            try:
                sock.sendall(trickle[sent : sent + 1])
                sent += 1
            except OSError:
                break
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    return received, time.monotonic() - start


async def test_slow_headers_and_bodies_are_timed_out(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    env = serve_env(
        db_settings.database_url or "", tmp_path / "data", port, HKD_API_PROCESSES="1",
        HKD_HEADER_TIMEOUT_SECONDS="1.5", HKD_BODY_TIMEOUT_SECONDS="1.5",
    )  # fmt: skip
    server = start_serve(env)
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:  # a header line every 0.25 s
            slow = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: 1\r\n" * 100
            received, took = read_until_closed(sock, trickle=slow)
            assert received.startswith(b"HTTP/1.1 408") and took < 4, (received[:80], took)
        with socket.create_connection(("127.0.0.1", port)) as sock:  # half a body, then nothing
            sock.sendall(
                b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"username": '
            )
            received, took = read_until_closed(sock)
            assert received.startswith(b"HTTP/1.1 408") and took < 4, (received[:80], took)
        with socket.create_connection(("127.0.0.1", port)) as sock:  # connected, silent
            received, took = read_until_closed(sock)
            assert received.startswith(b"HTTP/1.1 408") and took < 4, (received[:80], took)
        with socket.create_connection(("127.0.0.1", port)) as sock:  # a prompt client is served
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            received, _ = read_until_closed(sock)
            assert received.startswith(b"HTTP/1.1 200"), received[:80]
    finally:
        stop_serve(server, timeout=60)
