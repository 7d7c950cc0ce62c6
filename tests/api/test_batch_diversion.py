"""The ordinary upload takes a scanned stack to the batch path: a PDF with more pages than
HKD_BATCH_FROM_PAGES becomes a batch with the batch limits (and is split into its certificates by the
batch job, with real Tesseract), a file marked `batch` is one whatever its size, a smaller file is
still a document, and a stack above the batch limits is refused with nothing created."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from samples.batch import write_batch
from service.batches.processing import BatchJobs
from service.jobs.core import JobRunner
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from tests import files

MB = 1024 * 1024


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Small thresholds: a document has at most 3 pages, more than 3 is a stack, a stack at most 8;
    a document at most 20 MB, a stack at most 30 MB."""
    return Settings(data_dir_name=str(tmp_path / "data"), job_lease_seconds=2.0, workers=1, max_pages=3,
                    batch_from_pages=3, batch_max_pages=8, max_upload_bytes=MB * 20, batch_max_bytes=MB * 30)  # fmt: skip


@pytest.fixture(scope="module")
def two_certificates(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("two")
    truth = write_batch(41, out, certificates=2, blanks=0, others=0, tier="clean", formats=("pdf",))
    assert [d.pages for d in truth.documents] == [[1, 2], [3, 4]]
    return (out / "batch.pdf").read_bytes()


@pytest.mark.ocr
async def test_a_stack_uploaded_as_documents_becomes_a_batch_and_is_split(
    api_client, pool: asyncpg.Pool, db_settings: Settings, two_certificates: bytes
) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    sent = await clerk.post(
        "/api/documents",
        files=[("file", ("hop-7.pdf", two_certificates, "application/pdf")),
               ("file", ("mot-to.jpg", files.make_jpeg(), "image/jpeg"))],
    )  # fmt: skip
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert [d["original_name"] for d in body["documents"]] == ["mot-to.jpg"] and body["rejected"] == []
    [batch] = body["batches"]
    assert batch["duplicate"] is False and batch["batch"]["page_count"] == 4
    assert batch["batch"]["original_name"] == "hop-7.pdf" and batch["batch"]["status"] == "queued"
    assert await pool.fetchval("select count(*) from documents") == 1  # the stack is no document

    blobs = BlobStore.open(None, db_settings.blob_dir)
    await JobRunner(BatchJobs(pool, blobs, db_settings), "test", 0.01).run_job(batch["batch"]["id"])
    view = (await clerk.get(f"/api/batches/{batch['batch']['id']}")).json()
    assert view["batch"]["outcome"] == "split"
    assert [(c["role"], c["pages"]) for c in view["children"]] == [
        ("certificate", [1, 2]),
        ("certificate", [3, 4]),
    ]
    names = await pool.fetchval("select array_agg(original_name order by id) from documents where batch_id = $1",
                                batch["batch"]["id"])  # fmt: skip
    assert names == ["hop-7.pdf tr.1-2", "hop-7.pdf tr.3-4"]

    again = await clerk.post("/api/documents", files={"file": ("x.pdf", two_certificates, "application/pdf")})
    assert again.status_code == 200 and again.json()["batches"][0]["batch"]["id"] == batch["batch"]["id"]


async def test_marked_small_and_too_big_files(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    small = await clerk.post(
        "/api/documents", files={"file": ("ba.pdf", files.make_pdf(3), "application/pdf")}
    )
    assert small.status_code == 201 and small.json()["batches"] == []
    assert [d["page_count"] for d in small.json()["documents"]] == [3]

    marked = await clerk.post(
        "/api/documents",
        files={"file": ("hai.pdf", files.make_pdf(2), "application/pdf")},
        data={"batch": "true", "box": "Hộp 9", "commune": "Phường 3", "scanned_on": "2026-12-01"},
    )
    assert marked.status_code == 201, marked.text
    [batch] = marked.json()["batches"]
    assert batch["batch"]["label"] == {
        "box": "Hộp 9",
        "commune": "Phường 3",
        "scanned_by": "",
        "scanned_on": "2026-12-01",
    }
    assert marked.json()["documents"] == []

    before = [
        await pool.fetchval(f"select count(*) from {t}")
        for t in ("documents", "batches", "jobs", "audit_log")
    ]
    huge = await clerk.post(
        "/api/documents", files={"file": ("chin.pdf", files.make_pdf(9), "application/pdf")}
    )
    assert huge.status_code == 413 and huge.json()["code"] == "too_many_pages", huge.text
    assert huge.json()["message_vi"] and huge.json()["rejected"][0]["file"] == "chin.pdf"
    after = [
        await pool.fetchval(f"select count(*) from {t}")
        for t in ("documents", "batches", "jobs", "audit_log")
    ]
    assert after == before  # nothing half-created


async def test_a_body_over_the_larger_limit_is_refused_before_reading(
    api_client, db_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    """Both upload routes take a stack, so both admit the batch byte limit, and no more."""
    client = await api_client(role="clerk")
    big = b"%PDF-1.4\n" + b"\x00" * (db_settings.batch_max_bytes + 2 * MB)
    for path in ("/api/documents", "/api/batches"):
        response = await client.post(path, files={"file": ("huge.pdf", big, "application/pdf")})
        assert response.status_code == 413 and response.json()["type"] == "/problems/request-too-large"
    between = b"%PDF-1.4\n" + b"\x00" * (db_settings.max_upload_bytes + 2 * MB)  # read, then refused by type
    response = await client.post("/api/documents", files={"file": ("half.pdf", between, "application/pdf")})
    assert (
        response.status_code in (413, 415, 422) and response.json()["type"] != "/problems/request-too-large"
    )
