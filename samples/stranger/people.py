"""Owners and members as the stranger prints them: names in either tone placement, cards of their time.

Card facts (DESIGN.md): the 9-digit CMND until mid-2021; the 12-digit CCCD `PPP G YY RRRRRR` from 2016
(G: sex and century, YY: birth year); the "Thẻ căn cước" from 07/2024. Issue dates fall between the
14th birthday and the certificate date. How the card is *named* on the page is chosen here too,
because on forms with no type line the label names the kind and the truth follows it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from samples.refdata import IdPrefix, load_id_prefixes
from samples.stranger import vocab

CMND_END = dt.date(2021, 6, 30)
CCCD_START = dt.date(2016, 1, 1)
OFFICE_CHANGE = dt.date(2021, 7, 1)
CAN_CUOC_START = dt.date(2024, 7, 1)
PRINTED_KINDS = {
    "cmnd": ("Chứng minh nhân dân", "Chứng minh nhân dân", "Giấy chứng minh nhân dân"),
    "cccd": ("Căn cước công dân", "Thẻ căn cước công dân", "Thẻ Căn cước công dân"),
    "cc": ("Thẻ căn cước", "Căn cước"),
    "passport": ("Hộ chiếu",),
}


@dataclass
class Identity:
    """The card and how this print shows it; `kind` is the record's id_type (None if nothing names it)."""

    card: str  # cmnd | cccd | cc | passport
    number: str
    issued_on: dt.date
    issuer: str
    type_line: str | None  # "Loại giấy tờ …" label when the form prints the kind on its own line
    number_label: str
    kind: str | None
    show_issue: bool = True


