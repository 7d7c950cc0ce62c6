"""The owner block and the member table as local offices print them (issue 13, items 2–4), beyond the
form's own wording: ID labels that name the card ("Số CMND", "Căn cước công dân số", "Số thẻ căn cước công
dân", "Số CMND/CCCD", "Số định danh cá nhân") with no type line, long or abbreviated issuing offices,
residence labels of every era, old and new tone placement in names, old wards with a Roman-numeral
suffix, and member tables of 4–7 columns with a narrow, wrapping nationality column.

Every choice comes from a stream of its own, keyed by the certificate (`plan_for`), so the document's
main stream draws what it drew before: a document without a plan prints as it did. The truth follows the
print (`restyle`): the ID kind the label names, the issuer as printed, a member's gender only when the
table has that column, names in the case the table prints them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import msgspec

from samples.content import Certificate
from samples.layout import Paragraph, Run, Style, Table, format_date_short, join_pairs, pair
from schemas.record import Member

SHARE = 0.6
"""Share of certificates printed with a plan (the rest keep the form's wording)."""

ID_LABELS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "Chứng minh nhân dân": (
        ("Số CMND", "Chứng minh nhân dân"),
        ("Số chứng minh nhân dân", "Chứng minh nhân dân"),
        ("CMND số", "Chứng minh nhân dân"),
        ("Chứng minh nhân dân số", "Chứng minh nhân dân"),
        ("Số CMND/CCCD", "Chứng minh nhân dân"),
    ),
    "Căn cước công dân": (
        ("Số thẻ căn cước công dân", "Thẻ căn cước công dân"),
        ("Căn cước công dân số", "Căn cước công dân"),
        ("Số căn cước công dân", "Căn cước công dân"),
        ("Số CCCD", "Căn cước công dân"),
        ("Số CMND/CCCD", "Căn cước công dân"),
        ("Số định danh cá nhân", None),
    ),
    "Thẻ căn cước": (("Số thẻ căn cước", "Thẻ căn cước"), ("Số định danh cá nhân", None)),
}
"""Per card kind: the number's label printed without a type line, and the kind the truth then holds
(what the label names; "CMND/CCCD" names both, so the number's length says; "định danh" names none)."""

LONG_TYPES = {"Chứng minh nhân dân": "Giấy chứng minh nhân dân", "Căn cước công dân": "Thẻ căn cước công dân"}

NATIONAL_ISSUERS = {
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội": (
        "Cục trưởng Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "Cục Cảnh sát QLHC về TTXH",
    ),
    "Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư": (
        "Cục Cảnh sát đăng ký, quản lý cư trú và dữ liệu quốc gia về dân cư",
        "Cục trưởng Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư",
    ),
}
"""Printed forms of the national offices: the title before the name (a longer name that contains the
list entry), spelt out, abbreviated."""

PERMANENT_LABELS = ("Nơi đăng ký hộ khẩu thường trú", "Hộ khẩu thường trú", "Nơi đăng ký HKTT",
                    "Nơi thường trú", "Địa chỉ thường trú", "Thường trú")  # fmt: skip
CURRENT_LABELS = ("Chỗ ở hiện tại", "Chỗ ở hiện nay", "Nơi ở hiện tại", "Nơi ở hiện nay", "Địa chỉ liên lạc")
NAME_LABELS = {"2015": ("Họ và tên chủ hộ kinh doanh", "Họ tên chủ hộ kinh doanh", "Họ và tên đại diện hộ kinh doanh"),
               "other": ("Họ và tên", "Họ tên", "Họ, tên")}  # fmt: skip
BIRTH_LABELS = ("Sinh ngày", "Ngày sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh")

TONE_NAMES = {"Nam": ("Hoà", "Hòa", "Thuỵ", "Thụy", "Thuỷ", "Thủy"),
              "Nữ": ("Hoà", "Hòa", "Thuý", "Thúy", "Thuỳ", "Thùy", "Hoè", "Hòe")}  # fmt: skip
