"""The pages of a scanned stack that are not certificates: blank backs, ID-card copies, forms, cover sheets.

A sheet-fed scanner in duplex mode makes a blank back for every single-sided sheet: off-white paper,
sensor noise, dust and the mirrored, faint ghost of the front (bleed-through). Offices put a copy of
the owner's ID card and the application form behind a certificate, and a cover sheet with the box
number in front of a folder. All are drawn on plain office paper at the given DPI.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from samples.degrade import numpy_rng, smooth_field
from samples.layout import Block, Header, Paragraph, Run
from samples.render import A4_INCHES, Renderer, load_font
from schemas.record import Person, Record

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def a4_size(dpi: int) -> tuple[int, int]:
    return round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)


def office_paper(rng: random.Random, width: int, height: int) -> np.ndarray:
    """Plain white copier paper as a scanner sees it (grey, float)."""
    return 244 + 6 * smooth_field(rng, height, width, cells=4)


def make_blank_back(rng: random.Random, front: Image.Image | None, dpi: int = 300) -> Image.Image:
    """The back of a sheet: paper, noise, dust, and the front showing through, mirrored and blurred."""
    width, height = a4_size(dpi)
    gen = numpy_rng(rng)
    page = (office_paper(rng, width, height) + gen.normal(0, 2.0, (height, width))).astype(np.float32)
    if front is not None and rng.random() < 0.85:
        ghost = np.asarray(front.convert("L").resize((width, height)), np.float32)
        ghost = np.asarray(cv2.GaussianBlur(ghost[:, ::-1], (0, 0), dpi / 100), np.float32)
        strength = rng.uniform(0.05, 0.16)  # the darkest ink shows as 5-16 % of its darkness
        page = page - (255 - ghost) * np.float32(strength)
    page[gen.random((height, width)) < rng.uniform(0.0003, 0.002)] -= 60
    for _ in range(rng.randint(3, 14)):  # dust and hairs
        centre = (rng.randint(0, width - 1), rng.randint(0, height - 1))
        cv2.circle(page, centre, rng.randint(1, 3), rng.randint(60, 140), -1)
    if rng.random() < 0.3:  # a dark strip where the lid did not close at the edge
        edge = rng.randint(8, 30)
        page[:, :edge] -= rng.uniform(40, 90)
    grey = page.clip(0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, axis=-1), "RGB")


def _ink_on_paper(rng: random.Random, ink: Image.Image) -> Image.Image:
    width, height = ink.size
    paper = office_paper(rng, width, height)
    grey = paper * (0.07 + 0.93 * np.asarray(ink, np.float32) / 255)
    grey = grey.clip(0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, axis=-1), "RGB")


def _card_lines(person: Person) -> list[str]:
    birth = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    issued = person.id_issued_on.strftime("%d/%m/%Y") if person.id_issued_on else ""
    return [
        f"Số / No.: {person.id_number or ''}",
        f"Họ và tên / Full name: {person.full_name or ''}",
        f"Ngày sinh / Date of birth: {birth}",
        f"Giới tính / Sex: {person.gender or ''}   Quốc tịch: {person.nationality or 'Việt Nam'}",
        f"Nơi thường trú: {(person.permanent_address or '')[:48]}",
        f"Có giá trị đến: {issued}",
    ]


def make_id_card_copy(rng: random.Random, owner: Person, dpi: int = 300) -> Image.Image:
    """A photocopy of the front and back of an ID card, in the upper half of an A4 sheet."""
    width, height = a4_size(dpi)
    ink = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(ink)
    card_w, card_h = round(3.37 * dpi * 1.25), round(2.13 * dpi * 1.25)
    x0 = (width - card_w) // 2 + rng.randint(-dpi // 6, dpi // 6)
    small = load_font("DejaVu Sans", 0, round(8 * dpi / 72))
    bold = load_font("DejaVu Sans", 1, round(9.5 * dpi / 72))
    for side, y0 in enumerate((round(dpi * 1.0), round(dpi * 1.0) + card_h + dpi // 2)):
        draw.rounded_rectangle((x0, y0, x0 + card_w, y0 + card_h), radius=dpi // 8, outline=40, width=4)
        draw.rectangle((x0, y0, x0 + card_w, y0 + card_h), fill=None)
        draw.text((x0 + card_w // 2, y0 + dpi // 8), NATION, font=bold, fill=20, anchor="mt")
        draw.text((x0 + card_w // 2, y0 + dpi // 8 + dpi // 7), MOTTO, font=small, fill=20, anchor="mt")
        if side == 0:
            draw.text(
                (x0 + card_w // 2, y0 + dpi // 2 + 10), "CĂN CƯỚC CÔNG DÂN", font=bold, fill=20, anchor="mt"
            )
            photo = (x0 + dpi // 8, y0 + dpi * 3 // 4, x0 + dpi // 8 + dpi * 3 // 4, y0 + dpi * 7 // 4)
            draw.rectangle(photo, fill=110)
            y = y0 + dpi * 3 // 4
            for line in _card_lines(owner):
                draw.text((x0 + dpi, y), line, font=small, fill=25)
                y += round(small.size * 1.45)
        else:
            y = y0 + dpi // 2 + 20
            for line in ("Đặc điểm nhân dạng: nốt ruồi cách 2 cm", "trên sau mép phải",
                         "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH", "VỀ TRẬT TỰ XÃ HỘI"):  # fmt: skip
                draw.text((x0 + dpi // 6, y), line, font=small, fill=25)
                y += round(small.size * 1.5)
            draw.rectangle(
                (x0 + card_w - dpi, y0 + dpi // 2, x0 + card_w - dpi // 5, y0 + dpi * 5 // 4), fill=150
            )
    copy = _ink_on_paper(rng, ink)
    grey = np.asarray(copy, np.float32) - numpy_rng(rng).normal(0, 5, (height, width, 1))  # toner grain
    return Image.fromarray(grey.clip(0, 255).astype(np.uint8), "RGB")


def make_application_form(rng: random.Random, record: Record, family: str, dpi: int = 300) -> Image.Image:
    """The household's application for registration (Giấy đề nghị), typed into the printed form."""
    owner = record.owner
    runs = [
        ("Kính gửi: Phòng Tài chính - Kế hoạch", False),
        (f"Tôi là: {owner.full_name if owner else ''}", False),
        (f"Số định danh cá nhân: {owner.id_number if owner else ''}", False),
        (
            f"Đăng ký hộ kinh doanh với các nội dung sau: Tên hộ kinh doanh: {record.business_name or ''}",
            False,
        ),
        (f"Địa điểm kinh doanh: {record.address or ''}", False),
        (f"Ngành, nghề kinh doanh: {record.business_lines[0].name if record.business_lines else ''}", False),
        ("Tôi cam kết về tính hợp pháp, chính xác, trung thực của nội dung đề nghị đăng ký nêu trên.", True),
    ]
    blocks: list[Block] = [
        Header(left=[Paragraph([Run("", bold=True)])], right=[Paragraph([Run(NATION, bold=True)]),
                                                               Paragraph([Run(MOTTO, bold=True)])]),
        Paragraph([Run("GIẤY ĐỀ NGHỊ", bold=True)], align="center", size=1.2, space_before=1.0),
        Paragraph([Run("Đăng ký hộ kinh doanh", bold=True)], align="center"),
        *[Paragraph([Run(text, italic=italic)], space_before=0.4) for text, italic in runs],
        Paragraph([Run("NGƯỜI ĐỀ NGHỊ", bold=True)], align="center", space_before=1.5),
    ]  # fmt: skip
    ink = Renderer(family, 12.5, dpi=dpi).render(blocks)[0].image
    return _ink_on_paper(rng, ink)


def make_cover_sheet(rng: random.Random, box: int, commune: str, year: int, dpi: int = 300) -> Image.Image:
    """The archive's folder cover: box number, commune and year in large type."""
    width, height = a4_size(dpi)
    ink = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(ink)
    big = load_font("DejaVu Sans", 1, round(28 * dpi / 72))
    mid = load_font("DejaVu Sans", 0, round(16 * dpi / 72))
    draw.rectangle((dpi, dpi, width - dpi, round(dpi * 5.5)), outline=0, width=6)
    lines = [("HỒ SƠ LƯU TRỮ", big), ("Đăng ký hộ kinh doanh", mid), (f"HỘP SỐ: {box}", big),
             (commune, mid), (f"Năm: {year}", mid)]  # fmt: skip
    y = round(dpi * 1.4)
    for line, font in lines:
        draw.text((width // 2, y), line, font=font, fill=0, anchor="mt")
        y += round(font.size * 1.7)
    return _ink_on_paper(rng, ink)
