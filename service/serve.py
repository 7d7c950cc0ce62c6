"""`hkd serve`: database (embedded unless DATABASE_URL), migrations, N OCR worker processes, the web app.

Workers are separate processes (`hkd worker`), one per core by default, each with
`OMP_THREAD_LIMIT=1` (Tesseract is ~4× slower with its own threads competing). A worker that exits
unexpectedly is restarted. Ctrl-C / SIGTERM stops the web server, then the workers (SIGTERM, then
SIGKILL after a grace period — an interrupted job is retried on the next start), then the embedded
database, so no process is left behind.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys

import msgspec
import uvicorn

from service.app import create_app
from service.db import database_url_for
from service.migrate import apply_migrations
from service.settings import Settings

log = logging.getLogger(__name__)
GRACE_SECONDS = 10.0


async def serve(settings: Settings) -> int:
    async with database_url_for(settings) as url:
        import asyncpg

        conn = await asyncpg.connect(url)
        try:
            applied = await apply_migrations(conn)
        finally:
            await conn.close()
        if applied:
            log.info("applied migrations: %s", ", ".join(applied))
        await ensure_first_admin(url, settings)
        await load_reference_data_if_needed(url)
        app_settings = msgspec.structs.replace(settings, database_url=url)
        pool = WorkerPool(app_settings, url)
        pool.start()
        supervisor = asyncio.create_task(pool.supervise())
        try:
            config = uvicorn.Config(
                create_app(app_settings),
                host=settings.host,
                port=settings.port,
                log_level="warning",
                lifespan="on",
                access_log=False,
            )
            server = uvicorn.Server(config)
            # uvicorn re-raises the signal that stopped it once it has restored the previous handler;
            # make that handler harmless so the cleanup below (workers, database) always runs.
            signal.signal(signal.SIGTERM, lambda *_: None)
            print(
                f"HKD Register: http://{settings.host}:{settings.port}  (Ctrl-C để dừng / to stop)",
                flush=True,
            )
            await server.serve()
        finally:
            supervisor.cancel()
            await asyncio.to_thread(pool.stop)
    return 0


async def load_reference_data_if_needed(url: str) -> None:
    """Reference tables follow the package's data files: loaded on first start and after an upgrade."""
    import asyncpg

    from service.refdata import ensure_reference_data

    conn = await asyncpg.connect(url)
    try:
        if await ensure_reference_data(conn):
            log.info("loaded reference data (administrative units, VSIC, ID prefixes)")
    finally:
        await conn.close()


async def ensure_first_admin(url: str, settings: Settings) -> None:
    """On an empty database create user `admin` with a random password, shown once and kept 0600."""
    import secrets

    import asyncpg

    from service.users import Role, create_user

    conn = await asyncpg.connect(url)
    try:
        if await conn.fetchval("select exists (select 1 from users)"):
            return
        password = secrets.token_urlsafe(12)
        await create_user(conn, "admin", Role.ADMIN, password, "Quản trị")
    finally:
        await conn.close()
    path = settings.data_dir / "initial-admin-password.txt"
    path.touch(mode=0o600)
    path.write_text(f"admin\n{password}\n")
    print(f"Đã tạo tài khoản quản trị / created admin user: admin / {password}  (also in {path})", flush=True)


class WorkerPool:
    """N `hkd worker` child processes, restarted if they die."""

    def __init__(self, settings: Settings, database_url: str) -> None:
        self.settings = settings
        self.database_url = database_url
        self.procs: list[subprocess.Popen[bytes]] = []
        self.stopping = False

    def _spawn(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            HKD_DATA_DIR=str(self.settings.data_dir),
            OMP_THREAD_LIMIT="1",
        )
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"], env=env, stdin=subprocess.DEVNULL
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

    def stop(self) -> None:
        self.stopping = True
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
