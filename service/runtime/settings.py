"""Settings: one Struct built from the environment when a command starts, then passed down.

Every value has one default, here (the upload limits' come from the OCR library's `Limits`, whose
checks they configure); the `hkd --help` text and code that needs a default read it from
`DEFAULTS`. Nothing reads the environment at import time, so tests build `Settings(...)` directly.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from ocr.batch.limits import BatchLimits
from ocr.pages import Limits
from service.errors import AppError
from service.i18n.messages import text

_LIBRARY_LIMITS = Limits()
_BATCH_LIMITS = BatchLimits()
ONE_PER_CORE = -1
"""`workers` and `api_processes`: one per core (API processes at most 4)."""


class SettingsError(AppError):
    """An environment variable holds a value we cannot use."""

    type, title = "/problems/settings", "Invalid settings"
    message_vi = text("settings.invalid")


def per_core(count: int, cap: int | None = None) -> int:
    """`count` itself, or one per core (at most `cap`) for `ONE_PER_CORE`."""
    if count != ONE_PER_CORE:
        return count
    cores = max(1, os.cpu_count() or 1)
    return min(cap, cores) if cap else cores


class Settings(msgspec.Struct, frozen=True):
    data_dir_name: str = "var"
    database_url: str | None = None  # None → embedded PostgreSQL in data_dir
    storage_url: str | None = None  # None → local blobs in data_dir/blobs; s3://bucket/prefix for S3
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = ONE_PER_CORE  # OCR worker processes started by `serve`; 0 → none (API only)
    api_processes: int = ONE_PER_CORE  # web/API processes started by `serve` on one port (at least one)
    max_upload_bytes: int = _LIBRARY_LIMITS.max_bytes
    max_page_pixels: int = _LIBRARY_LIMITS.max_pixels
    max_pages: int = _LIBRARY_LIMITS.max_pages
    max_file_pixels: int = _LIBRARY_LIMITS.max_total_pixels
    max_files_per_request: int = 500
    batch_max_bytes: int = _BATCH_LIMITS.max_bytes
    batch_max_pages: int = _BATCH_LIMITS.max_pages
    batch_max_total_pixels: int = _BATCH_LIMITS.max_total_pixels
    batch_from_pages: int = 10  # a file with more pages than this is taken as a batch (0: only when asked)
    job_attempts: int = 3  # after this many failed attempts a job is dead-lettered
    job_retry_base_seconds: float = 5.0  # back-off: base × 4^(attempt-1), capped at 10 minutes
    job_lease_seconds: float = 30.0  # a job whose worker stops heart-beating for this long is re-picked
    ocr_timeout_seconds: float = 180.0  # decoding, rendering and reading one document, all told
    ocr_memory_mb: int = 2048  # address space of the process that decodes and reads one document
    ocr_second_reader: bool = True  # re-read every value with the second reader and vote (issue 13)
    models_dir_name: str | None = None  # None → inside the virtual environment (share/hkd-models)
    statement_timeout_ms: int = 30_000
    secure_cookies: bool = False
    log_level: str = "INFO"
    token_days: int = 90  # an API token is refused this many days after it was made
    session_idle_minutes: int = 30  # a browser session unused this long ends (a shared commune PC)
    session_hours: int = 12  # and lasts at most this long however active: one working day, not a week
    trusted_proxies: tuple[str, ...] = ()  # addresses/CIDRs whose X-Forwarded-For is believed
    header_timeout_seconds: float = 10.0  # a request's headers must all arrive within this time
    body_timeout_seconds: float = 30.0  # a request body may pause this long between two reads
    search_per_minute: int = 30  # register searches (and autocomplete look-ups) per user and minute
    timezone: str = "Asia/Ho_Chi_Minh"  # the people's clock: pages, exports, "today" (the API stays ISO)

    def __post_init__(self) -> None:
        for name in ("token_days", "session_idle_minutes", "session_hours", "search_per_minute"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.header_timeout_seconds <= 0 or self.body_timeout_seconds <= 0:
            raise ValueError("header_timeout_seconds and body_timeout_seconds must be positive")
        for network in self.trusted_proxies:
            ipaddress.ip_network(network, strict=False)  # ValueError names the bad entry
        try:
            zone_named(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"timezone {self.timezone!r} is not an IANA time zone") from exc

    @property
    def zone(self) -> ZoneInfo:
        """HKD_TIMEZONE as a zone (cached: one object per name)."""
        return zone_named(self.timezone)

    @property
    def trusted_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(n, strict=False) for n in self.trusted_proxies)

    @property
    def upload_limits(self) -> Limits:
        return Limits(
            max_bytes=self.max_upload_bytes,
            max_pixels=self.max_page_pixels,
            max_pages=self.max_pages,
            max_total_pixels=self.max_file_pixels,
        )

    @property
    def batch_limits(self) -> BatchLimits:
        return BatchLimits(
            max_bytes=self.batch_max_bytes,
            max_pages=self.batch_max_pages,
            max_page_pixels=self.max_page_pixels,
            max_total_pixels=self.batch_max_total_pixels,
        )

    @property
    def worker_count(self) -> int:
        return per_core(self.workers)

    @property
    def api_process_count(self) -> int:
        """At least one: `serve` itself answers; 0 is read as one per core, like ONE_PER_CORE."""
        return per_core(self.api_processes if self.api_processes > 0 else ONE_PER_CORE, cap=4)

    @property
    def data_dir(self) -> Path:
        return Path(self.data_dir_name)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"


@cache
def zone_named(name: str) -> ZoneInfo:
    return ZoneInfo(name)


DEFAULTS = Settings()
"""The one default of every value, for code that needs one without a Settings at hand."""

ENV_VARS: dict[str, tuple[str, str]] = {
    # field: (environment variable, description for README / `hkd --help`; the default is added)
    "data_dir_name": ("HKD_DATA_DIR", "data directory: embedded database and local blobs"),
    "database_url": ("DATABASE_URL", "PostgreSQL 15+ to use instead of the embedded server"),
    "storage_url": ("STORAGE_URL", "s3://bucket/prefix for S3-compatible storage (default: local)"),
    "host": ("HKD_HOST", "address to listen on"),
    "port": ("HKD_PORT", "port to listen on"),
    "workers": ("HKD_WORKERS", "OCR worker processes started by `hkd serve` (0: API only)"),
    "api_processes": ("HKD_API_PROCESSES", "web/API processes started by `hkd serve`, sharing the port"),
    "max_upload_bytes": ("HKD_MAX_UPLOAD_BYTES", "largest accepted file in bytes"),
    "max_page_pixels": ("HKD_MAX_PAGE_PIXELS", "largest accepted page in pixels"),
    "max_pages": ("HKD_MAX_PAGES", "most pages in one file"),
    "max_file_pixels": ("HKD_MAX_FILE_PIXELS", "most pixels in one file, all pages together"),
    "batch_max_bytes": ("HKD_BATCH_MAX_BYTES", "largest accepted batch (scanned stack) in bytes"),
    "batch_max_pages": ("HKD_BATCH_MAX_PAGES", "most pages in one batch"),
    "batch_max_total_pixels": ("HKD_BATCH_MAX_TOTAL_PIXELS", "most pixels in all pages of one batch"),
    "batch_from_pages": (
        "HKD_BATCH_FROM_PAGES",
        "an upload with more pages than this is split as a batch (0: only files marked as batches)",
    ),
    "job_attempts": ("HKD_JOB_ATTEMPTS", "attempts before a job is dead-lettered"),
    "job_retry_base_seconds": ("HKD_JOB_RETRY_BASE_SECONDS", "first retry delay in seconds (then ×4)"),
    "job_lease_seconds": ("HKD_JOB_LEASE_SECONDS", "seconds without heartbeat before a job is re-picked"),
    "ocr_timeout_seconds": (
        "HKD_OCR_TIMEOUT_SECONDS",
        "time limit for one document's decoding, rendering and OCR, in seconds",
    ),
    "ocr_memory_mb": ("HKD_OCR_MEMORY_MB", "memory limit (MiB) of the process that reads one document"),
    "ocr_second_reader": (
        "HKD_OCR_SECOND_READER",
        "re-read every value with the second reader and vote (0: Tesseract alone)",
    ),
    "models_dir_name": ("HKD_MODELS_DIR", "folder of the second reader's model (setup fills it)"),
    "secure_cookies": ("HKD_SECURE_COOKIES", "mark session cookies Secure (set behind HTTPS)"),
    "log_level": ("HKD_LOG_LEVEL", "DEBUG, INFO, WARNING"),
    "token_days": ("HKD_TOKEN_DAYS", "days an API token is valid after it is made"),
    "session_idle_minutes": ("HKD_SESSION_IDLE_MINUTES", "minutes without a request that end a session"),
    "session_hours": ("HKD_SESSION_HOURS", "hours a browser session lasts at most, however active"),
    "header_timeout_seconds": (
        "HKD_HEADER_TIMEOUT_SECONDS",
        "seconds a client has to send a request's headers (then 408 and the connection closes)",
    ),
    "body_timeout_seconds": (
        "HKD_BODY_TIMEOUT_SECONDS",
        "seconds a request body may pause between two reads (then 408 and the connection closes)",
    ),
    "search_per_minute": (
        "HKD_SEARCH_PER_MINUTE",
        "register searches (and, apart, autocomplete look-ups) one user may make per minute, in bursts as large",
    ),
    "trusted_proxies": (
        "HKD_TRUSTED_PROXIES",
        "comma-separated addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed",
    ),
    "timezone": ("HKD_TIMEZONE", "IANA time zone of the times and dates people see (pages, exports, today)"),
}
LIST_FIELDS = frozenset({"trusted_proxies"})
"""Settings given as one comma-separated environment variable."""


def describe_setting(field: str) -> str:
    """The help line of one setting, with its default read from `DEFAULTS`."""
    _, description = ENV_VARS[field]
    default = getattr(DEFAULTS, field)
    if field in ("workers", "api_processes"):
        shown = "one per core" + (", at most 4" if field == "api_processes" else "")
    elif default is None:
        return description
    elif default == ():
        shown = "none"
    else:
        shown = str(default)
    return f"{description} (default {shown})"


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from `env` (default `os.environ`); explicit overrides (CLI flags) win."""
    env = os.environ if env is None else env
    raw: dict[str, object] = {}
    for field, (var, _) in ENV_VARS.items():
        value = env.get(var)
        if value:
            raw[field] = [v.strip() for v in value.split(",") if v.strip()] if field in LIST_FIELDS else value
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"invalid setting: {exc}") from exc
