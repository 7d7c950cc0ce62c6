"""One certificate's content: the ground-truth `Record` plus what is printed but not recorded.

Dates follow the eras: a 2015-era certificate was issued 07/2015–12/2020, a 2021-era one 01/2021–06/2025
(first registration on that form, or an older business amended then), a 2025-era one from 07/2025
(issued by the commune). Every value is already normalised the way the record contract wants it.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import msgspec

from samples import business, header_print, people, places
from samples.refdata import (
    Commune,
    IdPrefix,
    load_id_prefixes,
    load_landline_prefixes,
    load_province_area_codes_2025,
)
from samples.trade_content import widen_lines
from schemas.record import Member, Person, Record

ERA_WINDOWS = {
    "2015": (dt.date(2015, 7, 1), dt.date(2020, 12, 31)),
    "2021": (dt.date(2021, 1, 4), dt.date(2025, 6, 30)),
    "2025": (dt.date(2025, 7, 1), dt.date(2026, 10, 31)),
}
OLDEST_FIRST_REGISTRATION = dt.date(2008, 1, 1)
SIGNER_TITLES = (("TRƯỞNG PHÒNG",), ("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"))


class Certificate(msgspec.Struct):
    """Ground truth plus the printed-only parts (header lines, signer, founding subject)."""

    layout: str
    record: Record
    office: str  # "PHÒNG TÀI CHÍNH - KẾ HOẠCH"
    committee: str  # "ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH"
    place_name: str  # for the "Quận Ba Đình, ngày … tháng … năm …" line
    signer_titles: tuple[str, ...]
    signer_name: str
    founded_by_household: bool
    variant: str = (
        "standard"  # "tt68": the Circular 68/2025 wording (Số định danh cá nhân, no card type/date)
    )
    committee_head: str = header_print.COMMITTEE_FULL  # as printed: "UBND", "UỶ BAN NHÂN DÂN"

    @property
    def committee_printed(self) -> str:
        """The committee line as printed: 'UBND QUẬN BA ĐÌNH' when the head is abbreviated."""
        return f"{self.committee_head} {self.committee.partition(header_print.COMMITTEE_FULL + ' ')[2]}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def make_dates(rng: random.Random, era: str) -> tuple[dt.date, int | None, dt.date | None]:
    """(first registration, amendment number, amendment date) inside the era's window."""
    start, end = ERA_WINDOWS[era]
    older_business = era != "2015" and rng.random() < 0.35
    if older_business:
        first = people.random_date(rng, OLDEST_FIRST_REGISTRATION, start - dt.timedelta(days=30))
        return first, rng.randint(1, 6), people.random_date(rng, start, end)
    first = people.random_date(rng, start, end)
    if rng.random() < 0.35 and (end - first).days > 60:
        return first, rng.randint(1, 4), people.random_date(rng, first + dt.timedelta(days=30), end)
    return first, None, None


def prefix_for(rng: random.Random, commune: Commune, era: str) -> IdPrefix:
    """An ID prefix of the person's home province (2025 provinces cover several old prefixes)."""
    prefixes = load_id_prefixes()
    if era == "2025":
        matching = [p for p in prefixes if p.province_code_2025 == commune.province_code]
    else:
        matching = [p for p in prefixes if p.prefix == "0" + commune.province_code]
    return rng.choice(matching or list(prefixes))


def make_person(rng: random.Random, era: str, cert_date: dt.date, home: Commune, gender: str, surname: str | None = None,
                min_age: int = 20) -> tuple[Person, IdPrefix]:  # fmt: skip
    """An adult with an ID card valid at `cert_date`, living in `home`."""
    birth = people.make_birth_date(rng, cert_date, min_age=min_age)
    prefix = prefix_for(rng, home, era) if rng.random() < 0.8 else rng.choice(load_id_prefixes())
    id_type, id_number, issued_on, issued_by = people.make_identity(
        rng, era, cert_date, birth, gender, prefix
    )
    permanent = places.make_address(rng, home)
    current = permanent
    if rng.random() < 0.4:
        current = places.make_address(rng, places.pick_commune(rng, era, near=home))
    person = Person(
        full_name=people.make_name(rng, gender, surname),
        gender=gender,
        birth_date=birth,
        ethnicity=people.pick_weighted(rng, people.ETHNICITIES),
        nationality="Việt Nam",
        id_type=id_type,
        id_number=id_number,
        id_issued_on=issued_on,
        id_issued_by=issued_by,
        permanent_address=permanent,
        current_address=current,
    )
    return person, prefix


