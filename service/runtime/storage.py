"""Object storage: a local directory by default, S3-compatible storage by URL; one wrapper of obstore.

`Storage` puts, reads, streams, lists and deletes objects by key. Two kinds of key live in it:
content-addressed blobs (scans and page images, `sha256/ab/cd/abcd…`, through `BlobStore`: path-safe by
construction, and a blob once written never changes) and named export files (`exports/…`, which the
user downloads and the workers expire). obstore's local store writes to a staging file and renames it
into place and an S3 PUT is atomic, so a half written object is never visible; files are uploaded in
parts and read back as a stream, so neither direction holds a large file in memory. For S3,
credentials and endpoint come from the usual `AWS_*` variables (`AWS_ENDPOINT_URL`,
`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ALLOW_HTTP`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import hashlib
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import obstore
from obstore.exceptions import BaseError as ObstoreError
from obstore.exceptions import NotFoundError as ObstoreNotFoundError
from obstore.store import LocalStore, from_url

from service.errors import AppError, NotFoundError
from service.i18n.messages import text

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MISSING = (ObstoreNotFoundError, FileNotFoundError)


class BlobNotFoundError(NotFoundError):
    """Nothing is stored under that key (a blob's digest, an export's file): a 404, never a 500."""

    type, title = "/problems/not-stored", "Not in storage"
    message_vi = text("storage.missing")


class StorageFullError(AppError):
    """The disk (or the bucket's quota) is full: nothing was stored, so nothing is half written; the
    client may retry later (507, Retry-After), after an administrator made room."""

    status, type, title = 507, "/problems/storage-full", "Insufficient storage"
    message_vi = text("problem.storage_full")

    def __init__(self, detail: str) -> None:
        super().__init__(detail, retry_after=STORAGE_FULL_RETRY_SECONDS)


STORAGE_FULL_RETRY_SECONDS = 60
# ENOSPC and EDQUOT as obstore reports them (a local store), and MinIO's full-disk error (S3)
_FULL_MARKS = ("(os error 28)", "(os error 122)", "StorageFull", "XMinioStorageFull", "QuotaExceeded")


@contextlib.contextmanager
def full_storage_is_507(key: str) -> Iterator[None]:
    """A put that fails because the storage is full raises StorageFullError; other errors pass."""
    try:
        yield
    except (ObstoreError, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFullError(f"storage is full; {key} was not stored") from exc
        if any(mark in str(exc) for mark in _FULL_MARKS):
            raise StorageFullError(f"storage is full; {key} was not stored") from exc
        raise


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def blob_key(digest: str) -> str:
    """The storage path of a digest; refuses anything that is not a lowercase SHA-256 hex string."""
    if not _SHA256.fullmatch(digest):
        raise ValueError("not a sha256 digest")
    return f"sha256/{digest[:2]}/{digest[2:4]}/{digest}"


class Storage:
    """Objects by key, in one backend."""

    def __init__(self, store: object, description: str) -> None:
        self._store = store
        self.description = description

    @classmethod
    def open(cls, storage_url: str | None, local_dir: Path) -> Storage:
        if storage_url:
            return cls(from_url(storage_url), storage_url)
        local_dir.mkdir(parents=True, exist_ok=True)
        return cls(LocalStore(prefix=local_dir.resolve()), f"file://{local_dir.resolve()}")

    async def put_bytes(self, key: str, data: bytes) -> None:
        with full_storage_is_507(key):
            await obstore.put_async(self._store, key, data)  # type: ignore[arg-type]

    async def put_file(self, key: str, path: Path) -> int:
        """Upload the file at `path` (in parts); returns its size in bytes."""
        size = (await asyncio.to_thread(path.stat)).st_size
        with full_storage_is_507(key):
            await obstore.put_async(self._store, key, path)  # type: ignore[arg-type]
        return size

    async def get_bytes(self, key: str) -> bytes:
        try:
            result = await obstore.get_async(self._store, key)  # type: ignore[arg-type]
        except _MISSING as exc:
            raise BlobNotFoundError(f"nothing stored under {key}") from exc
        return bytes(await result.bytes_async())

    async def open_stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
        """Open the object now (a missing one raises here, before any response starts), stream it later."""
        try:
            result = await obstore.get_async(self._store, key)  # type: ignore[arg-type]
        except _MISSING as exc:
            raise BlobNotFoundError(f"nothing stored under {key}") from exc

        async def chunks() -> AsyncIterator[bytes]:
            async for chunk in result.stream(min_chunk_size=chunk_size):
                yield bytes(chunk)

        return chunks()

    async def get_to_file(self, key: str, path: Path) -> int:
        """Write the object into the file at `path` chunk by chunk (never all of it in memory); its size."""
        size = 0
        chunks = await self.open_stream(key)
        with path.open("wb") as fh:
            async for chunk in chunks:
                await asyncio.to_thread(fh.write, chunk)
                size += len(chunk)
        return size

    async def exists(self, key: str) -> bool:
        try:
            await obstore.head_async(self._store, key)  # type: ignore[arg-type]
        except _MISSING:
            return False
        return True

    async def delete(self, key: str) -> None:
        """Delete the object; one that is already gone is fine."""
        with contextlib.suppress(*_MISSING):
            await obstore.delete_async(self._store, key)  # type: ignore[arg-type]

    async def list_with_age(self, prefix: str) -> dict[str, dt.datetime]:
        """Every key under `prefix` with its last-modified time, paging through the listing."""
        found: dict[str, dt.datetime] = {}
        stream = obstore.list(self._store, prefix=prefix)  # type: ignore[call-overload]
        async for batch in stream:
            for meta in batch:
                found[meta["path"]] = meta["last_modified"]
        return found


class BlobStore:
    """Immutable blobs by their SHA-256, in a `Storage`."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.description = storage.description

    @classmethod
    def open(cls, storage_url: str | None, local_dir: Path) -> BlobStore:
        return cls(Storage.open(storage_url, local_dir))

    async def put(self, data: bytes) -> str:
        """Store `data` (idempotent) and return its digest."""
        digest = sha256_hex(data)
        await self.storage.put_bytes(blob_key(digest), data)
        return digest

    async def put_file(self, path: Path, digest: str) -> str:
        """Store the file at `path` whose SHA-256 is `digest` (idempotent), in parts, never whole in memory."""
        await self.storage.put_file(blob_key(digest), path)
        return digest

    async def get(self, digest: str) -> bytes:
        return await self.storage.get_bytes(blob_key(digest))

    async def get_to_file(self, digest: str, path: Path) -> int:
        """The blob into a file, streamed (a large batch is read from there, not from memory)."""
        return await self.storage.get_to_file(blob_key(digest), path)

    async def exists(self, digest: str) -> bool:
        return await self.storage.exists(blob_key(digest))

    async def delete(self, digest: str) -> None:
        await self.storage.delete(blob_key(digest))

    async def list_digests(self) -> list[str]:
        return list(await self.list_with_age())

    async def list_with_age(self) -> dict[str, dt.datetime]:
        """Every stored digest with its last-modified time (for `hkd doctor`)."""
        listed = await self.storage.list_with_age("sha256")
        return {key.rsplit("/", 1)[-1]: modified for key, modified in listed.items()}
