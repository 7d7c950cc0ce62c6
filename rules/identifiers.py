"""Structure rules of the identifiers printed on certificates: personal ID numbers, tax codes,
registration numbers, phone numbers, e-mail. Pure functions shared by extraction (to score OCR
confidence) and validation (to report findings); each returns problem codes, never messages.

- 12-digit personal ID (CCCD / số định danh cá nhân) `PPP G YY RRRRRR`: PPP = province of birth
  registration (cccd_province_codes.csv), G = sex and century (0/1 male/female born 1900–1999, 2/3
  2000–2099, 4/5 2100s, 6/7 2200s, 8/9 1800s), YY = last two digits of the birth year. No checksum.
- Tax code (mã số thuế): 10 digits, last one a check digit with weights 31,29,23,19,17,13,7,5,3
  (check = 10 − Σ mod 11; a sum giving 10 is never issued), optionally "-NNN" for a dependent unit.
- Registration number per era: 2015 `PPL8NNNNNN` (2-digit province, district letter, 8 = household
  business, 6-digit serial); 2021 the tax code or the old number; 2025 the owner's 12-digit ID.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

import msgspec

from schemas.reference import load_cccd_prefixes, load_landline_area_codes

__all__ = [
    "IdProblem",
    "PersonalId",
    "PhoneKind",
    "RegistrationKind",
    "check_personal_id",
    "classify_phone",
    "classify_registration_number",
    "decode_personal_id",
    "is_pre2017_landline",
    "is_valid_email",
    "is_valid_tax_code",
    "normalize_phone",
    "sex_century_digit",
    "tax_code_check_digit",
]

_CENTURY_OF_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_CODE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")
_OLD_REGISTRATION = re.compile(r"^\d{2}[A-Z]8\d{6}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
# Mobile prefixes renumbered from 11 to 10 digits in 2018 (old 4-digit prefix → new 3-digit one).
OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0162": "032", "0163": "033",
    "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip


class IdProblem(StrEnum):
    """What can be wrong with a personal ID number, as finding-code suffixes."""

    NOT_DIGITS = "not_digits"
    LENGTH = "length"
    PROVINCE_UNKNOWN = "province_unknown"
    GENDER_MISMATCH = "gender_mismatch"
    CENTURY_MISMATCH = "century_mismatch"
    BIRTH_YEAR_MISMATCH = "birth_year_mismatch"


class PersonalId(msgspec.Struct, frozen=True):
    """A decoded 12-digit personal ID number."""

    number: str
    province_prefix: str
    gender: str  # "Nam" | "Nữ"
    century: int  # 1900 for a G digit of 0/1
    year_digits: str
    serial: str

    @property
    def birth_year(self) -> int:
        return self.century + int(self.year_digits)


def decode_personal_id(number: str) -> PersonalId | None:
    """Split a 12-digit number into its parts; None if it is not 12 digits."""
    if len(number) != 12 or not number.isdigit():
        return None
    g = int(number[3])
    return PersonalId(
        number=number,
        province_prefix=number[:3],
        gender="Nữ" if g % 2 else "Nam",
        century=_CENTURY_OF_DIGIT[g],
        year_digits=number[4:6],
        serial=number[6:],
    )


def sex_century_digit(gender: str, birth_year: int) -> int | None:
    """The G digit a person of this gender ("Nam"/"Nữ") and birth year must have; None if unknown."""
    female = {"nam": 0, "nữ": 1, "nu": 1}.get(gender.strip().lower())
    if female is None or not 1800 <= birth_year <= 2299:
        return None
    base = {1800: 8, 1900: 0, 2000: 2, 2100: 4, 2200: 6}[birth_year // 100 * 100]
    return base + female


def check_personal_id(
    number: str, gender: str | None = None, birth_date: dt.date | None = None
) -> list[IdProblem]:
    """Problems of an ID number given the holder's gender and birth date (either may be unknown).
    9 digits is an old CMND (no structure to check); 12 digits is checked fully."""
    if not number.isdigit():
        return [IdProblem.NOT_DIGITS]
    if len(number) == 9:
        return []
    decoded = decode_personal_id(number)
    if decoded is None:
        return [IdProblem.LENGTH]
    problems = []
    if decoded.province_prefix not in load_cccd_prefixes():
        problems.append(IdProblem.PROVINCE_UNKNOWN)
    if gender and gender.strip().lower() in ("nam", "nữ", "nu") and decoded.gender != _gender_label(gender):
        problems.append(IdProblem.GENDER_MISMATCH)
    if birth_date is not None:
        if decoded.century != birth_date.year // 100 * 100:
            problems.append(IdProblem.CENTURY_MISMATCH)
        if decoded.year_digits != f"{birth_date.year % 100:02d}":
            problems.append(IdProblem.BIRTH_YEAR_MISMATCH)
    return problems


def _gender_label(gender: str) -> str:
    return "Nam" if gender.strip().lower() == "nam" else "Nữ"


def tax_code_check_digit(first_nine: str) -> int | None:
    """The 10th digit of a tax code starting with these 9 digits; None if no code can start so."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        return None
    check = 10 - sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True)) % 11
    return None if check == 10 else check


