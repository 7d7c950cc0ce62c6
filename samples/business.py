"""The business itself: name, lines of business (VSIC), capital, registration number, phone and email.

Registration numbers per era: 2015 `PPL8NNNNNN` (province digits, a district letter, 8 = household
business, sequence); 2021 a 10-digit tax code with its check digit, sometimes `-NNN`; 2025 the owner's
12-digit ID number.
"""

from __future__ import annotations

import random
import unicodedata

from samples.refdata import load_vsic
from schemas.record import BusinessLine

TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

# (name template, main VSIC level-4 code, free-text line used on some 2015-era certificates)
KINDS = (
    ("CỬA HÀNG TẠP HÓA {n}", "4711", "Bán tạp hóa, nước giải khát"),
    ("TẠP HÓA {n}", "4719", "Mua bán hàng tạp hóa"),
    ("QUÁN CÀ PHÊ {n}", "5630", "Kinh doanh cà phê, giải khát"),
    ("QUÁN ĂN {n}", "5610", "Kinh doanh dịch vụ ăn uống"),
    ("QUÁN PHỞ {n}", "5610", "Bán phở, bún, cháo"),
    ("CƠM BÌNH DÂN {n}", "5610", "Kinh doanh cơm bình dân"),
    ("TIỆM TÓC {n}", "9631", "Cắt tóc, gội đầu"),
    ("CỬA HÀNG ĐIỆN THOẠI {n}", "4741", "Mua bán, sửa chữa điện thoại di động"),
    ("SỬA XE {n}", "4542", "Sửa chữa xe máy, xe đạp"),
    ("CỬA HÀNG VẬT LIỆU XÂY DỰNG {n}", "4752", "Mua bán vật liệu xây dựng"),
    ("CỬA HÀNG ĐIỆN MÁY {n}", "4759", "Mua bán đồ điện gia dụng"),
    ("SHOP THỜI TRANG {n}", "4771", "Mua bán quần áo, giày dép"),
    ("NHÀ NGHỈ {n}", "5510", "Kinh doanh nhà nghỉ"),
    ("TIỆM BÁNH {n}", "1071", "Sản xuất, mua bán bánh ngọt"),
    ("CƠ SỞ MAY {n}", "1410", "May mặc gia công"),
    ("PHOTOCOPY {n}", "1811", "In ấn, photocopy"),
    ("VĂN PHÒNG PHẨM {n}", "4761", "Mua bán văn phòng phẩm, sách vở"),
    ("QUẦY THUỐC {n}", "4772", "Bán lẻ thuốc tân dược"),
    ("ĐẠI LÝ NÔNG SẢN {n}", "4620", "Thu mua nông sản"),
    ("CỬA HÀNG THỨC ĂN CHĂN NUÔI {n}", "4773", "Mua bán thức ăn chăn nuôi, phân bón"),
    ("GIẶT ỦI {n}", "9620", "Dịch vụ giặt là"),
    ("HỘ KINH DOANH {n}", "4722", "Bán lẻ thực phẩm"),
)
EXTRA_CODES = ("4711", "4719", "4722", "4723", "4724", "5610", "5621", "5630", "4741", "4752", "4759",
               "4771", "4772", "4773", "4530", "4542", "9522", "9631", "9620", "4610", "4632", "4663",
               "1079", "4933", "8299")  # fmt: skip
CODES_2025 = {"9631": "9621", "4542": "9532", "4520": "9531", "9620": "9610", "4741": "4740", "4530": "4782"}
"""VSIC 2018 codes whose activity moved to another level-4 code in VSIC 2025."""
CAPITAL_STEPS = (5_000_000, 10_000_000, 20_000_000, 50_000_000, 100_000_000)
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076",
                   "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090",
                   "091", "093", "094", "096", "097", "098", "099")  # fmt: skip
MAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "yahoo.com.vn", "outlook.com")


def tax_check_digit(first9: str) -> int | None:
    """Check digit of a 10-digit tax code; None where the rule gives 10 (such codes are never issued)."""
    check = 10 - sum(int(d) * w for d, w in zip(first9, TAX_WEIGHTS, strict=True)) % 11
    return None if check == 10 else check


def make_tax_code(rng: random.Random) -> str:
    """A valid 10-digit tax code (household businesses mostly start with 8), sometimes with `-NNN`."""
    while True:
        first9 = "8" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        check = tax_check_digit(first9)
        if check is not None:
            break
    code = f"{first9}{check}"
    return f"{code}-{rng.randint(1, 9):03d}" if rng.random() < 0.25 else code


def make_number_2015(rng: random.Random, province_code: str) -> str:
    """`PPL8NNNNNN`: old province digits (not always GSO), a district letter, 8, six digits."""
    digits = rng.choice((province_code, province_code, f"{rng.randint(10, 99)}"))
    letter = rng.choice("ABCDEFGHKMNPQRSTUVX")
    return f"{digits}{letter}8{rng.randint(0, 999_999):06d}"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def make_email(rng: random.Random, full_name: str, birth_year: int) -> str:
    parts = strip_accents(full_name).lower().split()
    local = rng.choice(
        (parts[-1] + parts[0], parts[-1] + "." + parts[0], "".join(p[0] for p in parts[:-1]) + parts[-1])
    )
    if rng.random() < 0.7:
        local += str(birth_year % 100 if rng.random() < 0.6 else rng.randint(1, 999))
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def make_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}"


def make_landline(rng: random.Random, area: str) -> str:
    """Area code + subscriber number, 11 digits in all (e.g. 024 3826 1234, 0296 385 1234)."""
    width = 11 - len(area)
    return area + str(rng.randint(2, 3)) + f"{rng.randint(0, 10 ** (width - 1) - 1):0{width - 1}d}"


def make_capital(rng: random.Random) -> int:
    """Most household businesses declare 10 million – 1 billion đồng, in round steps."""
    step = rng.choice(CAPITAL_STEPS)
    amount = step * rng.randint(1, 20)
    if rng.random() < 0.1:
        amount += rng.choice((500_000, 1_500_000, 5_000, 250_000))
    return amount


def make_business(
    rng: random.Random, era: str, owner_name: str, given: str
) -> tuple[str, list[BusinessLine]]:
    """(business name in upper case, business lines) — lines fit the name; free text on some 2015-era."""
    template, main_code, free_text = rng.choice(KINDS)
    label = owner_name if template.startswith("HỘ KINH DOANH") or rng.random() < 0.15 else given
    name = template.format(n=label.upper())
    if era == "2015" and rng.random() < 0.35:
        lines = [BusinessLine(code=None, name=free_text)]
        if rng.random() < 0.3:
            lines.append(BusinessLine(code=None, name=rng.choice(("Bán nước giải khát", "Bán thuốc lá"))))
        return name, lines
    vsic = load_vsic("2025" if era == "2025" else "2018")
    codes = [main_code] + rng.sample(EXTRA_CODES, k=rng.choice((0, 0, 1, 1, 2, 3)))
    if era == "2025":
        codes = [CODES_2025.get(c, c) for c in codes]
    unique = [c for i, c in enumerate(codes) if c in vsic and c not in codes[:i]]
    return name, [BusinessLine(code=c, name=vsic[c]) for c in unique]
