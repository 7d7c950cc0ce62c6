"""Rendering is reproducible by seed and every degradation produces a readable image of the right kind."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from samples.degrade import STEPS, expand_specs, tier_of
from samples.generate import encode_sample, generate_document, generate_sample


@pytest.mark.slow
def test_same_seed_gives_identical_bytes() -> None:
    first = encode_sample(generate_sample(7, 0, "2021", "dpi100+speckle_light"))
    second = encode_sample(generate_sample(7, 0, "2021", "dpi100+speckle_light"))
    other = encode_sample(generate_sample(8, 0, "2021", "dpi100+speckle_light"))
    assert first == second
    assert first != other


@pytest.mark.slow
def test_photo_has_no_dpi_and_background_around_the_page() -> None:
    sample = generate_sample(3, 1, "2025", "photo")
    data = encode_sample(sample)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert "dpi" not in image.info
    corner = image.convert("L").getpixel((5, 5))
    assert isinstance(corner, int) and corner < 200  # table, not paper


@pytest.mark.slow
def test_annex_tiff_has_two_bilevel_pages() -> None:
    images, record = generate_document(random.Random(5), "2015", "tiff_annex+dpi150")
    assert record.members
    assert len(images) == 2 and images[0].mode == "1"


def test_tiers_cover_every_step_and_mixes_expand() -> None:
    assert {tier_of(name) for name in STEPS} == {"clean", "light", "moderate", "photo"}
    assert tier_of("skew_light+jpeg_light") == "light"
    assert tier_of("skew_light+dpi100") == "moderate"
    assert tier_of("photo+faded") == "photo"
    assert all(tier_of(spec) == "light" for spec in expand_specs(["light"]))
    with pytest.raises(ValueError, match="unknown degradation"):
        expand_specs(["sepia"])
