"""Ink pages onto paper: the security paper of `samples.paper`, or plain office paper (photocopies and
local prints), with the same seal and pen signature on both."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from samples import paper
from samples.degrade import numpy_rng, smooth_field
from samples.render import InkPage
from samples.stranger.fonts import SEAL_FAMILY


def plain_paper(rng: random.Random, width: int, height: int) -> np.ndarray:
    """Bright office paper: near white, a faint cloudiness and fibre grain."""
    base = np.array([rng.uniform(246, 253), rng.uniform(246, 253), rng.uniform(243, 250)], np.float32)
    cloud = 1 - 0.015 * smooth_field(rng, height, width, cells=7)
    grain = 1 - 0.01 * numpy_rng(rng).random((height, width), dtype=np.float32)
    return base[None, None, :] * (cloud * grain)[..., None]


def compose(rng: random.Random, ink: InkPage, security: bool) -> Image.Image:
    """Paper × toner × signature × seal → RGB page."""
    if security:
        return paper.compose_page(rng, ink, SEAL_FAMILY)
    width, height = ink.image.size
    page = plain_paper(rng, width, height)
    text = np.asarray(ink.image, np.float32) / 255
    page = page * (0.06 + 0.94 * text)[..., None]
    for mark in ink.marks:
        page = paper.multiply(
            page, paper.draw_signature(rng, mark.signature_box, height, width), paper.PEN_BLUE, 0.9
        )
        seal = paper.draw_seal(rng, mark, SEAL_FAMILY)
        layer = np.zeros((height, width), np.float32)
        x0, y0 = mark.cx - seal.shape[1] // 2, mark.cy - seal.shape[0] // 2
        ys = slice(max(0, y0), min(height, y0 + seal.shape[0]))
        xs = slice(max(0, x0), min(width, x0 + seal.shape[1]))
        layer[ys, xs] = seal[ys.start - y0 : ys.stop - y0, xs.start - x0 : xs.stop - x0]
        page = paper.multiply(page, layer, paper.SEAL_RED, rng.uniform(0.7, 0.9))
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")
