"""What the OCR library hands back for one document: the extraction plus every page's words.

The service stores `pages` (image and words, for the review screen) and `extraction` (the record
contract); `hkd extract` prints only the extraction.
"""

from __future__ import annotations

import msgspec

from schemas.record import Extraction


class Word(msgspec.Struct, frozen=True):
    """One recognised word; bbox = (x, y, w, h) in the normalised page image's pixels."""

    text: str
    conf: float
    bbox: tuple[int, int, int, int]
    line: int
    block: int


class PageResult(msgspec.Struct):
    """One page after normalisation: the image the boxes refer to and the words read from it."""

    number: int
    width: int
    height: int
    rotation: int
    image_png: bytes
    words: list[Word]


class DocumentResult(msgspec.Struct):
    extraction: Extraction
    pages: list[PageResult]
