"""The sheet in a photo, not a patch of a scanned page (issue 13: a light 2021 scan lost its top half
because the edges of its security-paper texture, joined to the text, made a large four-cornered
blob that was taken for the sheet and cropped to). Synthetic images drawn here."""

from __future__ import annotations

import cv2
import numpy as np

from ocr import images


def textured_scan() -> np.ndarray:
    """A full-frame cream page with a wavy texture and dark strokes in a C-shaped band (three sides of
    a box, open on the right): its edges join into one ragged outline whose hull has four corners."""
    h, w = 1400, 1000
    page = np.full((h, w, 3), (238, 232, 214), np.uint8)
    rng = np.random.default_rng(7)
    band = np.zeros((h, w), bool)
    band[300:520, 100:900] = True  # top of the C
    band[300:1300, 100:340] = True  # its back
    band[1080:1300, 100:900] = True  # its foot
    ys, xs = np.nonzero(band)
    for i in rng.choice(len(ys), 3500, replace=False):
        y, x = int(ys[i]), int(xs[i])
        cv2.line(
            page, (x, y), (x + int(rng.integers(-40, 40)), y + int(rng.integers(-8, 8))), (90, 80, 70), 2
        )
    return page


def photo_of_sheet(broken_edge: bool = False) -> np.ndarray:
    """A bright sheet on a dark table, a little turned, with a few text strokes."""
    h, w = 1400, 1000
    img = np.full((h, w, 3), (70, 60, 50), np.uint8)
    quad = np.array([[180, 150], [860, 200], [820, 1250], [140, 1200]], np.int32)
    cv2.fillPoly(img, [quad], (235, 235, 228))
    for y in range(300, 1100, 60):
        cv2.line(img, (260, y), (700, y + 20), (40, 40, 40), 4)
    if broken_edge:  # the right side fades into a bright patch of the table
        cv2.fillPoly(
            img, [np.array([[860, 200], [1000, 200], [1000, 1250], [820, 1250]], np.int32)], (235, 235, 228)
        )
    return img


def test_a_ragged_texture_outline_on_a_scan_is_not_the_sheet() -> None:
    assert images.find_page_quad(textured_scan()) is None


def test_the_sheet_in_a_photo_is_found() -> None:
    quad = images.find_page_quad(photo_of_sheet())
    assert quad is not None
    assert abs(quad[0][0] - 180) < 25 and abs(quad[0][1] - 150) < 25


def test_a_broken_outline_is_the_sheet_when_its_sides_separate_paper_from_the_table() -> None:
    grey = cv2.cvtColor(photo_of_sheet(), cv2.COLOR_RGB2GRAY)
    quad = np.array([[180, 150], [860, 200], [820, 1250], [140, 1200]], np.float32)
    c_shape = np.array(
        [[860, 200], [180, 150], [140, 1200], [820, 1250], [800, 1230], [160, 1180], [200, 170], [860, 215]],
        np.int32,
    )
    hull = cv2.convexHull(c_shape)
    assert cv2.contourArea(c_shape) / cv2.contourArea(hull) < images.PAPER_SOLIDITY
    assert images.outline_is_paper(grey, c_shape, hull, quad)
    scan = cv2.cvtColor(textured_scan(), cv2.COLOR_RGB2GRAY)
    assert not images.outline_is_paper(scan, c_shape, hull, quad)