"""Given names in the old ("Hòa") and the new ("Hoà") tone placement: both are printed, each as it is."""
STACKED_NAMES = {"Nam": ("Hưởng", "Tưởng", "Thắng", "Cẩn", "Quyết", "Khuyến", "Hiển", "Triển", "Ẩn"),
                 "Nữ": ("Hằng", "Thắm", "Diễm", "Huyền", "Yến", "Ngần", "Thẩm", "Hồng")}  # fmt: skip
"""Given names whose capitals carry two marks (Ở, Ắ, Ẩ, Ễ, Ồ…)."""

ROMAN_WARDS = (
    "Phường Hải Châu I, Quận Hải Châu, Thành phố Đà Nẵng",
    "Phường Hải Châu II, Quận Hải Châu, Thành phố Đà Nẵng",
    "Phường II, Thành phố Vị Thanh, Tỉnh Hậu Giang",
    "Phường III, Thành phố Vị Thanh, Tỉnh Hậu Giang",
    "Phường VII, Thành phố Vị Thanh, Tỉnh Hậu Giang",
    "Xã Tam Xuân I, Huyện Núi Thành, Tỉnh Quảng Nam",
    "Xã Hòa Tú II, Huyện Mỹ Xuyên, Tỉnh Sóc Trăng",
    "Phường 2, Thành phố Vị Thanh, Tỉnh Hậu Giang",
)
"""Old wards with a Roman-numeral suffix (some since merged away), as residence tails."""

MEMBER_SHAPES: tuple[tuple[str, ...], ...] = (
    ("stt", "name", "birth", "id"),
    ("stt", "name", "birth", "gender", "id"),
    ("stt", "name", "birth", "gender", "nationality", "id"),
    ("name", "birth", "gender", "nationality", "ethnicity", "id"),
    ("stt", "name", "birth", "gender", "ethnicity", "nationality", "id"),
    ("stt", "name", "birth", "gender", "nationality", "id", "address"),
)
HEADERS = {
    "stt": ("STT", "TT", "Số TT"),
    "name": ("Họ và tên", "Họ tên", "Họ và tên thành viên"),
    "birth": ("Ngày sinh", "Ngày, tháng, năm sinh", "Sinh ngày"),
    "gender": ("Giới tính", "Giới tính", "Nam/Nữ"),
    "nationality": ("Quốc tịch",),
    "ethnicity": ("Dân tộc",),
    "id": ("Số giấy tờ pháp lý", "Số CMND/CCCD", "Số định danh cá nhân", "Số giấy tờ chứng thực cá nhân"),
    "address": ("Chỗ ở hiện tại", "Nơi thường trú"),
}
WIDTHS = {"stt": 0.07, "name": 0.3, "birth": 0.16, "gender": 0.1, "nationality": 0.09, "ethnicity": 0.09,
          "id": 0.2, "address": 0.26}  # fmt: skip


@dataclass
class PeoplePlan:
    """How one certificate prints its people (None fields: the form's own wording)."""

    name_label: str
    given_name: str | None
    birth_label: str
    long_birth: bool
    id_label: str | None  # set: no type line, this label before the number
    id_kind_printed: str | None  # what that label names (the truth's id_type)
    long_type: bool
    issuer: str | None
    permanent_label: str
    current_label: str
    roman_ward: str | None
    members_shape: tuple[str, ...]
    member_headers: tuple[str, ...]
    members_upper: bool


_PLANS: dict[str, PeoplePlan | None] = {}
"""Plans drawn so far, by certificate: `restyle` changes the fields a plan is drawn from (the ID kind,
the issuer), so the printer must get the plan drawn from the certificate as it was made."""


