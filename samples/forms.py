"""The three forms as block lists: Decree 78/2015 (Phụ lục III-5), Circular 02/2023 and Circular 68/2025.

Items are numbered as they come, so an optional item renumbers everything after it, as local prints do.
"""

from __future__ import annotations

import random

from samples.content import Certificate
from samples.header_print import choose_wording, item_number
from samples.layout import (
    Block,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Style,
    Table,
    build_capital,
    build_dates,
    build_header,
    build_lines,
    choose_style,
    format_date_short,
    format_number,
    format_phone,
    join_pairs,
    members_table,
    pair,
)
from samples.numwords import amount_to_words, format_thousands
from samples.owner_print import members_table as planned_members_table
from samples.owner_print import owner_blocks, owner_tt68_blocks, plan_for
from samples.trade_print import choose_trade_print, trade_section

TITLE = "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH"
ANNEX_TITLE = "DANH SÁCH THÀNH VIÊN HỘ GIA ĐÌNH THAM GIA THÀNH LẬP HỘ KINH DOANH"


class Numbering:
    """Hands out "1.", "2.", … in order (or "1)", "a)", nothing: `header_print.NUMBERINGS`)."""

    def __init__(self, numbering: str = "{n}. ") -> None:
        self.n = 0
        self.numbering = numbering

    def next(self) -> str:
        self.n += 1
        return item_number(self.numbering, self.n)


def build_contact(rng: random.Random, cert: Certificate, style: Style) -> list[Paragraph]:
    rec = cert.record
    phone = format_phone(rng, rec.phone) if rec.phone else ""
    labels = style.header.contact_labels
    if labels is None:
        return join_pairs(style, pair("Điện thoại", phone), pair("Fax", "")) + join_pairs(
            style, pair("Email", rec.email or ""), pair("Website", "")
        )
    tel, fax, mail, web = (pair(labels[0], phone), pair(labels[1], ""), pair(labels[2], rec.email or ""),
                           pair(labels[3], ""))  # fmt: skip
    if style.header.contact_layout == "each_line":
        return [Paragraph(p) for p in (tel, fax, mail, web)]
    if style.header.contact_layout == "phone_email":
        return join_pairs(style, tel, mail) + join_pairs(style, fax, web)
    return join_pairs(style, tel, fax) + join_pairs(style, mail, web)


def build_owner(rng: random.Random, cert: Certificate, style: Style, num: Numbering) -> list[Block]:
    owner = cert.record.owner
    era = cert.layout
    assert owner.birth_date is not None
    out: list[Block] = []
    item = num.next()
    name_pair = pair("Họ và tên", owner.full_name or "", bold_value=True)
    if era == "2015":
        label = rng.choice(("Họ và tên đại diện hộ kinh doanh", "Họ và tên chủ hộ kinh doanh"))
        name_pair = [Run(item + label + ": "), Run(owner.full_name or "", bold=True)]
    else:
        out.append(Paragraph([Run(item + "Thông tin về chủ hộ kinh doanh:")]))
    out += join_pairs(style, name_pair, pair("Giới tính", owner.gender or ""))
    out += join_pairs(
        style,
        pair("Sinh ngày", format_date_short(owner.birth_date)),
        pair("Dân tộc", owner.ethnicity or ""),
        pair("Quốc tịch", owner.nationality or ""),
    )
    kind = "chứng thực cá nhân" if era == "2015" and rng.random() < 0.5 else "pháp lý của cá nhân"
    out.append(Paragraph(pair(f"Loại giấy tờ {kind}", owner.id_type or "")))
    out.append(Paragraph(pair(f"Số giấy tờ {kind}", owner.id_number or "")))
    if owner.id_issued_on is not None:
        out += join_pairs(
            style,
            pair("Ngày cấp", format_date_short(owner.id_issued_on)),
            pair(style.issuer_label, owner.id_issued_by or ""),
        )
    old_wording = era == "2015" and rng.random() < 0.6
    perm_label = "Nơi đăng ký hộ khẩu thường trú" if old_wording else "Địa chỉ thường trú"
    cur_label = "Chỗ ở hiện tại" if old_wording or rng.random() < 0.3 else "Địa chỉ liên lạc"
    out.append(Paragraph(pair(perm_label, owner.permanent_address or "")))
    out.append(Paragraph(pair(cur_label, style.current_ref or owner.current_address or "")))
    plan = plan_for(cert)  # drawn from its own stream, after the form's draws, so they stay as they were
    return list(owner_blocks(plan, cert, style, item)) if plan else out