def is_valid_tax_code(code: str) -> bool:
    """10 digits with a correct check digit, optionally followed by "-NNN" (001–999)."""
    match = _TAX_CODE.match(code.strip())
    if not match:
        return False
    base, suffix = match.groups()
    if suffix == "000":
        return False
    return tax_code_check_digit(base[:9]) == int(base[9])


class RegistrationKind(StrEnum):
    OLD_NUMBER = "old_number"  # PPL8NNNNNN (2015-era, still valid on 2021-era forms)
    TAX_CODE = "tax_code"  # 10 or 10-3 digits with a valid check digit
    PERSONAL_ID = "personal_id"  # 12 digits (2025-era forms)


def classify_registration_number(number: str) -> RegistrationKind | None:
    """Which identifier format a registration number (without dots/spaces) has; None if none fits."""
    value = re.sub(r"[.\s]", "", number).upper()  # printed "12.A8.018999" is 12A8018999
    if _OLD_REGISTRATION.match(value):
        return RegistrationKind.OLD_NUMBER
    if len(value) == 12 and value.isdigit():
        return RegistrationKind.PERSONAL_ID
    if is_valid_tax_code(value):
        return RegistrationKind.TAX_CODE
    return None


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"
    OLD_MOBILE = "old_mobile"  # 11-digit mobile number from before the 2018 renumbering


def normalize_phone(phone: str) -> str:
    """Digits only, with +84/84 turned into the domestic leading 0."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def classify_phone(phone: str) -> PhoneKind | None:
    """Mobile (10 digits, 03/05/07/08/09), landline (0 + area code from the 2017 table, 11 digits)
    or pre-2018 mobile; None if the number fits none of them."""
    digits = normalize_phone(phone)
    if len(digits) == 10 and digits[:2] in MOBILE_PREFIXES:
        return PhoneKind.MOBILE
    if len(digits) == 11 and digits[:4] in OLD_MOBILE_PREFIXES:
        return PhoneKind.OLD_MOBILE
    if len(digits) == 11:
        codes = load_landline_area_codes()
        if digits[:3] in codes or digits[:4] in codes:
            return PhoneKind.LANDLINE
    return None


def is_pre2017_landline(phone: str) -> bool:
    """Shaped like a landline number from before the 2017 area-code change (04 xxxx xxxx for Hà Nội,
    0511 xxx xxxx for Đà Nẵng, …): 10–11 digits starting 02–08. The old code table is not shipped,
    so this only says the shape fits; 2015-era certificates may legitimately print such numbers."""
    digits = normalize_phone(phone)
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "2345678"


def is_valid_email(email: str) -> bool:
    """A plausible address (one @, a dotted domain with a letter TLD); no DNS lookup."""
    return bool(_EMAIL.match(email.strip()))
