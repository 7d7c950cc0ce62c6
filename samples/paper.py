"""The security paper and what is stamped on it: guilloche, faint central emblem, red seal, signature.

Everything is drawn procedurally from the document's random generator, so a seed gives the same page.
Layers combine by multiplication (ink over paper), like real toner and stamp ink.
"""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.render import InkPage, SealMark, load_font

PAPER = np.array([252, 250, 236], np.float32)
GUILLOCHE = np.array([236, 218, 160], np.float32)
EMBLEM = np.array([238, 200, 150], np.float32)
SEAL_RED = np.array([205, 35, 50], np.float32)
PEN_BLUE = np.array([40, 50, 120], np.float32)


def draw_guilloche(rng: random.Random, width: int, height: int) -> np.ndarray:
    """Interleaved wavy line families, computed at half resolution (they are faint and smooth)."""
    w2, h2 = width // 2, height // 2
    yy, xx = np.mgrid[0:h2, 0:w2].astype(np.float32)
    pattern = np.zeros((h2, w2), np.float32)
    for axis in range(3):
        period = rng.uniform(9, 16)
        amp = rng.uniform(4, 12)
        wave = rng.uniform(60, 140)
        phase = rng.uniform(0, 2 * math.pi)
        if axis == 0:
            arg = xx + amp * np.sin(2 * np.pi * yy / wave + phase)
        elif axis == 1:
            arg = yy + amp * np.sin(2 * np.pi * xx / wave + phase)
        else:
            arg = (xx + yy) * 0.7071 + amp * np.sin(2 * np.pi * (xx - yy) / wave + phase)
        lines = np.clip((np.cos(2 * np.pi * arg / period) - 0.82) / 0.18, 0, 1)
        pattern = np.maximum(pattern, lines * (1.0 if axis < 2 else 0.6))
    full = np.asarray(cv2.resize(pattern, (width, height), interpolation=cv2.INTER_LINEAR), np.float32)
    strength = rng.uniform(0.45, 0.8)
    paper = PAPER + rng.uniform(-3, 2)
    out = paper[None, None, :] + (full * strength)[..., None] * (GUILLOCHE - paper)[None, None, :]
    return out


def draw_star(mask: np.ndarray, cx: float, cy: float, radius: float, value: float) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    cv2.fillPoly(mask, [np.array(points, np.int32)], value)


def draw_emblem(rng: random.Random, width: int, height: int) -> np.ndarray:
    """A faint round national-emblem-like motif: rings, star, rays, cog teeth and rice ears."""
    mask = np.zeros((height, width), np.float32)
    cx, cy, radius = width / 2, height * rng.uniform(0.5, 0.56), width * rng.uniform(0.24, 0.3)
    thick = max(3, int(radius * 0.012))
    cv2.circle(mask, (int(cx), int(cy)), int(radius), 1.0, thick * 2)
    cv2.circle(mask, (int(cx), int(cy)), int(radius * 0.62), 1.0, thick)
    draw_star(mask, cx, cy - radius * 0.08, radius * 0.3, 1.0)
    for i in range(36):
        angle = i * math.pi / 18
        r0, r1 = radius * 0.34, radius * 0.6
        p0 = (int(cx + r0 * math.cos(angle)), int(cy - radius * 0.08 + r0 * math.sin(angle)))
        p1 = (int(cx + r1 * math.cos(angle)), int(cy - radius * 0.08 + r1 * math.sin(angle)))
        cv2.line(mask, p0, p1, 0.6, thick)
    for i in range(14):  # cog teeth along the bottom
        angle = math.pi * (0.25 + 0.5 * i / 13)
        x, y = cx + radius * 0.7 * math.cos(angle), cy + radius * 0.7 * math.sin(angle)
        cv2.circle(mask, (int(x), int(y)), int(radius * 0.05), 1.0, -1)
    for side in (-1, 1):  # rice ears up both sides
        for i in range(16):
            angle = math.pi / 2 + side * (0.35 + 2.2 * i / 16)
            x, y = cx + radius * 0.82 * math.cos(angle), cy + radius * 0.82 * math.sin(angle)
            tilt = math.degrees(angle) + 90 + side * 35
            cv2.ellipse(
                mask, (int(x), int(y)), (int(radius * 0.07), int(radius * 0.025)), tilt, 0, 360, 1.0, -1
            )
    soft = np.asarray(cv2.GaussianBlur(mask, (0, 0), max(1.0, radius * 0.004)), np.float32)
    return soft * rng.uniform(0.18, 0.3)


def make_paper(rng: random.Random, width: int, height: int) -> np.ndarray:
    """Float RGB paper with guilloche and emblem, 0–255."""
    paper = draw_guilloche(rng, width, height)
    emblem = draw_emblem(rng, width, height)
    return paper + emblem[..., None] * (EMBLEM - paper)


