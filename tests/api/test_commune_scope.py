"""Acceptance (issue 14, commune scoping): two communes in one database. Staff of commune A see none of
B's documents, queue items, businesses, exports or suggestions, in the API and on the pages; an
out-of-scope id is 404, as if it did not exist; province-wide staff see both."""

from __future__ import annotations

import csv
import io
from typing import Any

import asyncpg
import openpyxl
import pytest

from service.accounts import Actor
from service.communes import set_communes
from tests.api.test_background_exports import poll_until_finished, worker
from tests.api.test_review_api import insert_document, make_extraction
from tests.files import make_png
from tests.register_seed import DA_BAC_NEW, DA_BAC_OLD, SHOPS, seed_shops

pytestmark = pytest.mark.asyncio(loop_scope="session")
__all__ = ["worker"]

A_SHOPS = {s[0] for s in SHOPS if s[1] in (DA_BAC_OLD, DA_BAC_NEW)}  # Xã Đà Bắc
B_SHOPS = {s[0] for s in SHOPS} - A_SHOPS  # Phường Hải Châu
ADMIN = Actor(None, "cli:test")


class World:
    """The seeded register and documents, and one client per (role, scope)."""

    def __init__(self) -> None:
        self.a = self.b = ""
        self.business: dict[str, int] = {}
        self.doc: dict[str, int] = {}
        self.client: dict[tuple[str, str], Any] = {}


@pytest.fixture
async def world(api_client, pool: asyncpg.Pool) -> World:  # type: ignore[no-untyped-def]
    w = World()
    seeder = await api_client(role="reviewer")
    w.business = await seed_shops(pool, seeder.user.id)
    rows = await pool.fetch("select id, commune_code from businesses")
    communes = {r["id"]: r["commune_code"] for r in rows}
    w.a = communes[w.business[next(iter(A_SHOPS))]]
    w.b = communes[w.business[next(iter(B_SHOPS))]]
    assert w.a and w.b and w.a != w.b
    assert {communes[w.business[n]] for n in A_SHOPS} == {w.a}  # the address's 2025 unit, both schemes
    for scope, code in (("A", w.a), ("B", w.b)):
        w.doc[scope] = await insert_document(pool, make_extraction(), name=f"scan-{scope}.jpg")
        await pool.execute("update documents set commune_code = $2 where id = $1", w.doc[scope], code)
    for role in ("clerk", "reviewer", "planner"):
        for scope, codes in (("A", [w.a]), ("B", [w.b]), ("P", None)):
            client = await api_client(role=role)
            await set_communes(pool, ADMIN, client.user.id, codes)
            w.client[role, scope] = client
    return w


