"""Acceptance (issue 14): a planner walks every route of the app (read from the app, as the route × role
matrix does) and no body (JSON, HTML, CSV, an xlsx read back, background export files) holds the ID
number or the 2025 code of a seeded business."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import asyncpg
import openpyxl
import pytest

from tests.api.test_background_exports import poll_until_finished, worker
from tests.api.test_businesses import seed
from tests.api.test_personal_data import CODE_2025, OTHER_ID, seed_2025
from tests.api.test_review_api import insert_document, make_extraction
from tests.e2e.test_route_roles import PARAM, SAMPLE, routes

pytestmark = pytest.mark.asyncio(loop_scope="session")
__all__ = ["worker"]  # the fixture, imported to be used here

QUERIES = {
    "/api/businesses": [{}, {"q": "pho binh"}, {"q": "001"}, {"q": "tap hoa"}, {"as_of": "2021-01-01"}]
}
PERSONAL = re.compile(rf"{CODE_2025}|{OTHER_ID}")


def readable(response: Any) -> str:
    """The body as text: an xlsx is read back cell by cell (its XML is compressed)."""
    if response.content[:2] == b"PK" and zipfile.is_zipfile(io.BytesIO(response.content)):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(c) for ws in book for row in ws.values for c in row if c is not None)
    return str(response.text)


@pytest.mark.usefixtures("worker")
async def test_a_planner_finds_no_personal_id_anywhere(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed_2025(pool, reviewer.user.id)
    await seed(pool, reviewer.user.id)
    doc_id = await insert_document(pool, make_extraction())
    exports = []
    for fmt in ("xlsx", "csv"):
        started = await planner.post("/api/exports", json={"format": fmt})
        assert started.status_code == 202, started.text
        exports.append(started.json()["id"])
        assert (await poll_until_finished(planner, f"/api/exports/{exports[-1]}"))[-1]["status"] == "done"
    values = {
        "business_id": business_id,
        "document_id": doc_id,
        "export_id": exports[0],
        "page_file": "1.png",
    }

    def concrete(path: str) -> str:
        return PARAM.sub(lambda m: str(values.get(m.group(1), SAMPLE.get(m.group(2) or "str", "1"))), path)

    walked, bodies = [], 0
    ordered = sorted(routes(), key=lambda r: r[0] in ("/api/auth/logout", "/logout"))  # signing out last
    for path, method, _ in ordered:
        url = concrete(path)
        for params in QUERIES.get(path, [{}]):
            for accept in ("application/json", "text/html"):
                kwargs: dict[str, Any] = {"params": params, "headers": {"accept": accept}}
                if method in ("POST", "PUT", "PATCH", "DELETE") and path != "/api/exports":
                    kwargs["json"] = {}
                r = await planner.request(method, url, **kwargs)
                assert r.status_code < 500, (method, url, r.status_code)
                found = PERSONAL.findall(readable(r))
                assert found == [], (method, url, params, accept, found)
                bodies += 1
        walked.append((method, path))
    for export_id in exports:
        r = await planner.get(f"/api/exports/{export_id}/file")
        assert r.status_code == 200 and PERSONAL.findall(readable(r)) == []
        bodies += 1
    assert len(walked) == len(routes()) and bodies > 80
    # the data is there for those who may see it: the grep would have found it
    full = (await reviewer.get(f"/api/businesses/{business_id}")).text
    assert CODE_2025 in full
    assert OTHER_ID in readable(await reviewer.get("/api/exports/register.xlsx?personal_data=full"))
