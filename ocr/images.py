"""Image steps of the pipeline, each ndarray → ndarray (OpenCV + NumPy, no OCR).

Conventions: colour images are RGB uint8 (H, W, 3), grey ones uint8 (H, W); text is dark on light.
"""

from __future__ import annotations

import cv2
import numpy as np

TARGET_TEXT_HEIGHT = 30
"""Median height (px) of a lower-case-and-capital text blob that Tesseract reads best at."""

MIN_INK_CONTRAST = 40.0
"""Grey levels between the mean of what Otsu calls ink and what it calls paper, below which there is
no ink: on a blank scan Otsu splits paper grain from paper (248 against 255), and the grain's
1-3 px blobs read as tiny text that would scale the page up 3.5× (106 MP, past the reader's memory
limit). Faded print, photographed, stays 70+ levels darker than its paper."""


def to_rgb(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_RGBA2RGB)
    return image


def downscale_to(image: np.ndarray, longest: int) -> tuple[np.ndarray, float]:
    """A copy whose longest side is at most `longest` px, and the factor applied."""
    h, w = image.shape[:2]
    f = min(1.0, longest / max(h, w))
    if f >= 1.0:
        return image, 1.0
    return cv2.resize(image, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA), f


def resize_by(image: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 0.05:
        return image
    h, w = image.shape[:2]
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, (max(1, round(w * factor)), max(1, round(h * factor))), interpolation=interp)


def drop_colour_marks(rgb: np.ndarray) -> np.ndarray:
    """Grey page without the red seal and the pale yellow guilloche.

    Red ink and yellow paper both reflect red light, so in the red channel they are nearly as light as
    white paper while black and blue ink stay dark. Strongly saturated reddish pixels (the seal's
    solid strokes) are pushed to white outright.
    """
    r, g, b = cv2.split(rgb)
    redness = cv2.subtract(r, cv2.max(g, b))  # saturating uint8: no int16 copies of a full page
    seal = (redness > 60) & (r > 120)
    grey = r
    grey[seal] = 255
    return grey


def estimate_text_height(grey: np.ndarray) -> float | None:
    """Median height of letter-sized connected components, in px (None if the page has no text:
    too few of them, or no ink darker than the paper by `MIN_INK_CONTRAST`)."""
    small, f = downscale_to(grey, 1800)
    binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    ink = binary > 0
    if not ink.any() or ink.all() or small[~ink].mean() - small[ink].mean() < MIN_INK_CONTRAST:
        return None  # paper grain, not print
    n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n < 30:
        return None
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(float)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(float)
    letters = h[(h >= 4) & (h <= 120) & (w <= 3 * h) & (w >= 0.15 * h)]
    if len(letters) < 30:
        return None
    return float(np.median(letters)) / f


def find_page_quad(rgb: np.ndarray) -> np.ndarray | None:
    """Corners (4×2, float32, original px) of the paper in a photo, or None when the paper fills the frame."""
    small, f = downscale_to(rgb, 700)
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    edges = cv2.Canny(grey, 30, 100)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area_img = small.shape[0] * small.shape[1]
    best = None
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        hull = cv2.convexHull(c)
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        area = cv2.contourArea(approx)
        quad = approx.reshape(-1, 2)
        if (
            len(quad) == 4
            and 0.2 * area_img < area < 0.97 * area_img
            and outline_is_paper(grey, c, hull, quad)
            and not surround_is_paper(grey, quad)  # a ruled table or frame printed on the sheet
        ):
            best = quad.astype(np.float32)
            break
    if best is None:
        return None
    return order_corners(best / f)


PAPER_SOLIDITY = 0.8
"""A sheet's outline encloses the sheet: its contour fills its hull. Edges of a security-paper texture
joined to the text (a full-frame scan) make a ragged blob that fills about half of its hull."""
GROUND_STEP = 30.0
"""Grey levels by which the band just inside a side is brighter than the band just outside: paper
against the table, even where its edge line is broken. On a full-frame scan both bands are the same
paper, or the inside one is darker (the ink that made the outline)."""


