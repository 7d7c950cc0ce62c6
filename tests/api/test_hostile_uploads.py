"""The hostile corpus through the real API and a real worker: 4xx or a reasoned job failure, never a 5xx."""

from __future__ import annotations

import asyncio

import pytest

from samples.hostile import build_corpus
from service.runtime.storage import BlobStore
from service.worker import run_worker

CORPUS = build_corpus()


@pytest.mark.slow
async def test_hostile_corpus(api_client, pool, db_settings) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    accepted: dict[int, str] = {}
    for item in CORPUS:
        response = await client.post(
            "/api/documents", files={"file": (item.name, item.data, "application/octet-stream")}
        )
        assert response.status_code < 500, (item.why, response.text)
        if item.expect == "reject":
            assert 400 <= response.status_code < 500, (item.why, response.status_code)
            problem = response.json()
            assert problem["message_vi"] and problem["code"], item.why
        else:
            assert response.status_code in (200, 201), (item.why, response.text)
            doc = response.json()["documents"][0]
            accepted[doc["id"]] = item.why
            name = doc["original_name"]
            assert "/" not in name and "\\" not in name and "\x00" not in name and "\u202e" not in name
            assert len(name) <= 255
    assert (await client.get("/healthz")).status_code == 200

    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        for _ in range(900):
            rows = await pool.fetch("select document_id, status, error_code from jobs")
            if all(r["status"] in ("succeeded", "failed", "dead") for r in rows):
                break
            await asyncio.sleep(0.2)
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
    outcomes = {r["document_id"]: (r["status"], r["error_code"]) for r in rows}
    assert set(outcomes) == set(accepted)
    for doc_id, (status, code) in outcomes.items():
        assert status in ("succeeded", "failed"), (accepted[doc_id], status, code)
        if status == "failed":
            assert code, accepted[doc_id]  # a failed job always says why
    damaged = [d for d, why in accepted.items() if why.startswith("complete JPEG, damaged")]
    assert outcomes[damaged[0]] == ("failed", "corrupt_file")

    # nothing half-written: every stored blob belongs to an accepted document or one of its pages
    blobs = await BlobStore.open(None, db_settings.blob_dir).list_digests()
    referenced = {
        r["d"]
        for r in await pool.fetch("select sha256 as d from documents union select image_sha256 from pages")
    }
    assert set(blobs) == referenced