def plan_for(cert: Certificate) -> PeoplePlan | None:
    """The certificate's people plan (the same before and after `restyle`), from a stream keyed by
    what the plan never changes."""
    key = f"hkd-people-print:{cert.record.registration_number}:{cert.record.owner.id_number}"
    if key not in _PLANS:
        _PLANS[key] = _draw_plan(cert, random.Random(key))
    return _PLANS[key]


def _draw_plan(cert: Certificate, rng: random.Random) -> PeoplePlan | None:
    owner = cert.record.owner
    if rng.random() >= SHARE:
        return None
    gender = owner.gender or "Nam"
    roll = rng.random()
    given = (
        rng.choice(TONE_NAMES[gender])
        if roll < 0.3
        else rng.choice(STACKED_NAMES[gender])
        if roll < 0.55
        else None
    )
    kinds = ID_LABELS.get(owner.id_type or "", ())
    id_label, kind = (
        rng.choice(kinds) if kinds and cert.variant != "tt68" and rng.random() < 0.6 else (None, None)
    )
    issuer = None
    if owner.id_issued_by in NATIONAL_ISSUERS and rng.random() < 0.5:
        issuer = rng.choice(NATIONAL_ISSUERS[owner.id_issued_by])
    elif (owner.id_issued_by or "").startswith("Công an tỉnh ") and rng.random() < 0.3:
        issuer = "Giám đốc " + (owner.id_issued_by or "")
    shape = rng.choice(MEMBER_SHAPES)
    return PeoplePlan(
        name_label=rng.choice(NAME_LABELS["2015" if cert.layout == "2015" else "other"]),
        given_name=given,
        birth_label=rng.choice(BIRTH_LABELS),
        long_birth=rng.random() < 0.2,
        id_label=id_label,
        id_kind_printed=kind,
        long_type=rng.random() < 0.3,
        issuer=issuer,
        permanent_label=rng.choice(PERMANENT_LABELS if cert.layout != "2025" else PERMANENT_LABELS[3:]),
        current_label=rng.choice(CURRENT_LABELS),
        roman_ward=rng.choice(ROMAN_WARDS) if rng.random() < 0.2 else None,
        members_shape=shape,
        member_headers=tuple(rng.choice(HEADERS[c]) for c in shape),
        members_upper=rng.random() < 0.4,
    )  # fmt: skip


def _printed_type(plan: PeoplePlan, id_type: str | None) -> str | None:
    if plan.id_label is not None:
        return plan.id_kind_printed
    return LONG_TYPES.get(id_type or "", id_type) if plan.long_type else id_type


def _with_ward(address: str | None, ward: str) -> str | None:
    """The street part of the address, then the old ward's units."""
    if address is None:
        return None
    return f"{address.split(', ')[0]}, {ward}"


def restyle(cert: Certificate) -> Certificate:
    """The certificate whose truth says what `plan_for` will print (unchanged without a plan)."""
    plan = plan_for(cert)
    if plan is None:
        return cert
    owner = cert.record.owner
    changes: dict[str, object] = {}
    if plan.given_name and owner.full_name:
        changes["full_name"] = " ".join([*owner.full_name.split()[:-1], plan.given_name.upper()])
    if cert.variant != "tt68":
        changes["id_type"] = _printed_type(plan, owner.id_type)
    if plan.issuer is not None and owner.id_issued_on is not None:
        changes["id_issued_by"] = plan.issuer
    if plan.roman_ward:
        permanent = _with_ward(owner.permanent_address, plan.roman_ward)
        changes["permanent_address"] = permanent
        if owner.current_address == owner.permanent_address:
            changes["current_address"] = permanent
    members = [_member_truth(plan, m) for m in cert.record.members]
    record = msgspec.structs.replace(
        cert.record, owner=msgspec.structs.replace(owner, **changes), members=members
    )
    return msgspec.structs.replace(cert, record=record)


def _member_truth(plan: PeoplePlan, member: Member) -> Member:
    name = member.full_name.upper() if plan.members_upper and member.full_name else member.full_name
    gender = member.gender if "gender" in plan.members_shape else None
    return msgspec.structs.replace(member, full_name=name, gender=gender)


