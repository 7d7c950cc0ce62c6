"""A stranger certificate as blocks: each generation's labels with this print's wording, case, colons,
numbering, date style and layout (flowing lines with tab stops, or a label/value grid whose long labels
wrap onto two lines), trade lists in every shape, and member tables of 4–7 columns."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from samples.stranger import vocab
from samples.stranger.content import Cert
from samples.stranger.ink import Block, Break, Grid, Header, Para, Sign, Span, Stamp, Table
from samples.stranger.money import print_capital, print_capital_two_lines
from samples.stranger.trades import item_text, table_rows

BULLETS = {"dash": "- ", "endash": "– ", "plus": "+ "}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass
class Style:
    grid: bool
    upper_labels: bool
    colons: str  # all | none | some
    numbering: str  # arabic | paren | roman | none
    bold_labels: bool
    date_style: str  # long | long_pad | slash | dash | slash_nopad
    inline_pairs: bool
    centred_dates: bool
    label_share: float
    number_in_header: bool
    seal_over_dates: bool = False


def choose_style(rng: random.Random, cert: Cert, seal_over_dates: bool) -> Style:
    return Style(
        grid=rng.random() < 0.3,
        upper_labels=rng.random() < 0.08,
        colons=rng.choices(("all", "none", "some"), weights=(80, 8, 12))[0],
        numbering=rng.choices(("arabic", "paren", "roman", "none"), weights=(60, 10, 10, 20))[0],
        bold_labels=rng.random() < 0.25,
        date_style=rng.choice(("long", "long_pad", "slash", "dash", "slash_nopad")),
        inline_pairs=rng.random() < 0.7,
        centred_dates=rng.random() < 0.7,
        label_share=rng.uniform(0.26, 0.36),
        number_in_header=cert.era == "2015" and rng.random() < 0.15,
        seal_over_dates=seal_over_dates,
    )


class Printer:
    """Turns one certificate into blocks under one style (numbering runs across the items)."""

    def __init__(self, rng: random.Random, cert: Cert, style: Style):
        self.rng, self.cert, self.style, self.item = rng, cert, style, 0

    def label(self, text: str, numbered: bool = False) -> str:
        if self.style.upper_labels:
            text = text.upper()
        if numbered and self.style.numbering != "none":
            self.item += 1
            mark = {
                "arabic": f"{self.item}. ",
                "paren": f"{self.item}) ",
                "roman": f"{ROMAN[self.item - 1]}. ",
            }
            text = mark[self.style.numbering] + text
        colon = {"all": True, "none": False}.get(self.style.colons, self.rng.random() < 0.75)
        return text + (":" if colon else "")

    def date(self, day: dt.date, style: str | None = None) -> str:
        match style or self.style.date_style:
            case "long":
                return f"ngày {day.day} tháng {day.month} năm {day.year}"
            case "long_pad":
                return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
            case "dash":
                return f"{day.day:02d}-{day.month:02d}-{day.year}"
            case "slash_nopad":
                return f"{day.day}/{day.month}/{day.year}"
        return f"{day.day:02d}/{day.month:02d}/{day.year}"

    def dated(self, day: dt.date) -> str:
        """A certificate date in its line: "ngày 05 tháng 3 năm 2019" or "ngày 05/03/2019"."""
        text = self.date(day)
        return text if text.startswith("ngày") else f"ngày {text}"

    def short_date(self, day: dt.date) -> str:
        return self.date(day, "dash" if self.style.date_style == "dash" else "slash")

    def pairs(
        self, *pairs: tuple[str, str], bold_value: bool = False, numbered_first: bool = False
    ) -> list[Block]:
        """Label/value pairs on one line with tab stops, one per line, or grid rows."""
        spans = [
            ([Span(self.label(lab, numbered_first and i == 0), bold=self.style.bold_labels)],
             [Span(val, bold=bold_value and i == 0)])
            for i, (lab, val) in enumerate(pairs)
        ]  # fmt: skip
        if self.style.grid:
            return [Grid(spans, self.style.label_share)]
        if self.style.inline_pairs and len(pairs) > 1:
            runs: list[Span] = []
            for i, (lab, val) in enumerate(spans):
                runs += ([Span("\t")] if i else []) + [lab[0], Span(" "), *val]
            return [Para(runs)]
        return [Para([lab[0], Span(" "), *val], hang=1.5) for lab, val in spans]

    def heading(self, text: str, before: float = 0.0) -> Para:
        return Para([Span(self.label(text, numbered=True), bold=self.style.bold_labels)], before=before)

    def header(self) -> Header:
        c = self.cert
        left = [Para([Span(line)], size=0.95) for line in c.committee_lines]
        left += [Para([Span(line, bold=True)], size=0.95) for line in c.office_lines]
        if self.style.number_in_header:
            left.append(Para([Span(f"Số: {c.number}")], size=0.9))
        right = [Para([Span(self.rng.choice(vocab.MOTTO_TOP), bold=True)], size=0.95),
                 Para([Span(self.rng.choice(vocab.MOTTO_BOTTOM), bold=True)], size=0.95)]  # fmt: skip
        return Header(left, right, split=self.rng.uniform(0.4, 0.47))

    def top(self) -> list[Block]:
        c, rng = self.cert, self.rng
        title = vocab.TITLES[0]
        blocks: list[Block] = [self.header()]
        if rng.random() < 0.3:
            blocks += [Para([Span("GIẤY CHỨNG NHẬN", bold=True)], "center", size=1.3, before=1.0),
                       Para([Span("ĐĂNG KÝ HỘ KINH DOANH", bold=True)], "center", size=1.2)]  # fmt: skip
        else:
            blocks.append(Para([Span(title, bold=True)], "center", size=rng.uniform(1.15, 1.35), before=1.0))
        align = "center" if self.style.centred_dates else "left"
        if not self.style.number_in_header:
            label = rng.choice(vocab.NUMBER_LABELS[c.era])
            blocks.append(
                Para([Span(self.label(label)), Span(" "), Span(c.number, bold=True)], align, before=0.3)
            )
        first_label = rng.choice(vocab.FIRST_DATE_LABELS)
        joiner = rng.choice((": ", ", ", " ")) if first_label.startswith(("Đăng", "Cấp")) else ": "
        first_line = f"{first_label}{joiner}{self.dated(c.first_on)}"
        blocks.append(Para([Span(first_line, italic=rng.random() < 0.6)], align))
        if c.amendment and c.amended_on:
            label = rng.choice(vocab.AMEND_LABELS)
            number = f"{c.amendment:02d}" if rng.random() < 0.3 else str(c.amendment)
            sep = rng.choice((": ", " "))
            text = f"{label}{sep}{number}, {self.dated(c.amended_on)}"
            if rng.random() < 0.25:
                text = f"{label} {number}: {self.dated(c.amended_on)}"
            blocks.append(Para([Span(text, italic=rng.random() < 0.6)], align))
        if self.style.seal_over_dates:
            blocks.append(
                Stamp(" ".join(c.committee_lines), " ".join(c.office_lines) or "UBND", rng.uniform(0.3, 0.7))
            )
        return blocks

    def business(self) -> list[Block]:
        c, rng = self.cert, self.rng
        blocks: list[Block] = []
        name_label = rng.choice(vocab.NAME_LABELS[c.era])
        if c.tt68 and name_label.endswith("tiếng Việt"):
            blocks.append(self.heading("Tên hộ kinh doanh", before=0.6))
            blocks += self.pairs((name_label, c.business_name), bold_value=True)
            if rng.random() < 0.5:
                blocks += self.pairs(("Tên hộ kinh doanh viết bằng tiếng nước ngoài (nếu có)", ""))
        else:
            first = self.pairs((name_label, c.business_name), bold_value=True, numbered_first=True)
            if isinstance(first[0], Para):
                first[0].before = 0.6
            blocks += first
        blocks += self.pairs((rng.choice(vocab.ADDRESS_LABELS[c.era]), c.address), numbered_first=True)
        blocks += self.contact()
        blocks += self.trades()
        blocks += self.capital()
        if c.employees is not None:
            count = f"{c.employees:02d}" if rng.random() < 0.4 else str(c.employees)
            blocks += self.pairs((rng.choice(vocab.EMPLOYEE_LABELS), f"{count} người"), numbered_first=True)
        if c.era != "2015":
            subject = "Các thành viên hộ gia đình" if c.household else "Cá nhân"
            blocks += self.pairs((vocab.SUBJECT_LABEL, subject), numbered_first=True)
        return blocks

    def contact(self) -> list[Block]:
        c, rng = self.cert, self.rng
        phone = format_phone(rng, c.phone) if c.phone else ""
        fax = format_phone(rng, c.fax) if c.fax else ""
        out: list[Block] = []
        if phone or fax or rng.random() < 0.6:
            out += self.pairs((rng.choice(vocab.PHONE_LABELS), phone), ("Fax", fax))
        if c.email or c.website or rng.random() < 0.5:
            out += self.pairs(
                (rng.choice(vocab.EMAIL_LABELS), c.email or ""),
                (rng.choice(vocab.WEBSITE_LABELS), c.website or ""),
            )
        return out

    def trades(self) -> list[Block]:
        t, rng = self.cert.trades, self.rng
        label = rng.choice(vocab.LINES_LABELS)
        texts = [item_text(line, t.code_style) for line in t.lines]
        if t.shape == "plain":
            return self.pairs((label, texts[0]), numbered_first=True)
        out: list[Block] = [self.heading(label)]
        if t.shape == "table":
            widths = {1: [1.0], 2: [0.1, 0.9], 3: [0.09, 0.71, 0.2], 4: [0.08, 0.14, 0.58, 0.2]}[
                len(t.headers)
            ]
            if t.headers[0].startswith("Mã"):
                widths = [0.16, 0.84]
            out.append(Table(list(t.headers), table_rows(t), widths, ruled=rng.random() < 0.8))
        elif t.shape == "semicolon":
            end = rng.choice((".", ";", ""))
            out.append(Para([Span("; ".join(texts) + end)], indent=1.0))
        elif t.shape == "numbered":
            marks = [f"{i + 1}. " if rng.random() < 0.5 else f"{'abcdefgh'[i]}) " for i in range(len(texts))]
            out += [Para([Span(m + x + ";" * (i < len(texts) - 1))], indent=1.0, hang=2.0)
                    for i, (m, x) in enumerate(zip(marks, texts, strict=True))]  # fmt: skip
        else:
            bullet = BULLETS[t.shape]
            out += [Para([Span(bullet + x)], indent=1.0, hang=2.0) for x in texts]
        return out

    def capital(self) -> list[Block]:
        c, rng = self.cert, self.rng
        if c.tt68:
            figures, words = print_capital_two_lines(rng, c.capital)
            return [self.heading(rng.choice(vocab.CAPITAL_LABELS)),
                    *self.pairs(("Vốn kinh doanh (bằng số)", figures)),
                    *self.pairs(("Vốn kinh doanh (bằng chữ)", words))]  # fmt: skip
        return self.pairs(
            (rng.choice(vocab.CAPITAL_LABELS), print_capital(rng, c.capital)), numbered_first=True
        )

    def owner(self) -> list[Block]:
        c, rng = self.cert, self.rng
        o, ident = c.owner, c.owner.identity
        out: list[Block] = []
        if c.era == "2015" and rng.random() < 0.6:
            first = (rng.choice(vocab.OWNER_NAME_2015), o.name)
            out += self.pairs(first, ("Giới tính", o.gender), bold_value=True, numbered_first=True)
        else:
            out.append(self.heading(rng.choice(vocab.OWNER_HEADINGS)))
            name = (rng.choice(vocab.PERSON_NAME_LABELS), o.name)
            if rng.random() < 0.3:
                out += self.pairs(name, bold_value=True) + self.pairs(("Giới tính", o.gender))
            else:
                out += self.pairs(name, ("Giới tính", o.gender), bold_value=True)
        out += self.pairs((rng.choice(vocab.BIRTH_LABELS), self.short_date(o.birth)), ("Dân tộc", o.ethnicity),
                          ("Quốc tịch", o.nationality))  # fmt: skip
        if ident.type_line and ident.kind:
            out += self.pairs((ident.type_line, ident.kind))
        out += self.pairs((ident.number_label, ident.number))
        if ident.show_issue:
            date_label, place_label = rng.choice(vocab.ISSUE_PAIRS)
            out += self.pairs((date_label, self.short_date(ident.issued_on)), (place_label, ident.issuer))
        out += self.pairs((rng.choice(vocab.PERMANENT_LABELS[c.era]), o.permanent))
        if o.current_ref or o.current:
            out += self.pairs((rng.choice(vocab.CURRENT_LABELS[c.era]), o.current_ref or o.current or ""))
        return out

    def members(self) -> list[Block]:
        c, rng = self.cert, self.rng
        if not c.members:
            return []
        headers = {"stt": "STT", "name": rng.choice(vocab.MEMBER_NAME_HEADERS), "gender": "Giới tính",
                   "birth": rng.choice(vocab.MEMBER_BIRTH_HEADERS[:2]), "nationality": "Quốc tịch",
                   "ethnicity": "Dân tộc", "id": rng.choice(vocab.MEMBER_ID_HEADERS),
                   "address": rng.choice(vocab.MEMBER_ADDRESS_HEADERS), "sign": "Chữ ký"}  # fmt: skip
        weight = {"stt": 0.6, "name": 2.2, "gender": 1.0, "birth": 1.3, "nationality": 1.0, "ethnicity": 0.9,
                  "id": 1.7, "address": 2.6, "sign": 0.9}  # fmt: skip
        upper = c.members_upper
        rows = []
        for i, m in enumerate(c.members):
            cell = {"stt": str(i + 1), "name": m.name.upper() if upper else m.name, "gender": m.gender,
                    "birth": self.short_date(m.birth), "nationality": m.nationality, "ethnicity": m.ethnicity,
                    "id": m.id_number, "address": m.address, "sign": ""}  # fmt: skip
            rows.append([cell[k] for k in c.member_columns])
        total = sum(weight[k] for k in c.member_columns)
        widths = [weight[k] / total for k in c.member_columns]
        heading = self.heading(rng.choice(vocab.MEMBER_HEADINGS[c.era]))
        return [
            heading,
            Table([headers[k] for k in c.member_columns], rows, widths, ruled=rng.random() < 0.85, size=0.85),
        ]

    def signature(self) -> Sign:
        c = self.cert
        ring = " ".join(c.committee_lines) + " * " + c.address.split(", ")[-1].upper()
        return Sign(list(c.signer_titles), c.signer_name, ring, " ".join(c.office_lines) or "ỦY BAN NHÂN DÂN")


def format_phone(rng: random.Random, digits: str) -> str:
    if len(digits) == 10 and digits[1] != "2":
        return rng.choice((digits, f"{digits[:4]} {digits[4:7]} {digits[7:]}", f"{digits[:4]}.{digits[4:7]}.{digits[7:]}",
                           f"{digits[:3]} {digits[3:6]} {digits[6:]}"))  # fmt: skip
    cut = 3 if digits.startswith(("024", "028")) else 4
    return rng.choice((f"{digits[:cut]} {digits[cut:]}", f"({digits[:cut]}) {digits[cut:]}",
                       f"{digits[:cut]}.{digits[cut:]}", digits))  # fmt: skip


def build_blocks(
    rng: random.Random, cert: Cert, *, seal_over_dates: bool = False, split: bool = False
) -> list[Block]:
    """The whole certificate; `split` puts the owner on a second page (a two-page print)."""
    printer = Printer(rng, cert, choose_style(rng, cert, seal_over_dates))
    blocks = printer.top() + printer.business()
    if split:
        blocks.append(Break())
    blocks += printer.owner() + printer.members()
    if rng.random() < 0.25:
        blocks.append(Para([Span("Giấy chứng nhận này có hiệu lực kể từ ngày ký.", italic=True)], before=0.3))
    blocks.append(printer.signature())
    return blocks
