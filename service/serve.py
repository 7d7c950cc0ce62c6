"""`hkd serve`: database (embedded unless DATABASE_URL), migrations, N OCR worker processes, the web app.

The database, migrations and reference tables come from the composition root (service.runtime,
purpose SERVE: the one process besides `hkd migrate` that migrates).

The web app runs in `HKD_API_PROCESSES` processes (default one per core, at most 4) on one listening
socket: this process binds it, serves on it, and starts the others (`python -m service.serve`) with
the socket inherited; the kernel hands each new connection to one of them. The API keeps no state in
a process, and one Python process tops out at a few hundred requests a second (benchmarks.md, issue 5).

Workers are separate processes (`hkd worker`), one per core by default, each with
`OMP_THREAD_LIMIT=1` (Tesseract is ~4× slower with its own threads competing). A worker that exits
unexpectedly is restarted. Ctrl-C / SIGTERM stops the web server, then the workers (SIGTERM, then
SIGKILL after a grace period — an interrupted job is retried on the next start), then the embedded
database, so no process is left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time

import uvicorn

from service.app import create_app
from service.i18n.messages import text
from service.parent_death import die_with_parent
from service.personal_data import configure_logging
from service.runtime import Purpose, Runtime, open_runtime
from service.runtime.settings import Settings, load_settings
from service.web.timeouts import timed_protocol

log = logging.getLogger(__name__)
GRACE_SECONDS = 10.0


def slow_client_protocol(settings: Settings) -> type[asyncio.Protocol]:
    """uvicorn's HTTP/1.1 with header and body read timeouts (service.web.timeouts)."""
    return timed_protocol(settings.header_timeout_seconds, settings.body_timeout_seconds)


async def serve(settings: Settings) -> int:
    async with open_runtime(settings, Purpose.SERVE) as runtime:
        await ensure_first_admin(runtime)
        app_settings = runtime.settings  # with the database URL resolved (the embedded server's)
        pool = WorkerPool(app_settings)
        pool.start()
        supervisor = asyncio.create_task(pool.supervise())
        api = ApiProcesses(app_settings)
        try:
            config = uvicorn.Config(
                create_app(app_settings),
                host=settings.host,
                port=settings.port,
                log_level="warning",
                lifespan="on",
                access_log=False,
                proxy_headers=False,  # X-Forwarded-For is believed by the app, from HKD_TRUSTED_PROXIES only
                http=slow_client_protocol(settings),
            )
            listener = config.bind_socket()
            api.start(listener, settings.api_process_count - 1)
            await asyncio.to_thread(api.wait_ready, 60.0)
            server = uvicorn.Server(config)
            # uvicorn re-raises the signal that stopped it once it has restored the previous handler;
            # make those handlers harmless so the cleanup below always runs to the end: a Ctrl-C
            # raised as KeyboardInterrupt there would cancel it half way and stop the database under
            # the workers still running (their pools then fill the terminal with tracebacks).
            signal.signal(signal.SIGTERM, lambda *_: None)
            signal.signal(signal.SIGINT, lambda *_: None)
            print(text("cli.serving", host=settings.host, port=settings.port), flush=True)
            await server.serve(sockets=[listener])
            say("cli.stopped_web")
        finally:  # every child before the database: none of them sees it shutting down
            supervisor.cancel()
            if await asyncio.to_thread(api.stop):
                say("cli.stopped_api", count=len(api.procs))
            if await asyncio.to_thread(pool.stop):
                say("cli.stopped_workers", count=len(pool.procs))
    if settings.database_url is None:  # ours: open_runtime stopped it on the way out
        say("cli.stopped_database")
    return 0


def say(key: str, **values: object) -> None:
    """One line per component as `serve` stops it (a terminal's Ctrl-C shows how far it got)."""
    print(text(key, **values), flush=True)