def build_trades(cert: Certificate, style: Style, number: str) -> list[Block]:
    """The older print, or (for some documents) one of the wider variants of `samples.trade_print`."""
    lines = cert.record.business_lines
    tp = choose_trade_print(cert.record.registration_number or "", lines)
    if tp is None:
        return [Paragraph([Run(number + "Ngành, nghề kinh doanh:")]), *build_lines(cert, style)]
    return trade_section(number, lines, tp)


def build_business(rng: random.Random, cert: Certificate, style: Style, num: Numbering) -> list[Block]:
    """Items 1–4 in the Decree 78/2015 and Circular 02/2023 wording."""
    rec = cert.record
    wording = style.header
    name_label = "Tên hộ kinh doanh" + (" (ghi bằng chữ in hoa)" if rng.random() < 0.3 else "")
    name_label = wording.name_label or name_label
    name_run = Run(rec.business_name or "", bold=True)
    if wording.name_next_line:  # the label alone, the name centred below it
        blocks: list[Block] = [
            Paragraph([Run(num.next() + name_label + ":")], space_before=0.8),
            Paragraph([name_run], align="center"),
        ]
    else:
        blocks = [Paragraph([Run(num.next() + name_label + ": "), name_run], space_before=0.8)]
    site_label = wording.site_label or style.site_label
    blocks.append(Paragraph([Run(num.next() + site_label + ": "), Run(rec.address or "")]))
    blocks += build_contact(rng, cert, style)
    blocks += build_trades(cert, style, num.next())
    capital_label = wording.capital_label or "Vốn kinh doanh"
    if wording.words_next_line:  # "Vốn kinh doanh: 150.000.000 đồng" then "Bằng chữ: …" below
        amount = rec.capital_vnd or 0
        gap = "" if style.currency == "đ" else " "
        figures = f"{format_thousands(amount)}{gap}{style.currency}"
        blocks.append(Paragraph([Run(num.next() + capital_label + ": "), Run(figures)]))
        blocks.append(Paragraph([Run(f"Bằng chữ: {amount_to_words(amount)}.", italic=True)], indent=1.0))
    else:
        blocks.append(Paragraph([Run(num.next() + capital_label + ": "), Run(build_capital(cert, style))]))
    return blocks


def build_business_tt68(rng: random.Random, cert: Certificate, style: Style, num: Numbering) -> list[Block]:
    """Items 1–4 in the Circular 68/2025 wording: name "viết bằng tiếng Việt", "Trụ sở", capital in two lines."""
    rec = cert.record
    amount = rec.capital_vnd or 0
    phone = format_phone(rng, rec.phone) if rec.phone else ""
    blocks: list[Block] = [
        Paragraph([Run(num.next() + "Tên hộ kinh doanh:")], space_before=0.8),
        Paragraph([Run("Tên hộ kinh doanh viết bằng tiếng Việt: "), Run(rec.business_name or "", bold=True)]),
        Paragraph([Run(num.next() + "Trụ sở của hộ kinh doanh: "), Run(rec.address or "")]),
    ]
    if style.header.contact_labels is None:
        blocks += join_pairs(style, pair("Điện thoại", phone), pair("Fax", ""))
        blocks += join_pairs(style, pair("Thư điện tử", rec.email or ""), pair("Website", ""))
    else:
        blocks += build_contact(rng, cert, style)
    blocks += build_trades(cert, style, num.next())
    blocks.append(Paragraph([Run(num.next() + "Vốn kinh doanh:")]))
    blocks.append(Paragraph([Run(f"Vốn kinh doanh (Bằng số): {format_thousands(amount)} đồng")]))
    blocks.append(Paragraph([Run(f"Vốn kinh doanh (Bằng chữ): {amount_to_words(amount)}.", italic=True)]))
    return blocks


def build_owner_tt68(cert: Certificate, style: Style, num: Numbering) -> list[Block]:
    """Owner in the Circular 68/2025 wording: "Số định danh cá nhân", "Nơi thường trú", "Nơi ở hiện tại"."""
    owner = cert.record.owner
    assert owner.birth_date is not None
    item = num.next()
    if (plan := plan_for(cert)) is not None:
        return list(owner_tt68_blocks(plan, cert, style, item))
    out: list[Block] = [
        Paragraph([Run(item + "Thông tin về chủ hộ kinh doanh:")]),
        Paragraph(pair("Họ và tên", owner.full_name or "", bold_value=True)),
        Paragraph(pair("Giới tính", owner.gender or "")),
    ]
    out += join_pairs(
        style,
        pair("Sinh ngày", format_date_short(owner.birth_date)),
        pair("Dân tộc", owner.ethnicity or ""),
        pair("Quốc tịch", owner.nationality or ""),
    )
    out.append(Paragraph(pair("Số định danh cá nhân", owner.id_number or "")))
    out.append(Paragraph(pair("Nơi thường trú", owner.permanent_address or "")))
    out.append(Paragraph(pair("Nơi ở hiện tại", style.current_ref or owner.current_address or "")))
    return out


