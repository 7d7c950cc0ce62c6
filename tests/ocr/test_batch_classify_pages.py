"""Pages of a scanned stack made here, one at a time, that the 120-page development batch showed to be
near the classifier's edges: worn toner on a sparse page, and the strongest bleed-through on a blank back."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.batch.classify import (
    BLANK_BLOBS,
    FAINT_INK_LEVEL,
    NOISE_BLOBS,
    OtherKind,
    PageKind,
    classify_page,
    count_text_blobs,
)
from ocr.batch.split import split_pages
from samples.batch import scan_page
from samples.batch_pages import make_blank_back, make_cover_sheet, make_id_card_copy
from samples.degrade import Scan, degrade_scan
from samples.generate import to_bilevel
from samples.render import available_fonts, load_font
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


def bilevel(page: Image.Image) -> Image.Image:
    """Saved as a scanner's G4 TIFF does: thresholded to one bit."""
    return to_bilevel(page)


def test_a_faded_id_card_copy_saved_bilevel_is_kept_not_dropped() -> None:
    rng = random.Random(1030)
    front = make_id_card_copy(rng, Person(full_name="Lê Văn Cường", id_number="036098765432"))
    scanned = degrade_scan(Scan(np.asarray(front.convert("RGB"))), "faded", rng).pixels
    page = bilevel(Image.fromarray(scanned, "RGB"))
    blobs = count_text_blobs(np.asarray(page.convert("L")))
    assert NOISE_BLOBS <= blobs < BLANK_BLOBS, "thresholding left only a little of the faded ink"
    got = classify_page(page)
    assert got.kind != PageKind.BLANK, got
    split = split_pages([classify_page(make_blank_back(random.Random(5), front)), got])
    assert split.blanks == [1] and [d.pages for d in split.documents] == [[2]]
    if got.kind != PageKind.OTHER:  # not read as the ID card it is: its place is shown to the clerk
        assert split.documents[0].uncertain


@pytest.mark.parametrize("seed", [31, 47])
def test_blank_backs_saved_bilevel_still_drop(seed: int) -> None:
    rng = random.Random(seed)
    front = make_id_card_copy(rng, Person(full_name="Phạm Thị Dung", id_number="001187654321"))
    for _ in range(3):  # moderate scans: speckle, dust, lid edges, bleed-through, then thresholded
        back = bilevel(scan_page(rng, make_blank_back(rng, front), "moderate"))
        assert count_text_blobs(np.asarray(back.convert("L"))) < NOISE_BLOBS
        assert classify_page(back).kind == PageKind.BLANK


def test_a_few_specks_on_a_bilevel_page_stay_blank() -> None:
    rng = random.Random(8)
    grey = np.full((3508, 2480), 255, np.uint8)
    for _ in range(NOISE_BLOBS - 2):  # letter-sized marks, scattered as dust is, none beside another
        y, x = rng.randrange(400, 3100), rng.randrange(300, 2100)
        grey[y : y + 30, x : x + 18] = 0
    page = Image.fromarray(grey, "L").convert("1")
    assert classify_page(page).kind == PageKind.BLANK


def test_a_short_line_of_text_on_a_grey_page_is_read_not_dropped() -> None:
    page = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(page)
    draw.text((300, 1600), "Xem trang sau", fill=60, font=load_font(available_fonts()[0], 0, 42))
    grey = np.asarray(page)
    blobs = count_text_blobs(grey)
    assert NOISE_BLOBS <= blobs < BLANK_BLOBS, blobs
    got = classify_page(page)
    assert got.kind != PageKind.BLANK, got
