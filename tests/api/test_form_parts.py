"""An upload's form has the parts its document names and no others (issue 14, schemathesis' negative
data): a part of another name is a 422 problem naming it, and nothing is stored; before, it was
dropped and the file stored, so a misspelt `commune_code` filed the scan under no commune."""

from __future__ import annotations

import pytest

from tests.files import make_pdf, make_png

pytestmark = pytest.mark.asyncio(loop_scope="session")

STORED = "select (select count(*) from documents) + (select count(*) from batches)"


@pytest.mark.parametrize("route", ["/api/documents", "/api/batches"])
@pytest.mark.parametrize("name", ["\x84", "communecode", "file[]"])
async def test_an_unknown_part_is_refused_by_name(api_client, pool, route: str, name: str) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    r = await clerk.post(
        route, files={"file": ("a.png", make_png(), "image/png")}, data={name: "x", "box": "Hộp 1"}
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == 422 and problem["message_vi"]
    assert problem["field"] == name, problem
    assert await pool.fetchval(STORED) == 0


async def test_the_declared_parts_are_taken(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    clerk = await api_client(role="clerk")
    label = {"box": "Hộp 1", "commune": "Đà Bắc", "scanned_by": "Lan", "scanned_on": "2026-11-30"}
    docs = await clerk.post("/api/documents", files={"file": ("a.png", make_png(), "image/png")}, data=label)
    assert docs.status_code == 201, docs.text
    batch = await clerk.post(
        "/api/batches", files={"file": ("b.pdf", make_pdf(2), "application/pdf")}, data=label
    )
    assert batch.status_code == 201, batch.text
    assert batch.json()["batch"]["label"] == label
