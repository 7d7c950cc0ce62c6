"""One stranger certificate: what it prints (in the form it prints it) and the truth derived from that.

The truth follows the record contract (DESIGN.md "The record contract"): the printed form is the value
(tone placement, "UBND", abbreviations, punctuation kept), `issuing_authority` is the header's office
then committee joined by ", ", `id_type` is the printed kind or the kind the ID label names, a
"Như trên" address holds the address it refers to, dates are ISO, money an integer, numbers without
dots or spaces, phone numbers digits only.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from samples.refdata import load_landline_prefixes, load_province_area_codes_2025
from samples.stranger import people, places, vocab
from samples.stranger.money import make_capital
from samples.stranger.people import Identity
from samples.stranger.trades import TradeList, make_trades, truth_lines
from schemas.record import Member, Person, Record
from schemas.vietnamese import fold_accents, normalize_text

WINDOWS = {
    "2015": (dt.date(2015, 7, 1), dt.date(2020, 12, 31)),
    "2021": (dt.date(2021, 1, 4), dt.date(2025, 6, 30)),
    "2025": (dt.date(2025, 7, 1), dt.date(2026, 11, 20)),
}
MOBILE = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "032",
    "035",
    "038",
    "070",
    "077",
    "081",
    "086",
    "089",
)
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


@dataclass
class Owner:
    name: str
    gender: str
    birth: dt.date
    ethnicity: str
    nationality: str
    identity: Identity
    permanent: str
    current: str | None  # the address it refers to when `current_ref` is printed
    current_ref: str | None = None  # "Như trên" …


@dataclass
class MemberRow:
    name: str
    birth: dt.date
    gender: str
    nationality: str
    ethnicity: str
    id_number: str
    address: str


@dataclass
class Cert:
    era: str
    tt68: bool
    committee_lines: list[str]
    office_lines: list[str]
    number: str  # as printed
    first_on: dt.date
    amendment: int | None
    amended_on: dt.date | None
    business_name: str
    address: str
    phone: str | None  # digits
    fax: str | None
    email: str | None
    website: str | None
    trades: TradeList
    capital: int
    employees: int | None
    owner: Owner
    household: bool
    members: list[MemberRow] = field(default_factory=list)
    member_columns: list[str] = field(default_factory=list)
    members_upper: bool = False  # the member table prints its names in capitals (the truth follows)
    signer_titles: tuple[str, ...] = ()
    signer_name: str = ""

    @property
    def cert_date(self) -> dt.date:
        return self.amended_on or self.first_on


def nfc(text: str) -> str:
    return normalize_text(unicodedata.normalize("NFC", text))


def make_dates(rng: random.Random, era: str) -> tuple[dt.date, int | None, dt.date | None]:
    start, end = WINDOWS[era]
    if era != "2015" and rng.random() < 0.38:
        first = people.between(rng, dt.date(2009, 1, 1), start - dt.timedelta(days=40))
        return first, rng.randint(1, 7), people.between(rng, start, end)
    first = people.between(rng, start, end)
    if (end - first).days > 90 and rng.random() < 0.3:
        return first, rng.randint(1, 5), people.between(rng, first + dt.timedelta(days=25), end)
    return first, None, None


def tax_code(rng: random.Random) -> str:
    while True:
        first9 = "8" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        check = 10 - sum(int(d) * w for d, w in zip(first9, TAX_WEIGHTS, strict=True)) % 11
        if check < 10:
            code = first9 + str(check)
            return code + f"-{rng.randint(1, 12):03d}" if rng.random() < 0.3 else code


def number_2015(rng: random.Random, province_code: str, dotted: bool) -> str:
    digits = province_code if rng.random() < 0.7 else f"{rng.randint(10, 99)}"
    letter = rng.choice("ABCDEGHKLMNPQRSTUVXY")
    tail = f"{rng.randint(0, 999_999):06d}"
    return f"{digits}.{letter}8.{tail}" if dotted else f"{digits}{letter}8{tail}"


def make_header(rng: random.Random, era: str, commune_unit: str) -> tuple[list[str], list[str]]:
    """(committee lines, office lines) as printed; an empty office list = the committee signs alone."""
    word = rng.choice(vocab.COMMITTEE_WORDS)
    unit = commune_unit.upper()
    if rng.random() < 0.15:
        unit = places.flip_tones(unit)
    committee = [f"{word} {unit}"] if word == "UBND" or rng.random() < 0.3 else [word, unit]
    if era == "2025":
        office = rng.choice(
            vocab.OFFICES_2025_WARD if commune_unit.startswith("Phường") else vocab.OFFICES_2025_COMMUNE
        )
    else:
        office = rng.choice(vocab.OFFICES_PRE2025)
    if rng.random() < 0.08:
        return committee, []
    if len(office) > 24 and rng.random() < 0.5:
        cut = office.rfind(" ", 0, len(office) // 2 + 6)
        return committee, [office[:cut], office[cut + 1 :]]
    return committee, [office]


def make_phone(rng: random.Random, era: str, province_code: str) -> str:
    if rng.random() < 0.75:
        return rng.choice(MOBILE) + f"{rng.randint(0, 9_999_999):07d}"
    return make_landline(rng, era, province_code)


def make_landline(rng: random.Random, era: str, province_code: str) -> str:
    areas = load_province_area_codes_2025() if era == "2025" else load_landline_prefixes()
    area = areas.get(province_code, "0236")
    width = 11 - len(area)
    return area + str(rng.randint(2, 3)) + f"{rng.randint(0, 10 ** (width - 1) - 1):0{width - 1}d}"


def make_email(rng: random.Random, name: str, birth: dt.date) -> str:
    parts = fold_accents(name).lower().replace("'", "").split()
    local = rng.choice(
        (parts[-1] + parts[0], parts[-1] + "_" + parts[0], "".join(p[0] for p in parts[:-1]) + parts[-1])
    )
    if rng.random() < 0.6:
        local += str(birth.year % 100 if rng.random() < 0.5 else rng.randint(1, 2000))
    return f"{local}@{rng.choice(vocab.MAIL_DOMAINS)}"


def make_owner(
    rng: random.Random, era: str, tt68: bool, cert_date: dt.date, home_scheme: str, near: places.Commune
) -> Owner:
    gender = rng.choice(("Nam", "Nữ"))
    name = people.make_name(rng, gender)
    printed_name = name.upper() if rng.random() < 0.85 else name
    birth = people.make_birth(rng, cert_date)
    home = places.pick_commune(
        rng, home_scheme, near=near if home_scheme == ("2025" if era == "2025" else "pre2025") else None
    )
    prefix = people.prefix_for_province(rng, home.province)
    identity = people.make_identity(rng, era, tt68, cert_date, birth, gender, prefix)
    permanent = places.make_address(rng, home)
    roll = rng.random()
    if roll < 0.35:
        return Owner(printed_name, gender, birth, people.pick(rng, vocab.ETHNICITIES), "Việt Nam", identity,
                     permanent, permanent, rng.choice(vocab.SAME_AS))  # fmt: skip
    if roll < 0.55:
        current: str | None = permanent
    elif roll < 0.9:
        current = places.make_address(rng, places.pick_commune(rng, home_scheme, near=home))
    else:
        current = None
    return Owner(
        printed_name,
        gender,
        birth,
        people.pick(rng, vocab.ETHNICITIES),
        "Việt Nam",
        identity,
        permanent,
        current,
    )


def make_members(
    rng: random.Random, era: str, cert_date: dt.date, owner: Owner, scheme: str
) -> list[MemberRow]:
    surname = owner.name.split()[0].title()
    rows = []
    for _ in range(rng.randint(1, 4)):
        gender = rng.choice(("Nam", "Nữ"))
        name = people.make_name(rng, gender)
        if rng.random() < 0.6 and not name.startswith(("H'", "Y ")):
            name = " ".join([surname, *name.split()[1:]])
        birth = people.make_birth(rng, cert_date, youngest=18)
        card = "cmnd" if cert_date.year < 2021 and rng.random() < 0.6 else "cccd"
        prefix = people.prefix_for_province(rng, owner.permanent.split(", ")[-1])
        number = people.card_number(rng, card, prefix, gender, birth)
        address = (
            owner.permanent
            if rng.random() < 0.6
            else places.make_address(rng, places.pick_commune(rng, scheme))
        )
        rows.append(
            MemberRow(name, birth, gender, "Việt Nam", people.pick(rng, vocab.ETHNICITIES), number, address)
        )
    return rows


def member_columns(rng: random.Random) -> list[str]:
    """4–7 columns: always the name and the ID number; wrapped addresses and nationality often."""
    optional = ["birth", "gender", "nationality", "ethnicity", "address", "sign"]
    chosen = [
        c for c, share in zip(optional, (0.9, 0.7, 0.5, 0.2, 0.4, 0.15), strict=True) if rng.random() < share
    ]
    columns = ["stt", "name", *[c for c in chosen if c in ("birth", "gender")], "id",
               *[c for c in chosen if c not in ("birth", "gender")]]  # fmt: skip
    while len(columns) > 7:
        columns.remove(next(c for c in ("sign", "ethnicity", "address") if c in columns))
    while len(columns) < 4:
        columns.insert(2, next(c for c in ("birth", "gender", "nationality") if c not in columns))
    return columns


def make_certificate(rng: random.Random, era: str, *, household: bool | None = None) -> Cert:
    """Everything one stranger certificate prints, consistent across fields."""
    tt68 = era == "2025" and rng.random() < 0.5
    scheme = "2025" if era == "2025" else "pre2025"
    first, amendment, amended = make_dates(rng, era)
    cert_date = amended or first
    commune = places.pick_commune(rng, scheme)
    home_scheme = scheme if era != "2025" or rng.random() < 0.7 else "pre2025"
    owner = make_owner(rng, era, tt68, cert_date, home_scheme, commune)
    name, trades = make_trades(rng, era, owner.name)
    committee, office = make_header(rng, era, places.committee_unit(commune, scheme))
    if era == "2025":
        number = owner.identity.number if owner.identity.card in ("cccd", "cc") else people.card_number(
            rng, "cccd", people.prefix_for_province(rng, commune.province), owner.gender, owner.birth)  # fmt: skip
    elif era == "2021":
        number = tax_code(rng) if rng.random() < 0.85 else number_2015(rng, commune.province_code, False)
    else:
        number = number_2015(rng, commune.province_code, rng.random() < 0.3)
    household = (rng.random() < (0.2 if era == "2015" else 0.3)) if household is None else household
    phone = make_phone(rng, era, commune.province_code) if rng.random() < 0.85 else None
    cert = Cert(
        era=era, tt68=tt68, committee_lines=committee, office_lines=office, number=number, first_on=first,
        amendment=amendment, amended_on=amended, business_name=name,
        address=places.make_address(rng, commune), phone=phone,
        fax=None,
        email=make_email(rng, owner.name, owner.birth) if rng.random() < 0.3 else None,
        website=None, trades=trades, capital=make_capital(rng),
        employees=rng.randint(1, 15) if rng.random() < 0.35 else None, owner=owner, household=household,
    )  # fmt: skip
    if rng.random() < 0.08:
        cert.fax = make_landline(rng, era, commune.province_code)
    if rng.random() < 0.06:
        slug = fold_accents(name).lower().split()[-1].replace("'", "")
        cert.website = rng.choice(
            (f"www.{slug}.vn", f"{slug}shop.com.vn", f"www.{slug}-{rng.randint(1, 99)}.com")
        )
    if household:
        cert.members = make_members(rng, era, cert_date, owner, scheme)
        cert.member_columns = member_columns(rng)
        cert.members_upper = rng.random() < 0.3
    cert.signer_titles = rng.choice(vocab.SIGNERS if office else vocab.COMMITTEE_SIGNERS)
    cert.signer_name = people.make_name(rng, rng.choice(("Nam", "Nữ")))
    return cert


def truth_record(cert: Cert) -> Record:
    """The record contract's truth for what `cert` prints."""
    owner, ident = cert.owner, cert.owner.identity
    office = " ".join(cert.office_lines)
    committee = " ".join(cert.committee_lines)
    columns = set(cert.member_columns)
    members = [
        Member(full_name=nfc(m.name.upper() if cert.members_upper else m.name), birth_date=m.birth if "birth" in columns else None,
               gender=m.gender if "gender" in columns else None, id_number=m.id_number)
        for m in cert.members
    ]  # fmt: skip
    return Record(
        registration_number=cert.number.replace(".", "").replace(" ", ""),
        first_registered_on=cert.first_on,
        amendment_number=cert.amendment,
        amended_on=cert.amended_on,
        issuing_authority=nfc(f"{office}, {committee}" if office else committee),
        business_name=nfc(cert.business_name),
        address=nfc(cert.address),
        phone=cert.phone,
        fax=cert.fax,
        email=cert.email,
        website=cert.website,
        business_lines=truth_lines(cert.trades),
        capital_vnd=cert.capital,
        employees=cert.employees,
        owner=Person(
            full_name=nfc(owner.name),
            gender=owner.gender,
            birth_date=owner.birth,
            ethnicity=owner.ethnicity,
            nationality=owner.nationality,
            id_type=ident.kind,
            id_number=ident.number,
            id_issued_on=ident.issued_on if ident.show_issue else None,
            id_issued_by=nfc(ident.issuer) if ident.show_issue else None,
            permanent_address=nfc(owner.permanent),
            current_address=nfc(owner.current) if owner.current else None,
        ),
        members=members,
    )
