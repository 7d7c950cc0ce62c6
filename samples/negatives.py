"""Inputs that are not certificates, so the pipeline can prove it says "unrecognised" instead of guessing.

A blank scanned page, a photo-like picture (sky, hills, a house, sensor noise) and an English business
letter printed on plain paper.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from samples.degrade import numpy_rng, smooth_field
from samples.render import load_font

LETTER = (
    "ACME Trading Ltd.",
    "14 Harbour Road, Southampton SO14 2AQ, United Kingdom",
    "",
    "12 March 2024",
    "",
    "Mr. John Carter",
    "Purchasing Manager, Northwind Supplies",
    "221 King Street, Manchester M2 4WU",
    "",
    "Dear Mr. Carter,",
    "",
    "Thank you for your enquiry of 5 March regarding our range of office furniture. We are pleased",
    "to enclose our current price list and catalogue. All prices include delivery within the United",
    "Kingdom; orders above 2,000 pounds receive a discount of five per cent.",
    "",
    "Our standard terms of payment are thirty days from the date of invoice. Should you wish to",
    "visit our showroom, please contact my assistant to arrange a convenient time.",
    "",
    "We look forward to hearing from you.",
    "",
    "Yours sincerely,",
    "",
    "",
    "Margaret Hughes",
    "Sales Director",
)


def make_blank_page(rng: random.Random, dpi: int = 300) -> Image.Image:
    """An empty sheet as a scanner sees it: off-white, faint noise, a little dust."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    gen = numpy_rng(rng)
    page = 246 + 4 * smooth_field(rng, h, w, cells=4) + (gen.random((h, w)) < 0.002) * -40
    for _ in range(rng.randint(3, 12)):
        cv2.circle(page, (rng.randint(0, w), rng.randint(0, h)), rng.randint(1, 3), 120, -1)
    grey = page.clip(0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, axis=-1), "RGB")


def make_photo_like(rng: random.Random, width: int = 2400, height: int = 1800) -> Image.Image:
    """A landscape snapshot: sky gradient, hills, a house, a tree and camera noise."""
    yy = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    sky = (
        np.array([120, 170, 230], np.float32) * (1 - 0.4 * yy)
        + np.array([230, 230, 240], np.float32) * 0.4 * yy
    )
    image = np.broadcast_to(sky[:, None, :] if sky.ndim == 2 else sky, (height, width, 3)).copy()
    xs = np.arange(width)
    for level, colour in ((0.55, (70, 120, 60)), (0.68, (90, 140, 70)), (0.8, (110, 150, 80))):
        ridge = height * (level + 0.05 * np.sin(xs / rng.uniform(150, 400) + rng.uniform(0, 6)))
        mask = np.arange(height)[:, None] > ridge[None, :]
        image[mask] = colour
    hx, hy = rng.randint(width // 5, width // 2), int(height * 0.62)
    cv2.rectangle(image, (hx, hy), (hx + 400, hy + 300), (200, 180, 150), -1)
    cv2.fillPoly(
        image, [np.array([(hx - 40, hy), (hx + 200, hy - 200), (hx + 440, hy)], np.int32)], (150, 60, 50)
    )
    cv2.rectangle(image, (hx + 160, hy + 150), (hx + 240, hy + 300), (90, 60, 40), -1)
    tx = rng.randint(width // 2 + 200, width - 200)
    cv2.rectangle(image, (tx - 20, int(height * 0.55)), (tx + 20, int(height * 0.8)), (80, 55, 35), -1)
    cv2.circle(image, (tx, int(height * 0.5)), 160, (50, 110, 50), -1)
    image = cv2.GaussianBlur(image, (0, 0), 1.5) + numpy_rng(rng).normal(0, 6, image.shape)
    return Image.fromarray(image.clip(0, 255).astype(np.uint8), "RGB")


def make_english_letter(rng: random.Random, dpi: int = 300) -> Image.Image:
    """A plain business letter in English: text, no seal, no guilloche."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("RGB", (w, h), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    font = load_font("Liberation Serif", 0, round(11.5 * dpi / 72))
    bold = load_font("Liberation Serif", 1, round(16 * dpi / 72))
    y = dpi * 1.0
    for index, line in enumerate(LETTER):
        draw.text((dpi * 1.0, y), line, font=bold if index == 0 else font, fill=(20, 20, 20))
        y += dpi * (0.32 if index == 0 else 0.24)
    return page
