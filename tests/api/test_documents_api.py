"""Upload API over HTTP with a real database: 201/200 dedupe, listing, page images, every bad upload."""

from __future__ import annotations

import asyncio

import pytest

from service.jobs.ocr import JobStatus
from service.worker import run_worker
from tests import files


async def test_upload_jpeg_and_pdf_then_same_jpeg_again(api_client, db_settings, pool) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    jpeg = files.make_jpeg()
    first = await client.post("/api/documents", files={"file": ("scan.jpg", jpeg, "image/jpeg")})
    assert first.status_code == 201, first.text
    doc = first.json()["documents"][0]
    assert (doc["media_type"], doc["page_count"], doc["duplicate"]) == ("image/jpeg", 1, False)
    assert doc["job"]["status"] == "queued"

    pdf = await client.post(
        "/api/documents", files={"file": ("three.pdf", files.make_pdf(3), "application/pdf")}
    )
    assert pdf.status_code == 201
    assert pdf.json()["documents"][0]["page_count"] == 3

    again = await client.post("/api/documents", files={"file": ("renamed.jpg", jpeg, "image/jpeg")})
    assert again.status_code == 200
    assert again.json()["documents"][0]["id"] == doc["id"]
    assert again.json()["documents"][0]["duplicate"] is True

    # the jobs run; the page images become available
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        for _ in range(1200):  # OCR of three A4 pages on a loaded 2-core machine can take a while
            listed = (await client.get("/api/documents")).json()["items"]
            if all(
                d["job"]["status"] == JobStatus.SUCCEEDED and d["status"] == "not_certificate" for d in listed
            ):
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert [d["status"] for d in listed] == ["not_certificate", "not_certificate"]  # blank pages
    image = await client.get(f"/api/documents/{listed[0]['id']}/pages/3.png")
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    missing = await client.get(f"/api/documents/{listed[0]['id']}/pages/4.png")
    assert missing.status_code == 404


async def test_many_files_in_one_request_with_one_bad(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    response = await client.post(
        "/api/documents",
        files=[
            ("file", ("a.jpg", files.make_jpeg(seed=1), "image/jpeg")),
            ("file", ("b.tif", files.make_tiff(2), "image/tiff")),
            ("file", ("notes.jpg", b"plain text", "image/jpeg")),
        ],
    )
    assert response.status_code == 201
    body = response.json()
    assert [d["original_name"] for d in body["documents"]] == ["a.jpg", "b.tif"]
    assert [(r["file"], r["code"]) for r in body["rejected"]] == [("notes.jpg", "unsupported_type")]


BAD_UPLOADS = [
    ("empty.jpg", b"", 400, "empty_file"),
    ("letter.jpg", b"Dear Sir, this is text.", 415, "unsupported_type"),
    ("broken.jpg", files.truncate(files.make_jpeg(1600, 2000)), 422, "corrupt_file"),
    ("bomb.png", files.make_png_bomb(20000, 20000), 413, "too_many_pixels"),
    ("long.pdf", files.make_pdf(500), 413, "too_many_pages"),
    ("archive.zip", files.make_zip(), 415, "unsupported_type"),
]


@pytest.mark.parametrize(("name", "data", "status", "code"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
async def test_bad_uploads_get_problem_details_and_leave_nothing(  # type: ignore[no-untyped-def]
    api_client, pool, db_settings, name: str, data: bytes, status: int, code: str
) -> None:
    client = await api_client(role="clerk")
    response = await client.post("/api/documents", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert (problem["status"], problem["code"], problem["file"]) == (status, code, name)
    assert problem["message_vi"] and problem["type"].startswith("/problems/upload-")
    assert await pool.fetchval("select count(*) from documents") == 0
    assert await pool.fetchval("select count(*) from jobs") == 0
    blob_dir = db_settings.blob_dir
    assert not blob_dir.exists() or not any(p.is_file() for p in blob_dir.rglob("*"))
    assert (await client.get("/healthz")).status_code == 200


async def test_document_listing_paginates(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    for seed in range(3):
        await client.post(
            "/api/documents", files={"file": (f"{seed}.jpg", files.make_jpeg(seed=seed), "image/jpeg")}
        )
    page1 = (await client.get("/api/documents", params={"limit": 2})).json()
    assert [d["id"] for d in page1["items"]] == [3, 2]
    page2 = (
        await client.get("/api/documents", params={"limit": 2, "before_id": page1["next_before_id"]})
    ).json()
    assert [d["id"] for d in page2["items"]] == [1]
    queued = (await client.get("/api/documents", params={"status": "processed"})).json()
    assert queued["items"] == []


async def test_extraction_of_a_non_certificate_says_so_and_is_for_reviewers(api_client, db_settings) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    reviewer = await api_client(role="reviewer")
    up = await clerk.post(
        "/api/documents", files={"file": ("blank.jpg", files.make_jpeg(seed=9), "image/jpeg")}
    )
    assert up.status_code == 201, up.text
    doc_id = up.json()["documents"][0]["id"]
    assert (await reviewer.get(f"/api/documents/{doc_id}/extraction")).status_code == 404  # not read yet
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        for _ in range(300):
            job = (await clerk.get(f"/api/documents/{doc_id}")).json()["job"]
            if job["status"] == JobStatus.SUCCEEDED:
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert job["status"] == "succeeded"
    assert (await clerk.get(f"/api/documents/{doc_id}/extraction")).status_code == 403
    extraction = (await reviewer.get(f"/api/documents/{doc_id}/extraction")).json()
    assert extraction["layout"] == "unrecognised"
    assert extraction["file"] == "blank.jpg" and extraction["pages"] == 1
    assert "not_a_certificate" in [f["code"] for f in extraction["findings"]]
    assert all(f["status"] != "ok" for f in extraction["fields"].values())


async def test_a_page_whose_image_is_gone_from_storage_is_a_404_problem(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_review_api import insert_document, make_extraction

    document_id = await insert_document(pool, make_extraction())  # its page's blob was never stored
    client = await api_client(role="reviewer")
    response = await client.get(f"/api/documents/{document_id}/pages/1.png")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 404 and body["message_vi"] and body["instance"].endswith("/pages/1.png")
