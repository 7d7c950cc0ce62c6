"""The Litestar application factory: `create_app(settings)` wires routes, state and error handling.

The API process's resources come from the composition root (service.runtime): the storage when the
app is built, the pool and the reference indexes in the lifespan."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from litestar import Litestar, Request, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin

from service.api.accounts import AccountsController
from service.api.auth import login, logout, me
from service.api.batches import BatchesController
from service.api.businesses import BusinessesController
from service.api.documents import DocumentsController
from service.api.exports import ExportsController
from service.api.health import healthz, readyz
from service.api.refdata import RefdataController
from service.api.review import ReviewController
from service.api.validation import ValidationController
from service.auth import auth_middleware
from service.db.scope import scoped_pool
from service.runtime import Purpose, open_runtime, open_storage
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from service.users import CurrentUser, SessionPolicy
from service.web import template_config, web_routes
from service.web.boundary import check_request
from service.web.errors import error_page_identity
from service.web.openapi import DocumentedJson
from service.web.problems import EXCEPTION_HANDLERS
from service.web.security import security_response_headers


def freeze_startup_objects() -> None:
    """Move everything alive after start-up (modules, routes, the address/VSIC indexes: ~140,000
    objects) out of the garbage collector's sight. They live as long as the process, yet every full
    collection walked them all — 60–75 ms with the event loop stopped, felt by every request in flight
    (the register benchmark's slowest requests came in such bursts)."""
    gc.collect()
    gc.freeze()


def create_app(settings: Settings) -> Litestar:
    """Build the app; `settings.database_url` must point at a migrated database."""
    if not settings.database_url:
        raise ValueError("create_app needs settings.database_url (the CLI starts the embedded server first)")
    storage = open_storage(settings)
    blobs = BlobStore(storage)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        async with open_runtime(settings, Purpose.API, storage=storage) as runtime:
            app.state.pool = runtime.pool
            freeze_startup_objects()
            yield

    def provide_pool(state: State, request: Request) -> asyncpg.Pool:
        """The one place a request's database access gets its commune scope (service.db.scope)."""
        user = request.scope.get("user")
        return scoped_pool(state.pool, user.communes if isinstance(user, CurrentUser) else None)

    return Litestar(
        route_handlers=[
            healthz,
            readyz,
            login,
            logout,
            me,
            Router(  # a scanned stack may come through either: the batch byte limit is theirs
                "/",
                route_handlers=[DocumentsController, BatchesController],
                request_max_body_size=max(settings.max_upload_bytes, settings.batch_max_bytes) + 1024 * 1024,
            ),
            ValidationController,
            RefdataController,
            ReviewController,
            BusinessesController,
            ExportsController,
            AccountsController,
            *web_routes(),
        ],
        response_headers=security_response_headers(),
        template_config=template_config(),
        middleware=[auth_middleware(settings)],
        before_request=check_request,
        dependencies={
            "pool": Provide(provide_pool, sync_to_thread=False),
            "blobs": Provide(lambda: blobs, sync_to_thread=False),
            "storage": Provide(lambda: storage, sync_to_thread=False),
            "settings": Provide(lambda: settings, sync_to_thread=False),
        },
        lifespan=[lifespan],
        state=State({"settings": settings}),  # for pages' base context (web.context.settings_of)
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        after_exception=[error_page_identity(SessionPolicy.of(settings))],
        request_max_body_size=settings.max_upload_bytes + 1024 * 1024,
        openapi_config=OpenAPIConfig(
            title="HKD Register",
            version="0.1.0",
            path="/api/schema",
            render_plugins=[DocumentedJson(), SwaggerRenderPlugin()],  # the document, and a page to read it
        ),
        debug=False,
    )
