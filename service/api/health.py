"""Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its job)."""

from __future__ import annotations

import asyncio

import msgspec
from litestar import Response, get

from ocr.tesseract_probe import probe_tesseract
from service.db.migrate import pending_migrations
from service.deps import DbPool


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
    summary="Database reachable, migrations applied, Tesseract with vie found",
)
async def readyz(pool: DbPool) -> Response[Readiness]:
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
    body = Readiness(ready, database, pending, tesseract.version, problems)
    return Response(body, status_code=200 if ready else 503)