class ApiProcesses:
    """The extra web/API processes on the listening socket of `serve` (which serves on it too)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.procs: list[subprocess.Popen[bytes]] = []
        self.ready_pipes: list[int] = []

    def start(self, listener: socket.socket, count: int) -> None:
        env = dict(os.environ, DATABASE_URL=self.settings.database_url or "")
        for _ in range(count):
            ready_read, ready_write = os.pipe()
            fds = (listener.fileno(), ready_write)
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "service.serve", *map(str, fds), str(os.getpid())],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    pass_fds=fds,
                )
            )
            os.close(ready_write)
            self.ready_pipes.append(ready_read)
        if count:
            log.info("started %d more API process(es)", count)

    def wait_ready(self, timeout: float) -> None:
        """Each process writes one byte once it accepts connections (or exits: end of file)."""
        deadline = time.monotonic() + timeout
        for fd in self.ready_pipes:
            os.set_blocking(fd, False)
            while time.monotonic() < deadline:
                try:
                    os.read(fd, 1)
                    break
                except BlockingIOError:
                    time.sleep(0.05)
            os.close(fd)
        self.ready_pipes = []

    def stop(self) -> bool:
        """True when there were processes to stop."""
        stop_processes(self.procs)
        for fd in self.ready_pipes:
            os.close(fd)
        self.ready_pipes = []
        return bool(self.procs)


def run_api_process(listener_fd: int, ready_fd: int, parent_pid: int) -> None:
    """One extra API process: the app on the inherited socket, on uvloop when installed. Logging is
    set up as in `hkd` itself (redacted). It stops on SIGTERM/SIGINT, or when `serve` is gone."""
    if not die_with_parent(parent_pid):  # serve died before the kernel was asked
        return
    settings = load_settings()
    configure_logging(settings.log_level)
    listener = socket.socket(fileno=listener_fd)
    config = uvicorn.Config(
        create_app(settings), log_level="warning", lifespan="on", access_log=False, proxy_headers=False,
        http=slow_client_protocol(settings),
    )  # fmt: skip
    server = uvicorn.Server(config)

    async def announce_then_watch() -> None:
        while not server.started:
            await asyncio.sleep(0.05)
        os.write(ready_fd, b"1")
        os.close(ready_fd)
        while os.getppid() == parent_pid:
            await asyncio.sleep(1.0)
        server.should_exit = True  # orphaned: serve was killed without stopping us

    async def main() -> None:
        watch = asyncio.create_task(announce_then_watch())
        try:
            await server.serve(sockets=[listener])
        finally:
            watch.cancel()

    with (
        asyncio.Runner(loop_factory=config.get_loop_factory()) as runner,
        contextlib.suppress(KeyboardInterrupt),
    ):
        runner.run(main())  # uvicorn re-raises the Ctrl-C it stopped on: no traceback for that


async def ensure_first_admin(runtime: Runtime) -> None:
    """On an empty database create user `admin` with a random password. The password goes only into
    a file only this OS user can read; the terminal (and so `serve.log`) is told where the file is."""
    import secrets

    from service.i18n import ROLE_LABELS
    from service.users import Role, create_user

    if await runtime.pool.fetchval("select exists (select 1 from users)"):
        return
    password = secrets.token_urlsafe(12)
    path = runtime.settings.data_dir / "initial-admin-password.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        os.fchmod(fd, 0o600)  # an older file of another mode keeps its mode through O_CREAT
        out.write(f"admin\n{password}\n")
    await create_user(runtime.pool, "admin", Role.ADMIN, password, ROLE_LABELS[Role.ADMIN][0])
    print(text("cli.admin_created", path=path.resolve()), flush=True)


class WorkerPool:
    """N `hkd worker` child processes, restarted if they die."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.procs: list[subprocess.Popen[bytes]] = []
        self.stopping = False

    def _spawn(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.settings.database_url or "",
            HKD_DATA_DIR=str(self.settings.data_dir),
            OMP_THREAD_LIMIT="1",
        )
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker", "--parent-pid", str(os.getpid())],
            env=env,
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> None:
        self.procs = [self._spawn() for _ in range(self.settings.worker_count)]
        log.info("started %d OCR worker(s)", len(self.procs))

    async def supervise(self) -> None:
        while not self.stopping:
            await asyncio.sleep(1.0)
            for i, proc in enumerate(self.procs):
                if proc.poll() is not None and not self.stopping:
                    log.warning("OCR worker %s exited (%s); restarting it", proc.pid, proc.returncode)
                    self.procs[i] = self._spawn()

    def stop(self) -> bool:
        """True when there were workers to stop."""
        self.stopping = True
        stop_processes(self.procs)
        return bool(self.procs)


def stop_processes(procs: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each, then SIGKILL after the grace period (an interrupted job is retried later)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    run_api_process(*map(int, sys.argv[1:4]))
