"""The app freezes what start-up built (service/app.py): full garbage collections no longer walk it."""

from __future__ import annotations

import gc

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_startup_objects_are_frozen(app: Litestar) -> None:
    gc.unfreeze()
    try:
        async with AsyncTestClient(app) as client:  # runs the lifespan: pool, warm-up, freeze
            assert (await client.get("/healthz")).status_code == 200
            frozen = gc.get_freeze_count()
            assert frozen > 10_000  # the address/VSIC indexes alone are more
    finally:
        gc.unfreeze()
