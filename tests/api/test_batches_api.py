"""POST/GET /api/batches: a stack with its label, the same file twice, roles, limits as problems, the
split after the batch job, thumbnails, and the clerk's edit."""

from __future__ import annotations

import asyncpg

from service.batches.processing import BatchJobs
from service.jobs.core import JobRunner
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from tests import files

LABEL = {"box": "Hộp 3", "commune": "Phường 3", "scanned_by": "Lan", "scanned_on": "2026-11-30"}


async def test_upload_a_batch_then_see_and_edit_its_split(
    api_client, pool: asyncpg.Pool, db_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    stack = files.make_pdf(3)
    first = await client.post(
        "/api/batches", files={"file": ("hop3.pdf", stack, "application/pdf")}, data=LABEL
    )
    assert first.status_code == 201, first.text
    body = first.json()
    batch_id = body["batch"]["id"]
    assert (
        body["duplicate"] is False and body["batch"]["label"] == LABEL and body["batch"]["status"] == "queued"
    )
    again = await client.post("/api/batches", files={"file": ("x.pdf", stack, "application/pdf")})
    assert again.status_code == 200 and again.json()["batch"]["id"] == batch_id
    missing = await client.get(f"/api/batches/{batch_id}/pages/1.png")
    assert missing.status_code == 404 and missing.json()["message_vi"]
    early = await client.post(f"/api/batches/{batch_id}/split", json={"overrides": {"1": "blank"}})
    assert early.status_code == 409  # not split yet

    blobs = BlobStore.open(None, db_settings.blob_dir)
    await JobRunner(BatchJobs(pool, blobs, db_settings), "test", 0.01).run_job(batch_id)
    view = (await client.get(f"/api/batches/{batch_id}")).json()
    assert view["batch"]["outcome"] == "only_blank" and view["children"] == []
    assert [p["kind"] for p in view["pages"]] == ["blank"] * 3 and view["progress"]["classified"] == 3
    thumb = await client.get(f"/api/batches/{batch_id}/pages/2.png")
    assert thumb.status_code == 200 and thumb.content.startswith(b"\x89PNG")

    edited = await client.post(
        f"/api/batches/{batch_id}/split", json={"overrides": {"2": "certificate_first"}}
    )
    assert edited.status_code == 200, edited.text
    after = edited.json()
    assert [(c["role"], c["pages"]) for c in after["children"]] == [("certificate", [2])]
    assert after["batch"]["outcome"] == "split" and after["pages"][1]["overridden"] is True
    assert after["children"][0]["document_id"] is not None
    bad = await client.post(f"/api/batches/{batch_id}/split", json={"overrides": {"9": "blank"}})
    assert bad.status_code == 422 and "Trang 9" in bad.json()["message_vi"]
    actor = await pool.fetchval("select actor_id from audit_log where action = 'batch.edit'")
    assert actor == client.user.id


async def test_batches_are_not_for_planners_and_limits_are_problems(
    api_client, db_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    planner = await api_client(role="planner")
    refused = await planner.post(
        "/api/batches", files={"file": ("a.pdf", files.make_pdf(1), "application/pdf")}
    )
    assert refused.status_code == 403
    clerk = await api_client(role="clerk")
    pages = db_settings.batch_max_pages + 1
    big = await clerk.post(
        "/api/batches", files={"file": ("big.pdf", files.make_pdf(pages), "application/pdf")}
    )
    assert big.status_code == 413 and big.json()["code"] == "too_many_pages" and big.json()["message_vi"]
    empty = await clerk.post("/api/batches", files={"file": ("e.pdf", b"", "application/pdf")})
    assert 400 <= empty.status_code < 500
    assert (await clerk.get("/api/batches/999999")).status_code == 404
