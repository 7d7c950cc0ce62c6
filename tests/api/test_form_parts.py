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


@pytest.mark.parametrize("route", ["/api/documents", "/api/batches"])
async def test_a_control_character_in_a_label_part_is_refused(api_client, pool, route: str) -> None:  # type: ignore[no-untyped-def]
    """The boundary reads JSON and URL-encoded bodies; a multipart label part is checked by the
    upload (POST /api/documents stored `scanned_by: "\\x84"` before)."""
    clerk = await api_client(role="clerk")
    for name in ("box", "commune", "scanned_by", "commune_code"):
        r = await clerk.post(
            route, files={"file": ("a.pdf", make_pdf(1), "application/pdf")}, data={name: "Lan\x84"}
        )
        assert r.status_code == 422 and r.json()["field"] == name, (name, r.text)
    assert await pool.fetchval(STORED) == 0


async def test_the_document_states_the_parts_and_the_communes(api_client) -> None:  # type: ignore[no-untyped-def]
    admin = await api_client(role="admin")
    document = (await admin.get("/api/schema/openapi.json")).json()
    components = document["components"]["schemas"]
    not_ready = document["paths"]["/readyz"]["get"]["responses"]["503"]["content"]
    assert list(not_ready) == ["application/json"]  # {"ready": false}, as sent; not a problem
    for form in ("UploadForm", "BatchForm"):
        assert components[form]["additionalProperties"] is False, form
        assert components[form]["properties"]["box"]["maxLength"] == 200
    (listed, _none) = components["CommunesChange"]["properties"]["communes"]["oneOf"]
    assert listed["minItems"] == 1 and listed["items"] == {"$ref": "#/components/schemas/CommuneCodeInput"}
    codes = components["CommuneCodeInput"]["enum"]
    assert len(codes) > 3000 and all(len(c) == 5 and c.isdigit() for c in codes)
    bodies: tuple[dict[str, list[str]], ...] = ({"communes": []}, {"communes": [""]}, {"communes": ["99999"]})
    for body in bodies:
        r = await admin.put(f"/api/admin/users/{admin.user.id}/communes", json=body)
        assert r.status_code == 422, (body, r.text)
    ok = await admin.put(f"/api/admin/users/{admin.user.id}/communes", json={"communes": [codes[0]]})
    assert ok.status_code == 200 and ok.json()["communes"] == [codes[0]]


async def test_batch_is_true_or_false(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    """The document says `batch` is true or false; "0" was read as false and the file stored."""
    clerk = await api_client(role="clerk")
    for value in ("0", "1", "yes", ""):
        r = await clerk.post(
            "/api/documents", files={"file": ("a.png", make_png(), "image/png")}, data={"batch": value}
        )
        assert r.status_code == 422, (value, r.text)
    assert await pool.fetchval(STORED) == 0
    stack = await clerk.post(
        "/api/documents", files={"file": ("s.pdf", make_pdf(2), "application/pdf")}, data={"batch": "true"}
    )
    assert stack.status_code == 201 and len(stack.json()["batches"]) == 1, stack.text
    single = await clerk.post(
        "/api/documents", files={"file": ("a.png", make_png(), "image/png")}, data={"batch": "false"}
    )
    assert single.status_code == 201 and len(single.json()["documents"]) == 1, single.text
