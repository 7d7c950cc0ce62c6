"""The 2025 code is personal data: masked for planners in the list, one business, its identifiers, its
history and both exports; search matches ID numbers and 2025 codes only whole and only for roles that
may see them; a prefix-guessing loop finds nothing and is throttled (429 with Retry-After)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import asyncpg
import msgspec
import openpyxl
import pytest

from schemas.record import Layout, Person
from tests.api.test_businesses import seed
from tests.db.test_register import approve, certificate

pytestmark = pytest.mark.asyncio(loop_scope="session")

CODE_2025 = "001090012345"  # the owner's personal ID, printed as the registration code on a 2025 form
OTHER_ID = "048185000234"  # the 2021-era business's owner (tests.db.test_register.OWNER)
MASKED_CODE = "001******345"


async def seed_2025(pool: asyncpg.Pool, reviewer_id: int) -> int:
    """A business on 2025-era certificates (a first registration and an amendment) whose registration
    code is its owner's personal ID."""
    owner = Person(full_name="Lê Văn Bình", birth_date=dt.date(1990, 4, 5), id_number=CODE_2025)
    first = certificate(
        None, dt.date(2025, 7, 10), registration_number=CODE_2025, owner=owner, business_name="Quán phở Bình",
        address="Số 5 Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng", members=[],
    )  # fmt: skip
    first = msgspec.structs.replace(first, layout=Layout.ERA_2025)
    amended = msgspec.structs.replace(
        first,
        file="b1.jpg",
        record=msgspec.structs.replace(
            first.record, amendment_number=1, amended_on=dt.date(2025, 9, 1), capital_vnd=80_000_000
        ),
    )
    result = await approve(pool, reviewer_id, 20, first)
    await approve(pool, reviewer_id, 21, amended)
    return int(result.business_id)


def personal_ids_in(body: str) -> set[str]:
    return {s for s in (CODE_2025, OTHER_ID) if s in body}


async def test_planner_gets_the_2025_code_masked_everywhere(api_client, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed_2025(pool, reviewer.user.id)
    await seed(pool, reviewer.user.id)

    page = (await planner.get("/api/businesses", params={"q": "pho binh"})).json()
    assert [i["registration_number"] for i in page["items"]] == [MASKED_CODE]
    one = (await planner.get(f"/api/businesses/{business_id}")).json()
    assert one["record"]["registration_number"] == MASKED_CODE
    assert {i["kind"]: i["value"] for i in one["identifiers"]} == {"code_2025": MASKED_CODE}
    history = (await planner.get(f"/api/businesses/{business_id}/history")).json()
    assert history["items"][0]["diff"]["registration_number"]["new"] == MASKED_CODE
    csv_body = (await planner.get("/api/exports/register.csv")).text
    rows = {r[0]: r for r in csv.reader(io.StringIO(csv_body.lstrip("\ufeff")))}
    assert rows[str(business_id)][1] == MASKED_CODE  # keyed by the register's id, not the code
    assert rows[str(business_id)][2].endswith(f": {MASKED_CODE}")  # the identifiers column
    xlsx = (await planner.get("/api/exports/register.xlsx")).content
    cells = [str(c) for ws in openpyxl.load_workbook(io.BytesIO(xlsx)) for r in ws.values for c in r]
    assert MASKED_CODE in cells
    for body in (str(page), str(one), str(history), csv_body, " ".join(cells)):
        assert personal_ids_in(body) == set()

    full = (await reviewer.get(f"/api/businesses/{business_id}")).json()  # reviewers see it
    assert full["record"]["registration_number"] == CODE_2025
    assert {i["value"] for i in full["identifiers"]} == {CODE_2025}


async def search_ids(client: Any, q: str) -> tuple[int, list[int]]:
    r = await client.get("/api/businesses", params={"q": q})
    return r.status_code, [i["id"] for i in r.json().get("items", [])] if r.status_code == 200 else []


async def test_search_matches_personal_ids_whole_and_only_for_those_who_see_them(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    business_id = await seed_2025(pool, reviewer.user.id)
    other_id = await seed(pool, reviewer.user.id)

    assert await search_ids(reviewer, CODE_2025) == (200, [business_id])
    assert await search_ids(reviewer, OTHER_ID) == (200, [other_id])  # the owner's ID, whole
    assert await search_ids(reviewer, CODE_2025[:9]) == (200, [])  # no prefix, for anybody
    assert await search_ids(reviewer, OTHER_ID[:11]) == (200, [])
    assert await search_ids(planner, CODE_2025) == (200, [])
    assert await search_ids(planner, OTHER_ID) == (200, [])
    assert await search_ids(planner, "32A8012345") == (200, [other_id])  # not personal: found


async def test_a_prefix_guessing_loop_gets_nothing_and_is_throttled(api_client, pool) -> None:  # type: ignore[no-untyped-def]
    reviewer = await api_client(role="reviewer")
    planner = await api_client(role="planner")
    await seed_2025(pool, reviewer.user.id)
    known = MASKED_CODE[:3]  # what the mask shows
    found: list[int] = []
    statuses = []
    for digit in "0123456789" * 4:  # one digit at a time, as the attack in issue 14 did
        status, ids = await search_ids(planner, known + digit)
        statuses.append(status)
        found += ids
        if status == 429:
            break
    assert found == []
    assert statuses[-1] == 429 and 30 <= statuses.count(200) < 40  # HKD_SEARCH_PER_MINUTE's burst
    r = await planner.get("/api/businesses", params={"q": known})
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 2
    assert r.json()["type"] == "/problems/too-many-requests"
    assert (await planner.get("/api/businesses")).status_code == 200  # listing is not searching
    assert (await reviewer.get("/api/businesses", params={"q": "pho"})).status_code == 200  # per user
    looked_up = 0  # autocomplete has its own bucket, shared by units and VSIC codes
    while (r := await planner.get("/api/refdata/units", params={"q": "hai chau"})).status_code == 200:
        looked_up += 1
        assert looked_up < 60
    assert r.status_code == 429 and "retry-after" in r.headers and looked_up >= 30
    assert (await planner.get("/api/refdata/vsic", params={"q": "47"})).status_code == 429