def _birth(plan: PeoplePlan, cert: Certificate) -> str:
    day = cert.record.owner.birth_date
    assert day is not None
    if plan.long_birth:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return format_date_short(day)


def owner_blocks(plan: PeoplePlan, cert: Certificate, style: Style, item: str) -> list[Paragraph]:
    """The owner block of a standard (non-tt68) form under `plan`; `item` is its number ("6. ")."""
    owner = cert.record.owner
    era = cert.layout
    out: list[Paragraph] = []
    if era == "2015":
        name_pair = [Run(item + plan.name_label + ": "), Run(owner.full_name or "", bold=True)]
    else:
        out.append(Paragraph([Run(item + "Thông tin về chủ hộ kinh doanh:")]))
        name_pair = pair(plan.name_label, owner.full_name or "", bold_value=True)
    out += join_pairs(style, name_pair, pair("Giới tính", owner.gender or ""))
    out += join_pairs(
        style,
        pair(plan.birth_label, _birth(plan, cert)),
        pair("Dân tộc", owner.ethnicity or ""),
        pair("Quốc tịch", owner.nationality or ""),
    )
    kind = "chứng thực cá nhân" if era == "2015" else "pháp lý của cá nhân"
    if plan.id_label is None:
        out.append(Paragraph(pair(f"Loại giấy tờ {kind}", owner.id_type or "")))
        out.append(Paragraph(pair(f"Số giấy tờ {kind}", owner.id_number or "")))
    else:
        out.append(Paragraph(pair(plan.id_label, owner.id_number or "")))
    if owner.id_issued_on is not None:
        out += join_pairs(
            style,
            pair("Ngày cấp", format_date_short(owner.id_issued_on)),
            pair(style.issuer_label, owner.id_issued_by or ""),
        )
    out.append(Paragraph(pair(plan.permanent_label, owner.permanent_address or "")))
    out.append(Paragraph(pair(plan.current_label, style.current_ref or owner.current_address or "")))
    return out


def owner_tt68_blocks(plan: PeoplePlan, cert: Certificate, style: Style, item: str) -> list[Paragraph]:
    """The Circular 68/2025 owner block with the plan's name, birth and residence labels."""
    owner = cert.record.owner
    out = [
        Paragraph([Run(item + "Thông tin về chủ hộ kinh doanh:")]),
        Paragraph(pair(plan.name_label, owner.full_name or "", bold_value=True)),
        Paragraph(pair("Giới tính", owner.gender or "")),
    ]
    out += join_pairs(
        style,
        pair(plan.birth_label, _birth(plan, cert)),
        pair("Dân tộc", owner.ethnicity or ""),
        pair("Quốc tịch", owner.nationality or ""),
    )
    out.append(Paragraph(pair("Số định danh cá nhân", owner.id_number or "")))
    out.append(Paragraph(pair(plan.permanent_label, owner.permanent_address or "")))
    out.append(Paragraph(pair(plan.current_label, style.current_ref or owner.current_address or "")))
    return out


def _cell(column: str, index: int, member: Member, cert: Certificate) -> str:
    birth = format_date_short(member.birth_date) if member.birth_date else ""
    return {
        "stt": str(index + 1),
        "name": member.full_name or "",
        "birth": birth,
        "gender": member.gender or "",
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "id": member.id_number or "",
        "address": cert.record.owner.permanent_address or "",
    }[column]


def members_table(plan: PeoplePlan, cert: Certificate) -> Table:
    """The members under the plan's columns (names already in the truth's case)."""
    shape = plan.members_shape
    widths = [WIDTHS[c] for c in shape]
    scale = 1.0 / sum(widths)
    rows = [[_cell(c, i, m, cert) for c in shape] for i, m in enumerate(cert.record.members)]
    return Table(list(plan.member_headers), rows, [w * scale for w in widths])
