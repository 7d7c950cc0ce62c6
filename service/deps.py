"""Names of the app-wide dependencies, for handler signatures (Litestar wants them marked explicitly).

Use the parameter names `pool`, `blobs`, `storage` and `settings`: `async def h(pool: DbPool, ...)`.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

import asyncpg
from litestar.di import NamedDependency
from litestar.params import PathParameter

from service.runtime.settings import Settings
from service.runtime.storage import BlobStore, Storage

PG_BIGINT_MAX = 9_223_372_036_854_775_807
RowId: TypeAlias = Annotated[int, PathParameter(ge=1, le=PG_BIGINT_MAX)]
"""A database id in a path: positive and within bigint, so a fuzzed huge number is a 4xx, not a 500."""

DbPool: TypeAlias = NamedDependency[asyncpg.Pool]
Blobs: TypeAlias = NamedDependency[BlobStore]
Store: TypeAlias = NamedDependency[Storage]
AppSettings: TypeAlias = NamedDependency[Settings]