async def names_in_list(client: Any, **params: Any) -> set[str]:
    r = await client.get("/api/businesses", params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    return {item["business_name"] for item in r.json()["items"]}


async def test_documents_and_the_queue_are_the_commune_s(world: World) -> None:
    for role in ("clerk", "reviewer"):
        a = world.client[role, "A"]
        listed = {d["id"] for d in (await a.get("/api/documents")).json()["items"]}
        assert listed == {world.doc["A"]}
        assert (await a.get(f"/api/documents/{world.doc['A']}")).status_code == 200
        for path in ("", "/pages/1.png") + (("/extraction",) if role == "reviewer" else ()):
            r = await a.get(f"/api/documents/{world.doc['B']}{path}")
            assert r.status_code == 404, (path, r.status_code)
    province = world.client["reviewer", "P"]
    assert {world.doc["A"], world.doc["B"]} <= {
        d["id"] for d in (await province.get("/api/documents")).json()["items"]
    }
    reviewer = world.client["reviewer", "A"]
    queue = (await reviewer.get("/api/review/queue")).json()
    assert [item["document_id"] for item in queue["items"]] == [world.doc["A"]]
    queue_b = (await world.client["reviewer", "B"].get("/api/review/queue")).json()
    assert [item["document_id"] for item in queue_b["items"]] == [world.doc["B"]]
    for method, path in (("GET", ""), ("POST", "/claim"), ("POST", "/preview")):
        r = await reviewer.request(method, f"/api/review/{world.doc['B']}{path}")
        assert r.status_code == 404, (method, path, r.text)
    assert (await reviewer.post(f"/api/review/{world.doc['A']}/claim")).status_code == 200


async def test_businesses_are_the_commune_s(world: World) -> None:
    for role in ("planner", "reviewer"):
        a = world.client[role, "A"]
        assert await names_in_list(a) == A_SHOPS
        found = await names_in_list(a, q="hoa")  # "Hoà Bình" in A's addresses, "Hoa tươi" in B's names
        assert found and found <= A_SHOPS
        assert "Hoa tươi Ngọc Lan" in await names_in_list(world.client[role, "P"], q="hoa")
        assert await names_in_list(world.client[role, "B"]) == B_SHOPS
        assert await names_in_list(world.client[role, "P"]) == A_SHOPS | B_SHOPS
        for name in B_SHOPS:
            for path in ("", "/history"):
                r = await a.get(f"/api/businesses/{world.business[name]}{path}")
                assert r.status_code == 404, (name, path)
        mine = next(iter(A_SHOPS))
        assert (await a.get(f"/api/businesses/{world.business[mine]}")).status_code == 200
        stats = (await a.get("/api/businesses/stats", params={"by": "commune"})).text
        assert world.a in stats and world.b not in stats


def csv_names(body: str) -> set[str]:
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    col = next(i for i, h in enumerate(rows[0]) if "Tên" in h)
    return {r[col] for r in rows[1:] if r}


def xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return " ".join(str(c) for ws in book for row in ws.values for c in row if c is not None)


@pytest.mark.usefixtures("worker")
async def test_exports_hold_only_the_commune_s_businesses(world: World) -> None:
    a, province = world.client["planner", "A"], world.client["planner", "P"]
    r = await a.get("/api/exports/register.csv")
    assert r.status_code == 200
    assert csv_names(r.text) == A_SHOPS
    assert csv_names((await province.get("/api/exports/register.csv")).text) == A_SHOPS | B_SHOPS
    book = xlsx_text((await a.get("/api/exports/register.xlsx")).content)
    assert all(n in book for n in A_SHOPS) and not any(n in book for n in B_SHOPS)
    for fmt in ("csv", "xlsx"):  # written by the worker, which itself sees everything
        started = await a.post("/api/exports", json={"format": fmt})
        assert started.status_code == 202, started.text
        url = f"/api/exports/{started.json()['id']}"
        assert (await poll_until_finished(a, url))[-1]["status"] == "done"
        body = (await a.get(url + "/file")).content
        text = body.decode("utf-8-sig") if fmt == "csv" else xlsx_text(body)
        assert all(n in text for n in A_SHOPS) and not any(n in text for n in B_SHOPS), fmt


async def test_pages_show_only_the_commune_s_rows(world: World) -> None:
    a = world.client["planner", "A"]
    page = await a.get("/dashboard", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Đà Bắc" in page.text and "Hải Châu" not in page.text
    province = await world.client["planner", "P"].get("/dashboard", headers={"accept": "text/html"})
    assert "Hải Châu" in province.text
    shell = await a.get(f"/businesses/{world.business[next(iter(B_SHOPS))]}", headers={"accept": "text/html"})
    assert not any(n in shell.text for n in B_SHOPS)  # the page's data is the API's, which answers 404


def without_path(r: Any) -> str:
    """A page's HTML without its own path (the language links come back to it)."""
    return str(r.text).replace(f'{r.url.path}"', '"')


async def insert_batch(pool: asyncpg.Pool, commune: str) -> int:
    return int(
        await pool.fetchval(
            "insert into batches (sha256, media_type, size_bytes, page_count, original_name, commune_code)"
            " values ($1, 'application/pdf', 1, 1, 'stack.pdf', $2) returning id",
            commune[-1] * 64,
            commune,
        )
    )


async def test_a_page_of_another_commune_s_id_is_the_missing_id_s_404(
    world: World, pool: asyncpg.Pool
) -> None:
    """/batches/{id}, /review/{id}, /businesses/{id} for B's id answer A's staff exactly as for an id
    that does not exist: the 404 page, the same page; before, a 200 shell (B's id was taken)."""
    batch = {scope: await insert_batch(pool, code) for scope, code in (("A", world.a), ("B", world.b))}
    business = {"A": world.business[sorted(A_SHOPS)[0]], "B": world.business[sorted(B_SHOPS)[0]]}
    pages = (("clerk", "/batches/{}", batch), ("reviewer", "/review/{}", world.doc),
             ("planner", "/businesses/{}", business), ("reviewer", "/businesses/{}", business))  # fmt: skip
    html = {"accept": "text/html"}
    for role, page, ids in pages:
        a = world.client[role, "A"]
        assert (await a.get(page.format(ids["A"]), headers=html)).status_code == 200, (role, page)
        other = await a.get(page.format(ids["B"]), headers=html)
        missing = await a.get(page.format(10**9 + ids["B"]), headers=html)
        beyond = await a.get(page.format(2**63), headers=html)  # no row has it; not a database error
        assert other.status_code == missing.status_code == beyond.status_code == 404, (role, page)
        assert other.headers["content-type"].startswith("text/html")
        bodies = {without_path(r) for r in (other, missing, beyond)}
        assert len(bodies) == 1, (role, page)  # nothing tells B's id from none (but the path itself)
        province = await world.client[role, "P"].get(page.format(ids["B"]), headers=html)
        assert province.status_code == 200, (role, page)


async def test_place_suggestions_are_the_user_s_communes(world: World) -> None:
    for scope, mine, other in (("A", "Đà Bắc", "Hải Châu"), ("B", "Hải Châu", "Đà Bắc")):
        client = world.client["planner", scope]
        for q, present in ((mine, True), (other, False)):
            r = await client.get("/api/refdata/places", params={"q": q})
            assert r.status_code == 200, r.text
            assert (q in r.text) is present, (scope, q)
    assert (
        "Hải Châu"
        in (await world.client["planner", "P"].get("/api/refdata/places", params={"q": "Hải Châu"})).text
    )


async def test_an_upload_takes_the_uploader_s_commune(world: World, pool: asyncpg.Pool) -> None:
    clerk = world.client["clerk", "A"]
    r = await clerk.post("/api/documents", files={"file": ("a.png", make_png(), "image/png")})
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]["id"]
    assert await pool.fetchval("select commune_code from documents where id = $1", doc) == world.a
    refused = await clerk.post(
        "/api/documents",
        files={"file": ("b.png", make_png(601, 800), "image/png")},
        data={"commune_code": world.b},
    )
    assert refused.status_code == 400 and world.b in refused.json()["detail"]
    # the same file from commune B: B cannot see A's document, so it is a conflict, not a duplicate of it
    again = await world.client["clerk", "B"].post(
        "/api/documents", files={"file": ("a.png", make_png(), "image/png")}
    )
    assert again.status_code == 409, again.text
    two = world.client["clerk", "P"]
    await set_communes(pool, ADMIN, two.user.id, [world.a, world.b])
    page = await two.get("/upload", headers={"accept": "text/html"})
    assert 'id="upload-commune"' in page.text and world.b in page.text  # the page asks which commune
    assert 'id="upload-commune"' not in (await clerk.get("/upload", headers={"accept": "text/html"})).text
    unchosen = await two.post("/api/documents", files={"file": ("c.png", make_png(602, 800), "image/png")})
    assert unchosen.status_code == 400
    chosen = await two.post(
        "/api/documents",
        files={"file": ("c.png", make_png(602, 800), "image/png")},
        data={"commune_code": world.b},
    )
    assert chosen.status_code == 201, chosen.text
    doc_b = chosen.json()["documents"][0]["id"]
    assert await pool.fetchval("select commune_code from documents where id = $1", doc_b) == world.b
    assert (await world.client["clerk", "A"].get(f"/api/documents/{doc_b}")).status_code == 404
