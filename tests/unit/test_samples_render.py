"""Rendering is reproducible by seed and every degradation produces a readable image of the right kind."""

from __future__ import annotations

import io
import random
from pathlib import Path

import msgspec
import numpy as np
import pytest
from PIL import Image

import samples
from samples.degrade import STEPS, Scan, degrade_scan, expand_specs, tier_of
from samples.generate import encode_sample, generate_document, generate_sample
from schemas.record import Record


@pytest.mark.slow
def test_same_seed_gives_identical_bytes() -> None:
    first = encode_sample(generate_sample(7, 0, "2021", "pdf_split+dpi100+speckle_light"))
    second = encode_sample(generate_sample(7, 0, "2021", "pdf_split+dpi100+speckle_light"))
    other = encode_sample(generate_sample(8, 0, "2021", "pdf_split+dpi100+speckle_light"))
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


@pytest.mark.parametrize("name", sorted(STEPS))
def test_every_step_returns_an_rgb_page(name: str) -> None:
    page = np.full((420, 300, 3), 245, np.uint8)
    page[100:120, 40:260] = 20  # a line of "text"
    scan = degrade_scan(Scan(page), name, random.Random(name))
    assert scan.pixels.dtype == np.uint8 and scan.pixels.ndim == 3 and scan.pixels.shape[2] == 3
    assert scan.pixels.min() < 150  # the text survives
    if name == "photo":
        assert scan.dpi is None
    if name in ("rotate90",):
        assert scan.pixels.shape[:2] == (300, 420)
    if name == "dpi100":
        assert scan.dpi == 100 and scan.pixels.shape[1] == 100


def test_fixed_set_manifest_matches_its_files() -> None:
    fixed = Path(samples.__file__).parent / "fixed"
    lines = [msgspec.json.decode(line) for line in (fixed / "manifest.jsonl").read_bytes().splitlines()]
    layouts = {line["layout"] for line in lines}
    assert layouts == {"2015", "2021", "2025", "unrecognised"}
    assert len(list(fixed.iterdir())) <= 30
    assert sum(p.stat().st_size for p in fixed.iterdir()) <= 20 * 1024 * 1024
    for line in lines:
        assert (fixed / line["file"]).is_file()
        if line["truth"]:
            record = msgspec.json.decode((fixed / line["truth"]).read_bytes(), type=Record)
            assert record.business_name and record.registration_number
