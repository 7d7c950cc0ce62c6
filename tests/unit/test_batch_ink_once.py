"""The batch's ink test costs less but decides the same: its colour drop is the pipeline's
(`images.drop_colour_marks`) pixel for pixel, and the one flattened 100-dpi copy it now makes per page
counts the same blobs at both ink levels as a copy made for each level did, on the pages nearest its
edges (blank backs with bleed-through, worn toner). Pure: no page is read."""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest
from PIL import Image

from ocr import images
from ocr.batch.classify import (
    BLANK_BLOBS,
    FAINT_INK_LEVEL,
    INK_LEVEL,
    _grey,
    flat_small,
    letter_boxes,
    text_blob_boxes,
)
from samples.batch_pages import make_blank_back, make_cover_sheet, make_id_card_copy
from schemas.record import Person


def test_the_ink_tests_colour_drop_is_the_pipelines_pixel_for_pixel() -> None:
    rng = np.random.default_rng(11)
    rgb = rng.integers(0, 256, (400, 300, 3), dtype=np.uint8)
    # the edges of the seal rule: redness 60 / 61 and red 120 / 121, either side of each threshold
    rgb[:10, :4] = [[121, 60, 0], [121, 61, 0], [120, 0, 0], [200, 140, 139]]
    rgb[10:20] = (230, 40, 40)  # a seal's stroke
    rgb[20:30] = (250, 235, 150)  # yellow guilloche
    page = Image.fromarray(rgb, "RGB")
    got = _grey(page)
    want = images.drop_colour_marks(np.array(rgb))
    assert got.dtype == want.dtype and np.array_equal(got, want)
    assert (got[10:20] == 255).all() and got[0, 0] == 255 and got[0, 1] == 121 and got[0, 2] == 120, "edges"
    assert np.array_equal(np.asarray(page), rgb), "the decoded page is not written to"


def worn(page: Image.Image, fade: float) -> Image.Image:
    pixels = np.asarray(page, np.float32)
    out = pixels + (255 - pixels) * fade * (pixels < 200)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8), "RGB")


@functools.cache
def edge_pages() -> list[tuple[str, Image.Image]]:
    rng = random.Random(2612)
    front = make_id_card_copy(rng, Person(full_name="Trần Thị Bích", id_number="079123456789"))
    backs = [(f"back {i}", make_blank_back(rng, front)) for i in range(3)]
    cover = make_cover_sheet(random.Random(4), 58, "Xã Bình An", 2019)
    return [*backs, ("worn cover", worn(cover, 0.65)), ("front", front)]


@pytest.mark.parametrize("level", [INK_LEVEL, FAINT_INK_LEVEL])
def test_one_flat_copy_counts_the_same_blobs_at_both_levels(level: int) -> None:
    counts = {}
    for name, page in edge_pages():
        grey = _grey(page)
        once = letter_boxes(flat_small(grey), level)
        assert np.array_equal(once, text_blob_boxes(grey, level)), name
        counts[name] = len(once)
    # and the decisions keep their margin: bleed-through stays far under the blank line, print over it
    assert max(counts[f"back {i}"] for i in range(3)) < BLANK_BLOBS // 2, counts
    assert counts["front"] >= 4 * BLANK_BLOBS, counts
    if level == FAINT_INK_LEVEL:
        assert counts["worn cover"] >= BLANK_BLOBS, counts
