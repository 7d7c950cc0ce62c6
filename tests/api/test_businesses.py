"""GET/POST /api/businesses: roles, masking of personal data, 409 on a stale version, stats."""

from __future__ import annotations

import datetime as dt

import asyncpg
import pytest

from tests.db.test_register import AMENDMENTS, approve

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def seed(pool: asyncpg.Pool, reviewer_id: int) -> int:
    results = [await approve(pool, reviewer_id, k, AMENDMENTS[k]) for k in (3, 1, 0, 2)]
    return results[0].business_id


async def test_planner_sees_masked_personal_data_reviewer_sees_it(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed(pool, reviewer.user.id)

    r = await planner.get("/api/businesses", params={"q": "tap hoa hoa nam"})
    assert r.status_code == 200
    item = r.json()["items"][0]
    assert item["id"] == business_id and item["owner_id_number"] == "048******234"
    one = (await planner.get(f"/api/businesses/{business_id}")).json()
    assert one["record"]["owner"]["id_number"] == "048******234"
    assert one["record"]["owner"]["birth_date"] == "1985"
    assert one["record"]["members"][0]["birth_date"] == "1983"
    full = (await reviewer.get(f"/api/businesses/{business_id}")).json()
    assert full["record"]["owner"]["id_number"] == "048185000234"
    assert full["record"]["owner"]["birth_date"] == "1985-02-03"

    history = (await planner.get(f"/api/businesses/{business_id}/history")).json()["items"]
    assert [h["amendment_number"] for h in history] == [None, 1, 2, 3]
    assert history[0]["diff"]["owner.id_number"]["new"] == "048******234"
    as_of = (await planner.get("/api/businesses", params={"as_of": "2021-01-01"})).json()["items"]
    assert as_of[0]["capital_vnd"] == 100_000_000 and as_of[0]["business_name"] == "Tạp hóa Hoa"


async def test_events_stale_version_409_and_roles(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    clerk = await api_client(role="clerk")
    business_id = await seed(pool, reviewer.user.id)
    version = (await reviewer.get(f"/api/businesses/{business_id}")).json()["version"]
    body = {
        "kind": "termination",
        "from": "2025-10-01",
        "note": "Chủ hộ xin chấm dứt",
        "expected_version": version,
    }

    assert (await planner.post(f"/api/businesses/{business_id}/events", json=body)).status_code == 403
    assert (await clerk.get("/api/businesses")).status_code == 403
    r = await reviewer.post(f"/api/businesses/{business_id}/events", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["version"] == version + 1
    stale = await reviewer.post(f"/api/businesses/{business_id}/events", json=body)
    assert stale.status_code == 409
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert "người khác" in stale.json()["message_vi"]
    now = (await planner.get(f"/api/businesses/{business_id}")).json()
    assert now["status"] == ("terminated" if dt.date.today() >= dt.date(2025, 10, 1) else "active")
    audit = await pool.fetchval(
        "select count(*) from audit_log where entity = 'business' and action = 'register.event.termination'"
    )
    assert audit == 1
    assert (await reviewer.get("/api/businesses/999999")).status_code == 404
    bad = await reviewer.post(f"/api/businesses/{business_id}/events", json={**body, "kind": "party"})
    assert bad.status_code in (400, 422)


async def test_stats_by_status_section_commune(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed(pool, reviewer.user.id)
    r = await planner.get(
        "/api/businesses/stats", params={"by": "section", "dates": ["2020-01-01", "2025-01-01"]}
    )
    assert r.status_code == 200, r.text
    series = r.json()["series"]
    assert series[0]["counts"] == [{"key": "G", "label": None, "count": 1}]
    assert {c["key"] for c in series[1]["counts"]} == {"G", "I"}
    status = (await planner.get("/api/businesses/stats", params={"by": "status"})).json()
    assert status["series"][0]["counts"][0]["count"] == 1
    assert (await planner.get("/api/businesses/stats", params={"by": "owner"})).status_code in (400, 422)
