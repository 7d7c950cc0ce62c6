"""The stranger's degradation mixes: its own steps and strengths, five tiers (clean, light, moderate,
hard, photo), built on the low-level primitives of `samples.degrade` (rotation, speckle, JPEG,
resampling, smooth noise fields).

A mix names its tier, its paper (security paper with guilloche, or plain office paper), whether a seal
is stamped over the dates, and its pixel steps, applied left to right.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np

from samples.degrade import Scan, blur_wide, jpeg_roundtrip, numpy_rng, resample_to, rotate_by, smooth_field
from samples.stranger.photo import phone_photo

Step = Callable[[Scan, random.Random], Scan]
TIERS = ("clean", "light", "moderate", "hard", "photo")


def fade(scan: Scan, rng: random.Random, low: float, high: float, streaks: bool = False) -> Scan:
    """Worn toner: dark pixels lose `low`–`high` of their density, unevenly; optional drum streaks."""
    h, w = scan.pixels.shape[:2]
    amount = low + (high - low) * smooth_field(rng, h, w, cells=5)
    if streaks:
        cols = np.asarray(numpy_rng(rng).random(w) < 0.015, np.float32)
        band = cv2.GaussianBlur(cols[None, :], (0, 0), 6)[0]
        amount = np.clip(amount + 0.5 * band[None, :] / max(float(band.max()), 1e-6), 0, 0.85)
    px = scan.pixels.astype(np.float32)
    dark = np.clip((215 - px.mean(axis=2, keepdims=True)) / 215, 0, 1)
    out = px + (255 - px) * amount[..., None] * dark
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def speckle(scan: Scan, rng: random.Random, density: float) -> Scan:
    out = scan.pixels.copy()
    h, w = out.shape[:2]
    gen = numpy_rng(rng)
    n = int(h * w * density)
    for y, x, r, s in zip(gen.integers(0, h, n), gen.integers(0, w, n), gen.integers(1, 3, n), gen.integers(10, 90, n),
                          strict=True):  # fmt: skip
        cv2.circle(out, (int(x), int(y)), int(r), (int(s),) * 3, -1)
    return replace(scan, pixels=out)


def blur(scan: Scan, sigma: float) -> Scan:
    return replace(scan, pixels=cv2.GaussianBlur(scan.pixels, (0, 0), sigma * (scan.dpi or 300) / 300))


def grey(scan: Scan, rng: random.Random) -> Scan:
    g = cv2.cvtColor(scan.pixels, cv2.COLOR_RGB2GRAY)
    return replace(scan, pixels=np.ascontiguousarray(np.stack([g] * 3, axis=-1)))


def low_contrast(scan: Scan, rng: random.Random) -> Scan:
    """A dark, grey scan: paper at ~200, text at ~90."""
    px = scan.pixels.astype(np.float32)
    paper, ink = rng.uniform(190, 215), rng.uniform(70, 110)
    return replace(scan, pixels=(ink + px * (paper - ink) / 255).clip(0, 255).astype(np.uint8))


def edge_shadow(scan: Scan, rng: random.Random) -> Scan:
    """The lid did not close: one edge darkens over a tenth of the page."""
    _, w = scan.pixels.shape[:2]
    ramp = (
        np.linspace(1, 0, w, dtype=np.float32)
        if rng.random() < 0.5
        else np.linspace(0, 1, w, dtype=np.float32)
    )
    gain = 1 - rng.uniform(0.4, 0.7) * np.clip((ramp - 0.88) / 0.12, 0, 1) ** 1.5
    return replace(scan, pixels=(scan.pixels * gain[None, :, None]).clip(0, 255).astype(np.uint8))


def show_through(scan: Scan, rng: random.Random) -> Scan:
    """The back of a thin sheet shows through: this page mirrored, very faint."""
    px = scan.pixels.astype(np.float32)
    back = blur_wide(px[:, ::-1].mean(axis=2), 2.5)
    out = px * (1 - rng.uniform(0.06, 0.12) * (1 - back / 255))[..., None]
    return replace(scan, pixels=out.clip(0, 255).astype(np.uint8))


def photocopy(scan: Scan, rng: random.Random) -> Scan:
    """A copy of a copy: hard contrast, grey grain, lost thin strokes, no colour."""
    grey_px = cv2.cvtColor(scan.pixels, cv2.COLOR_RGB2GRAY).astype(np.float32)
    contrast: np.ndarray = 255 / (1 + np.exp(-(grey_px - rng.uniform(150, 175)) / rng.uniform(10, 18)))
    contrast = contrast + numpy_rng(rng).normal(0, 14, contrast.shape)
    if rng.random() < 0.5:
        contrast = cv2.erode(contrast, np.ones((2, 2), np.uint8))
    out = contrast.clip(0, 255).astype(np.uint8)
    return replace(scan, pixels=np.ascontiguousarray(np.stack([out] * 3, axis=-1)))


def fax(scan: Scan, rng: random.Random) -> Scan:
    """Fax fine mode: 200 × 100 lines per inch, 1 bit, back up to 200 DPI."""
    h, w = scan.pixels.shape[:2]
    g = cv2.cvtColor(scan.pixels, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(g, (w * 2 // 3, h // 3), interpolation=cv2.INTER_AREA)
    bits = np.where(small > rng.uniform(135, 165), 255, 0).astype(np.uint8)
    big = cv2.resize(bits, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_NEAREST)
    return replace(scan, pixels=np.ascontiguousarray(np.stack([big] * 3, axis=-1)), dpi=200)


STEPS: dict[str, Step] = {
    "grey": grey,
    "tilt_small": lambda s, r: rotate_by(s, r.choice((-1, 1)) * r.uniform(0.3, 1.5)),
    "dust": lambda s, r: speckle(s, r, r.uniform(1e-5, 4e-5)),
    "jpeg_office": lambda s, r: jpeg_roundtrip(s, r.randint(70, 85)),
    "toner_light": lambda s, r: fade(s, r, 0.1, 0.25),
    "scan200": lambda s, r: resample_to(s, 200),
    "toner_faded": lambda s, r: fade(s, r, 0.3, 0.5, streaks=True),
    "blur_soft": lambda s, r: blur(s, r.uniform(1.0, 1.5)),
    "scan150": lambda s, r: resample_to(s, 150),
    "jpeg_heavy": lambda s, r: jpeg_roundtrip(s, r.randint(30, 45)),
    "tilt": lambda s, r: rotate_by(s, r.choice((-1, 1)) * r.uniform(2.0, 4.0)),
    "turn90": lambda s, r: replace(s, pixels=np.ascontiguousarray(np.rot90(s.pixels, r.choice((1, 3))))),
    "turn180": lambda s, r: replace(s, pixels=np.ascontiguousarray(np.rot90(s.pixels, 2))),
    "speckle": lambda s, r: speckle(s, r, r.uniform(1.5e-4, 3.5e-4)),
    "edge_shadow": edge_shadow,
    "low_contrast": low_contrast,
    "show_through": show_through,
    "faded_hard": lambda s, r: fade(s, r, 0.45, 0.6, streaks=True),
    "faded_worst": lambda s, r: fade(s, r, 0.55, 0.7, streaks=True),
    "blur_worst": lambda s, r: blur(s, r.uniform(2.2, 2.7)),
    "blur_hard": lambda s, r: blur(s, r.uniform(1.6, 2.1)),
    "scan100": lambda s, r: resample_to(s, 100),
    "photocopy": photocopy,
    "fax": fax,
    "speckle_hard": lambda s, r: speckle(s, r, r.uniform(5e-4, 8e-4)),
    "tilt_hard": lambda s, r: rotate_by(s, r.choice((-1, 1)) * r.uniform(4.0, 6.0)),
    "phone": lambda s, r: phone_photo(s, r, "portrait"),
    "phone_wide": lambda s, r: phone_photo(s, r, "landscape"),
    "phone_dim": lambda s, r: phone_photo(s, r, "dim"),
}


@dataclass(frozen=True)
class Mix:
    tier: str
    steps: tuple[str, ...]
    security: bool = True  # guilloche paper, or plain office paper
    seal_dates: bool = False

    @property
    def name(self) -> str:
        parts = [
            "security" if self.security else "plain",
            *(["seal_dates"] if self.seal_dates else []),
            *self.steps,
        ]
        return "+".join(parts)


MIXES: dict[str, tuple[Mix, ...]] = {
    "clean": (Mix("clean", ()), Mix("clean", (), security=False), Mix("clean", ("grey",), security=False),
              Mix("clean", (), seal_dates=True), Mix("clean", ("grey",)), Mix("clean", (), security=False)),
    "light": (Mix("light", ("tilt_small",)), Mix("light", ("dust", "jpeg_office"), security=False),
              Mix("light", ("toner_light",)), Mix("light", ("scan200", "jpeg_office"), security=False),
              Mix("light", ("tilt_small", "dust"), seal_dates=True), Mix("light", ("show_through",), security=False)),
    "moderate": (Mix("moderate", ("toner_faded",)), Mix("moderate", ("blur_soft",), security=False),
                 Mix("moderate", ("scan150", "jpeg_heavy")), Mix("moderate", ("tilt", "speckle"), security=False),
                 Mix("moderate", ("turn90",)), Mix("moderate", ("turn180",), security=False),
                 Mix("moderate", ("edge_shadow", "jpeg_office"), seal_dates=True),
                 Mix("moderate", ("low_contrast",), security=False), Mix("moderate", ("toner_faded", "tilt_small"))),
    "hard": (Mix("hard", ("faded_hard", "blur_hard")), Mix("hard", ("scan100", "jpeg_heavy"), security=False),
             Mix("hard", ("photocopy",), security=False), Mix("hard", ("fax",), security=False),
             Mix("hard", ("speckle_hard", "tilt_hard")), Mix("hard", ("faded_hard", "tilt"), seal_dates=True)),
    "photo": (Mix("photo", ("phone",)), Mix("photo", ("phone_wide",), security=False), Mix("photo", ("phone_dim",)),
              Mix("photo", ("toner_faded", "phone")), Mix("photo", ("phone_wide",))),
}  # fmt: skip
TIER_SHARES = {"clean": 0.25, "light": 0.25, "moderate": 0.25, "hard": 0.15, "photo": 0.10}


def apply_mix(scan: Scan, mix: Mix, rng: random.Random) -> Scan:
    for name in mix.steps:
        scan = STEPS[name](scan, rng)
    return scan


def plan_tiers(rng: random.Random, count: int) -> list[str]:
    """Exact tier counts for `count` documents (largest remainders), in a seeded order."""
    raw = {tier: share * count for tier, share in TIER_SHARES.items()}
    counts = {tier: int(value) for tier, value in raw.items()}
    for tier in sorted(raw, key=lambda t: raw[t] - counts[t], reverse=True)[: count - sum(counts.values())]:
        counts[tier] += 1
    tiers = [tier for tier in TIERS for _ in range(counts[tier])]
    rng.shuffle(tiers)
    return tiers
