"""Review API over HTTP with a real database: queue order, claims, corrections, decisions, roles."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from typing import Any

import asyncpg
import msgspec
import pytest

from schemas.record import Extraction, FieldResult, FieldStatus, Finding, Layout, Person, Record, Severity

ID_NUMBER = "048180001234"


def make_extraction(
    *, needs_review: tuple[str, ...] = ("owner.id_number",), errors: int = 0, confidence: float = 0.6
) -> Extraction:
    record = Record(
        registration_number="41N8033112",
        first_registered_on=dt.date(2019, 3, 5),
        business_name="CỬA HÀNG TẠP HÓA HOA",
        capital_vnd=150_000_000,
        owner=Person(full_name="NGUYỄN THỊ HOA", birth_date=dt.date(1980, 5, 12), id_number=ID_NUMBER),
    )
    paths = ["registration_number", "first_registered_on", "business_name", "capital_vnd",
             "owner.full_name", "owner.birth_date", "owner.id_number"]  # fmt: skip
    fields = {
        p: FieldResult(
            value=None,
            confidence=confidence if p in needs_review else 0.97,
            page=1,
            bbox=[10, 20, 300, 40],
            status=FieldStatus.NEEDS_REVIEW if p in needs_review else FieldStatus.OK,
        )
        for p in paths
    }
    findings = [
        Finding(
            code="id_number.century_mismatch", field="owner.id_number", severity=Severity.ERROR, message="x"
        )
        for _ in range(errors)
    ]
    return Extraction(file="scan.jpg", pages=1, layout=Layout.ERA_2021, record=record, fields=fields,
                      findings=findings)  # fmt: skip


async def insert_document(
    pool: asyncpg.Pool, extraction: Extraction, *, name: str = "scan.jpg", status: str = "processed"
) -> int:
    """A document with one page and one stored extraction, as if the worker had read it."""
    digest = hashlib.sha256(name.encode() + str(asyncio.get_running_loop().time()).encode()).hexdigest()
    doc_id = int(
        await pool.fetchval(
            "insert into documents (sha256, media_type, size_bytes, page_count, original_name, status) "
            "values ($1, 'image/jpeg', 1000, 1, $2, $3) returning id",
            digest,
            name,
            status,
        )
    )
    await pool.execute(
        "insert into pages (document_id, number, width, height, image_sha256) values ($1, 1, 1240, 1754, $2)",
        doc_id,
        digest,
    )
    ex = extraction
    await pool.execute(
        "insert into extractions (document_id, layout, record, fields, findings, fields_to_review, errors,"
        " min_confidence) values ($1, $2, $3, $4, $5, $6, $7, $8)",
        doc_id,
        ex.layout.value,
        msgspec.to_builtins(ex.record),
        msgspec.to_builtins(ex.fields),
        msgspec.to_builtins(ex.findings),
        sum(1 for f in ex.fields.values() if f.status == FieldStatus.NEEDS_REVIEW),
        sum(1 for f in ex.findings if f.severity == Severity.ERROR),
        min(f.confidence for f in ex.fields.values()),
    )
    return doc_id


async def claimed(client: Any, doc_id: int) -> int:
    """Claim and return the current revision."""
    response = await client.post(f"/api/review/{doc_id}/claim")
    assert response.status_code == 200, response.text
    return int((await client.get(f"/api/review/{doc_id}")).json()["revision"])


async def test_queue_is_ordered_by_risk_and_shows_claims(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    calm = await insert_document(pool, make_extraction(needs_review=()), name="calm.jpg")
    doubtful = await insert_document(pool, make_extraction(confidence=0.3), name="doubtful.jpg")
    worst = await insert_document(pool, make_extraction(errors=2), name="worst.jpg")
    lower = await insert_document(pool, make_extraction(confidence=0.2), name="lower.jpg")
    await insert_document(pool, make_extraction(), name="done.jpg", status="approved")
    reviewer = await api_client(role="reviewer", username="hoa")
    await reviewer.post(f"/api/review/{calm}/claim")
    body = (await reviewer.get("/api/review/queue")).json()
    assert body["total"] == 4
    assert [i["document_id"] for i in body["items"]] == [worst, lower, doubtful, calm]
    first = body["items"][0]
    assert (first["errors"], first["fields_to_review"], first["original_name"]) == (2, 1, "worst.jpg")
    assert first["claimed_by"] is None and first["layout"] == "2021"
    assert body["items"][3]["claimed_by"] == "hoa" and body["items"][3]["claim_expires_at"]
    page = (await reviewer.get("/api/review/queue", params={"limit": 2, "offset": 2})).json()
    assert [i["document_id"] for i in page["items"]] == [doubtful, calm] and page["total"] == 4


async def test_claim_race_has_exactly_one_winner(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    clients = [await api_client(role="reviewer", username=f"r{i}") for i in range(4)]
    responses = await asyncio.gather(*(c.post(f"/api/review/{doc_id}/claim") for c in clients))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409, 409]
    winner = next(r.json() for r in responses if r.status_code == 200)
    for loser in (r.json() for r in responses if r.status_code == 409):
        assert loser["claimed_by"] == winner["claimed_by"]
        assert loser["message_vi"] == f"Hồ sơ này đang được {winner['claimed_by']} kiểm tra."
        assert loser["type"] == "/problems/conflict"
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "in_review"


async def test_claim_renews_expires_and_releases(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    first = await api_client(role="reviewer", username="first")
    second = await api_client(role="reviewer", username="second")
    one = (await first.post(f"/api/review/{doc_id}/claim")).json()
    again = (await first.post(f"/api/review/{doc_id}/claim")).json()
    assert again["claimed_by"] == "first" and again["expires_at"] >= one["expires_at"]
    assert (await second.post(f"/api/review/{doc_id}/claim")).status_code == 409
    await pool.execute(
        "update review_states set claim_expires_at = now() - interval '1 second' where document_id = $1",
        doc_id,
    )
    taken = await second.post(f"/api/review/{doc_id}/claim")
    assert taken.status_code == 200 and taken.json()["claimed_by"] == "second"
    assert (await first.post(f"/api/review/{doc_id}/claim")).status_code == 409
    assert (await first.delete(f"/api/review/{doc_id}/claim")).json()["released"] is False
    assert (await second.delete(f"/api/review/{doc_id}/claim")).json()["released"] is True
    assert (await first.post(f"/api/review/{doc_id}/claim")).status_code == 200


async def test_correction_is_stored_audited_and_reflected(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer", username="lan")
    revision = await claimed(reviewer, doc_id)
    renew = "update review_states set claim_expires_at = now() + interval '1 minute' where document_id = $1"
    await pool.execute(renew, doc_id)
    saved = await reviewer.post(
        f"/api/review/{doc_id}/corrections",
        json={"field": "owner.id_number", "value": " 048180001235 ", "revision": revision},
    )
    assert saved.status_code == 201, saved.text
    assert saved.json()["revision"] == revision + 1
    left = "select claim_expires_at - now() from review_states where document_id = $1"
    assert await pool.fetchval(left, doc_id) > dt.timedelta(minutes=14)  # a write renews the claim
    assert (saved.json()["ocr_value"], saved.json()["corrected_value"]) == (ID_NUMBER, "048180001235")
    view = (await reviewer.get(f"/api/review/{doc_id}")).json()
    assert view["revision"] == revision + 1
    field = view["extraction"]["fields"]["owner.id_number"]
    assert (field["status"], field["confidence"], field["source"]) == ("ok", 1.0, "human")
    assert view["extraction"]["fields"]["business_name"]["source"] == "ocr"
    assert view["extraction"]["record"]["owner"]["id_number"] == "048180001235"
    assert view["original"]["record"]["owner"]["id_number"] == ID_NUMBER
    assert view["original"]["fields"]["owner.id_number"]["status"] == "needs_review"
    [correction] = view["corrections"]
    assert correction["field"] == "owner.id_number" and correction["user"] == "lan"
    assert (correction["ocr_value"], correction["corrected_value"]) == (ID_NUMBER, "048180001235")
    assert view["claim"]["claimed_by"] == "lan"
    assert view["pages"] == [
        {"number": 1, "width": 1240, "height": 1754, "url": f"/api/documents/{doc_id}/pages/1.png"}
    ]
    audit = await pool.fetchrow(
        "select actor_id, detail from audit_log where action = 'review.correct' and entity_id = $1",
        str(doc_id),
    )
    assert audit["actor_id"] == reviewer.user.id
    assert (audit["detail"]["old"], audit["detail"]["new"]) == (ID_NUMBER, "048180001235")


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("capital_vnd", "150.000.000", 150_000_000),
        ("owner.birth_date", "12/05/1980", "1980-05-12"),
        ("business_name", "CỬA  HÀNG\nHOA", "CỬA HÀNG HOA"),
        ("registration_number", "41N8.033112", "41N8033112"),
        ("phone", "+84 905 123 456", "0905123456"),
        ("business_lines", [{"code": "4711", "name": " Bán lẻ "}], [{"code": "4711", "name": "Bán lẻ"}]),
        ("employees", None, None),
    ],
)
async def test_values_are_normalised(api_client, pool, field: str, value: Any, stored: Any) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    response = await reviewer.post(
        f"/api/review/{doc_id}/corrections", json={"field": field, "value": value, "revision": revision}
    )
    assert response.status_code == 201, response.text
    assert response.json()["corrected_value"] == stored


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capital_vnd", "một trăm"),
        ("capital_vnd", 1.5),
        ("owner.birth_date", "31/02/1980"),
        ("owner.full_name", 7),
        ("business_lines", "4711"),
        ("owner.nickname", "x"),
    ],
)
async def test_wrong_type_is_422_and_nothing_is_stored(api_client, pool, field: str, value: Any) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    response = await reviewer.post(
        f"/api/review/{doc_id}/corrections", json={"field": field, "value": value, "revision": revision}
    )
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/invalid-input" and response.json()["message_vi"]
    assert await pool.fetchval("select count(*) from review_corrections") == 0


async def test_stale_revision_and_missing_claim_are_409(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer")
    other = await api_client(role="reviewer")
    body = {"field": "business_name", "value": "CỬA HÀNG HOA", "revision": 0}
    unclaimed = await reviewer.post(f"/api/review/{doc_id}/corrections", json=body)
    assert unclaimed.status_code == 409 and unclaimed.json()["code"] == "claim_required"
    revision = await claimed(reviewer, doc_id)
    assert (await reviewer.post(f"/api/review/{doc_id}/corrections", json=body)).status_code == 201
    stale = await reviewer.post(f"/api/review/{doc_id}/corrections", json={**body, "revision": revision})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_revision"
    assert stale.json()["revision"] == revision + 1
    assert (
        await other.post(f"/api/review/{doc_id}/corrections", json={**body, "revision": 1})
    ).status_code == 409
    assert await pool.fetchval("select count(*) from review_corrections") == 1


async def test_approve_is_blocked_until_every_doubt_is_resolved(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(
        pool, make_extraction(needs_review=("owner.id_number", "business_name"), errors=1)
    )
    extra = Finding(code="capital.words_mismatch", field=None, severity=Severity.ERROR, message="y")
    await pool.execute(
        "update extractions set findings = findings || $2::jsonb where document_id = $1",
        doc_id,
        [msgspec.to_builtins(extra)],
    )
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    blocked = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert blocked.status_code == 422
    assert blocked.json()["fields_to_review"] == ["business_name", "owner.id_number"]
    assert [f["index"] for f in blocked.json()["unacknowledged_findings"]] == [0, 1]
    # accepting a field as read (same value) resolves it and the error finding about it
    for field, value in (("owner.id_number", ID_NUMBER), ("business_name", "CỬA HÀNG TẠP HÓA HOA")):
        r = await reviewer.post(
            f"/api/review/{doc_id}/corrections", json={"field": field, "value": value, "revision": revision}
        )
        revision = r.json()["revision"]
    still = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert still.status_code == 422 and still.json()["fields_to_review"] == []
    assert [f["code"] for f in still.json()["unacknowledged_findings"]] == ["capital.words_mismatch"]
    preview = (await reviewer.post(f"/api/review/{doc_id}/preview")).json()
    assert [f["index"] for f in preview["findings"]] == [1]
    ack = await reviewer.post(f"/api/review/{doc_id}/findings/1/ack", json={"revision": revision})
    assert ack.status_code == 200
    revision = ack.json()["revision"]
    view = (await reviewer.get(f"/api/review/{doc_id}")).json()
    assert [f["acknowledged"] for f in view["extraction"]["findings"]] == [True, True]
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "in_review"
    approved = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert approved.status_code == 200, approved.text
    assert approved.json()["document_id"] == doc_id
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "approved"
    row = await pool.fetchrow(
        "select record, approved_by from approved_records where document_id = $1", doc_id
    )
    assert row["record"]["owner"]["id_number"] == ID_NUMBER and row["approved_by"] == reviewer.user.id
    assert (await reviewer.post(f"/api/review/{doc_id}/claim")).status_code == 409  # decided: no more claims
    assert (await reviewer.get("/api/review/queue")).json()["total"] == 0


async def test_reject_needs_a_reason_and_is_audited(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    for body in ({"reason": "   ", "revision": revision}, {"revision": revision}):
        refused = await reviewer.post(f"/api/review/{doc_id}/reject", json=body)
        assert refused.status_code == 422, refused.text
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "in_review"
    done = await reviewer.post(
        f"/api/review/{doc_id}/reject", json={"reason": "Không phải giấy chứng nhận", "revision": revision}
    )
    assert done.status_code == 200 and done.json()["status"] == "rejected"
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "rejected"
    detail = await pool.fetchval(
        "select detail from audit_log where action = 'review.reject' and entity_id = $1", str(doc_id)
    )
    assert detail["reason"] == "Không phải giấy chứng nhận" and detail["new"] == "rejected"
    assert await pool.fetchval("select reject_reason from review_states where document_id = $1", doc_id)


async def test_rerun_creates_a_queued_job_with_the_rotation(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    await pool.execute("update pages set rotation = 90 where document_id = $1", doc_id)
    reviewer = await api_client(role="reviewer")
    assert (
        await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": {"1": 90}})
    ).status_code == 409
    await claimed(reviewer, doc_id)
    bad = await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": {"2": 90}})
    assert bad.status_code == 422
    assert (
        await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": {"1": 45}})
    ).status_code == 422
    response = await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": {"1": 90}})
    assert response.status_code == 202, response.text
    job = response.json()
    assert (job["document_id"], job["status"]) == (doc_id, "queued")
    # the page was shown after the pipeline's own 90° turn; the reviewer turned it 90° more
    assert await pool.fetchval("select page_rotations from jobs where id = $1", job["id"]) == {"1": 180}
    assert (
        await pool.fetchval("select count(*) from pgqueuer where payload = $1", str(job["id"]).encode()) == 1
    )
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "queued"
    again = await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": {}})
    assert again.status_code == 409  # already being read
    revision = (await reviewer.get(f"/api/review/{doc_id}")).json()["revision"]
    early = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert early.status_code == 409 and "nhận dạng lại" in early.json()["message_vi"]
    audit = await pool.fetchval("select detail from audit_log where action = 'review.rerun'")
    assert (audit["job_id"], audit["rotations"], audit["new"]) == (job["id"], {"1": 90}, "queued")


REVIEW_ROUTES = [
    ("GET", "/api/review/queue", None),
    ("POST", "/api/review/{id}/claim", None),
    ("DELETE", "/api/review/{id}/claim", None),
    ("GET", "/api/review/{id}", None),
    ("POST", "/api/review/{id}/corrections", {"field": "business_name", "value": "X", "revision": 0}),
    ("POST", "/api/review/{id}/findings/0/ack", {"revision": 0}),
    ("POST", "/api/review/{id}/preview", None),
    ("POST", "/api/review/{id}/approve", {"revision": 0}),
    ("POST", "/api/review/{id}/reject", {"reason": "x", "revision": 0}),
    ("POST", "/api/review/{id}/rerun", {"rotations": {"1": 90}}),
]


@pytest.mark.parametrize(("role", "status"), [("planner", 403), ("clerk", 403), (None, 401)])
async def test_every_review_route_refuses_other_roles(
    api_client, pool, role: str | None, status: int
) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    client = await api_client(role=role)
    for method, path, body in REVIEW_ROUTES:
        response = await client.request(method, path.format(id=doc_id), json=body)
        assert response.status_code == status, (method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert await pool.fetchval("select count(*) from review_states") == 0
    assert await pool.fetchval("select count(*) from jobs") == 0


async def test_admin_may_review(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction())
    admin = await api_client(role="admin")
    assert (await admin.post(f"/api/review/{doc_id}/claim")).status_code == 200
    assert (await admin.get("/api/review/queue")).json()["total"] == 1


async def test_preview_rechecks_typed_values_without_writing(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    doc_id = await insert_document(pool, make_extraction(needs_review=()))
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    clean = (await reviewer.post(f"/api/review/{doc_id}/preview")).json()
    assert clean["findings"] == [] and clean["blocking"] == {
        "fields_to_review": [],
        "unacknowledged_findings": [],
    }
    assert clean["action"] in ("create_business", "amend_business", "needs_human")
    typo = {"field": "owner.id_number", "value": "999180001234", "revision": revision}
    revision = (await reviewer.post(f"/api/review/{doc_id}/corrections", json=typo)).json()["revision"]
    before = await pool.fetchval("select count(*) from audit_log")
    preview = (await reviewer.post(f"/api/review/{doc_id}/preview")).json()
    assert [(f["code"], f["source"]) for f in preview["findings"]] == [
        ("id_number.province_unknown", "validation")
    ]
    assert await pool.fetchval("select count(*) from audit_log") == before
    assert (await reviewer.get(f"/api/review/{doc_id}")).json()["revision"] == revision


async def test_review_logs_no_id_numbers_or_birth_dates(api_client, pool, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    doc_id = await insert_document(
        pool, make_extraction(needs_review=("owner.id_number", "owner.birth_date"))
    )
    reviewer = await api_client(role="reviewer")
    revision = await claimed(reviewer, doc_id)
    secrets = {ID_NUMBER, "048180009999", "1981-06-13", "13/06/1981", "1980-05-12"}
    for field, value in (("owner.id_number", "048180009999"), ("owner.birth_date", "13/06/1981")):
        body = {"field": field, "value": value, "revision": revision}
        revision = (await reviewer.post(f"/api/review/{doc_id}/corrections", json=body)).json()["revision"]
        stale = await reviewer.post(f"/api/review/{doc_id}/corrections", json={**body, "revision": 0})
        assert stale.status_code == 409 and not secrets & set(stale.text.split('"'))
    wrong = {"field": "owner.birth_date", "value": "1981-13-13", "revision": revision}
    assert (await reviewer.post(f"/api/review/{doc_id}/corrections", json=wrong)).status_code == 422
    await reviewer.post(f"/api/review/{doc_id}/preview")
    assert (
        await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    ).status_code == 200
    detail = await pool.fetchval(
        "select detail from audit_log where action = 'review.correct' order by id limit 1"
    )
    assert detail["new"] == "048180009999"  # the audit row keeps the values …
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "corrected" in logged and "approved" in logged
    assert [s for s in secrets if s in logged] == []  # … the logs do not


async def test_approve_puts_the_corrected_record_in_the_register(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    first = await insert_document(pool, make_extraction(needs_review=()), name="first.jpg")
    revision = await claimed(reviewer, first)
    fix = {"field": "business_name", "value": "TẠP HÓA HOA MAI", "revision": revision}
    revision = (await reviewer.post(f"/api/review/{first}/corrections", json=fix)).json()["revision"]
    preview = (await reviewer.post(f"/api/review/{first}/preview")).json()
    assert preview["action"] == "create_business" and preview["business_id"] is None
    approved = await reviewer.post(f"/api/review/{first}/approve", json={"revision": revision})
    assert approved.status_code == 200, approved.text
    result = approved.json()
    assert result["action"] == "create_business" and result["business_id"] and result["version_id"]
    version = await pool.fetchrow(
        "select business_id, record, document_id from business_versions where id = $1", result["version_id"]
    )
    assert (version["business_id"], version["document_id"]) == (result["business_id"], first)
    assert version["record"]["business_name"] == "TẠP HÓA HOA MAI"
    # the same certificate scanned again: already in the register, nothing new is written
    again = await insert_document(pool, make_extraction(needs_review=()), name="again.jpg")
    revision = await claimed(reviewer, again)
    fix = {**fix, "revision": revision}
    revision = (await reviewer.post(f"/api/review/{again}/corrections", json=fix)).json()["revision"]
    duplicate = (await reviewer.post(f"/api/review/{again}/approve", json={"revision": revision})).json()
    assert (duplicate["action"], duplicate["business_id"]) == ("duplicate", result["business_id"])
    assert await pool.fetchval("select count(*) from business_versions") == 1


async def test_approve_refuses_what_the_register_cannot_place(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    doc_id = await insert_document(pool, make_extraction(needs_review=()))
    revision = await claimed(reviewer, doc_id)
    no_date = {"field": "first_registered_on", "value": "", "revision": revision}
    revision = (await reviewer.post(f"/api/review/{doc_id}/corrections", json=no_date)).json()["revision"]
    assert (await reviewer.post(f"/api/review/{doc_id}/preview")).json()["action"] == "needs_human"
    refused = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert refused.status_code == 422
    assert refused.json()["code"] == "register_needs_human"
    assert [f["code"] for f in refused.json()["findings"]] == ["register_no_date"]
    assert await pool.fetchval("select status from documents where id = $1", doc_id) == "in_review"
    assert await pool.fetchval("select count(*) from approved_records") == 0
