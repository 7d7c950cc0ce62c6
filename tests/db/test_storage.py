"""Blob storage: content addressing, path safety, atomic writes, local and S3 (moto server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.runtime.storage import BlobNotFoundError, BlobStore, blob_key, sha256_hex


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path: Path) -> BlobStore:  # type: ignore[no-untyped-def]
    if request.param == "s3":
        request.getfixturevalue("s3_env")
        return BlobStore.open(f"s3://scans/{tmp_path.name}", tmp_path)
    return BlobStore.open(None, tmp_path / "blobs")


async def test_put_get_roundtrip_is_content_addressed(store: BlobStore) -> None:
    digest = await store.put(b"scan bytes")
    assert digest == sha256_hex(b"scan bytes")
    assert await store.put(b"scan bytes") == digest  # idempotent
    assert await store.get(digest) == b"scan bytes"
    assert await store.exists(digest)
    assert digest in await store.list_digests()
    await store.delete(digest)
    assert not await store.exists(digest)
    with pytest.raises(BlobNotFoundError):
        await store.get(digest)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", "a" * 63, "g" * 64, "a" * 64 + "/x"])
def test_keys_accept_only_sha256_digests(bad: str) -> None:
    with pytest.raises(ValueError):
        blob_key(bad)


async def test_local_writes_leave_no_partial_files(tmp_path: Path) -> None:
    store = BlobStore.open(None, tmp_path / "blobs")
    digests = [await store.put(bytes([i]) * 100_000) for i in range(5)]
    files = sorted(p for p in (tmp_path / "blobs").rglob("*") if p.is_file())
    assert [p.name for p in files] == sorted(digests)  # no staging leftovers
    assert all(p.stat().st_size == 100_000 for p in files)
