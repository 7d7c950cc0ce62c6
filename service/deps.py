"""Names of the app-wide dependencies, for handler signatures (Litestar wants them marked explicitly).

Use the parameter names `pool`, `blobs` and `settings`: `async def h(pool: DbPool, ...)`.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

import asyncpg
from litestar.di import NamedDependency
from litestar.params import PathParameter

from service.settings import Settings
from service.storage import BlobStore

PG_BIGINT_MAX = 9_223_372_036_854_775_807
RowId: TypeAlias = Annotated[int, PathParameter(ge=1, le=PG_BIGINT_MAX)]
"""A database id in a path: positive and within bigint, so a fuzzed huge number is a 4xx, not a 500."""
PageNumber: TypeAlias = Annotated[int, PathParameter(ge=1, le=100_000)]

DbPool: TypeAlias = NamedDependency[asyncpg.Pool]
Blobs: TypeAlias = NamedDependency[BlobStore]
AppSettings: TypeAlias = NamedDependency[Settings]
