"""Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its job).

Both answer without login (load balancers and `hkd serve`'s tests call them). `/readyz` tells anyone
only ready or not (200 or 503, `{"ready": …}`); what is wrong — database, pending migrations,
Tesseract's version, exception names — only an admin's token or session sees: to anybody else those
are a map of the installation.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import msgspec
from litestar import Request, Response, get

from ocr.tesseract_probe import probe_tesseract
from service.auth import identify
from service.db.migrate import pending_migrations
from service.deps import AppSettings, DbPool
from service.errors import AppError
from service.users import Role, SessionPolicy


class Ready(msgspec.Struct, frozen=True):
    ready: bool


class Readiness(msgspec.Struct, frozen=True):
    ready: bool
    database: bool
    migrations_pending: list[str]
    tesseract: str | None
    problems: list[str]


@get("/healthz", opt={"exclude_from_auth": True}, tags=["health"], summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@get(
    "/readyz",
    opt={"exclude_from_auth": True},
    tags=["health"],
    summary="Database reachable, migrations applied, Tesseract with vie found (details for admins)",
)
async def readyz(
    request: Request[Any, Any, Any], pool: DbPool, settings: AppSettings
) -> Response[Ready | Readiness]:
    problems: list[str] = []
    database, pending = False, []
    try:
        async with pool.acquire(timeout=5) as conn:
            pending = await pending_migrations(conn)
            database = True
    except Exception as exc:  # readiness reports, it does not raise
        problems.append(f"database: {type(exc).__name__}")
    if pending:
        problems.append("migrations pending")
    tesseract = await asyncio.to_thread(probe_tesseract)
    if not tesseract.ok:
        problems.append(tesseract.problem or "tesseract unavailable")
    ready = not problems
    status = 200 if ready else 503
    if database and await _asked_by_admin(request, pool, settings):
        return Response(Readiness(ready, database, pending, tesseract.version, problems), status_code=status)
    return Response(Ready(ready), status_code=status)


async def _asked_by_admin(request: Request[Any, Any, Any], pool: DbPool, settings: AppSettings) -> bool:
    """An admin's bearer token or session; a bad or expired credential is simply nobody here."""
    try:
        found = await identify(pool, request.headers, request.cookies, SessionPolicy.of(settings))
    except (AppError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
        return False
    return found is not None and found[0].role == Role.ADMIN
