"""Image steps on synthetic pages (no Tesseract): each does its one job and leaves text alone."""

from __future__ import annotations

import cv2
import numpy as np

from ocr import images


def text_page(angle: float = 0.0) -> np.ndarray:
    """White A4-ish page with ten lines of 'text' (dark bars of letter-sized blobs)."""
    page = np.full((1400, 1000), 255, np.uint8)
    for row in range(10):
        y = 150 + row * 100
        for col in range(30):
            x = 100 + col * 26
            cv2.rectangle(page, (x, y), (x + 16, y + 28), 0, -1)
    return images.rotate_by(page, angle) if angle else page


def test_skew_is_measured_and_undone() -> None:
    tilted = text_page(3.0)
    angle = images.estimate_skew(tilted)
    assert abs(angle + 3.0) < 0.5


def test_sideways_pages_are_detected() -> None:
    page = text_page()
    assert not images.is_sideways(page)
    assert images.is_sideways(np.ascontiguousarray(np.rot90(page)))


def test_lonely_specks_go_and_letters_stay() -> None:
    page = text_page()
    speckled = page.copy()
    for x, y in [(50, 60), (900, 1300), (500, 1320), (30, 700)]:  # margins, between lines: specks
        cv2.circle(speckled, (x, y), 3, 0, -1)
    cleaned = images.remove_isolated_specks(speckled)
    assert (cleaned[50:70, 40:60] == 255).all()
    assert np.array_equal(cleaned[150:180, 100:900], page[150:180, 100:900])


def _specks_reference(grey: np.ndarray, text_height: int = images.TARGET_TEXT_HEIGHT) -> np.ndarray:
    """The speck removal as first written (every step over every pixel): the faster one must agree."""
    binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    small = (stats[:, cv2.CC_STAT_AREA] <= (0.3 * text_height) ** 2) & (
        stats[:, cv2.CC_STAT_HEIGHT] <= 0.5 * text_height
    )
    small[0] = False
    letters = ((~small[labels]) & (labels > 0)).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * text_height, max(3, int(0.8 * text_height))))
    touched = np.bincount(labels[cv2.dilate(letters, kernel) > 0], minlength=n) > 0
    halo = cv2.dilate((small & ~touched)[labels].astype(np.uint8), np.ones((5, 5), np.uint8))
    out = grey.copy()
    out[halo > 0] = 255
    return out


def test_speck_removal_agrees_pixel_for_pixel_with_the_reference() -> None:
    rng = np.random.default_rng(7)
    page = text_page()
    for x, y in rng.integers(0, (1000, 1400), size=(400, 2)):  # specks everywhere, on lines too
        cv2.circle(page, (int(x), int(y)), int(rng.integers(1, 4)), int(rng.integers(0, 120)), -1)
    for col in range(30):  # diacritics: small blobs just above the first line's letters
        cv2.circle(page, (108 + col * 26, 142), 3, 0, -1)
    noisy = cv2.add(page, rng.integers(0, 40, page.shape, dtype=np.uint8))
    expected = _specks_reference(noisy)
    assert not np.array_equal(expected, noisy)  # the case removes something
    assert np.array_equal(images.remove_isolated_specks(noisy), expected)
    assert np.array_equal(images.remove_isolated_specks(noisy, 20), _specks_reference(noisy, 20))


def test_table_rules_are_removed() -> None:
    page = text_page()
    cv2.line(page, (50, 120), (950, 120), 0, 2)
    cv2.line(page, (60, 100), (60, 1300), 0, 2)
    cleaned = images.remove_rules(page)
    assert (cleaned[119:122, 200:800] == 255).all()
    assert (cleaned[150:178, 100:116] == 0).all()  # a letter blob survives


def test_red_seal_and_yellow_guilloche_are_dropped() -> None:
    rgb = np.full((100, 100, 3), (250, 244, 205), np.uint8)  # pale yellow paper
    rgb[10:20, 10:90] = (20, 20, 20)  # black text
    rgb[40:60, 10:90] = (200, 30, 40)  # red seal ink
    grey = images.drop_colour_marks(rgb)
    assert grey[15, 50] < 60
    assert grey[50, 50] == 255
    assert grey[80, 50] > 240


def test_row_contrast_separates_print_from_texture() -> None:
    rng = np.random.default_rng(1)
    texture = (rng.random((1400, 1000)) * 255).astype(np.uint8)
    assert images.row_contrast(text_page()) > 2.0
    assert images.row_contrast(texture) < 2.0


def test_illumination_is_flattened() -> None:
    page = text_page().astype(np.float32)
    shadow = np.linspace(0.45, 1.0, page.shape[1])[None, :]
    dark = (page * shadow).astype(np.uint8)
    flat = images.normalise_illumination(dark)
    assert flat[1350, 20] > 230  # paper in the shadow is white again
    assert flat[160, 110] < 80  # ink stays dark


def test_page_png_is_lossless() -> None:
    rng = np.random.default_rng(7)
    page = rng.integers(0, 256, size=(300, 200), dtype=np.uint8)
    png = images.encode_png(page)
    assert png.startswith(b"\x89PNG")
    back = cv2.imdecode(np.frombuffer(png, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    assert np.array_equal(back, page)


def blank_scan() -> np.ndarray:
    """The clerk test's empty sheet after JPEG and flattening: paper grain within a few grey levels."""
    import io
    import random

    from PIL import Image

    from ocr.pipeline import flatten_page
    from samples.negatives import make_blank_page

    buf = io.BytesIO()
    make_blank_page(random.Random(2)).save(buf, "JPEG", quality=85)
    return flatten_page(np.asarray(Image.open(buf).convert("RGB")))


def test_paper_grain_is_neither_text_height_nor_ink() -> None:
    """Otsu splits a blank page's grain from its paper; those 1-3 px blobs once read as 8 px text
    and scaled the page 3.5× up, past the reader's memory limit."""
    blank = blank_scan()
    assert images.estimate_text_height(blank) is None
    assert images.estimate_text_height(images.rotate_quarter(blank, 90)) is None
    assert not images.has_ink(blank)  # its dust specks too, before they are cleaned away
    assert not images.has_ink(images.remove_isolated_specks(blank))
    assert images.has_ink(text_page())
    assert images.estimate_text_height(text_page()) is not None


def test_scaling_up_stops_at_the_pixel_cap() -> None:
    from ocr.pipeline import MAX_SCALED_PIXELS, normalise_scale

    page = np.full((4000, 6000), 255, np.uint8)  # a large photo of small print: 16 px letters
    for row in range(40):
        for col in range(200):
            cv2.rectangle(page, (100 + col * 28, 100 + row * 90), (112 + col * 28, 116 + row * 90), 0, -1)
    view, grey = normalise_scale(page, page)
    assert grey.shape[0] * grey.shape[1] <= MAX_SCALED_PIXELS * 1.01
    assert grey.shape[0] > page.shape[0]  # still scaled up, as far as the cap allows
    assert view.shape == grey.shape