def outline_is_paper(grey: np.ndarray, contour: np.ndarray, hull: np.ndarray, quad: np.ndarray) -> bool:
    """Whether a large four-cornered outline is the sheet in a photo, not a patch of a scanned page
    (a scan cropped to that patch loses its top half: issue 13's light 2021 page). The outline is
    the sheet when it is solid, or when at least two sides separate paper from a different ground."""
    hull_area = cv2.contourArea(hull)
    if hull_area > 0 and cv2.contourArea(contour) / hull_area >= PAPER_SOLIDITY:
        return True
    inside = np.zeros(grey.shape, np.uint8)
    cv2.fillPoly(inside, [quad.astype(np.int32)], 255)
    k = max(5, int(0.03 * max(grey.shape)))
    kernel = np.ones((k, k), np.uint8)
    outer = (cv2.dilate(inside, kernel) > 0) & (inside == 0)
    inner = (inside > 0) & (cv2.erode(inside, kernel) == 0)
    steps = 0
    for i in range(4):
        side = np.zeros(grey.shape, np.uint8)
        a, b = quad[i].astype(int), quad[(i + 1) % 4].astype(int)
        cv2.line(side, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), 255, 2 * k)
        out_px, in_px = grey[outer & (side > 0)], grey[inner & (side > 0)]
        if out_px.size >= 50 and in_px.size >= 50:
            steps += float(np.median(in_px)) - float(np.median(out_px)) >= GROUND_STEP
    return steps >= 2


PAPER_MARGIN = 15
"""Grey levels by which the outside of a sheet in a photo is at least darker than the sheet (table,
floor, hand: measured 60–160 darker on the dev photos; a ruled table on a scan: 2 lighter)."""


def surround_is_paper(grey: np.ndarray, quad: np.ndarray) -> bool:
    """True when what lies outside `quad` is as light as what lies inside: the quad is drawn on the
    paper (a tall member table on a scan), and unwarping it would cut the page down to the table."""
    inside = np.zeros(grey.shape, np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    within, around = grey[inside > 0], grey[inside == 0]
    if around.size == 0 or within.size == 0:
        return False
    return float(np.median(around)) >= float(np.median(within)) - PAPER_MARGIN


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def unwarp_page(rgb: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Perspective-correct the paper inside `quad` to an upright rectangle."""
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(
        rgb, m, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


def _text_mask(grey: np.ndarray, longest: int) -> tuple[np.ndarray, float]:
    """Dark pixels of a downscaled copy, with a 3% frame blanked (photo edges, scanner shadows)."""
    small, f = downscale_to(grey, longest)
    mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    h, w = mask.shape
    mh, mw = max(1, h * 3 // 100), max(1, w * 3 // 100)
    mask[:mh], mask[-mh:], mask[:, :mw], mask[:, -mw:] = 0, 0, 0, 0
    return mask, f


def _line_score(mask: np.ndarray) -> float:
    """Variance of the row profile: high when rows alternate between text and blank."""
    rows = mask.sum(axis=1, dtype=np.float64)
    return float(np.var(rows))


def _best_skew(mask: np.ndarray, max_deg: float) -> tuple[float, float]:
    """(angle, score) maximising the sharpness of text rows over rotations within ±max_deg."""
    h, w = mask.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        return _line_score(cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST))

    coarse = max(np.arange(-max_deg, max_deg + 0.01, 1.0), key=score)
    fine = max(np.arange(coarse - 0.8, coarse + 0.81, 0.2), key=score)
    return float(fine), score(fine)


def is_sideways(grey: np.ndarray) -> bool:
    """True when the text lines run vertically (page turned 90° or 270°), skew allowed."""
    mask, _ = _text_mask(grey, 700)
    return _best_skew(np.ascontiguousarray(mask.T), 6.0)[1] > 1.3 * _best_skew(mask, 6.0)[1]


MIN_INK_PIXELS = 1000
"""Fewer pixels darker than the paper by `MIN_INK_CONTRAST` and a page holds no print worth reading
(a certificate has hundreds of thousands, a line of six 30-px letters about a thousand; a dozen dust
specks a few hundred): Tesseract is not asked, since on paper grain alone it reads thousands of
"words" for a minute a pass."""


def has_ink(grey: np.ndarray) -> bool:
    """Whether the cleaned page has any print on it: pixels well darker than its paper (the median)."""
    paper = float(np.median(downscale_to(grey, 1000)[0]))
    return int(np.count_nonzero(grey < paper - MIN_INK_CONTRAST)) >= MIN_INK_PIXELS


def row_contrast(grey: np.ndarray) -> float:
    """Normalised variance of the row profile of an upright page: printed lines alternate with blank
    gaps (certificates score 2–10, a photograph of a scene about 1.5, an empty page 0)."""
    mask, _ = _text_mask(grey, 1000)
    rows = mask.sum(axis=1, dtype=np.float64)
    mean = float(rows.mean())
    return float(rows.var()) / (mean * mean) if mean > 0 else 0.0


def estimate_skew(grey: np.ndarray, max_deg: float = 6.0) -> float:
    """Angle in degrees (counter-clockwise) to rotate by so the text rows are horizontal."""
    mask, _ = _text_mask(grey, 1000)
    return _best_skew(mask, max_deg)[0]


def rotate_by(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by `angle` degrees (counter-clockwise), keeping the whole page, padding with white."""
    if abs(angle) < 0.05:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    border = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_CUBIC, borderValue=border)


def rotate_quarter(image: np.ndarray, clockwise_deg: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[clockwise_deg]) if clockwise_deg in codes else image


def normalise_illumination(grey: np.ndarray) -> np.ndarray:
    """Divide by the estimated paper brightness so shadows and yellowing become white paper."""
    small, _ = downscale_to(grey, 600)
    k = max(3, round(15 * min(small.shape) / 600) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 2)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(background, 1), scale=255)


