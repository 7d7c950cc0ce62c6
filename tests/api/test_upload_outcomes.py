"""The clerk's list of uploads: each outcome derived from what is stored (job, extraction, words,
review decision, register), with its reason; filtered, paged, only the caller's own files."""

from __future__ import annotations

import asyncpg

from tests import files


async def upload(client, name: str, seed: int) -> int:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/api/documents", files={"file": (name, files.make_jpeg(seed=seed), "image/jpeg")}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["documents"][0]["id"])


async def read_as(pool: asyncpg.Pool, doc_id: int, layout: str, words: int) -> None:
    """As if the worker had finished: `words` confident words and an extraction of `layout`."""
    await pool.execute("update jobs set status = 'succeeded', step = 'done' where document_id = $1", doc_id)
    await pool.execute("update documents set status = 'processed' where id = $1", doc_id)
    await pool.executemany(
        "insert into words (document_id, page, seq, text, conf, x, y, w, h, line, block)"
        " values ($1, 1, $2, 'chữ', 91, 0, 0, 10, 10, 1, 1)",
        [(doc_id, i) for i in range(words)],
    )
    await pool.execute(
        "insert into extractions (document_id, layout, record, fields, findings) values ($1, $2, '{}', '{}', '[]')",
        doc_id,
        layout,
    )


async def test_each_outcome_with_its_reason_filtered_and_paged(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    other = await api_client(role="clerk")
    ids = {name: await upload(clerk, f"{name}.jpg", seed) for seed, name in enumerate(
        ["working", "certificate", "letter", "blank", "broken", "rejected", "approved"], start=1
    )}  # fmt: skip
    theirs = await upload(other, "theirs.jpg", 99)
    await read_as(pool, ids["certificate"], "2021", 250)
    await read_as(pool, ids["letter"], "unrecognised", 80)
    await read_as(pool, ids["blank"], "unrecognised", 2)
    await pool.execute(
        "update jobs set status = 'failed', step = 'failed', error_code = 'corrupt_file' where document_id = $1",
        ids["broken"],
    )
    await pool.execute("update documents set status = 'failed' where id = $1", ids["broken"])
    reviewer_id = await pool.fetchval(
        "insert into users (username, role) values ('kt', 'reviewer') returning id"
    )
    await read_as(pool, ids["rejected"], "2021", 200)
    await pool.execute("update documents set status = 'rejected' where id = $1", ids["rejected"])
    await pool.execute(
        "insert into review_states (document_id, decided_by, decided_at, reject_reason) values ($1, $2, now(), $3)",
        ids["rejected"],
        reviewer_id,
        "Ảnh mờ, đề nghị quét lại",
    )
    await read_as(pool, ids["approved"], "2021", 200)
    await pool.execute("update documents set status = 'approved' where id = $1", ids["approved"])
    await pool.execute(
        "insert into approved_records (document_id, layout, record, action, business_id, approved_by)"
        " values ($1, '2021', '{}', 'create_business', 4242, $2)",
        ids["approved"],
        reviewer_id,
    )

    body = (await clerk.get("/api/documents/uploads")).json()
    got = {item["original_name"]: item for item in body["items"]}
    assert theirs not in [item["id"] for item in body["items"]] and body["total"] == 7
    assert {name: got[f"{name}.jpg"]["outcome"] for name in ids} == {
        "working": "working",
        "certificate": "waiting_review",
        "letter": "not_a_certificate",
        "blank": "unreadable",
        "broken": "failed",
        "rejected": "rejected",
        "approved": "approved",
    }
    assert got["broken.jpg"]["reason_code"] == "corrupt_file"
    assert got["letter.jpg"]["reason_code"] == "not_a_certificate"
    assert got["rejected.jpg"]["reason"] == "Ảnh mờ, đề nghị quét lại"
    assert got["approved.jpg"]["business_id"] == 4242 and got["certificate.jpg"]["business_id"] is None
    assert [item["id"] for item in body["items"]] == sorted(ids.values(), reverse=True)  # newest first
    assert body["counts"] == {"working": 1, "waiting_review": 1, "not_a_certificate": 1, "unreadable": 1,
                              "failed": 1, "rejected": 1, "approved": 1}  # fmt: skip

    only = (await clerk.get("/api/documents/uploads", params={"outcome": "unreadable"})).json()
    assert [i["id"] for i in only["items"]] == [ids["blank"]] and only["total"] == 1
    assert only["counts"]["approved"] == 1  # the counts ignore the outcome filter (the filter shows them)
    page = (await clerk.get("/api/documents/uploads", params={"limit": 3, "offset": 3})).json()
    assert len(page["items"]) == 3 and page["total"] == 7
    named = (await clerk.get("/api/documents/uploads", params={"q": "LETT"})).json()
    assert [i["id"] for i in named["items"]] == [ids["letter"]]
    wildcard = (await clerk.get("/api/documents/uploads", params={"q": "%"})).json()
    assert wildcard["items"] == []  # a typed % is a character, not a wildcard

    # a batch polls its own rows by id, including a duplicate of somebody else's file
    batch = (await clerk.get("/api/documents/uploads", params={"ids": [ids["blank"], theirs]})).json()
    assert sorted(i["id"] for i in batch["items"]) == sorted([ids["blank"], theirs])
    assert (await clerk.get("/api/documents/uploads", params={"outcome": "nonsense"})).status_code == 422
    planner = await api_client(role="planner")
    assert (await planner.get("/api/documents/uploads")).status_code == 403
