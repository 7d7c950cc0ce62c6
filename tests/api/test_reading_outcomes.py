"""A certificate we could not read well and a page that is no certificate look different to a clerk
and to a reviewer (issue 13, "never all or nothing"): the reading is stored the way the worker stores
it (`processing.store_reading`), then the clerk's uploads list, the review queue and the words the
pages show are compared."""

from __future__ import annotations

import datetime as dt

import asyncpg

from ocr.extraction import extract_record
from ocr.results import DocumentResult
from service.documents.processing import store_reading
from service.i18n import script_messages
from tests import files
from tests.unit.test_ocr_extraction import page_of
from tests.unit.test_ocr_layout_gate import FADED_2021

LETTER = ["Kính gửi: Ban quản lý chợ", "Chúng tôi xin mời quý vị dự buổi họp tổ dân phố.", "Trân trọng."]


async def read_like_the_worker(pool: asyncpg.Pool, doc_id: int, lines: list[str]) -> str:
    page = page_of(lines)
    extraction = extract_record(f"{doc_id}.jpg", [page], today=dt.date(2026, 1, 1))
    job_id = await pool.fetchval("select id from jobs where document_id = $1", doc_id)
    await pool.execute("update jobs set status = 'succeeded', step = 'done' where id = $1", job_id)
    async with pool.acquire() as conn, conn.transaction():
        status = await store_reading(conn, doc_id, job_id, DocumentResult(extraction, [page]), ["0" * 64])
    return str(status)


async def test_partial_reading_and_not_a_certificate_look_different(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    reviewer = await api_client(role="reviewer")
    ids = {}
    for seed, name in enumerate(("faded", "letter"), start=1):
        up = await clerk.post(
            "/api/documents", files={"file": (f"{name}.jpg", files.make_jpeg(seed=seed), "image/jpeg")}
        )
        assert up.status_code == 201, up.text
        ids[name] = up.json()["documents"][0]["id"]
    assert await read_like_the_worker(pool, ids["faded"], FADED_2021) == "processed"
    assert await read_like_the_worker(pool, ids["letter"], LETTER) == "not_certificate"

    uploads = {u["original_name"]: u for u in (await clerk.get("/api/documents/uploads")).json()["items"]}
    assert uploads["faded.jpg"]["outcome"] == "layout_uncertain"
    assert uploads["letter.jpg"]["outcome"] == "not_a_certificate"
    assert uploads["faded.jpg"]["reason_code"] != uploads["letter.jpg"]["reason_code"]

    words = script_messages("vi")
    assert words["outcome.layout_uncertain"] == "Chưa chắc bố cục — cần kiểm tra"
    assert words["outcome.not_a_certificate"] == "Không phải giấy chứng nhận"

    queue = (await reviewer.get("/api/review/queue")).json()["items"]
    assert [(q["document_id"], q["outcome"]) for q in queue] == [(ids["faded"], "layout_uncertain")]
    review = (await reviewer.get(f"/api/review/{ids['faded']}")).json()
    fields = review["extraction"]["fields"]
    assert fields and all(f["status"] == "needs_review" for f in fields.values())
    assert "layout_uncertain" in [f["code"] for f in review["extraction"]["findings"]]
    assert any(f["value"] for f in fields.values())  # a partial record, not an empty one
