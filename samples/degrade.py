"""Named, seedable degradations of a rendered page, and the tiers the benchmark reports them in.

A degradation spec is one name or several joined by "+" ("skew_light+jpeg_light"); steps apply left to
right. Each step takes a `Scan` (RGB pixels, DPI or None) and the document's random generator.
Tiers: clean; light (skew ≤ 2°, slight speckle/JPEG, yellowed paper); moderate (150/100 DPI, blur, faded
toner, uneven light, 90/180° rotation, folds, strong skew/speckle/JPEG); photo (phone photo of the page).
`pdf_split`, `pdf_annex` and `tiff_annex` change the pages and the file type, not the pixels.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import replace

import cv2
import numpy as np

from samples.photo import apply_photo
from samples.scan import Scan, blur_wide, numpy_rng, smooth_field

__all__ = [
    "Scan",
    "blur_wide",
    "numpy_rng",
    "smooth_field",
]  # re-exported: the steps' callers import them here

TIERS = ("clean", "light", "moderate", "photo")
SCANNER_WHITE = (247, 247, 245)


def rotate_by(scan: Scan, angle: float) -> Scan:
    """Rotate about the centre, growing the canvas; the new corners are scanner-lid white."""
    h, w = scan.pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    out = cv2.warpAffine(
        scan.pixels, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=SCANNER_WHITE
    )
    return replace(scan, pixels=out)


def apply_clean(scan: Scan, rng: random.Random) -> Scan:
    return scan


def apply_skew_light(scan: Scan, rng: random.Random) -> Scan:
    return rotate_by(scan, rng.choice((-1, 1)) * rng.uniform(0.5, 2.0))


def apply_skew(scan: Scan, rng: random.Random) -> Scan:
    return rotate_by(scan, rng.choice((-1, 1)) * rng.uniform(2.0, 5.0))


def apply_rotate90(scan: Scan, rng: random.Random) -> Scan:
    return replace(scan, pixels=np.ascontiguousarray(np.rot90(scan.pixels, rng.choice((1, 3)))))


def apply_rotate180(scan: Scan, rng: random.Random) -> Scan:
    return replace(scan, pixels=np.ascontiguousarray(np.rot90(scan.pixels, 2)))


def add_speckle(scan: Scan, rng: random.Random, density: float) -> Scan:
    """Dust and toner specks: dark dots of 1–3 px, and a few white drop-outs."""
    out = scan.pixels.copy()
    h, w = out.shape[:2]
    gen = numpy_rng(rng)
    count = int(h * w * density)
    ys, xs = gen.integers(0, h, count), gen.integers(0, w, count)
    radii = gen.integers(1, 4, count)
    shades = gen.integers(20, 110, count)
    for y, x, r, s in zip(ys, xs, radii, shades, strict=True):
        cv2.circle(out, (int(x), int(y)), int(r), (int(s), int(s), int(s)), -1)
    white = gen.random((h, w)) < density * 0.5
    out[white] = 255
    return replace(scan, pixels=out)


def apply_speckle_light(scan: Scan, rng: random.Random) -> Scan:
    return add_speckle(scan, rng, rng.uniform(2e-5, 6e-5))


def apply_speckle(scan: Scan, rng: random.Random) -> Scan:
    return add_speckle(scan, rng, rng.uniform(2e-4, 5e-4))


def apply_blur(scan: Scan, rng: random.Random) -> Scan:
    sigma = rng.uniform(1.0, 1.8) * (scan.dpi or 300) / 300
    return replace(scan, pixels=cv2.GaussianBlur(scan.pixels, (0, 0), sigma))


def jpeg_roundtrip(scan: Scan, quality: int) -> Scan:
    ok, data = cv2.imencode(".jpg", scan.pixels[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    raw = cv2.imdecode(data, cv2.IMREAD_COLOR)
    assert raw is not None
    decoded = raw[..., ::-1]
    return replace(scan, pixels=np.ascontiguousarray(decoded), jpeg_quality=quality)


def apply_jpeg_light(scan: Scan, rng: random.Random) -> Scan:
    return jpeg_roundtrip(scan, rng.randint(65, 80))


def apply_jpeg(scan: Scan, rng: random.Random) -> Scan:
    return jpeg_roundtrip(scan, rng.randint(25, 45))


def resample_to(scan: Scan, dpi: int) -> Scan:
    """Rescan at a lower resolution (area averaging, like a scanner's optical resolution)."""
    factor = dpi / (scan.dpi or 300)
    h, w = scan.pixels.shape[:2]
    out = cv2.resize(scan.pixels, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA)
    return replace(scan, pixels=out, dpi=dpi)


def apply_dpi150(scan: Scan, rng: random.Random) -> Scan:
    return resample_to(scan, 150)


def apply_dpi100(scan: Scan, rng: random.Random) -> Scan:
    return resample_to(scan, 100)


def apply_faded(scan: Scan, rng: random.Random) -> Scan:
    """Worn toner: dark strokes lose 35–65 % of their density, unevenly across the page."""
    h, w = scan.pixels.shape[:2]
    fade = 0.35 + 0.3 * smooth_field(rng, h, w, cells=4)
    pixels = scan.pixels.astype(np.float32)
    out = pixels + (255 - pixels) * fade[..., None] * (pixels < 200)
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def apply_uneven_light(scan: Scan, rng: random.Random) -> Scan:
    """A lamp or lid that lights one side: brightness falls to 60–80 % towards a corner."""
    h, w = scan.pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xx / w - 0.5) * math.cos(angle) + (yy / h - 0.5) * math.sin(angle)
    low = rng.uniform(0.6, 0.8)
    gain = 1 - (1 - low) * (ramp - ramp.min()) / (ramp.max() - ramp.min() + 1e-6)
    gain *= 0.92 + 0.08 * smooth_field(rng, h, w, cells=3)
    out = scan.pixels.astype(np.float32) * gain[..., None]
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def apply_yellowed(scan: Scan, rng: random.Random) -> Scan:
    """Aged paper: a warm tint and a couple of faint brown stains."""
    h, w = scan.pixels.shape[:2]
    tint = np.array([1.0, rng.uniform(0.93, 0.97), rng.uniform(0.78, 0.88)], np.float32)
    out = scan.pixels.astype(np.float32) * tint[None, None, :]
    stains = np.zeros((h, w), np.float32)
    for _ in range(rng.randint(1, 3)):
        centre = (rng.randint(0, w), rng.randint(0, h))
        axes = (rng.randint(w // 20, w // 7), rng.randint(h // 30, h // 10))
        cv2.ellipse(stains, centre, axes, rng.uniform(0, 180), 0, 360, rng.uniform(0.05, 0.12), -1)
    stains = blur_wide(stains, w / 60)
    out *= 1 - stains[..., None] * np.array([0.2, 0.45, 0.8], np.float32)[None, None, :]
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def apply_folds(scan: Scan, rng: random.Random) -> Scan:
    """Letter folds: a crease (thin dark line, lit on one side, shaded on the other) at thirds or halves."""
    h, w = scan.pixels.shape[:2]
    gain = np.ones((h, w), np.float32)
    positions = [
        (0, h // 3 + rng.randint(-h // 40, h // 40)),
        (0, 2 * h // 3 + rng.randint(-h // 40, h // 40)),
    ]
    if rng.random() < 0.4:
        positions.append((1, w // 2 + rng.randint(-w // 40, w // 40)))
    width = max(2, (scan.dpi or 300) // 100)
    band = max(6, (scan.dpi or 300) // 12)
    for axis, pos in positions:
        profile = np.ones(h if axis == 0 else w, np.float32)
        lo, hi = max(0, pos - band), min(profile.size, pos + band)
        ramp = np.linspace(0, 1, pos - lo, dtype=np.float32)
        profile[lo:pos] = 1 - 0.12 * ramp
        profile[pos : pos + width] = rng.uniform(0.55, 0.75)
        profile[pos + width : hi] = np.minimum(1.04, 1 + 0.04 * np.linspace(1, 0, max(0, hi - pos - width)))
        gain *= profile[:, None] if axis == 0 else profile[None, :]
    out = scan.pixels.astype(np.float32) * gain[..., None]
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def apply_passthrough(scan: Scan, rng: random.Random) -> Scan:
    """Page-structure markers (pdf_split, pdf_annex, tiff_annex) leave pixels alone."""
    return scan


Step = Callable[[Scan, random.Random], Scan]


STEPS: dict[str, tuple[str, Step]] = {
    "clean": ("clean", apply_clean),
    "skew_light": ("light", apply_skew_light),
    "speckle_light": ("light", apply_speckle_light),
    "jpeg_light": ("light", apply_jpeg_light),
    "yellowed": ("light", apply_yellowed),
    "skew": ("moderate", apply_skew),
    "rotate90": ("moderate", apply_rotate90),
    "rotate180": ("moderate", apply_rotate180),
    "speckle": ("moderate", apply_speckle),
    "blur": ("moderate", apply_blur),
    "jpeg": ("moderate", apply_jpeg),
    "dpi150": ("moderate", apply_dpi150),
    "dpi100": ("moderate", apply_dpi100),
    "faded": ("moderate", apply_faded),
    "uneven_light": ("moderate", apply_uneven_light),
    "folds": ("moderate", apply_folds),
    "photo": ("photo", apply_photo),
    "pdf_split": ("clean", apply_passthrough),
    "pdf_annex": ("clean", apply_passthrough),
    "tiff_annex": ("clean", apply_passthrough),
}
PAGE_MARKERS = ("pdf_split", "pdf_annex", "tiff_annex")


def parse_spec(spec: str) -> list[str]:
    names = [name for name in spec.split("+") if name]
    unknown = [name for name in names if name not in STEPS]
    if unknown or not names:
        raise ValueError(f"unknown degradation {unknown or spec!r}; known: {', '.join(STEPS)}")
    return names


def tier_of(spec: str) -> str:
    """The worst tier among a spec's steps."""
    return max((STEPS[name][0] for name in parse_spec(spec)), key=TIERS.index)


def degrade_scan(scan: Scan, spec: str, rng: random.Random) -> Scan:
    for name in parse_spec(spec):
        scan = STEPS[name][1](scan, rng)
    return scan


TIER_MIXES: dict[str, tuple[str, ...]] = {
    "clean": ("clean", "clean", "pdf_split", "tiff_annex"),
    "light": ("skew_light", "speckle_light+jpeg_light", "skew_light+jpeg_light", "yellowed+skew_light"),
    "moderate": ("dpi150", "dpi100", "blur", "faded", "uneven_light", "rotate90", "rotate180",
                 "folds+yellowed", "skew+speckle", "dpi150+jpeg", "faded+uneven_light", "pdf_annex+skew_light"),
    "photo": ("photo", "faded+photo", "folds+photo"),
}  # fmt: skip
"""What `--degradations <tier>` expands to: a cycle of typical specs of that tier."""


def expand_specs(items: list[str]) -> list[str]:
    """Tier names expand to their mix, "all" to every tier's mix; other items are specs."""
    out: list[str] = []
    for item in items:
        if item == "all":
            out += [spec for tier in TIERS for spec in TIER_MIXES[tier]]
        elif item in TIER_MIXES and item != "clean":
            out += TIER_MIXES[item]
        else:
            parse_spec(item)
            out.append(item)
    return out