def draw_ring_text(
    canvas: Image.Image, text: str, centre: float, radius: float, font: ImageFont.FreeTypeFont
) -> None:
    """Characters upright to the circle, spread over the whole ring, starting at the bottom left."""
    total = sum(font.getlength(c) for c in text)
    step_scale = (2 * math.pi * radius * 0.9) / max(total, 1)
    angle = math.pi * 0.5 + 0.02
    draw_size = int(font.size * 1.6)
    for char in text:
        advance = font.getlength(char) * step_scale
        mid = angle + advance / (2 * radius)
        if char != " ":
            glyph = Image.new("L", (draw_size, draw_size), 0)
            ImageDraw.Draw(glyph).text((draw_size / 2, draw_size / 2), char, font=font, fill=255, anchor="mm")
            rotated = glyph.rotate(-math.degrees(mid) - 90, resample=Image.Resampling.BICUBIC)
            x = centre + radius * math.cos(mid) - draw_size / 2
            y = centre + radius * math.sin(mid) - draw_size / 2
            canvas.paste(255, (int(x), int(y)), rotated)
        angle += advance / radius


def draw_seal(rng: random.Random, mark: SealMark, family: str) -> np.ndarray:
    """Red round seal as an ink-coverage mask (0–1): rings, ring text, star, office name in the centre."""
    r = mark.radius
    size = 2 * r + 8
    canvas = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(canvas)
    c = size / 2
    draw.ellipse([c - r, c - r, c + r, c + r], outline=255, width=max(4, r // 20))
    inner = r * 0.7
    draw.ellipse([c - inner, c - inner, c + inner, c + inner], outline=255, width=max(2, r // 45))
    ring_font = load_font(family, 1, max(10, int(r * 0.16)))
    draw_ring_text(canvas, mark.ring + " * ", c, r * 0.84, ring_font)
    star = np.zeros((size, size), np.float32)
    draw_star(star, c, c - inner * 0.45, inner * 0.28, 1.0)
    words = mark.centre.replace(",", "").split()
    lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2 :])]
    centre_font = load_font(family, 1, max(8, int(r * 0.11)))
    for i, line in enumerate(lines):
        draw.text((c, c + inner * (0.08 + 0.3 * i)), line, font=centre_font, fill=255, anchor="mm")
    mask = np.maximum(np.asarray(canvas, np.float32) / 255, star)
    nprng = np.random.default_rng(rng.getrandbits(32))
    blotch = cv2.GaussianBlur(nprng.random((size, size), dtype=np.float32), (0, 0), 3)
    coverage = np.clip((blotch - blotch.mean()) * 12 + rng.uniform(0.75, 0.95), 0.25, 1.0)
    return mask * coverage


def draw_signature(rng: random.Random, box: tuple[int, int, int, int], height: int, width: int) -> np.ndarray:
    """A pen scribble: a few loops and a long tail across the box."""
    mask = np.zeros((height, width), np.float32)
    x, y, w, h = box
    points = []
    loops = rng.randint(2, 5)
    for i in range(120):
        t = i / 119
        px = x + w * t
        py = y + h * (0.5 + 0.35 * math.sin(t * loops * 2 * math.pi + rng.random() * 0.3) * (1 - 0.5 * t))
        px += 0.05 * w * math.cos(t * loops * 2 * math.pi)
        points.append((px, py))
    cv2.polylines(mask, [np.array(points, np.int32)], False, 1.0, max(2, h // 40), cv2.LINE_AA)
    return mask


def multiply(page: np.ndarray, mask: np.ndarray, colour: np.ndarray, alpha: float) -> np.ndarray:
    """Ink of `colour` with coverage `mask` over `page` (subtractive, like real ink)."""
    tint = 1 - alpha * mask[..., None] * (1 - colour[None, None, :] / 255)
    return page * tint


def compose_page(rng: random.Random, ink: InkPage, family: str) -> Image.Image:
    """Paper × text × signature × seal → RGB page."""
    width, height = ink.image.size
    page = make_paper(rng, width, height)
    text = np.asarray(ink.image, np.float32) / 255
    page = page * (0.08 + 0.92 * text)[..., None]
    for mark in ink.marks:
        page = multiply(page, draw_signature(rng, mark.signature_box, height, width), PEN_BLUE, 0.9)
        seal = draw_seal(rng, mark, family)
        layer = np.zeros((height, width), np.float32)
        x0, y0 = mark.cx - seal.shape[1] // 2, mark.cy - seal.shape[0] // 2
        ys, xs = (
            slice(max(0, y0), min(height, y0 + seal.shape[0])),
            slice(max(0, x0), min(width, x0 + seal.shape[1])),
        )
        layer[ys, xs] = seal[ys.start - y0 : ys.stop - y0, xs.start - x0 : xs.stop - x0]
        page = multiply(page, layer, SEAL_RED, rng.uniform(0.75, 0.92))
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")
