"""A small register for the planner's tests: ten businesses through the real approval path, four of
them known only from an amendment certificate (most of the real backlog), in communes written in
both schemes (a pre-2025 address on a 2021 form, a 2025 address on a 2025 form)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import asyncpg

from schemas.record import BusinessLine, Extraction, Layout, Person, Record
from service.register import apply_extraction

D = dt.date
DA_BAC_OLD = "Tổ 3, Thị trấn Đà Bắc, Huyện Đà Bắc, Tỉnh Hoà Bình"  # pre-2025: now Xã Đà Bắc, Phú Thọ
DA_BAC_NEW = "Tổ 5, Xã Đà Bắc, Tỉnh Phú Thọ"
HAI_CHAU_OLD = "Số 12 Lê Lợi, Phường Thạch Thang, Quận Hải Châu, Thành phố Đà Nẵng"  # now Phường Hải Châu
HAI_CHAU_NEW = "Số 40 Bạch Đằng, Phường Hải Châu, Thành phố Đà Nẵng"

# name, address, layout, first registration printed, amendment number (None: a first registration),
# amendment date, VSIC code of the main line
SHOPS: list[tuple[str, str, Layout, dt.date, int | None, dt.date | None, str]] = [
    ("Tạp hóa Bình Minh", DA_BAC_OLD, Layout.ERA_2021, D(2023, 1, 9), None, None, "4711"),
    ("Quán cơm Hương Quê", DA_BAC_OLD, Layout.ERA_2021, D(2023, 3, 2), 2, D(2024, 2, 1), "5610"),
    ("Tiệm may Thu Hà", DA_BAC_NEW, Layout.ERA_2025, D(2023, 3, 20), None, None, "1410"),
    ("Sửa xe Tuấn", DA_BAC_NEW, Layout.ERA_2025, D(2023, 6, 11), 1, D(2025, 8, 4), "4520"),
    ("Cà phê Phố Cổ", HAI_CHAU_OLD, Layout.ERA_2021, D(2023, 6, 30), None, None, "5630"),
    ("Nhà thuốc An Khang", HAI_CHAU_OLD, Layout.ERA_2021, D(2023, 9, 1), 3, D(2024, 11, 5), "4772"),
    ("Bánh mì Cô Ba", HAI_CHAU_NEW, Layout.ERA_2025, D(2024, 1, 15), None, None, "5610"),
    ("Điện thoại Minh Tâm", HAI_CHAU_NEW, Layout.ERA_2025, D(2024, 1, 16), 1, D(2025, 9, 9), "4741"),
    ("Hoa tươi Ngọc Lan", HAI_CHAU_NEW, Layout.ERA_2025, D(2024, 5, 2), None, None, "4773"),
    ("Văn phòng phẩm Hồng", DA_BAC_NEW, Layout.ERA_2025, D(2024, 5, 28), None, None, "4761"),
]
ONLY_AMENDMENTS = [shop[0] for shop in SHOPS if shop[4] is not None]


def shop_extraction(i: int) -> Extraction:
    name, address, layout, first, number, amended, code = SHOPS[i]
    record = Record(
        registration_number=f"32A80{i:05d}",
        first_registered_on=first,
        amendment_number=number,
        amended_on=amended,
        business_name=name,
        address=address,
        business_lines=[BusinessLine(code, "Ngành nghề")],
        capital_vnd=10_000_000 * (i + 1),
        owner=Person(full_name=f"Chủ hộ {i}", birth_date=D(1980, 1, 1 + i), id_number=f"0481850{i:05d}"),
    )
    return Extraction(file=f"shop{i}.jpg", pages=1, layout=layout, record=record)


async def seed_shops(pool: asyncpg.Pool, reviewer_id: int) -> dict[str, int]:
    """The ten shops approved into the register; {business name: business id}."""
    ids: dict[str, int] = {}
    for i in range(len(SHOPS)):
        async with pool.acquire() as conn, conn.transaction():
            sha = hashlib.sha256(f"shop{i}".encode()).hexdigest()
            doc = await conn.fetchval(
                "insert into documents (sha256, media_type, size_bytes, page_count)"
                " values ($1, 'image/jpeg', 1, 1) returning id",
                sha,
            )
            result = await apply_extraction(
                conn, shop_extraction(i), document_id=doc, approved_by=reviewer_id, business_id=None
            )
        assert result.business_id is not None, result
        ids[SHOPS[i][0]] = result.business_id
    return ids


def expected(name: str) -> dict[str, Any]:
    shop = next(s for s in SHOPS if s[0] == name)
    return {"first_registered_on": shop[3], "amendments": shop[4] or 0}
