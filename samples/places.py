"""Addresses built from real administrative units: house number/street or thôn/ấp, then the units.

Before 2025: "Số 12 Lê Lợi, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội" (xã, huyện, tỉnh).
From 07/2025: "Thôn 3, Xã Đông Sơn, Tỉnh Thanh Hóa" (xã, tỉnh; no district level).
"""

from __future__ import annotations

import random

from samples.refdata import Commune, load_communes_2025, load_communes_pre2025

STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
           "Nguyễn Trãi", "Lê Duẩn", "Phan Chu Trinh", "Hùng Vương", "Điện Biên Phủ", "Trần Phú",
           "Nguyễn Văn Cừ", "Võ Thị Sáu", "Bạch Đằng", "Ngô Quyền", "Lê Thánh Tông", "Nguyễn Du",
           "Phạm Văn Đồng", "Tôn Đức Thắng", "Hoàng Diệu", "Lạc Long Quân", "Âu Cơ", "Cách Mạng Tháng Tám",
           "Nguyễn Thị Minh Khai", "Chu Văn An", "Yết Kiêu", "Phan Đình Phùng", "Mạc Đĩnh Chi",
           "Huỳnh Thúc Kháng", "Lê Hồng Phong", "Trường Chinh", "Xô Viết Nghệ Tĩnh")  # fmt: skip
HAMLET_NAMES = ("Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Phú Lợi", "An Hòa", "Tân Lập",
                "Hòa Bình", "Đồng Tâm", "Quyết Thắng", "Bình An", "Mỹ Phước", "Long Thạnh")  # fmt: skip


def is_urban(commune: Commune) -> bool:
    return commune.name.startswith(("Phường", "Thị trấn"))


def make_street_part(rng: random.Random, commune: Commune) -> str:
    """The part before the units: street address in towns, thôn/ấp/xóm/tổ in the countryside."""
    if is_urban(commune) or rng.random() < 0.2:
        number = str(rng.randint(1, 450))
        if rng.random() < 0.25:
            number += f"/{rng.randint(1, 60)}"
        if rng.random() < 0.15:
            return f"Số {number}, ngõ {rng.randint(1, 200)}, đường {rng.choice(STREETS)}"
        prefix = rng.choice(("Số ", "Số ", "", "Số nhà "))
        street = rng.choice(STREETS)
        return f"{prefix}{number} {street}" if rng.random() < 0.6 else f"{prefix}{number} đường {street}"
    if rng.random() < 0.15:
        return f"Tổ {rng.randint(1, 30)}, khu phố {rng.randint(1, 12)}"
    south = commune.province_code.isdigit() and int(commune.province_code) >= 70
    kind = (
        rng.choice(("Ấp", "Ấp", "Khu phố", "Tổ"))
        if south
        else rng.choice(("Thôn", "Thôn", "Xóm", "Bản", "Khu"))
    )
    return f"{kind} {rng.choice(HAMLET_NAMES)}" if rng.random() < 0.5 else f"{kind} {rng.randint(1, 15)}"


def format_address(street: str, commune: Commune) -> str:
    """Street part, then commune, district (if any) and province, joined by ", "."""
    units = [commune.name, commune.district, commune.province]
    return ", ".join([street, *[u for u in units if u]])


def pick_commune(rng: random.Random, era: str, near: Commune | None = None) -> Commune:
    """A random commune of the era; with `near`, usually one in the same province."""
    pool = load_communes_2025() if era == "2025" else load_communes_pre2025()
    if near is not None and rng.random() < 0.8:
        same = [c for c in pool if c.province_code == near.province_code]
        if same:
            return rng.choice(same)
    return rng.choice(pool)


def make_address(rng: random.Random, commune: Commune) -> str:
    return format_address(make_street_part(rng, commune), commune)
