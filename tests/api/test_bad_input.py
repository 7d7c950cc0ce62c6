"""Each cause of a 500 seen in issue 14 is a 4xx (or a 507), and the contracts refuse what the register
cannot take when it is sent: deep JSON on every JSON route (login too), long credentials, unusable
multipart parts, non-ASCII digits in paths, control characters, chunked bodies of the wrong type,
unknown fields, rotations that are no quarter turn, corrections the register could not store, and a
full disk with nothing half written."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import msgspec
import numpy as np
import pytest
from PIL import Image

from service.app import create_app
from service.runtime.settings import Settings
from service.users import Role, create_token, create_user
from tests.api.test_review_api import claimed, insert_document, make_extraction
from tests.e2e.test_route_roles import concrete, routes

pytestmark = pytest.mark.asyncio(loop_scope="session")

DEEP = b"[" * 50_000 + b"]" * 50_000


def multipart(
    disposition: bytes, content_type: bytes = b"image/png", body: bytes = b"\x89PNG\r\n\x1a\n"
) -> bytes:
    return (
        b"--B\r\nContent-Disposition: " + disposition + b"\r\nContent-Type: " + content_type
        + b"\r\n\r\n" + body + b"\r\n--B--\r\n"
    )  # fmt: skip


async def test_deep_json_on_every_json_route_is_400(api_client) -> None:  # type: ignore[no-untyped-def]
    admin = await api_client(role="admin")
    anonymous = await api_client(role=None)
    writes = [(p, m) for p, m, _ in routes() if p.startswith("/api/") and m in ("POST", "PUT", "PATCH")]
    assert len(writes) >= 10
    headers = {"content-type": "application/json"}
    for path, method in writes:
        r = await admin.request(method, concrete(path), content=DEEP, headers=headers)
        assert r.status_code == 400, (method, path, r.status_code, r.text[:200])
        assert r.headers["content-type"] == "application/problem+json"
    login = await anonymous.post("/api/auth/login", content=DEEP, headers=headers)
    assert login.status_code == 400 and "nested" in login.json()["detail"]


async def test_credentials_multipart_paths_and_control_characters(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    anonymous = await api_client(role=None)
    clerk = await api_client(role="clerk")
    reviewer = await api_client(role="reviewer")
    long_name = await anonymous.post("/api/auth/login", json={"username": "u" * 3000, "password": "x"})
    assert long_name.status_code == 422 and long_name.json()["errors"][0]["key"] == "username"
    long_form = await anonymous.post("/login", data={"username": "u" * 3000, "password": "x"})
    assert long_form.status_code == 422
    assert (
        await anonymous.post("/api/auth/login", json={"username": "u", "password": "p" * 5000})
    ).status_code == 422

    mp = {"content-type": "multipart/form-data; boundary=B"}
    for part in (
        multipart(b'form-data; name="file"; filename=""'),  # empty file name: read as a text field
        multipart(b"form-data; name=\"file\"; filename*=x-unknown''a.png"),  # a name not understood
        multipart(b'form-data; name="file"', b"text/plain; charset=no-such-charset", b"abc"),
        multipart(b'form-data; name="file"; filename="a\xff.png'),  # unterminated
    ):
        r = await clerk.post("/api/documents", content=part, headers=mp)
        assert r.status_code == 400, (part[:80], r.status_code, r.text[:200])
    assert await pool.fetchval("select count(*) from documents") == 0

    doc_id = await insert_document(pool, make_extraction())
    for path in (f"/api/documents/{doc_id}/pages/².png", f"/api/documents/{doc_id}/pages/١.png",
                 "/api/documents/١", "/api/documents/²", "/review/١"):  # fmt: skip
        r = await reviewer.get(path)
        assert r.status_code == 404, (path, r.status_code)
    assert (await clerk.get(f"/api/documents/{doc_id}/pages/99999999999.png")).status_code == 404

    nul = await clerk.get("/api/documents", params={"status": "processed\x00"})
    assert nul.status_code == 422 and nul.json()["field"] == "status"
    bell = await anonymous.post("/api/auth/login", json={"username": "a\x07b", "password": "x"})
    assert bell.status_code == 422 and bell.json()["field"] == "username"
    form = await anonymous.post("/login", data={"username": "a\x00b", "password": "x"})
    assert form.status_code == 422

    async def chunks() -> Any:
        yield b"not json"

    chunked = await clerk.post("/api/validate", content=chunks(), headers={"content-type": "text/plain"})
    assert chunked.status_code == 415  # no Content-Length: checked all the same


async def test_contracts_refuse_what_the_register_cannot_store(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    doc_id = await insert_document(pool, make_extraction())
    revision = await claimed(reviewer, doc_id)

    async def correct(field: str, value: Any) -> httpx.Response:
        body = {"field": field, "value": value, "revision": revision}
        return await reviewer.post(f"/api/review/{doc_id}/corrections", json=body)

    for field, value in (
        ("capital_vnd", 10**19),  # above bigint: approve failed later with a 422 naming no field
        ("employees", 2**31),
        ("amendment_number", -1),
        ("address", "Số 1 " * 2000),
        ("owner.id_number", "0" * 40),
        ("first_registered_on", "0001-01-01"),
        ("members", [{"full_name": "A" * 600}]),
    ):
        r = await correct(field, value)
        assert r.status_code == 422 and r.json()["field"] == field, (field, r.text[:300])
    nul = await correct("owner.full_name", "NGUYỄN\x00 THỊ HOA")
    assert nul.status_code == 422 and nul.json()["field"] == "value"
    for field, value in (("capital_vnd", "150.000.000"), ("owner.id_number", "048180001234")):
        ok = await correct(field, value)
        assert ok.status_code == 201, ok.text
        revision = ok.json()["revision"]

    unknown = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision, "force": True})
    assert unknown.status_code == 422
    for rotations in ({"1": 45}, {"1": 450}, {"²": 90}, {"0": 90}, {"1": -90}):
        r = await reviewer.post(f"/api/review/{doc_id}/rerun", json={"rotations": rotations})
        assert r.status_code == 422, (rotations, r.status_code, r.text[:200])
    huge = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": 2**40})
    assert huge.status_code == 422
    approved = await reviewer.post(f"/api/review/{doc_id}/approve", json={"revision": revision})
    assert approved.status_code == 200, approved.text


def noise_png(size: int) -> bytes:
    pixels = np.random.default_rng(14).integers(0, 256, (size, size, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs (a real full disk) needs root")
async def test_a_full_disk_is_507_with_nothing_half_written(
    pool, db_settings: Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    (data / "blobs").mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(data / "blobs")], check=True)
    try:
        app = create_app(msgspec.structs.replace(db_settings, data_dir_name=str(data)))
        app.state.pool = pool
        user = await create_user(pool, "clerk", Role.CLERK, "correct horse battery", "Clerk")
        headers = {"Authorization": f"Bearer {await create_token(pool, user.id, 'test')}"}
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers
        ) as clerk:
            scan = noise_png(200)  # ~120 KB of incompressible pixels: more than the disk holds
            r = await clerk.post("/api/documents", files={"file": ("scan.png", scan, "image/png")})
        assert r.status_code == 507, r.text
        assert r.json()["type"] == "/problems/storage-full" and int(r.headers["retry-after"]) > 0
        assert await pool.fetchval("select count(*) from documents") == 0
        assert [p for p in (data / "blobs").rglob("*") if p.is_file()] == []  # no partial blob
    finally:
        subprocess.run(["umount", str(data / "blobs")], check=True)
