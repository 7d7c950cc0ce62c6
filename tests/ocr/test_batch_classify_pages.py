"""Pages of a scanned stack made here, one at a time, that the 120-page development batch showed to be
near the classifier's edges: worn toner on a sparse page, and the strongest bleed-through on a blank back."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image

from ocr.batch.classify import (
    BLANK_BLOBS,
    FAINT_INK_LEVEL,
    OtherKind,
    PageKind,
    classify_page,
    count_text_blobs,
)
from samples.batch_pages import make_blank_back, make_cover_sheet, make_id_card_copy
from schemas.record import Person

pytestmark = pytest.mark.ocr


def worn(page: Image.Image, fade: float) -> Image.Image:
    """samples.degrade's faded toner at its strongest, evenly over the page."""
    pixels = np.asarray(page, np.float32)
    out = pixels + (255 - pixels) * fade * (pixels < 200)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8), "RGB")


def test_a_cover_sheet_in_worn_toner_is_kept_and_read() -> None:
    page = worn(make_cover_sheet(random.Random(3), 217, "Xã Tân Phú", 2016), 0.65)
    grey = np.asarray(page.convert("L"))
    assert count_text_blobs(grey) < BLANK_BLOBS, "at the ordinary ink level this page looks blank"
    assert count_text_blobs(grey, FAINT_INK_LEVEL) >= BLANK_BLOBS
    got = classify_page(page)
    assert got.kind == PageKind.OTHER and got.other == OtherKind.COVER_SHEET, got


@pytest.mark.parametrize("seed", [2, 9, 14])
def test_the_back_of_a_dense_page_stays_blank_at_the_faint_level(seed: int) -> None:
    rng = random.Random(seed)
    front = make_id_card_copy(rng, Person(full_name="Nguyễn Văn An", id_number="012345678901"))
    for _ in range(4):  # several backs: bleed-through 5-16 %, noise, dust and lid edges vary
        back = make_blank_back(rng, front)
        grey = np.asarray(back.convert("L"))
        assert count_text_blobs(grey, FAINT_INK_LEVEL) < BLANK_BLOBS // 2
        assert classify_page(back).kind == PageKind.BLANK
