"""A phone photo of the certificate lying on a table: perspective, background texture, shadow, no DPI.

Clerks photograph certificates instead of scanning them; these are the hardest inputs, so the page is
tilted in 3-D (random corner offsets), lit unevenly, partly shaded, slightly out of focus and saved as a
phone JPEG. The result carries no DPI, like a real photo.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

import cv2
import numpy as np

from samples.scan import Scan, blur_wide, numpy_rng, smooth_field

TABLES = ((125, 88, 58), (92, 92, 98), (176, 160, 140), (60, 50, 45), (200, 196, 190))


def make_table(rng: random.Random, height: int, width: int) -> np.ndarray:
    """Wood grain or plain desk: a base colour, grain stripes and blotchy noise (float RGB)."""
    base = np.array(rng.choice(TABLES), np.float32) * rng.uniform(0.85, 1.1)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    warp = smooth_field(rng, height, width, cells=5) * rng.uniform(20, 60)
    grain = np.sin((xx * math.cos(0.2) + yy * math.sin(0.2) + warp) / rng.uniform(6, 14))
    texture = 1 + 0.06 * grain + 0.12 * (smooth_field(rng, height, width, cells=8) - 0.5)
    return base[None, None, :] * texture[..., None]


def apply_photo(scan: Scan, rng: random.Random) -> Scan:
    page = scan.pixels
    ph, pw = page.shape[:2]
    scale = rng.uniform(0.7, 0.9)
    page = cv2.resize(page, (round(pw * scale), round(ph * scale)), interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    out_h = round(ph * rng.uniform(1.12, 1.25))
    out_w = round(out_h * 0.75)
    out_w = max(out_w, round(pw * 1.1))
    margin_x, margin_y = (out_w - pw) / 2, (out_h - ph) / 2
    jitter = 0.06
    corners = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    turn = math.radians(rng.uniform(-5, 5))  # the phone is never held quite square to the page
    dst = []
    for x, y in corners:
        dx = rng.uniform(-jitter, jitter) * pw
        dy = rng.uniform(-jitter, jitter) * ph
        rx, ry = x - pw / 2, y - ph / 2
        x = pw / 2 + rx * math.cos(turn) - ry * math.sin(turn)
        y = ph / 2 + rx * math.sin(turn) + ry * math.cos(turn)
        dst.append((min(max(x + margin_x + dx, 2), out_w - 2), min(max(y + margin_y + dy, 2), out_h - 2)))
    matrix = cv2.getPerspectiveTransform(np.array(corners, np.float32), np.array(dst, np.float32))
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR).astype(np.float32)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    table = make_table(rng, out_h, out_w)
    drop = blur_wide(mask, out_w / 80)
    table *= (1 - 0.45 * drop)[..., None]
    image = warped * mask[..., None] + table * (1 - mask[..., None])
    lit = light_photo(rng, image)
    focused = np.asarray(cv2.GaussianBlur(lit, (0, 0), rng.uniform(0.6, 1.2)), np.float32)
    noise = numpy_rng(rng).normal(0, rng.uniform(2.0, 5.0), focused.shape).astype(np.float32)
    out = (focused + noise).clip(0, 255).astype(np.uint8)
    return replace(scan, pixels=out, dpi=None, jpeg_quality=rng.randint(78, 90))


def light_photo(rng: random.Random, image: np.ndarray) -> np.ndarray:
    """Room light: a gradient, a soft shadow of the phone/hand, vignetting and a warm colour cast."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xx / w - 0.5) * math.cos(angle) + (yy / h - 0.5) * math.sin(angle)
    gain = 1 - rng.uniform(0.15, 0.35) * (ramp - ramp.min()) / (ramp.max() - ramp.min() + 1e-6)
    shadow = np.zeros((h, w), np.float32)
    cx, cy = rng.uniform(0, w), rng.choice((rng.uniform(0, h * 0.3), rng.uniform(h * 0.7, h)))
    cv2.ellipse(shadow, (int(cx), int(cy)), (int(w * rng.uniform(0.2, 0.4)), int(h * rng.uniform(0.1, 0.25))),
                rng.uniform(0, 180), 0, 360, 1.0, -1)  # fmt: skip
    shadow = blur_wide(shadow, w / 15)
    gain *= 1 - rng.uniform(0.2, 0.4) * shadow
    radius = np.sqrt(((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2)
    gain *= 1 - 0.25 * radius**2
    cast = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.97)], np.float32)
    return image * gain[..., None] * cast[None, None, :] * rng.uniform(0.95, 1.05)
