"""Kill the API process (SIGKILL) while it approves documents: after a restart every document is either
approved with its approved record, or still waiting for review with nothing half-written."""

from __future__ import annotations

import asyncio
import random
import signal

import httpx
import pytest

from service.runtime.settings import Settings
from service.users import Role, create_token, create_user
from tests.api.test_review_api import insert_document, make_extraction
from tests.serve import base_url, free_port, serve_env, start_serve, stop_serve


@pytest.mark.slow
async def test_sigkill_during_approve_leaves_no_half_state(pool, db_settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reviewer = await create_user(pool, "crash-reviewer", Role.REVIEWER, "một mật khẩu dài", "")
    token = await create_token(pool, reviewer.id, "crash")
    env = serve_env(db_settings.database_url or "", tmp_path / "data", free_port())
    base = base_url(env)
    rng = random.Random(3)
    answered: dict[int, int | None] = {}
    for round_ in range(4):
        doc_ids = [
            await insert_document(pool, make_extraction(needs_review=()), name=f"r{round_}-{i}.jpg")
            for i in range(3)
        ]
        server = start_serve(env)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=10) as client:
            revisions = {}
            for doc_id in doc_ids:
                claim = await client.post(f"/api/review/{doc_id}/claim")
                assert claim.status_code == 200, claim.text
                revisions[doc_id] = (await client.get(f"/api/review/{doc_id}")).json()["revision"]

            async def approve(doc_id: int) -> None:
                try:
                    r = await client.post(
                        f"/api/review/{doc_id}/approve", json={"revision": revisions[doc_id]}
                    )
                    answered[doc_id] = r.status_code
                except httpx.HTTPError:
                    answered[doc_id] = None  # the server died before it answered

            tasks = [asyncio.create_task(approve(d)) for d in doc_ids]
            await asyncio.sleep(rng.uniform(0.0, 0.15))
            server.send_signal(signal.SIGKILL)
            server.wait(10)
            await asyncio.gather(*tasks)
    server = start_serve(env)  # comes back on the same database
    try:
        rows = await pool.fetch(
            "select d.id, d.status, (select count(*) from approved_records a where a.document_id = d.id) as approved"
            " from documents d order by d.id"
        )
        assert len(rows) == 12
        for row in rows:
            if row["status"] == "approved":
                assert row["approved"] == 1, dict(row)
            else:
                assert row["status"] in ("processed", "in_review") and row["approved"] == 0, dict(row)
            if answered.get(row["id"]) == 200:
                assert row["status"] == "approved"  # an answered approval is never lost
        audits = await pool.fetchval("select count(*) from audit_log where action = 'review.approve'")
        assert audits == sum(1 for r in rows if r["status"] == "approved")
    finally:
        stop_serve(server)
