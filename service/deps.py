"""Names of the app-wide dependencies, for handler signatures (Litestar wants them marked explicitly).

Use the parameter names `pool`, `blobs` and `settings`: `async def h(pool: DbPool, ...)`.
"""

from __future__ import annotations

from typing import TypeAlias

import asyncpg
from litestar.di import NamedDependency

from service.settings import Settings
from service.storage import BlobStore

DbPool: TypeAlias = NamedDependency[asyncpg.Pool]
Blobs: TypeAlias = NamedDependency[BlobStore]
AppSettings: TypeAlias = NamedDependency[Settings]
