"""The Litestar application factory: `create_app(settings)` wires routes, state and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig

from service.api.documents import DocumentsController
from service.api.health import healthz, readyz
from service.db import create_pool
from service.errors import EXCEPTION_HANDLERS
from service.settings import Settings
from service.storage import BlobStore


def create_app(settings: Settings) -> Litestar:
    """Build the app; `settings.database_url` must point at a migrated database."""
    if not settings.database_url:
        raise ValueError("create_app needs settings.database_url (the CLI starts the embedded server first)")
    database_url = settings.database_url

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.pool = await create_pool(database_url, settings, max_size=20)
        try:
            yield
        finally:
            await app.state.pool.close()

    def provide_pool(state: State) -> asyncpg.Pool:
        return state.pool  # type: ignore[no-any-return]

    blobs = BlobStore.open(settings.storage_url, settings.blob_dir)

    return Litestar(
        route_handlers=[healthz, readyz, DocumentsController],
        dependencies={
            "pool": Provide(provide_pool, sync_to_thread=False),
            "blobs": Provide(lambda: blobs, sync_to_thread=False),
            "settings": Provide(lambda: settings, sync_to_thread=False),
        },
        lifespan=[lifespan],
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=settings.max_upload_bytes + 1024 * 1024,
        openapi_config=OpenAPIConfig(title="HKD Register", version="0.1.0", path="/api/schema"),
        debug=False,
    )
