"""A page's reading, kept so that it is done once: a batch's classification reads each page with text ink
through the pipeline (`ocr.pipeline.read_whole_page`), and the child document's OCR job goes straight to
extraction from what was stored instead of reading the page again.

What extraction needs of a page is its words, the view (the review image the boxes refer to, stored as
its own blob: the child stores the same PNG as its page image) and the cleaned grey page (the targeted
re-reads crop it). A reading carries the version of the code that made it (`reading_version`: the
reading modules' source and the Tesseract library's version); one from another version is read again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path

import cv2
import msgspec
import numpy as np

from ocr import images, tesseract_engine
from ocr.results import Word

READING_MODULES = ("ocr.pipeline", "ocr.images", "ocr.tesseract", "ocr.tesseract_engine")
"""The code a page's words and images depend on: a change to any of them makes stored readings stale."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class StoredReading(msgspec.Struct, frozen=True):
    """A page's reading without its view (stored apart, as the page image)."""

    version: str
    rotation: int  # clockwise, relative to the page the reading was made from
    skew: float
    words: list[Word]
    grey_png: bytes


class PageReading(msgspec.Struct):
    """A reading as extraction uses it: the decoded grey page and words; the view is decoded only when
    asked for (`view`: the second reader's line crops), since the page image is its PNG as stored and a
    child read without the second reader never needs its pixels (~0.04 s a page saved)."""

    grey: np.ndarray
    rotation: int
    skew: float
    words: list[Word]
    view_png: bytes

    @property
    def view(self) -> np.ndarray:
        view = _decode_grey(self.view_png)
        if view is None:
            raise ValueError("the stored view does not decode")
        return view


@functools.cache
def reading_version() -> str:
    digest = hashlib.sha256(tesseract_engine.version().encode())
    for name in READING_MODULES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()[:16]


def encode_reading(grey: np.ndarray, rotation: int, skew: float, words: list[Word]) -> bytes:
    """Lossless: the grey page is stored as PNG, so a re-read of one of its boxes sees the same pixels
    (Huffman only, as the view: on a cleaned page both faster and smaller than deflate level 1)."""
    png = images.encode_png(grey)
    return msgspec.msgpack.encode(StoredReading(reading_version(), rotation, skew, words, png))


def decode_reading(data: bytes, view_png: bytes) -> PageReading | None:
    """The reading, or None when it was made by another version of the reading code (or is unreadable)."""
    try:
        stored = msgspec.msgpack.decode(data, type=StoredReading)
    except msgspec.DecodeError:
        return None
    if stored.version != reading_version():
        return None
    grey = _decode_grey(stored.grey_png)
    if grey is None or not view_png.startswith(PNG_SIGNATURE):
        return None
    return PageReading(grey, stored.rotation, stored.skew, stored.words, view_png)


def _decode_grey(png: bytes) -> np.ndarray | None:
    return cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
