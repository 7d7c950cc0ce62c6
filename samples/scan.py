"""The scan a degradation works on, and the noise primitives the degradation and photo steps share.

Its own module so that `samples.degrade` (which runs the photo step) and `samples.photo` (which builds
on these primitives) do not import each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Scan:
    pixels: np.ndarray  # H×W×3 uint8 RGB
    dpi: int | None = 300
    jpeg_quality: int | None = None  # set by JPEG steps: the file is saved at this quality


def numpy_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(64))


def smooth_field(rng: random.Random, height: int, width: int, cells: int = 6) -> np.ndarray:
    """Low-frequency noise in [0, 1]: a small random grid scaled up smoothly."""
    grid = numpy_rng(rng).random((cells, cells), dtype=np.float32)
    return cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def blur_wide(mask: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur with a large sigma, done at reduced size (same look, a hundred times faster)."""
    h, w = mask.shape[:2]
    factor = max(1.0, sigma / 4)
    small = cv2.resize(
        mask, (max(1, round(w / factor)), max(1, round(h / factor))), interpolation=cv2.INTER_AREA
    )
    small = cv2.GaussianBlur(small, (0, 0), sigma / factor)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