def remove_isolated_specks(grey: np.ndarray, text_height: int = TARGET_TEXT_HEIGHT) -> np.ndarray:
    """White out small dark blobs that lie outside every text line (dust, toner specks).

    Size alone cannot tell a speck from a diacritic or an "i" (both speck-sized), but those sit inside
    a line of letters while specks lie alone in margins and between lines. Lines are found by smearing
    the letter-sized blobs sideways.
    """
    binary = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n < 2:
        return grey
    areas = stats[:, cv2.CC_STAT_AREA]
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    small = (areas <= (0.3 * text_height) ** 2) & (heights <= 0.5 * text_height)
    small[0] = False
    big = (~small).astype(np.uint8)
    big[0] = 0
    letters = big[labels]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * text_height, max(3, int(0.8 * text_height))))
    lines = cv2.dilate(letters, kernel)
    # Only the small blobs' own pixels are looked at from here on (a few thousand, not the page).
    where = np.flatnonzero(cv2.subtract(binary, letters))
    owner = labels.ravel()[where]
    touched = np.zeros(n, dtype=bool)
    touched[owner[lines.ravel()[where] > 0]] = True
    lonely = small & ~touched
    if not lonely.any():
        return grey
    marks = np.zeros(grey.shape, dtype=np.uint8)
    marks.ravel()[where[lonely[owner]]] = 255
    return cv2.max(grey, cv2.dilate(marks, np.ones((5, 5), np.uint8)))


def remove_rules(grey: np.ndarray, text_height: int = TARGET_TEXT_HEIGHT) -> np.ndarray:
    """White out long horizontal and vertical rules (table borders, header underlines).

    Tesseract's page layout analysis treats a ruled table as an image and drops its text; without
    the rules the cells read as ordinary lines.
    """
    binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, 5 * text_height), np.uint8))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((3 * text_height, 1), np.uint8))
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    if not cv2.countNonZero(rules):
        return grey
    return cv2.max(grey, rules)  # rules are 0 or 255: white where a rule was


def binarise(grey: np.ndarray) -> np.ndarray:
    """Otsu threshold after a light stretch; the illumination step already flattened the page."""
    return cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def encode_png(image: np.ndarray) -> bytes:
    """Fast PNG (Huffman coding only): a full grey A4 page at 300 DPI in 60–80 ms and 3–3.5 MB, against
    120–145 ms and 2.5–2.7 MB for level 1 with RLE. CPU is what a commune office's two cores lack;
    the page is stored once. Colour would take four times as long."""
    bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
    params = [cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY]
    ok, buf = cv2.imencode(".png", bgr, params)
    return buf.tobytes() if ok else b""
