"""The batch's label stays with every document split from it: the review view and the review screen
name the box, the commune, who scanned it and when, and the document's pages in the batch; each review
action's audit row carries the same, so a reviewer can find the paper again."""

from __future__ import annotations

import asyncpg
import msgspec

from service.batches.processing import BatchJobs
from service.jobs.core import JobRunner
from service.runtime.settings import Settings
from service.runtime.storage import BlobStore
from tests import files
from tests.api.test_review_api import make_extraction

LABEL = {"box": "Hộp 41", "commune": "Xã Tân Phú", "scanned_by": "Trần Thị Lan", "scanned_on": "2026-11-30"}
STORE_READING = """
insert into extractions (document_id, layout, record, fields, findings, fields_to_review, errors, min_confidence)
values ($1, '2021', $2, $3, '[]'::jsonb, 1, 0, 0.6)
"""


async def test_every_child_document_keeps_the_label_on_review_and_in_the_audit(
    api_client, pool: asyncpg.Pool, db_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    sent = await clerk.post(
        "/api/batches", files={"file": ("hop41.pdf", files.make_pdf(4), "application/pdf")}, data=LABEL
    )
    batch_id = sent.json()["batch"]["id"]
    blobs = BlobStore.open(None, db_settings.blob_dir)
    await JobRunner(BatchJobs(pool, blobs, db_settings), "test", 0.01).run_job(batch_id)
    overrides = {"1": "certificate_first", "2": "continuation", "4": "certificate_first"}
    view = (await clerk.post(f"/api/batches/{batch_id}/split", json={"overrides": overrides})).json()
    children = {tuple(c["pages"]): c["document_id"] for c in view["children"]}
    assert set(children) == {(1, 2), (4,)} and all(children.values())
    rows = await pool.fetch("select id, batch_id, batch_pages from documents order by id")
    assert {(r["batch_id"], tuple(r["batch_pages"])) for r in rows} == {(batch_id, (1, 2)), (batch_id, (4,))}

    extraction = make_extraction()  # as if the worker had read both
    for document_id in children.values():
        await pool.execute(STORE_READING, document_id, msgspec.to_builtins(extraction.record),
                           msgspec.to_builtins(extraction.fields))  # fmt: skip
        await pool.execute("update documents set status = 'processed' where id = $1", document_id)
    reviewer = await api_client(role="reviewer", username="binh")
    first = children[(1, 2)]
    origin = (await reviewer.get(f"/api/review/{first}")).json()["batch"]
    assert origin == {"batch_id": batch_id, "file_name": "hop41.pdf", "box": "Hộp 41", "commune": "Xã Tân Phú",
                      "scanned_by": "Trần Thị Lan", "scanned_on": "2026-11-30", "pages": [1, 2]}  # fmt: skip
    page = (await reviewer.get(f"/review/{children[(4,)]}")).text
    assert 'id="batch-origin"' in page and "hộp Hộp 41 · Xã Tân Phú" in page
    assert "ngày 30/11/2026 · trang 4 của lô" in page and f'href="/batches/{batch_id}"' in page

    assert (await reviewer.post(f"/api/review/{first}/claim")).status_code == 200
    claim = await pool.fetchval(
        "select detail from audit_log where action = 'review.claim' and entity_id = $1", str(first)
    )
    assert claim["batch"]["box"] == "Hộp 41" and claim["batch"]["pages"] == [1, 2]
    assert claim["batch"]["batch_id"] == batch_id and claim["expires_at"]


async def test_a_document_uploaded_alone_has_no_batch_origin(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_review_api import insert_document

    document_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer")
    assert (await reviewer.get(f"/api/review/{document_id}")).json()["batch"] is None
    assert 'id="batch-origin"' not in (await reviewer.get(f"/review/{document_id}")).text
    await reviewer.post(f"/api/review/{document_id}/claim")
    detail = await pool.fetchval("select detail from audit_log where action = 'review.claim'")
    assert "batch" not in detail
