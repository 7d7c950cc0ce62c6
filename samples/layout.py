"""Certificate → printable blocks, with each era's label wordings and the local variants offices print.

Variants (chosen per document): items renumbered by an extra "Số lượng lao động" item, "Địa chỉ trụ sở
chính" for "Địa điểm kinh doanh", "Cơ quan cấp" for "Nơi cấp", "Như trên" for a current address equal to
the permanent one, registration numbers printed with dots, business lines as a list or a table.
The truth never changes with the variant: only the printed form does.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from samples.content import Certificate
from samples.header_print import COMMITTEE_FULL, HeaderWording
from samples.numwords import amount_to_words, format_thousands
from schemas.record import Member

TAB = "\t"


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    align: str = "left"  # left | center
    indent: float = 0.0  # first line, in em
    hang: float = 0.0  # continuation lines, in em
    size: float = 1.0
    space_before: float = 0.0  # in lines


@dataclass
class Header:
    left: list[Paragraph]
    right: list[Paragraph]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width


@dataclass
class Signature:
    titles: list[str]
    name: str
    seal_ring: str
    seal_centre: str
    note: str | None = None


@dataclass
class PageBreak:
    pass


Block = Paragraph | Header | Table | Signature | PageBreak


@dataclass
class Style:
    """Per-document choices of wording and formatting."""

    long_dates: bool = True  # "ngày 05 tháng 03 năm 2019" vs "05/03/2019"
    zero_pad_long: bool = True
    lines_as_table: bool = False
    code_first: bool = False
    dotted_number: bool = False
    site_label: str = "Địa điểm kinh doanh"
    issuer_label: str = "Nơi cấp"
    current_ref: str | None = None  # "Như trên" | "Như địa chỉ thường trú"
    employees_item: bool = False
    words_prefix: str = ""  # "" or "Bằng chữ: "
    currency: str = "đồng"
    closing_line: bool = False
    inline_pairs: bool = True
    annex: bool = False  # members on their own page
    split_page: bool = False
    extras: dict[str, bool] = field(default_factory=dict)
    header: HeaderWording = field(default_factory=HeaderWording)  # samples.header_print


def choose_style(rng: random.Random, cert: Certificate) -> Style:
    era = cert.layout
    owner = cert.record.owner
    same_address = owner.current_address == owner.permanent_address
    site_labels = {
        "2015": ("Địa điểm kinh doanh", "Địa điểm kinh doanh", "Địa chỉ trụ sở chính"),
        "2021": ("Địa chỉ trụ sở hộ kinh doanh", "Địa điểm kinh doanh", "Địa chỉ trụ sở chính"),
        "2025": ("Địa chỉ trụ sở hộ kinh doanh", "Địa chỉ trụ sở hộ kinh doanh", "Địa chỉ trụ sở chính"),
    }[era]
    return Style(
        long_dates=rng.random() < 0.5,
        zero_pad_long=rng.random() < 0.6,
        lines_as_table=era != "2015"
        and (rng.random() < 0.4 or cert.variant == "tt68")
        and cert.record.business_lines[0].code is not None,
        code_first=rng.random() < 0.4,
        dotted_number=era == "2015" and rng.random() < 0.3,
        site_label=rng.choice(site_labels),
        issuer_label="Cơ quan cấp" if rng.random() < 0.25 else "Nơi cấp",
        current_ref=rng.choice(("Như trên", "Như địa chỉ thường trú", None)) if same_address else None,
        employees_item=cert.record.employees is not None,
        words_prefix=rng.choice(("", "", "Bằng chữ: ")),
        currency=rng.choice(("đồng", "đồng", "đồng", "VNĐ", "đ")),
        closing_line=rng.random() < 0.3,
        inline_pairs=rng.random() < 0.8,
    )


def format_date_long(day: dt.date, pad: bool) -> str:
    if pad:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def format_date_short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_phone(rng: random.Random, phone: str) -> str:
    """Digits as offices type them: grouped by spaces or dots, area code in brackets, or plain."""
    if len(phone) == 10 and phone[1] != "2":
        return rng.choice(
            (phone, f"{phone[:4]} {phone[4:7]} {phone[7:]}", f"{phone[:4]}.{phone[4:7]}.{phone[7:]}")
        )
    cut = 3 if phone.startswith(("024", "028")) else 4
    return rng.choice(
        (f"{phone[:cut]} {phone[cut:]}", f"({phone[:cut]}) {phone[cut:]}", f"{phone[:cut]}.{phone[cut:]}")
    )


def format_number(number: str, dotted: bool) -> str:
    """2015 numbers are sometimes printed `12.A8.018999`."""
    return f"{number[:2]}.{number[2:4]}.{number[4:]}" if dotted and len(number) == 10 else number


def pair(label: str, value: str, bold_value: bool = False) -> list[Run]:
    return [Run(f"{label}: "), Run(value, bold=bold_value)]


def join_pairs(style: Style, *pairs: list[Run]) -> list[Paragraph]:
    """Several "label: value" on one line with tab stops, or one per line."""
    if not style.inline_pairs:
        return [Paragraph(p) for p in pairs]
    runs: list[Run] = []
    for index, p in enumerate(pairs):
        if index:
            runs.append(Run(TAB))
        runs += p
    return [Paragraph(runs)]


def build_header(cert: Certificate) -> Header:
    if cert.committee_head == "UBND":  # the abbreviation fits the place on one line
        left = [Paragraph([Run(cert.committee_printed)], align="center")]
    else:
        _, _, place = cert.committee.partition(COMMITTEE_FULL + " ")
        left = [
            Paragraph([Run(cert.committee_head)], align="center"),
            Paragraph([Run(place)], align="center"),
        ]
    left.append(Paragraph([Run(cert.office, bold=True)], align="center"))
    right = [
        Paragraph([Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)], align="center"),
        Paragraph([Run("Độc lập - Tự do - Hạnh phúc", bold=True)], align="center"),
    ]
    return Header(left=left, right=right)


def build_dates(cert: Certificate, style: Style) -> list[Paragraph]:
    rec = cert.record
    assert rec.first_registered_on is not None

    def show(day: dt.date) -> str:
        return (
            format_date_long(day, style.zero_pad_long)
            if style.long_dates
            else f"ngày {format_date_short(day)}"
        )

    sep = ", " if cert.layout == "2015" or cert.variant == "tt68" else ": "
    wording = style.header
    first = (wording.first_label or "Đăng ký lần đầu{sep}").format(sep=sep)
    texts = [f"{first}{show(rec.first_registered_on)}"]
    if rec.amendment_number and rec.amended_on:
        text = f"Đăng ký thay đổi lần thứ {rec.amendment_number}, {show(rec.amended_on)}"
        if cert.layout != "2015":
            text = f"Đăng ký thay đổi lần thứ: {rec.amendment_number}, {show(rec.amended_on)}"
        if wording.amend_label:
            text = wording.amend_label.format(sep=sep, n=rec.amendment_number) + show(rec.amended_on)
        texts.append(text)
    if wording.dates_one_line and len(texts) == 2:  # "…; đăng ký thay đổi lần thứ 2, ngày …"
        texts = [f"{texts[0]}; {texts[1][0].lower()}{texts[1][1:]}"]
    return [Paragraph([Run(text, italic=True)], align="center") for text in texts]


def build_lines(cert: Certificate, style: Style) -> list[Block]:
    lines = cert.record.business_lines
    if style.lines_as_table:
        rows = [[str(i + 1), line.name or "", line.code or ""] for i, line in enumerate(lines)]
        return [Table(["STT", "Tên ngành", "Mã ngành"], rows, [0.1, 0.7, 0.2])]
    out: list[Block] = []
    for line in lines:
        if line.code is None:
            text = f"- {line.name}"
        elif style.code_first:
            text = f"- {line.code}: {line.name}"
        else:
            text = (
                f"- {line.name} (Mã ngành: {line.code})"
                if cert.layout != "2015"
                else f"- {line.name} ({line.code})"
            )
        out.append(Paragraph([Run(text)], indent=1.0, hang=1.0))
    return out


def build_capital(cert: Certificate, style: Style) -> str:
    amount = cert.record.capital_vnd or 0
    gap = "" if style.currency == "đ" else " "  # "150.000.000đ" is typed without a space
    return f"{format_thousands(amount)}{gap}{style.currency} ({style.words_prefix}{amount_to_words(amount)})"


def member_rows(members: list[Member]) -> list[list[str]]:
    return [
        [str(i + 1), m.full_name or "", format_date_short(m.birth_date) if m.birth_date else "", m.gender or "", m.id_number or ""]
        for i, m in enumerate(members)
    ]  # fmt: skip


def members_table(members: list[Member]) -> Table:
    headers = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số giấy tờ pháp lý"]
    return Table(headers, member_rows(members), [0.08, 0.36, 0.18, 0.13, 0.25])
