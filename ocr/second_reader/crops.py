"""Line crops for the second reader, cut from the page as photographed (the review image), not from
the cleaned page Tesseract read: the network was trained on grey text, and the cleaning that helps
Tesseract (binarising, speck removal) breaks the thin strokes of stacked tone marks.

The view and the cleaned page share their geometry (same turn, scale and deskew), so word boxes from
Tesseract's reading point at the same place in both.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ocr.second_reader.ctc import LineReading
from ocr.second_reader.model import LineModel

Box = tuple[int, tuple[int, int, int, int]]
"""(page number, x/y/w/h) of one printed line of a value."""

PAD_Y = 0.25
PAD_X = 0.35
"""Margins around the words' box, in units of its height: room for tone marks above capitals and the
dot below, without the neighbouring lines (line spacing is about 1.5 heights)."""


class LineReader(Protocol):
    """What extraction calls: one reading per box, in order (None where no crop could be cut)."""

    def __call__(self, boxes: list[Box]) -> list[LineReading | None]: ...


def cut_line(view: np.ndarray, bbox: tuple[int, int, int, int]) -> np.ndarray | None:
    x, y, w, h = bbox
    pad_y, pad_x = round(PAD_Y * h), round(PAD_X * h)
    crop = view[max(0, y - pad_y) : y + h + pad_y, max(0, x - pad_x) : x + w + pad_x]
    return crop if crop.shape[0] >= 4 and crop.shape[1] >= 4 else None


class ViewLines:
    """`LineReader` over the pages' views: every box of a document in one batched model call."""

    def __init__(self, views: dict[int, np.ndarray], model: LineModel) -> None:
        self.views = views
        self.model = model

    def __call__(self, boxes: list[Box]) -> list[LineReading | None]:
        crops = [cut_line(self.views[p], b) if p in self.views else None for p, b in boxes]
        present = [c for c in crops if c is not None]
        read = iter(self.model.read_lines(present) if present else [])
        return [next(read) if c is not None else None for c in crops]