def build_body(rng: random.Random, cert: Certificate, style: Style) -> list[Block]:
    rec = cert.record
    era = cert.layout
    wording = style.header
    num = Numbering(wording.numbering)
    blocks: list[Block] = [build_header(cert)]
    blocks.append(Paragraph([Run(TITLE, bold=True)], align="center", size=1.25, space_before=1.2))
    number = format_number(rec.registration_number or "", style.dotted_number)
    label = wording.number_label or ("Số" if era == "2015" else "Mã số hộ kinh doanh")
    colon = ":" if wording.number_colon or label == "Số" else ""  # a bare "Số" always has its colon
    if wording.number_next_line:
        blocks.append(Paragraph([Run(f"{label}{colon}")], align="center", space_before=0.2))
        blocks.append(Paragraph([Run(number, bold=True)], align="center"))
    else:
        blocks.append(
            Paragraph([Run(f"{label}{colon} "), Run(number, bold=True)], align="center", space_before=0.2)
        )
    blocks += build_dates(cert, style)
    if cert.variant == "tt68":
        blocks += build_business_tt68(rng, cert, style, num)
    else:
        blocks += build_business(rng, cert, style, num)
    if style.employees_item:
        blocks.append(Paragraph([Run(num.next() + f"Số lượng lao động: {rec.employees} người")]))
    if era != "2015":
        subject = "Các thành viên hộ gia đình" if cert.founded_by_household else "Cá nhân"
        blocks.append(Paragraph([Run(num.next() + "Chủ thể thành lập hộ kinh doanh: "), Run(subject)]))
    if style.split_page:
        blocks.append(PageBreak())
    blocks += (
        build_owner_tt68(cert, style, num) if cert.variant == "tt68" else build_owner(rng, cert, style, num)
    )
    if rec.members:
        heading = "Danh sách cá nhân góp vốn thành lập hộ kinh doanh" if era == "2015" else \
            "Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh"  # fmt: skip
        if style.annex:
            blocks.append(Paragraph([Run(num.next() + heading + ": (theo danh sách đính kèm)")]))
        else:
            blocks.append(Paragraph([Run(num.next() + heading + ":")]))
            blocks.append(_members_table(cert))
    if style.closing_line:
        blocks.append(
            Paragraph([Run("Giấy chứng nhận này có hiệu lực kể từ ngày ký.", italic=True)], space_before=0.3)
        )
    blocks.append(build_signature(rng, cert))
    if rec.members and style.annex:
        blocks += [*build_annex(cert), build_signature(rng, cert)]  # the annex is signed and stamped too
    return blocks


def build_signature(rng: random.Random, cert: Certificate) -> Signature:
    note = "(Ký, ghi họ tên và đóng dấu)" if rng.random() < 0.3 else None
    _, _, place = cert.committee.partition("ỦY BAN NHÂN DÂN ")
    ring = f"ỦY BAN NHÂN DÂN {place} * {cert.record.address.split(', ')[-1].upper() if cert.record.address else ''}"
    return Signature(list(cert.signer_titles), cert.signer_name, ring, cert.office, note)


def build_annex(cert: Certificate) -> list[Block]:
    rec = cert.record
    return [
        PageBreak(),
        Paragraph([Run(ANNEX_TITLE, bold=True)], align="center", size=1.1),
        Paragraph(
            [
                Run(
                    f"(Kèm theo Giấy chứng nhận đăng ký hộ kinh doanh số {rec.registration_number})",
                    italic=True,
                )
            ],
            align="center",
        ),
        Paragraph([Run(f"Tên hộ kinh doanh: {rec.business_name}")], space_before=0.8),
        _members_table(cert),
    ]


def _members_table(cert: Certificate) -> Table:
    plan = plan_for(cert)
    return planned_members_table(plan, cert) if plan else members_table(cert.record.members)


def build_document(
    rng: random.Random, cert: Certificate, *, split_page: bool = False, annex: bool = False
) -> tuple[list[Block], Style]:
    """The whole certificate as blocks, with the style chosen for it."""
    style = choose_style(rng, cert)
    style.header = choose_wording(rng, cert.layout)
    style.split_page = split_page
    style.annex = annex and bool(cert.record.members)
    return build_body(rng, cert, style), style
