"""Content-addressed blob storage: a local directory by default, S3-compatible storage by URL.

Keys are derived from the SHA-256 of the content (`sha256/ab/cd/abcd…`), so they are path-safe by
construction and a blob, once written, never changes. obstore gives one API over both backends; its
local store writes to a staging file and renames it into place, and an S3 PUT is atomic, so a half
written blob is never visible. For S3, credentials and endpoint come from the usual `AWS_*` variables
(`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ALLOW_HTTP`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import obstore
from obstore.exceptions import NotFoundError
from obstore.store import LocalStore, from_url

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobNotFoundError(LookupError):
    """No blob is stored under that digest."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def blob_key(digest: str) -> str:
    """The storage path of a digest; refuses anything that is not a lowercase SHA-256 hex string."""
    if not _SHA256.fullmatch(digest):
        raise ValueError("not a sha256 digest")
    return f"sha256/{digest[:2]}/{digest[2:4]}/{digest}"


class BlobStore:
    """Put and get immutable blobs by their SHA-256."""

    def __init__(self, store: object, description: str) -> None:
        self._store = store
        self.description = description

    @classmethod
    def open(cls, storage_url: str | None, local_dir: Path) -> BlobStore:
        if storage_url:
            return cls(from_url(storage_url), storage_url)
        local_dir.mkdir(parents=True, exist_ok=True)
        return cls(LocalStore(prefix=local_dir.resolve()), f"file://{local_dir.resolve()}")

    async def put(self, data: bytes) -> str:
        """Store `data` (idempotent) and return its digest."""
        digest = sha256_hex(data)
        await obstore.put_async(self._store, blob_key(digest), data)  # type: ignore[arg-type]
        return digest

    async def get(self, digest: str) -> bytes:
        try:
            result = await obstore.get_async(self._store, blob_key(digest))  # type: ignore[arg-type]
        except (NotFoundError, FileNotFoundError) as exc:
            raise BlobNotFoundError(digest) from exc
        return bytes(await result.bytes_async())

    async def exists(self, digest: str) -> bool:
        try:
            await obstore.head_async(self._store, blob_key(digest))  # type: ignore[arg-type]
        except (NotFoundError, FileNotFoundError):
            return False
        return True

    async def delete(self, digest: str) -> None:
        await obstore.delete_async(self._store, blob_key(digest))  # type: ignore[arg-type]

    async def list_digests(self) -> list[str]:
        return list(await self.list_with_age())

    async def list_with_age(self) -> dict[str, dt.datetime]:
        """Every stored digest with its last-modified time (for `hkd doctor`), paging through the listing."""
        found: dict[str, dt.datetime] = {}
        stream = obstore.list(self._store, prefix="sha256")  # type: ignore[call-overload]
        async for batch in stream:
            for meta in batch:
                found[meta["path"].rsplit("/", 1)[-1]] = meta["last_modified"]
        return found
