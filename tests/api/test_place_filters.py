"""The planner's filters take what people type: a commune or province by name in either scheme, with or
without the unit word and the diacritics, on the register list, the exports and the dashboard."""

from __future__ import annotations

import csv
import datetime as dt
import io

import asyncpg
import pytest

from tests.register_seed import DA_BAC_NEW, DA_BAC_OLD, HAI_CHAU_NEW, HAI_CHAU_OLD, SHOPS, seed_shops

pytestmark = pytest.mark.asyncio(loop_scope="session")

DA_BAC = {s[0] for s in SHOPS if s[1] in (DA_BAC_OLD, DA_BAC_NEW)}
HAI_CHAU = {s[0] for s in SHOPS if s[1] in (HAI_CHAU_OLD, HAI_CHAU_NEW)}


@pytest.mark.parametrize(
    ("params", "want"),
    [
        ({"commune": "Đà Bắc"}, DA_BAC),
        ({"commune": "Thị trấn Đà Bắc"}, DA_BAC),  # the pre-2025 name its suggestions offer
        ({"commune": "xa da bac"}, DA_BAC),
        ({"commune": "Xã Đà Bắc, Tỉnh Phú Thọ"}, DA_BAC),
        ({"commune": "hai chau"}, HAI_CHAU),
        ({"commune": "Thạch Thang"}, HAI_CHAU),  # pre-2025, merged into Phường Hải Châu
        ({"province": "Phú Thọ"}, DA_BAC),
        ({"province": "tinh hoa binh"}, DA_BAC),  # pre-2025 province
        ({"commune": "Thành phố Đà Nẵng"}, HAI_CHAU),  # a province typed in the commune box
        ({"province": "Đà Nẵng", "commune": "Đà Bắc"}, set()),
        ({"commune": "Không có xã này"}, set()),
    ],
)
async def test_register_list_and_csv_filter_by_typed_names(
    api_client, pool: asyncpg.Pool, params: dict[str, str], want: set[str]
) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed_shops(pool, reviewer.user.id)
    r = await planner.get("/api/businesses", params={**params, "limit": 50})
    assert r.status_code == 200, r.text
    assert {i["business_name"] for i in r.json()["items"]} == want
    assert bool(r.json()["places"]) == bool(want)  # the units it was understood as, or none
    exported = await planner.get("/api/exports/register.csv", params=params)
    assert exported.status_code == 200, exported.text
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert {row[3] for row in rows[1:]} == want


async def test_dashboard_filters_by_typed_names_and_never_answers_422(api_client, pool: asyncpg.Pool) -> None:
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed_shops(pool, reviewer.user.id)
    page = await planner.get("/dashboard", params={"commune": "da bac"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and f"<strong>{len(DA_BAC)}</strong>" in page.text
    assert "Xã Đà Bắc, Tỉnh Phú Thọ" in page.text  # says what it understood
    province = await planner.get("/dashboard", params={"province": "Hoà Bình"})
    assert f"<strong>{len(DA_BAC)}</strong>" in province.text
    for bad in ({"commune": "Không có xã này"}, {"section": "Bán lẻ"}, {"as_of": "31/02/2025"},
                {"as_of": "hôm qua"}, {"commune": "x" * 150}):  # fmt: skip
        answer = await planner.get("/dashboard", params=bad, headers={"Accept": "text/html"})
        assert answer.status_code == 200, (bad, answer.text[:300])
        assert 'class="alert warn"' in answer.text and f"<strong>{len(SHOPS)}</strong>" in answer.text
    typed_date = await planner.get("/dashboard", params={"as_of": "31/12/2023"})
    # in force on that day: the first registrations by then (an amendment-only shop starts at its amendment)
    by_then = sum(1 for s in SHOPS if s[4] is None and s[3] <= dt.date(2023, 12, 31))
    assert typed_date.status_code == 200 and f"<strong>{by_then}</strong>" in typed_date.text
    by_section = await planner.get("/dashboard", params={"section": "I"})
    assert f"<strong>{sum(1 for s in SHOPS if s[6].startswith('56'))}</strong>" in by_section.text


async def test_place_suggestions_are_distinct_and_name_their_province(api_client) -> None:
    planner = await api_client(role="planner")
    r = await planner.get("/api/refdata/places", params={"q": "hai chau"})
    assert r.status_code == 200
    values = [s["value"] for s in r.json()["items"]]
    assert len(values) == len(set(values)) and "Phường Hải Châu, Thành phố Đà Nẵng" in values
    assert all("," in v for v in values)
    provinces = (
        await planner.get("/api/refdata/places", params={"q": "hoa binh", "kind": "province"})
    ).json()
    old = next(s for s in provinces["items"] if s["scheme"] == "pre2025")
    assert old["value"] == "Tỉnh Hoà Bình" and old["now"] == "Tỉnh Phú Thọ"
