"""Settings: one Struct built from the environment when a command starts, then passed down.

Nothing reads the environment at import time, so tests build `Settings(...)` directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

from ocr.pages import Limits


class SettingsError(ValueError):
    """An environment variable holds a value we cannot use."""


class Settings(msgspec.Struct, frozen=True):
    data_dir_name: str = "var"
    database_url: str | None = None  # None → embedded PostgreSQL in data_dir
    storage_url: str | None = None  # None → local blobs in data_dir/blobs; s3://bucket/prefix for S3
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = -1  # OCR worker processes started by `serve`; -1 → one per core, 0 → none (API only)
    api_processes: int = 0  # web/API processes started by `serve` on one port; 0 → one per core, at most 4
    max_upload_bytes: int = 50 * 1024 * 1024
    max_page_pixels: int = 80_000_000
    max_pages: int = 50
    max_files_per_request: int = 500
    job_attempts: int = 3  # after this many failed attempts a job is dead-lettered
    job_retry_base_seconds: float = 5.0  # back-off: base × 4^(attempt-1), capped at 10 minutes
    job_lease_seconds: float = 30.0  # a job whose worker stops heart-beating for this long is re-picked
    ocr_timeout_seconds: float = 180.0
    statement_timeout_ms: int = 30_000
    secure_cookies: bool = False
    log_level: str = "INFO"

    @property
    def upload_limits(self) -> Limits:
        return Limits(
            max_bytes=self.max_upload_bytes, max_pixels=self.max_page_pixels, max_pages=self.max_pages
        )

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers >= 0 else max(1, os.cpu_count() or 1)

    @property
    def api_process_count(self) -> int:
        return self.api_processes if self.api_processes > 0 else min(4, max(1, os.cpu_count() or 1))

    @property
    def data_dir(self) -> Path:
        return Path(self.data_dir_name)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"


ENV_VARS: dict[str, tuple[str, str]] = {
    # field: (environment variable, description for README / `hkd --help`)
    "data_dir_name": ("HKD_DATA_DIR", "data directory: embedded database and local blobs (default ./var)"),
    "database_url": ("DATABASE_URL", "PostgreSQL 15+ to use instead of the embedded server"),
    "storage_url": ("STORAGE_URL", "s3://bucket/prefix for S3-compatible storage (default: local)"),
    "host": ("HKD_HOST", "address to listen on (default 127.0.0.1)"),
    "port": ("HKD_PORT", "port to listen on (default 8000)"),
    "workers": (
        "HKD_WORKERS",
        "OCR worker processes started by `hkd serve` (default: one per core; 0: API only)",
    ),
    "api_processes": (
        "HKD_API_PROCESSES",
        "web/API processes started by `hkd serve`, sharing the port (default: one per core, at most 4)",
    ),
    "max_upload_bytes": ("HKD_MAX_UPLOAD_BYTES", "largest accepted file (default 50 MiB)"),
    "max_page_pixels": ("HKD_MAX_PAGE_PIXELS", "largest accepted page in pixels (default 80 million)"),
    "max_pages": ("HKD_MAX_PAGES", "most pages in one file (default 50)"),
    "job_attempts": ("HKD_JOB_ATTEMPTS", "attempts before a job is dead-lettered (default 3)"),
    "job_retry_base_seconds": ("HKD_JOB_RETRY_BASE_SECONDS", "first retry delay in seconds (default 5)"),
    "job_lease_seconds": ("HKD_JOB_LEASE_SECONDS", "seconds without heartbeat before a job is re-picked"),
    "ocr_timeout_seconds": ("HKD_OCR_TIMEOUT_SECONDS", "time limit for one document's OCR (default 180)"),
    "secure_cookies": ("HKD_SECURE_COOKIES", "mark session cookies Secure (set behind HTTPS)"),
    "log_level": ("HKD_LOG_LEVEL", "DEBUG, INFO, WARNING (default INFO)"),
}


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from `env` (default `os.environ`); explicit overrides (CLI flags) win."""
    env = os.environ if env is None else env
    raw: dict[str, object] = {}
    for field, (var, _) in ENV_VARS.items():
        value = env.get(var)
        if value not in (None, ""):
            raw[field] = value
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"invalid setting: {exc}") from exc
