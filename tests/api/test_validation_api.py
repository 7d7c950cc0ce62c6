"""POST /api/validate and GET /api/refdata/*: over HTTP, with auth, on a real database."""

from __future__ import annotations

import time

import pytest
from litestar import Litestar

from service.api.refdata import RefdataController
from service.api.validation import ValidationController

RECORD = {
    "registration_number": "8340125748-002",
    "first_registered_on": "2019-03-05",
    "amendment_number": 2,
    "amended_on": "2023-08-14",
    "address": "Số 12 Lê Lợi, Phường Phước Ninh, Quận Hải Châu, Thành phố Đà Nẵng",
    "phone": "0905123456",
    "business_lines": [{"code": "4722", "name": "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"}],
    "capital_vnd": 150000000,
    "owner": {
        "gender": "Nữ",
        "birth_date": "1980-05-12",
        "id_number": "048080001234",
        "id_issued_on": "2021-07-10",
    },
}


@pytest.fixture
def app(app: Litestar) -> Litestar:
    """The app with this issue's controllers, until service/app.py lists them itself."""
    paths = {route.path for route in app.routes}
    for controller in (ValidationController, RefdataController):
        if controller.path not in paths and not any(p.startswith(controller.path + "/") for p in paths):
            app.register(controller)
    return app


async def test_validate_returns_findings_in_the_contract_shape(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="reviewer")
    response = await client.post(
        "/api/validate", json={"record": RECORD, "layout": "2021", "today": "2026-11-28"}
    )
    assert response.status_code == 200, response.text
    findings = response.json()["findings"]
    by_code = {f["code"]: f for f in findings}
    assert set(by_code) == {"id_number.gender_mismatch", "address.old_units"}
    gender = by_code["id_number.gender_mismatch"]
    assert (gender["field"], gender["severity"]) == ("owner.id_number", "error")
    assert "giới tính" in gender["message"] and gender["message_en"]
    assert by_code["address.old_units"]["candidates"][0]["scheme"] == "2025"


async def test_validate_accepts_an_extraction_line(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    extraction = {
        "file": "a.jpg",
        "pages": 1,
        "layout": "2015",
        "record": {"registration_number": "8340125748"},
    }
    response = await client.post("/api/validate", json=extraction)
    assert response.status_code == 200
    assert [f["code"] for f in response.json()["findings"]] == ["registration_number.format"]


async def test_validate_rejects_a_malformed_record_as_a_problem(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    response = await client.post("/api/validate", json={"record": {"capital_vnd": "lots"}})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_validate_needs_a_login(api_client) -> None:  # type: ignore[no-untyped-def]
    anonymous = await api_client(role=None)
    assert (await anonymous.post("/api/validate", json={"record": {}})).status_code == 401


async def test_unit_autocomplete_ignores_accents(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="reviewer")
    plain = (await client.get("/api/refdata/units", params={"q": "hai chau", "scheme": "2025"})).json()[
        "items"
    ]
    accented = (await client.get("/api/refdata/units", params={"q": "Hải Châu", "scheme": "2025"})).json()[
        "items"
    ]
    assert plain[0]["name"] == accented[0]["name"] == "Phường Hải Châu"
    assert {i["scheme"] for i in plain} == {"2025"}
    districts = await client.get("/api/refdata/units", params={"q": "quan 1", "kind": "district"})
    assert districts.json()["items"][0]["name"] == "Quận 1"


async def test_unit_autocomplete_is_fast_over_http(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="reviewer")
    await client.get("/api/refdata/units", params={"q": "warm"})
    started = time.perf_counter()
    for q in ("tan", "phu", "hoa binh", "nguyen", "an"):
        assert (await client.get("/api/refdata/units", params={"q": q, "kind": "any"})).status_code == 200
    assert (time.perf_counter() - started) / 5 < 0.5  # generous: shared CI machine; the bench measures p99


async def test_vsic_autocomplete(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="planner")
    items = (await client.get("/api/refdata/vsic", params={"q": "4711", "version": "2018"})).json()["items"]
    assert items[0]["code"] == "4711" and items[0]["version"] == "2018"
    bad = await client.get("/api/refdata/vsic", params={"q": "x", "version": "2007"})
    assert bad.status_code == 422


async def test_refdata_status_and_load_are_for_admins(api_client) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    assert (await reviewer.post("/api/refdata/load")).status_code == 403
    admin = await api_client(role="admin")
    loaded = await admin.post("/api/refdata/load")
    assert loaded.status_code == 200 and loaded.json()["is_current"] is True
    status = (await admin.get("/api/refdata/status")).json()
    assert status["counts"]["units_2025"] == 3355 and status["stale_files"] == []


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"registration_number": "8" * 21}, "record.registration_number"),
        ({"business_name": "Tạp hoá " * 100}, "record.business_name"),
        ({"capital_vnd": -1}, "record.capital_vnd"),
        ({"employees": 2**31}, "record.employees"),
        ({"owner": {"id_number": "0" * 21}}, "record.owner.id_number"),
        ({"members": [{"full_name": "Lê Văn A"}] * 101}, "record.members"),
        ({"business_lines": [{"name": "x" * 501}]}, "record.business_lines.name"),
    ],
)
async def test_validate_refuses_a_record_the_register_could_not_store(api_client, record, field) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    response = await client.post("/api/validate", json={"record": record})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


async def test_a_huge_or_deep_record_is_a_quick_4xx(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role="clerk")
    many_lines = {"record": {"business_lines": [{"code": "4722", "name": "Bán lẻ"}] * 20_000}}  # ~0.8 MB
    deep = '{"record": {}, "fields": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}"
    started = time.monotonic()
    answers = [
        await client.post("/api/validate", json=many_lines),
        await client.post("/api/validate", content=deep, headers={"content-type": "application/json"}),
        await client.post(
            "/api/validate", json={"record": RECORD, "fields": {str(i): i for i in range(501)}}
        ),
        await client.post("/api/validate", json={"record": {"address": "Đà Nẵng " * 200_000}}),  # 1.8 MB
    ]
    assert [r.status_code for r in answers] == [422, 400, 422, 413], [r.text[:200] for r in answers]
    assert all(r.headers["content-type"].startswith("application/problem+json") for r in answers)
    assert time.monotonic() - started < 10  # no rule walked 20,000 business lines
