"""Phone photos the stranger's way: portrait or *landscape* frames (an upright page in a wide photo,
which looks sideways to a shape test), stronger perspective, a pen or a second sheet beside the page,
dim rooms with a hard shadow. Reuses the table texture and room lighting of `samples.photo`.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

import cv2
import numpy as np

from samples.degrade import Scan, blur_wide, numpy_rng
from samples.photo import light_photo, make_table


def frame_size(rng: random.Random, page_h: int, page_w: int, kind: str) -> tuple[int, int, float]:
    """(frame height, width, page scale): a 4:3 frame the page fills 70–92 % of."""
    if kind == "landscape":
        out_h = round(page_h * rng.uniform(0.62, 0.72))
        return out_h, round(out_h * 4 / 3), out_h * rng.uniform(0.84, 0.93) / page_h
    out_h = round(page_h * rng.uniform(0.8, 0.95))
    return out_h, round(out_h * 3 / 4), out_h * rng.uniform(0.72, 0.9) / page_h


def add_clutter(rng: random.Random, image: np.ndarray, mask: np.ndarray) -> None:
    """A pen, or the corner of another sheet, on the table (never over the certificate)."""
    h, w = mask.shape
    clutter = np.zeros((h, w), np.float32)
    if rng.random() < 0.5:
        x, y = rng.randint(0, w // 6), rng.randint(h // 5, 4 * h // 5)
        angle = rng.uniform(-0.5, 0.5)
        end = (int(x + 0.35 * h * math.sin(angle)), int(y + 0.35 * h * math.cos(angle)))
        cv2.line(clutter, (x, y), end, 1.0, max(8, w // 120))
        colour = np.array(rng.choice(((20, 30, 120), (30, 30, 30), (160, 20, 20))), np.float32)
    else:
        corner = np.array(
            [(w - w // 5, -20), (w + 20, -20), (w + 20, h // 3), (w - w // 4, h // 4)], np.int32
        )
        cv2.fillPoly(clutter, [corner], 1.0)
        colour = np.array((235, 235, 228), np.float32)
    clutter *= 1 - mask
    image *= 1 - clutter[..., None]
    image += clutter[..., None] * colour[None, None, :]


def phone_photo(scan: Scan, rng: random.Random, kind: str) -> Scan:
    page = scan.pixels
    ph, pw = page.shape[:2]
    out_h, out_w, scale = frame_size(rng, ph, pw, kind)
    page = cv2.resize(page, (round(pw * scale), round(ph * scale)), interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    mx, my = (out_w - pw) / 2 + rng.uniform(-0.04, 0.04) * out_w, (out_h - ph) / 2
    turn, jitter = math.radians(rng.uniform(-7, 7)), rng.uniform(0.03, 0.08)
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    dst = []
    for x, y in src:
        rx, ry = x - pw / 2, y - ph / 2
        tx = pw / 2 + rx * math.cos(turn) - ry * math.sin(turn) + mx + rng.uniform(-jitter, jitter) * pw
        ty = ph / 2 + rx * math.sin(turn) + ry * math.cos(turn) + my + rng.uniform(-jitter, jitter) * ph
        dst.append((min(max(tx, 3), out_w - 3), min(max(ty, 3), out_h - 3)))
    matrix = cv2.getPerspectiveTransform(np.array(src, np.float32), np.array(dst, np.float32))
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR).astype(np.float32)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    table = make_table(rng, out_h, out_w)
    table *= (1 - 0.4 * blur_wide(mask, out_w / 70))[..., None]
    image = warped * mask[..., None] + table * (1 - mask[..., None])
    if rng.random() < 0.5:
        add_clutter(rng, image, mask)
    lit = light_photo(rng, image)
    if kind == "dim":
        lit = lit * rng.uniform(0.55, 0.7)
        shade = np.zeros((out_h, out_w), np.float32)
        x0 = rng.randint(0, out_w // 2)
        cv2.rectangle(shade, (x0, 0), (x0 + out_w // 3, out_h), 1.0, -1)
        lit = lit * (1 - 0.35 * blur_wide(shade, out_w / 40))[..., None]
    focused = cv2.GaussianBlur(lit, (0, 0), rng.uniform(0.7, 1.4))
    noise = numpy_rng(rng).normal(0, rng.uniform(3.0, 7.0), focused.shape)
    out = (focused + noise).clip(0, 255).astype(np.uint8)
    return replace(scan, pixels=out, dpi=None, jpeg_quality=rng.randint(72, 90))