def pick(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return end if span <= 0 else start + dt.timedelta(days=rng.randint(0, span))


def make_name(rng: random.Random, gender: str) -> str:
    """Title-case full name; given names with oa/uy carry either tone placement, as their papers do."""
    if rng.random() < 0.04:
        name, _ = rng.choice([n for n in vocab.SPECIAL_NAMES if n[1] == gender])
        return name
    family = pick(rng, vocab.SURNAMES)
    middle = rng.choice(vocab.MIDDLES_MALE if gender == "Nam" else vocab.MIDDLES_FEMALE)
    given = rng.choice(vocab.GIVEN_MALE if gender == "Nam" else vocab.GIVEN_FEMALE)
    parts = [family, middle]
    if rng.random() < 0.2:
        parts.append(rng.choice(("Hoài", "Thanh", "Bảo", "Khánh", "Thuỳ", "Thùy")))
    return " ".join([*parts, given])


def choose_card(rng: random.Random, cert_date: dt.date, birth: dt.date) -> str:
    adult = add_years(birth, 14)
    if rng.random() < 0.03:
        return "passport"
    if cert_date >= CAN_CUOC_START + dt.timedelta(days=20) and rng.random() < 0.4:
        return "cc"
    if cert_date >= max(CCCD_START, adult) + dt.timedelta(days=30) and (
        cert_date > CMND_END or rng.random() < (0.35 if cert_date.year < 2021 else 0.8)
    ):
        return "cccd"
    return "cmnd"


def card_number(rng: random.Random, card: str, prefix: IdPrefix, gender: str, birth: dt.date) -> str:
    if card == "cmnd":
        return f"{rng.randint(1, 38):02d}{rng.randint(0, 9_999_999):07d}"
    if card == "passport":
        return rng.choice("BCN") + f"{rng.randint(0, 9_999_999):07d}"
    century = (birth.year // 100 - 19) * 2 + (1 if gender == "Nữ" else 0)
    return f"{prefix.prefix}{century}{birth.year % 100:02d}{rng.randint(0, 999_999):06d}"


def issue_window(card: str, cert_date: dt.date, birth: dt.date) -> tuple[dt.date, dt.date]:
    earliest, latest = add_years(birth, 14), cert_date - dt.timedelta(days=3)
    if card == "cmnd":
        return max(earliest, add_years(cert_date, -15), dt.date(1992, 1, 1)), min(latest, CMND_END)
    if card == "cccd":
        return max(earliest, CCCD_START), min(latest, CAN_CUOC_START - dt.timedelta(days=1))
    if card == "cc":
        return max(earliest, CAN_CUOC_START), latest
    return max(earliest, add_years(cert_date, -9)), latest


def card_issuer(rng: random.Random, card: str, issued: dt.date, province: str) -> str:
    if card == "cmnd":
        kind, _, rest = province.partition(" ")
        if kind == "Thành":  # "Thành phố Hà Nội"
            return rng.choice(vocab.CMND_ISSUERS_CITY).format(p=province.removeprefix("Thành phố "))
        return rng.choice(vocab.CMND_ISSUERS).format(p=rest)
    if card == "cc":
        return rng.choice(vocab.CAN_CUOC_ISSUERS)
    if card == "passport":
        return rng.choice(("Cục Quản lý xuất nhập cảnh", "Cục Quản lý xuất nhập cảnh - Bộ Công an"))
    return rng.choice(vocab.CCCD_ISSUERS_OLD if issued < OFFICE_CHANGE else vocab.CCCD_ISSUERS_NEW)


def label_only_choice(rng: random.Random, card: str, number: str) -> tuple[str, str] | None:
    """A label that names the kind (and fits the number), and the kind the truth takes from it."""
    fitting = [
        (label, kind)
        for label, kind, digits in vocab.ID_LABEL_ONLY
        if (digits is None and card in ("cmnd", "cccd"))
        or (digits == len(number) and _names_card(kind, card))
    ]
    if not fitting:
        return None
    label, kind = rng.choice(fitting)
    if kind is None:  # "Số CMND/CCCD": the number's length decides
        kind = "Chứng minh nhân dân" if len(number) == 9 else "Căn cước công dân"
    return label, kind


def _names_card(kind: str | None, card: str) -> bool:
    if kind is None:
        return False
    lowered = kind.lower()
    if card == "cmnd":
        return "chứng minh" in lowered
    if card == "cccd":
        return "công dân" in lowered
    return card == "cc" and lowered == "thẻ căn cước"


def make_identity(
    rng: random.Random,
    era: str,
    tt68: bool,
    cert_date: dt.date,
    birth: dt.date,
    gender: str,
    prefix: IdPrefix,
) -> Identity:
    """Card, number, issue and how the page names it (type line, a naming label, or none)."""
    card = "cc" if tt68 and cert_date >= CAN_CUOC_START else choose_card(rng, cert_date, birth)
    if tt68 and card in ("cmnd", "passport"):
        card = "cccd"
    number = card_number(rng, card, prefix, gender, birth)
    start, end = issue_window(card, cert_date, birth)
    issued = between(rng, start, end)
    issuer = card_issuer(rng, card, issued, prefix.province)
    if tt68:
        return Identity(card, number, issued, issuer, None, vocab.PERSONAL_ID_LABEL, None, show_issue=False)
    share_type_line = {"2015": 0.55, "2021": 0.75, "2025": 0.7}[era]
    only = label_only_choice(rng, card, number) if rng.random() > share_type_line else None
    show_issue = era != "2025" or rng.random() < 0.5
    if only is not None:
        label, kind = only
        return Identity(card, number, issued, issuer, None, label, kind, show_issue=show_issue)
    kind = rng.choice(PRINTED_KINDS[card])
    number_label = rng.choice(vocab.ID_NUMBER_WITH_TYPE[era])
    return Identity(card, number, issued, issuer, rng.choice(vocab.ID_TYPE_LINES[era]), number_label, kind,
                    show_issue=show_issue)  # fmt: skip


def prefix_for_province(rng: random.Random, province_name: str) -> IdPrefix:
    """The ID prefix of a (pre- or post-2025) province, or any prefix (people move)."""
    prefixes = load_id_prefixes()
    same = [p for p in prefixes if province_name in (p.province,)]
    return rng.choice(same) if same and rng.random() < 0.8 else rng.choice(prefixes)


def make_birth(rng: random.Random, cert_date: dt.date, youngest: int = 19, oldest: int = 72) -> dt.date:
    return between(rng, add_years(cert_date, -oldest), add_years(cert_date, -youngest))