def make_members(
    rng: random.Random, era: str, cert_date: dt.date, home: Commune, surname: str
) -> list[Member]:
    """One to three adult household members who co-founded the business."""
    members = []
    for _ in range(rng.randint(1, 3)):
        gender = rng.choice(("Nam", "Nữ"))
        person, _ = make_person(
            rng, era, cert_date, home, gender, surname if rng.random() < 0.6 else None, min_age=18
        )
        members.append(Member(person.full_name, person.birth_date, person.gender, person.id_number))
    return members


def make_authority(rng: random.Random, era: str, commune: Commune) -> tuple[str, str, str]:
    """(office, committee, place name): district office before 07/2025, commune office after."""
    if era == "2025":
        office = "PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ" if commune.name.startswith("Phường") else "PHÒNG KINH TẾ"
        return office, "ỦY BAN NHÂN DÂN " + commune.name.upper(), commune.name
    district = commune.district or commune.province
    office = rng.choice(("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH", "PHÒNG KINH TẾ"))
    if district.startswith("Quận") or district.startswith("Thành phố") or district.startswith("Thị xã"):
        office = "PHÒNG TÀI CHÍNH - KẾ HOẠCH"
    return office, "ỦY BAN NHÂN DÂN " + district.upper(), district


def make_phone(rng: random.Random, era: str, commune: Commune) -> str | None:
    if rng.random() < 0.12:
        return None
    if rng.random() < 0.8:
        return business.make_mobile(rng)
    areas = load_province_area_codes_2025() if era == "2025" else load_landline_prefixes()
    return business.make_landline(rng, areas.get(commune.province_code, "024"))


def make_certificate(rng: random.Random, era: str, *, with_members: bool | None = None) -> Certificate:
    """Everything one certificate says, consistent across fields (`with_members` forces the members table)."""
    first, amendment, amended = make_dates(rng, era)
    cert_date = amended or first
    commune = places.pick_commune(rng, era)
    home = places.pick_commune(rng, era, near=commune)
    gender = rng.choice(("Nam", "Nữ"))
    owner, _ = make_person(rng, era, cert_date, home, gender)
    assert owner.full_name is not None and owner.birth_date is not None and owner.id_number is not None
    full_name, birth_year = owner.full_name.upper(), owner.birth_date.year
    owner = msgspec.structs.replace(owner, full_name=full_name)
    variant = "tt68" if era == "2025" and rng.random() < 0.5 else "standard"
    if variant == "tt68":
        owner = msgspec.structs.replace(owner, id_type=None, id_issued_on=None, id_issued_by=None)
    elif era == "2025" and rng.random() < 0.4:
        owner = msgspec.structs.replace(owner, id_issued_on=None, id_issued_by=None)
    given = full_name.split()[-1]
    name, lines = business.make_business(rng, era, full_name, given)
    lines = widen_lines(name, era, lines)
    name = header_print.loanword_name(rng, name)
    by_household = rng.random() < 0.25
    if with_members is not None:
        by_household = with_members
    surname = full_name.split()[0].title()
    members = make_members(rng, era, cert_date, home, surname) if by_household else []
    if era == "2025":
        number = owner.id_number
    elif era == "2021" and rng.random() < 0.9:
        number = business.make_tax_code(rng)
    else:
        number = business.make_number_2015(rng, commune.province_code)
    office, committee, place_name = make_authority(rng, era, commune)
    head = header_print.committee_head(rng)
    printed_committee = f"{head} {committee.partition(header_print.COMMITTEE_FULL + ' ')[2]}"
    record = Record(
        registration_number=number,
        first_registered_on=first,
        amendment_number=amendment,
        amended_on=amended,
        issuing_authority=f"{office}, {printed_committee}",
        business_name=name,
        address=places.make_address(rng, commune),
        phone=make_phone(rng, era, commune),
        fax=None,
        email=business.make_email(rng, full_name, birth_year) if rng.random() < 0.25 else None,
        website=None,
        business_lines=lines,
        capital_vnd=business.make_capital(rng),
        employees=rng.randint(1, 12) if rng.random() < 0.4 else None,
        owner=owner,
        members=members,
    )
    signer = people.make_name(rng, rng.choice(("Nam", "Nữ")))
    titles = rng.choice(SIGNER_TITLES)
    return Certificate(
        era, record, office, committee, place_name, titles, signer, by_household, variant, head
    )
