"""A batch upload is copied to a temporary file in chunks, never read whole into memory, through both
routes that take a stack; past the batch byte limit it is a 413 problem and nothing is created."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest
from litestar.datastructures import UploadFile

from service.runtime.settings import Settings
from tests import files

MB = 1024 * 1024
TABLES = ("documents", "batches", "jobs", "audit_log")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A stack at most 3 MB (the routes admit 1 MB more), a document at most 2 MB."""
    return Settings(data_dir_name=str(tmp_path / "data"), job_lease_seconds=2.0, workers=1,
                    max_upload_bytes=2 * MB, batch_max_bytes=3 * MB)  # fmt: skip


@pytest.fixture
def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the upload reads that asked for everything (size -1)."""
    calls: list[int] = []
    read = UploadFile.read

    async def watched(self: UploadFile, size: int = -1) -> bytes:
        if size < 0:
            calls.append(size)
        return await read(self, size)

    monkeypatch.setattr(UploadFile, "read", watched)
    return calls


async def counts(pool: asyncpg.Pool) -> list[int]:
    return [await pool.fetchval(f"select count(*) from {t}") for t in TABLES]


def stored(settings: Settings) -> set[Path]:
    return {p for p in settings.blob_dir.rglob("*") if p.is_file()} if settings.blob_dir.exists() else set()


async def test_a_batch_is_streamed_and_one_past_the_byte_limit_is_a_413_with_nothing_created(
    api_client, pool: asyncpg.Pool, db_settings: Settings, whole_reads: list[int]
) -> None:
    clerk = await api_client(role="clerk")
    stack = files.make_pdf(3)
    ok = await clerk.post("/api/batches", files={"file": ("hop.pdf", stack, "application/pdf")})
    assert ok.status_code == 201, ok.text
    assert ok.json()["batch"]["size_bytes"] == len(stack)
    marked = await clerk.post("/api/documents", files={"file": ("hai.pdf", files.make_pdf(2), "application/pdf")},
                              data={"batch": "true"})  # fmt: skip
    assert marked.status_code == 201 and len(marked.json()["batches"]) == 1, marked.text
    assert whole_reads == []  # both read in chunks, into a temporary file

    before, blobs_before = await counts(pool), stored(db_settings)
    big = stack + b"\x00" * (3 * MB + MB // 2 - len(stack))  # under the route's limit, over the batch's
    for path, data in (("/api/batches", {}), ("/api/documents", {"batch": "true"})):
        response = await clerk.post(path, files={"file": ("to.pdf", big, "application/pdf")}, data=data)
        assert response.status_code == 413, response.text
        problem = response.json()
        assert (
            problem["code"] == "file_too_large"
            and problem["message_vi"]
            and problem["type"].startswith("/problems/")
        )
        assert response.headers["content-type"].startswith("application/problem+json")
    assert whole_reads == []
    assert await counts(pool) == before and stored(db_settings) == blobs_before  # nothing half-created
