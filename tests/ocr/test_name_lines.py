"""Name lines re-read together: two crops on one canvas, one Tesseract call, words split back by band."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.pipeline import make_reread

pytestmark = pytest.mark.ocr


def page_with(lines: list[str]) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A grey page with the lines printed far apart, and each line's box."""
    page = Image.new("L", (1600, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("DejaVuSans.ttf", 30)
    boxes = []
    for i, text in enumerate(lines):
        x, y = 120 + 300 * i, 150 + 400 * i
        draw.text((x, y), text, font=font, fill=0)
        left, top, right, bottom = draw.textbbox((x, y), text, font=font)
        boxes.append((left, top, right - left, bottom - top))
    return np.asarray(page), boxes


def test_two_name_lines_come_back_in_order_from_one_call() -> None:
    grey, boxes = page_with(["NGUYỄN VĂN THẮNG", "CỬA HÀNG TẠP HÓA"])
    reader = make_reread({1: grey}, time.monotonic() + 30)
    got = reader.read_lines([(1, boxes[0]), (1, boxes[1]), (2, boxes[1])], height=40)
    assert got[0] is not None and got[0][0] == "NGUYỄN VĂN THẮNG"
    assert got[1] is not None and got[1][0] == "CỬA HÀNG TẠP HÓA"
    assert got[2] is None  # no such page
    assert got[0][1] > 50
