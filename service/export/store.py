"""Finished export files in object storage, under `exports/` next to the content-addressed blobs.

Same backend as service.storage (a local directory, or S3 from `HKD_STORAGE_URL` and the `AWS_*`
variables), but named keys: an export is a file the user downloads, not an immutable scan. obstore
uploads a path in parts (multipart for S3), and reads back as a stream, so neither direction holds
the whole file in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import obstore
from obstore.exceptions import NotFoundError
from obstore.store import LocalStore, from_url

PREFIX = "exports/"
_KEY = re.compile(r"^exports/[0-9]+-[0-9a-f]{16}\.(xlsx|csv)$")


class ExportFileMissingError(LookupError):
    """The file of a finished export is no longer in storage (expired and deleted, or lost)."""


def export_key(export_id: int, token: str, fmt: str) -> str:
    key = f"{PREFIX}{export_id}-{token}.{fmt}"
    if not _KEY.fullmatch(key):
        raise ValueError("not an export key")
    return key


class ExportFiles:
    """Put, stream and delete export files by key."""

    def __init__(self, store: object, description: str) -> None:
        self._store = store
        self.description = description

    @classmethod
    def open(cls, storage_url: str | None, local_dir: Path) -> ExportFiles:
        if storage_url:
            return cls(from_url(storage_url), storage_url)
        local_dir.mkdir(parents=True, exist_ok=True)
        return cls(LocalStore(prefix=local_dir.resolve()), f"file://{local_dir.resolve()}")

    async def put_file(self, key: str, path: Path) -> int:
        """Upload the file at `path` (in parts); returns its size in bytes."""
        size = (await asyncio.to_thread(path.stat)).st_size
        await obstore.put_async(self._store, key, path)  # type: ignore[arg-type]
        return size

    async def open_stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
        """Open the file now (a missing one raises here, before any response starts), stream it later."""
        try:
            result = await obstore.get_async(self._store, key)  # type: ignore[arg-type]
        except (NotFoundError, FileNotFoundError) as exc:
            raise ExportFileMissingError(key) from exc

        async def chunks() -> AsyncIterator[bytes]:
            async for chunk in result.stream(min_chunk_size=chunk_size):
                yield bytes(chunk)

        return chunks()

    async def exists(self, key: str) -> bool:
        try:
            await obstore.head_async(self._store, key)  # type: ignore[arg-type]
        except (NotFoundError, FileNotFoundError):
            return False
        return True

    async def delete(self, key: str) -> None:
        with contextlib.suppress(NotFoundError, FileNotFoundError):
            await obstore.delete_async(self._store, key)  # type: ignore[arg-type]
