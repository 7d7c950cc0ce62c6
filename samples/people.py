"""Vietnamese people as certificates print them: names, birth dates, ID numbers and who issued them.

A 12-digit personal ID is `PPP G YY RRRRRR`: province prefix, a digit for sex and century (0/1 male/female
born 1900s, 2/3 2000s), the last two digits of the birth year, six random digits. The old CMND has
9 digits. Issue dates fall between the 14th birthday and the certificate's date, and inside the
years each card kind was issued.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.refdata import IdPrefix

SURNAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4),
    ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1),
    ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Đoàn", 1), ("Lương", 1), ("Mai", 1), ("Cao", 1),
    ("Lâm", 1), ("Tạ", 1), ("Quách", 1), ("Châu", 1), ("Kiều", 1),
)  # fmt: skip
MIDDLE_MALE = ("Văn", "Văn", "Văn", "Hữu", "Minh", "Đức", "Quốc", "Công", "Thành", "Xuân", "Đình",
               "Ngọc", "Quang", "Thanh", "Hoàng", "Tuấn", "Gia", "Trọng", "Bá", "Anh")  # fmt: skip
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Mỹ", "Thùy",
                 "Hồng", "Phương", "Bích", "Khánh", "Diệu", "Lệ", "Tuyết")  # fmt: skip
GIVEN_MALE = ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Hưng", "Khải", "Khoa", "Lâm",
              "Long", "Minh", "Nam", "Nghĩa", "Ngữ", "Phong", "Phúc", "Quân", "Quý", "Sơn", "Tài",
              "Thắng", "Thành", "Thịnh", "Trung", "Tuấn", "Việt", "Vinh", "Vũ", "Hưởng", "Lũy",
              "Tưởng", "Khiêm", "Quyết", "Nguyên", "Duy", "Lộc", "Toàn", "Đông", "Hiếu", "Huỳnh",
              "Kiên", "Mạnh", "Nhật", "Quốc", "Thuận", "Tiến", "Trường", "Ước", "Xuyên")  # fmt: skip
GIVEN_FEMALE = ("Anh", "Bích", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh",
                "Hiền", "Hoa", "Hồng", "Hương", "Hường", "Huyền", "Lan", "Liên", "Linh", "Loan",
                "Mai", "My", "Nga", "Ngân", "Ngọc", "Nguyệt", "Nhung", "Oanh", "Phương", "Quyên",
                "Quỳnh", "Thảo", "Thơm", "Thuỷ", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân",
                "Yến", "Hưởng", "Ngữ", "Nhàn", "Lụa", "Điệp", "Huệ", "Thắm", "Kiều", "Ánh")  # fmt: skip
ETHNICITIES = (("Kinh", 88), ("Tày", 2), ("Thái", 2), ("Mường", 2), ("Khmer", 2), ("Hoa", 2),
               ("Nùng", 1), ("H'Mông", 1), ("Dao", 1), ("Ê Đê", 1), ("Chăm", 1))  # fmt: skip

CMND_END = dt.date(2021, 6, 30)
CCCD_START = dt.date(2016, 1, 1)
CCCD_OFFICE_CHANGE = dt.date(2021, 7, 1)
CAN_CUOC_START = dt.date(2024, 7, 1)


def pick_weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def make_name(rng: random.Random, gender: str, surname: str | None = None) -> str:
    """Họ + tên đệm + tên, title case ("Nguyễn Thị Thuỷ"); sometimes two middle names."""
    family = surname or pick_weighted(rng, SURNAMES)
    middles = MIDDLE_MALE if gender == "Nam" else MIDDLE_FEMALE
    given = rng.choice(GIVEN_MALE if gender == "Nam" else GIVEN_FEMALE)
    parts = [family, rng.choice(middles)]
    if rng.random() < 0.15:
        parts.append(rng.choice(("Ngọc", "Minh", "Thanh", "Hoài", "Bảo", "Xuân")))
    return " ".join([*parts, given])


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniform date in [start, end]; `end` wins when the range is empty."""
    span = (end - start).days
    return end if span <= 0 else start + dt.timedelta(days=rng.randint(0, span))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def make_id12(rng: random.Random, prefix: str, gender: str, birth: dt.date) -> str:
    """`PPP G YY RRRRRR` with G from sex and century (even = male)."""
    century_digit = (birth.year // 100 - 19) * 2 + (1 if gender == "Nữ" else 0)
    return f"{prefix}{century_digit}{birth.year % 100:02d}{rng.randint(0, 999_999):06d}"


def make_cmnd(rng: random.Random) -> str:
    """Old 9-digit CMND number."""
    return f"{rng.randint(1, 38):02d}{rng.randint(0, 9_999_999):07d}"


def choose_id_type(rng: random.Random, era: str, cert_date: dt.date, birth: dt.date) -> str:
    """The card a person would have shown at `cert_date`."""
    adult_at = add_years(birth, 14)
    if era == "2025":
        can_new = cert_date >= CAN_CUOC_START and rng.random() < 0.5
        return "Thẻ căn cước" if can_new else "Căn cước công dân"
    can_cccd = cert_date >= max(CCCD_START, adult_at) + dt.timedelta(days=30)
    share_cccd = 0.3 if era == "2015" else 0.85
    return "Căn cước công dân" if can_cccd and rng.random() < share_cccd else "Chứng minh nhân dân"


def issue_window(id_type: str, cert_date: dt.date, birth: dt.date) -> tuple[dt.date, dt.date]:
    """Earliest and latest plausible issue date of that card kind."""
    earliest = add_years(birth, 14)
    latest = cert_date
    if id_type == "Chứng minh nhân dân":
        earliest = max(earliest, add_years(cert_date, -15), dt.date(1990, 1, 1))
        latest = min(latest, CMND_END)
    elif id_type == "Căn cước công dân":
        earliest = max(earliest, CCCD_START)
        latest = min(latest, CAN_CUOC_START - dt.timedelta(days=1))
    else:
        earliest = max(earliest, CAN_CUOC_START)
    return earliest, latest


def issuing_office(id_type: str, issued: dt.date, province: str) -> str:
    """Who signs that card, by kind and date."""
    if id_type == "Chứng minh nhân dân":
        kind, _, place = province.partition(" ")
        if kind == "Thành":  # "Thành phố Hà Nội"
            return "Công an thành phố " + province.removeprefix("Thành phố ")
        return "Công an tỉnh " + place
    if id_type == "Thẻ căn cước":
        return "Bộ Công an"
    if issued < CCCD_OFFICE_CHANGE:
        return "Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư"
    return "Cục Cảnh sát quản lý hành chính về trật tự xã hội"


def make_identity(
    rng: random.Random, era: str, cert_date: dt.date, birth: dt.date, gender: str, prefix: IdPrefix
) -> tuple[str, str, dt.date, str]:
    """(id_type, id_number, issued_on, issued_by) consistent with sex, birth and the certificate date."""
    id_type = choose_id_type(rng, era, cert_date, birth)
    earliest, latest = issue_window(id_type, cert_date, birth)
    issued = random_date(rng, earliest, latest)
    number = (
        make_cmnd(rng) if id_type == "Chứng minh nhân dân" else make_id12(rng, prefix.prefix, gender, birth)
    )
    return id_type, number, issued, issuing_office(id_type, issued, prefix.province)


def make_birth_date(rng: random.Random, cert_date: dt.date, min_age: int = 20, max_age: int = 68) -> dt.date:
    return random_date(rng, add_years(cert_date, -max_age), add_years(cert_date, -min_age))
