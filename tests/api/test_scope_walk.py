"""Route × role × scope: every route of the app (read from the app, as the route × role matrix does),
called by each role as a user of commune A and as a province-wide user, with commune B's ids in the
path. A route naming B's row, of the API or a page, answers A's users as it does for an id that does
not exist (404 for a read, never 403; a page, the same 404 page), and they find none of B's names in any body
(JSON, HTML, CSV, xlsx read back); the province's users do reach B's rows, so the walk would see a leak."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from service.communes import set_communes
from tests.api.test_commune_scope import ADMIN, B_SHOPS, World, without_path, world
from tests.api.test_planner_walk import readable
from tests.e2e.test_route_roles import PARAM, SAMPLE, allowed_roles, routes

pytestmark = pytest.mark.asyncio(loop_scope="session")
__all__ = ["world"]  # the fixture, imported to be used here
MARKERS = [*B_SHOPS, "scan-B.jpg"]
QUERIES = {"/api/businesses": [{}, {"q": "hoa"}], "/api/refdata/places": [{"q": "Hải Châu"}]}


async def b_rows(world: World, api_client: Any, pool: asyncpg.Pool) -> dict[str, Any]:
    """B's ids for the path parameters: a business, a document, a batch and an export of B."""
    batch = await pool.fetchval(
        "insert into batches (sha256, media_type, size_bytes, page_count, original_name, commune_code)"
        " values ($1, 'application/pdf', 1, 1, 'scan-B.jpg', $2) returning id",
        "b" * 64, world.b,
    )  # fmt: skip
    export = await world.client["planner", "B"].post("/api/exports", json={"format": "csv"})
    assert export.status_code == 202, export.text
    return {
        "business_id": world.business[sorted(B_SHOPS)[0]],
        "document_id": world.doc["B"],
        "batch_id": batch,
        "export_id": export.json()["id"],
        "page_file": "1.png",
    }


async def test_route_role_scope_walk(world: World, api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    values = await b_rows(world, api_client, pool)
    for scope, codes in (("A", [world.a]), ("P", None)):
        admin = await api_client(role="admin")
        await set_communes(pool, ADMIN, admin.user.id, codes)
        world.client["admin", scope] = admin

    def concrete(path: str) -> str:
        return PARAM.sub(lambda m: str(values.get(m.group(1), SAMPLE.get(m.group(2) or "str", "1"))), path)

    def nowhere(path: str) -> str:
        return PARAM.sub(lambda m: SAMPLE.get(m.group(2) or "str", "1"), path)

    ordered = sorted(routes(), key=lambda r: r[0] in ("/api/auth/logout", "/logout"))  # signing out last
    province_reached: set[str] = set()
    calls = 0
    for path, method, handler in ordered:
        roles = allowed_roles(handler)
        if roles is None or ("{" not in path and method != "GET"):
            continue  # public routes hold no commune's rows; bodiless writes are the matrix test's
        names_b_row = any(k in path for k in ("business_id", "document_id", "batch_id", "export_id"))
        for role in ("clerk", "reviewer", "planner", "admin"):
            if role not in roles:
                continue
            for scope in ("A", "P"):
                client = world.client[role, scope]
                for params in QUERIES.get(path, [{}]):
                    accept = "application/json" if path.startswith("/api/") else "text/html"
                    kwargs: dict[str, Any] = {"params": params, "headers": {"accept": accept}}
                    if method in ("POST", "PUT", "PATCH"):
                        kwargs["json"] = {}
                    r = await client.request(method, concrete(path), **kwargs)
                    calls += 1
                    where = (role, scope, method, path, params, r.status_code)
                    assert r.status_code < 500, where
                    body = readable(r)
                    if scope == "A":
                        assert [m for m in MARKERS if m in body] == [], where
                        if names_b_row:  # as if B's row did not exist, the API and the pages
                            missing = await client.request(method, nowhere(path), **kwargs)
                            assert r.status_code == missing.status_code, where
                            assert r.status_code >= 400 or method != "GET", where
                            if not path.startswith("/api/"):  # the same page (no id is shown)
                                assert without_path(r) == without_path(missing), where
                    elif method == "GET" and names_b_row and 200 <= r.status_code < 300:
                        province_reached.add(path)
    assert calls > 150
    # the walk did reach B's rows where the scope allows: a business, its history, a document, a batch
    assert {
        "/api/businesses/{business_id:int}",
        "/api/businesses/{business_id:int}/history",
        "/api/documents/{document_id:int}",
        "/api/review/{document_id:int}",
        "/api/batches/{batch_id:int}",
    } <= province_reached, province_reached
