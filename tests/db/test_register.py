"""The register on a real PostgreSQL: out-of-order amendments, duplicates, conflicts, as-of, events."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import asyncpg
import msgspec
import pytest

from schemas.record import BusinessLine, Extraction, Layout, Member, Person, Record
from service.errors import ConflictError
from service.register import (
    EventIn,
    apply_extraction,
    business_history,
    get_business,
    preview_extraction,
    record_event,
    search_businesses,
)
from service.users import Role, create_user

pytestmark = pytest.mark.asyncio(loop_scope="session")

D0, D1, D2, D3 = dt.date(2019, 3, 4), dt.date(2020, 6, 1), dt.date(2022, 1, 10), dt.date(2024, 9, 30)
OWNER = Person(full_name="Nguyễn Thị Hoa", birth_date=dt.date(1985, 2, 3), id_number="048185000234")


def certificate(n: int | None, when: dt.date, **changes: Any) -> Extraction:
    base = Record(
        registration_number="32A8012345",
        first_registered_on=D0,
        amendment_number=n,
        amended_on=when if n else None,
        business_name="Tạp hóa Hoa",
        address="Số 12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng",
        business_lines=[BusinessLine("4711", "Bán lẻ lương thực, thực phẩm")],
        capital_vnd=50_000_000,
        owner=OWNER,
        members=[Member(full_name="Trần Văn Nam", birth_date=dt.date(1983, 1, 1))],
    )
    return Extraction(
        file=f"a{n}.jpg", pages=1, layout=Layout.ERA_2021, record=msgspec.structs.replace(base, **changes)
    )


AMENDMENTS = {
    0: certificate(None, D0),
    1: certificate(1, D1, capital_vnd=100_000_000),
    2: certificate(2, D2, capital_vnd=100_000_000, business_name="Tạp hóa Hoa Nam"),
    3: certificate(
        3,
        D3,
        capital_vnd=100_000_000,
        business_name="Tạp hóa Hoa Nam",
        business_lines=[
            BusinessLine("4711", "Bán lẻ lương thực, thực phẩm"),
            BusinessLine("5610", "Nhà hàng"),
        ],
    ),
}


async def make_document(conn: Any, n: int) -> int:
    sha = hashlib.sha256(f"doc{n}".encode()).hexdigest()
    return await conn.fetchval(
        "insert into documents (sha256, media_type, size_bytes, page_count) values ($1, 'image/jpeg', 1, 1) returning id",
        sha,
    )


async def approve(pool: asyncpg.Pool, reviewer: int, key: int, extraction: Extraction) -> Any:
    async with pool.acquire() as conn, conn.transaction():
        doc = await make_document(conn, key)
        return await apply_extraction(
            conn, extraction, document_id=doc, approved_by=reviewer, business_id=None
        )


async def load_out_of_order(pool: asyncpg.Pool) -> tuple[int, int]:
    reviewer = (await create_user(pool, "rev", Role.REVIEWER, "correct horse battery", "Rev")).id
    results = [await approve(pool, reviewer, k, AMENDMENTS[k]) for k in (3, 1, 0, 2)]
    assert [r.action for r in results] == [
        "create_business",
        "amend_business",
        "amend_business",
        "amend_business",
    ]
    assert len({r.business_id for r in results}) == 1
    return results[0].business_id, reviewer


async def test_out_of_order_scans_build_one_history(pool: asyncpg.Pool) -> None:
    business_id, _ = await load_out_of_order(pool)
    history = await business_history(pool, business_id)
    items = history["items"]
    assert [(v["kind"], v["amendment_number"]) for v in items] == [
        ("first_registration", None),
        ("amendment", 1),
        ("amendment", 2),
        ("amendment", 3),
    ]
    assert [(v["valid_from"], v["valid_to"]) for v in items] == [(D0, D1), (D1, D2), (D2, D3), (D3, None)]
    assert items[1]["diff"] == {"capital_vnd": {"old": 50_000_000, "new": 100_000_000}}
    assert items[2]["diff"] == {"business_name": {"old": "Tạp hóa Hoa", "new": "Tạp hóa Hoa Nam"}}
    assert set(items[3]["diff"]) == {"business_lines"}
    assert "business_name" in items[0]["diff"] and items[0]["diff"]["status"]["new"] == "active"
    for day, name, capital in [
        (dt.date(2019, 12, 31), "Tạp hóa Hoa", 50_000_000),
        (dt.date(2021, 1, 1), "Tạp hóa Hoa", 100_000_000),
        (dt.date(2023, 5, 5), "Tạp hóa Hoa Nam", 100_000_000),
        (dt.date(2025, 1, 1), "Tạp hóa Hoa Nam", 100_000_000),
    ]:
        one = await get_business(pool, business_id, day)
        assert (one["record"]["business_name"], one["record"]["capital_vnd"]) == (name, capital)
        page = await search_businesses(pool, as_of=day)
        assert [i["business_name"] for i in page["items"]] == [name]
    assert (await search_businesses(pool, as_of=dt.date(2018, 1, 1)))["items"] == []
    current = await get_business(pool, business_id)
    assert current["amendment_number"] == 3 and current["status"] == "active"


async def test_duplicate_adds_nothing_and_conflict_needs_a_human(pool: asyncpg.Pool) -> None:
    business_id, reviewer = await load_out_of_order(pool)
    again = await approve(pool, reviewer, 20, AMENDMENTS[2])
    assert again.action == "duplicate" and again.business_id == business_id
    different = certificate(2, D2, capital_vnd=999_000_000)
    async with pool.acquire() as conn:
        preview = await preview_extraction(conn, different)
    assert preview.action == "needs_human"
    assert preview.findings[0].code == "register_conflicting_certificate"
    conflict = await approve(pool, reviewer, 21, different)
    assert conflict.action == "needs_human" and conflict.version_id is None
    assert len((await business_history(pool, business_id))["items"]) == 4


async def test_gap_is_a_finding_and_matching_by_owner(pool: asyncpg.Pool) -> None:
    reviewer = (await create_user(pool, "rev", Role.REVIEWER, "correct horse battery", "Rev")).id
    first = await approve(pool, reviewer, 1, AMENDMENTS[0])
    gap = certificate(3, D3, registration_number=None, address="12 Le Loi, Phuong Hai Chau, Da Nang")
    res = await approve(pool, reviewer, 2, gap)
    assert res.business_id == first.business_id
    assert "register_amendment_gap" in {f.code for f in res.findings}


async def test_ambiguous_owner_goes_to_a_human(pool: asyncpg.Pool) -> None:
    reviewer = (await create_user(pool, "rev", Role.REVIEWER, "correct horse battery", "Rev")).id
    await approve(pool, reviewer, 1, AMENDMENTS[0])
    await approve(
        pool,
        reviewer,
        2,
        certificate(None, D0, registration_number="32A8099999", business_name="Quán cơm Hoa"),
    )
    unsure = certificate(1, D1, registration_number=None, business_name="Cửa hàng khác")
    res = await approve(pool, reviewer, 3, unsure)
    assert res.action == "needs_human" and len(res.candidates) == 2


async def test_search_is_accent_and_typo_tolerant(pool: asyncpg.Pool) -> None:
    business_id, _ = await load_out_of_order(pool)
    for q in ("tap hoa hoa nam", "Tạp hóa Hoa Nan", "ngyen thi hoa", "hoa", "32A8012345", "32.A8.012345"):
        items = (await search_businesses(pool, q=q))["items"]
        assert [i["id"] for i in items] == [business_id], q
    assert (await search_businesses(pool, q="xyz không có"))["items"] == []
    assert (await search_businesses(pool, section="G"))["total"] == 1
    assert (await search_businesses(pool, section="i"))["total"] == 1  # its second line, 5610 (I)
    assert (await search_businesses(pool, section="A"))["total"] == 0
    assert (await search_businesses(pool, section="Z"))["total"] == 0  # not a VSIC section: no bit


async def test_events_need_the_current_version_and_are_audited(pool: asyncpg.Pool) -> None:
    business_id, reviewer = await load_out_of_order(pool)
    version = (await get_business(pool, business_id))["version"]
    event = EventIn(
        kind="suspension", from_=dt.date(2025, 2, 1), to=dt.date(2025, 8, 1), expected_version=version
    )
    async with pool.acquire() as conn, conn.transaction():
        done = await record_event(conn, business_id, event, reviewer)
    assert done.version == version + 1 and len(done.version_ids) == 2
    assert (await get_business(pool, business_id, dt.date(2025, 3, 1)))["version_status"] == "suspended"
    assert (await get_business(pool, business_id, dt.date(2025, 9, 1)))["version_status"] == "active"
    with pytest.raises(ConflictError):
        async with pool.acquire() as conn, conn.transaction():
            await record_event(conn, business_id, event, reviewer)
    audit = await pool.fetch(
        "select action, detail from audit_log where entity = 'business' and entity_id = $1 order by id",
        str(business_id),
    )
    assert audit[-1]["action"] == "register.event.suspension"
    assert audit[-1]["detail"]["old"]["version"] == version
    assert [a["action"] for a in audit[:4]] == ["register.create"] + ["register.amend"] * 3


async def seed_shops(pool: asyncpg.Pool) -> dict[str, int]:
    """Four shops (three in Hải Châu, one in Thanh Khê; one a restaurant) and their ids by name."""
    reviewer = (await create_user(pool, "rev", Role.REVIEWER, "correct horse battery", "Rev")).id
    shops = [
        ("Cửa hàng điện thoại Kiều", "32A8000001", "Phường Hải Châu", "4741"),
        ("Tạp hóa Thái", "32A8000002", "Phường Hải Châu", "4711"),
        ("Quán ăn Thảo", "32A8000003", "Phường Hải Châu", "5610"),
        ("Bánh mì Thắm", "32A8000004", "Phường Thanh Khê", "4711"),
    ]
    ids = {}
    for key, (name, number, ward, code) in enumerate(shops, start=100):
        res = await approve(
            pool,
            reviewer,
            key,
            certificate(
                None,
                D0,
                business_name=name,
                registration_number=number,
                address=f"Số {key} Lê Lợi, {ward}, Thành phố Đà Nẵng",
                business_lines=[BusinessLine(code, "x")],
                owner=Person(full_name=f"Lê Văn {key}", id_number=f"048185000{key}"),
                members=[],
            ),
        )
        ids[name] = res.business_id
    return ids


async def test_search_restores_a_left_out_letter_even_when_the_typo_is_a_word(pool: asyncpg.Pool) -> None:
    ids = await seed_shops(pool)
    # "thai" is a word of the register (Tạp hóa Thái); the shop is "điện thoại": one letter left out
    page = await search_businesses(pool, q="CỬA HÀNG ĐIỆN THẠI KIỀU")
    assert [i["id"] for i in page["items"]] == [ids["Cửa hàng điện thoại Kiều"]]
    assert "thoai" in page["corrected"][3]
    # a house number in the query is not taken for the typo (it stopped known words being widened)
    page = await search_businesses(pool, q="cua hang dien thai kieu 100")
    assert [i["id"] for i in page["items"]] == [ids["Cửa hàng điện thoại Kiều"]]
    # whole words: "tha" starts thai/thao/tham only as the last word (typed as it goes); elsewhere it
    # is a typo, found by the correction path
    direct = await search_businesses(pool, q="le loi tha")
    assert len(direct["items"]) == 4 and direct["corrected"] is None  # thai, thao, tham, thanh (pho)
    assert (await search_businesses(pool, q="tha le loi"))["corrected"] is not None


async def test_list_pages_filters_and_counts(pool: asyncpg.Pool) -> None:
    ids = await seed_shops(pool)
    names = sorted(ids)
    page = await search_businesses(pool, limit=2, offset=1)
    assert [i["business_name"] for i in page["items"]] == names[1:3]
    assert (page["total"], page["total_capped"]) == (4, False)
    commune = (await search_businesses(pool, q="quan an thao"))["items"][0]["commune_code"]
    in_commune = await search_businesses(pool, commune=commune, limit=1, offset=2)
    assert in_commune["total"] == 3 and len(in_commune["items"]) == 1
    assert (await search_businesses(pool, section="G", limit=1, offset=1))["total"] == 3
    assert (await search_businesses(pool, section="I"))["items"][0]["id"] == ids["Quán ăn Thảo"]
    past_the_end = await search_businesses(pool, status="active", offset=10)
    assert past_the_end["items"] == [] and past_the_end["total"] == 4
    searched_past_the_end = await search_businesses(pool, q="le loi", offset=10)
    assert searched_past_the_end["items"] == [] and searched_past_the_end["total"] == 4


async def test_a_suspension_ends_on_its_last_day_with_its_note_and_a_future_one_is_scheduled(
    pool: asyncpg.Pool,
) -> None:
    """'Tạm ngừng đến ngày 31/12' is suspended on 31/12 and active on 1/1; the note shows in the
    history; a resumption that has not happened yet is marked as scheduled."""
    business_id, reviewer = await load_out_of_order(pool)
    version = (await get_business(pool, business_id))["version"]
    event = EventIn(kind="suspension", from_=dt.date(2025, 10, 1), to=dt.date(2025, 12, 31),
                    note="Đơn xin tạm ngừng số 12/ĐN", expected_version=version)  # fmt: skip
    async with pool.acquire() as conn, conn.transaction():
        await record_event(conn, business_id, event, reviewer)
    assert (await get_business(pool, business_id, dt.date(2025, 12, 31)))["version_status"] == "suspended"
    assert (await get_business(pool, business_id, dt.date(2026, 1, 1)))["version_status"] == "active"
    history = await business_history(pool, business_id, today=dt.date(2025, 11, 15))
    suspension = next(i for i in history["items"] if i["kind"] == "suspension")
    assert suspension["valid_until"] == dt.date(2025, 12, 31)
    assert suspension["note"] == "Đơn xin tạm ngừng số 12/ĐN" and not suspension["scheduled"]
    resumption = next(i for i in history["items"] if i["kind"] == "resumption")
    assert resumption["effective_on"] == dt.date(2026, 1, 1) and resumption["scheduled"]
    one_day = EventIn(kind="suspension", from_=dt.date(2026, 3, 2), to=dt.date(2026, 3, 2),
                      expected_version=(await get_business(pool, business_id))["version"])  # fmt: skip
    async with pool.acquire() as conn, conn.transaction():
        await record_event(conn, business_id, one_day, reviewer)  # a one-day suspension is allowed
    assert (await get_business(pool, business_id, dt.date(2026, 3, 2)))["version_status"] == "suspended"
    assert (await get_business(pool, business_id, dt.date(2026, 3, 3)))["version_status"] == "active"
