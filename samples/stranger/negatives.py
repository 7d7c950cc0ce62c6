"""Pages that are not household-business certificates, and what the extraction must say about them.

- a marriage certificate (Giấy chứng nhận kết hôn): Vietnamese, a committee header, a seal and person
  labels (Dân tộc, Quốc tịch, Nơi cư trú) — but no certificate title of ours and none of its labels;
- a letter in English; a blank scanned page.

All three expect `not_a_certificate`. (The fourth kind, a blurred and faded real certificate, is made by
`samples.stranger.generate` with a truth, and expects a partial record with `layout_uncertain`.)
"""

from __future__ import annotations

import datetime as dt
import random

import cv2
import numpy as np
from PIL import Image

from samples.degrade import numpy_rng, smooth_field
from samples.refdata import load_communes_pre2025
from samples.stranger import people
from samples.stranger.ink import Block, Grid, Header, Ink, Para, Sign, Span
from samples.stranger.sheet import compose

NOT_A_CERTIFICATE = "not_a_certificate"
LAYOUT_UNCERTAIN = "layout_uncertain"
KINDS = ("marriage", "english_letter", "blank")

LETTER = (
    "Riverside Engineering Partners",
    "Unit 4, Meridian Business Park, Leicester LE19 1WX",
    "",
    "3 September 2025",
    "",
    "Dr. Helen Porter",
    "Programme Chair, Regional Water Conference",
    "",
    "Dear Dr. Porter,",
    "",
    "Thank you for inviting our team to present at this year's conference. We would be glad to give",
    "a forty-minute talk on leak detection in small municipal networks, followed by questions.",
    "Two of our engineers will attend; please let us know whether the venue can provide a projector",
    "and a microphone, and by which date you need the final slides.",
    "",
    "We enclose a short abstract and the speakers' biographies for the printed programme.",
    "",
    "With kind regards,",
    "",
    "",
    "Thomas Reed",
    "Managing Partner",
)


def marriage_certificate(rng: random.Random, family: str) -> Image.Image:
    commune = rng.choice(load_communes_pre2025())
    day = people.between(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 31))
    wife, husband = people.make_name(rng, "Nữ"), people.make_name(rng, "Nam")

    def person(title: str, name: str) -> Grid:
        birth = people.make_birth(rng, day, youngest=20, oldest=40)
        return Grid([
            ([Span(f"Họ, chữ đệm, tên {title}:")], [Span(name.upper(), bold=True)]),
            ([Span("Ngày, tháng, năm sinh:")], [Span(f"{birth.day:02d}/{birth.month:02d}/{birth.year}")]),
            ([Span("Dân tộc:")], [Span("Kinh")]),
            ([Span("Quốc tịch:")], [Span("Việt Nam")]),
            ([Span("Nơi cư trú:")], [Span(f"{commune.name}, {commune.district}, {commune.province}")]),
            ([Span("Giấy tờ tùy thân:")], [Span(f"CCCD số 0{rng.randint(10, 96)}{rng.randint(0, 10**9 - 1):09d}")]),
        ], label_share=0.34)  # fmt: skip

    blocks: list[Block] = [
        Header([Para([Span("ỦY BAN NHÂN DÂN")]), Para([Span((commune.name).upper(), bold=True)])],
               [Para([Span("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)]),
                Para([Span("Độc lập - Tự do - Hạnh phúc", bold=True)])]),
        Para([Span("GIẤY CHỨNG NHẬN KẾT HÔN", bold=True)], "center", size=1.4, before=1.2),
        Para([Span(f"Số: {rng.randint(1, 120)}   Quyển số: 01/{day.year}")], "center", before=0.3),
        person("vợ", wife),
        Para([Span("")]),
        person("chồng", husband),
        Para([Span(f"Nơi đăng ký: Ủy ban nhân dân {commune.name}, {commune.district}")], before=0.6),
        Para([Span(f"Ngày, tháng, năm đăng ký: {day.day:02d}/{day.month:02d}/{day.year}")]),
        Sign(["NGƯỜI KÝ GIẤY CHỨNG NHẬN KẾT HÔN"], people.make_name(rng, rng.choice(("Nam", "Nữ"))),
             f"ỦY BAN NHÂN DÂN {commune.name.upper()} * {commune.province.upper()}", "ỦY BAN NHÂN DÂN"),
    ]  # fmt: skip
    ink = Ink(family, rng.uniform(12, 13.5), 1.4, (1.0, 0.8, 0.8)).render(blocks)[0]
    return compose(rng, ink, security=rng.random() < 0.5)


def english_letter(rng: random.Random, family: str) -> Image.Image:
    blocks: list[Block] = [
        Para([Span(line, bold=i == 0)], size=1.25 if i == 0 else 1.0) for i, line in enumerate(LETTER)
    ]
    ink = Ink(family, rng.uniform(11, 12.5), 1.3, (1.1, 0.9, 1.0)).render(blocks)[0]
    return compose(rng, ink, security=False)


def blank_page(rng: random.Random) -> Image.Image:
    """An empty sheet through a scanner: off-white, faint banding, a punched hole's shadow, some dust."""
    w, h = 2481, 3508
    page = 240 + 10 * smooth_field(rng, h, w, cells=3) - 2 * np.sin(np.arange(h) / 9.0)[:, None]
    for y in (h // 3, 2 * h // 3):
        cv2.circle(page, (int(w * 0.05), y), 38, 150, -1)
    dust = numpy_rng(rng).random((h, w)) < 0.0006
    page = np.where(dust, 110, page)
    grey = page.clip(0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, axis=-1), "RGB")


def make_negative(rng: random.Random, kind: str, family: str) -> Image.Image:
    if kind == "marriage":
        return marriage_certificate(rng, family)
    if kind == "english_letter":
        return english_letter(rng, family)
    return blank_page(rng)
