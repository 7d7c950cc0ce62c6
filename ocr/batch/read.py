"""A batch file → its pages, one at a time (`ocr.pages.iter_pages`): classified, turned upright, encoded.

The service stores each page as it comes (the upright page as JPEG for the child documents, a small
thumbnail for the split editor, and the pipeline's reading of it, which the child's OCR job uses instead
of reading the page again: `ocr.reading`) and keeps only the classification, so memory holds one
decoded page.
The batch job reads from a file (`ocr.pages.Source`), so the batch's bytes are not in memory either.
"""

from __future__ import annotations

import io
from collections.abc import Generator

import msgspec
from PIL import Image

from ocr import images
from ocr.batch.classify import PageClass, PageKind, classify_and_read
from ocr.batch.limits import BatchLimits
from ocr.batch.pdf import encode_jpeg
from ocr.pages import Source, iter_pages
from ocr.reading import encode_reading

THUMB_WIDTH = 180
KEEPS_READING = frozenset(PageKind) - {PageKind.OTHER}
"""Whose reading is kept for the child: another paper (an ID copy, a form, a cover sheet) becomes an
attachment or stands alone, keeps its file, and is never extracted, so its two PNGs (~0.1 s a page)
would be written for nothing; should a clerk move it into a certificate, the child reads it then."""


class BatchPage(msgspec.Struct, frozen=True):
    number: int
    page_class: PageClass
    jpeg: bytes  # upright, at the scan's resolution
    thumb: bytes  # upright, THUMB_WIDTH wide
    width: int
    height: int
    grey: bool
    reading: bytes | None = None  # ocr.reading.StoredReading, relative to the upright page
    view_png: bytes | None = None  # the reading's view: the child's page image


def read_batch(data: Source, limits: BatchLimits) -> Generator[BatchPage, None, None]:
    """Classify and encode every page in order (limits were checked from headers before decoding)."""
    for number, page in enumerate(iter_pages(data, limits.file_limits), start=1):
        yield prepare_batch_page(number, page)


def prepare_batch_page(number: int, page: Image.Image) -> BatchPage:
    page_class, reading = classify_and_read(page)
    stored = view = None
    if reading is not None and page_class.kind in KEEPS_READING:
        prepared, words = reading
        turn = (prepared.rotation - page_class.rotation) % 360  # the upright page below is turned already
        stored = encode_reading(prepared.grey, turn, prepared.skew, words)
        view = images.encode_png(prepared.view)
        del reading, prepared
    upright = page.rotate(-page_class.rotation, expand=True) if page_class.rotation else page
    grey = upright.mode in ("1", "L")
    thumb = upright.copy()
    thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    buf = io.BytesIO()
    thumb.convert("L" if grey else "RGB").save(buf, "PNG", optimize=False)
    width, height = upright.size
    jpeg = encode_jpeg(upright, 88)
    return BatchPage(number, page_class, jpeg, buf.getvalue(), width, height, grey, stored, view)


def open_page(jpeg: bytes) -> Image.Image:
    return Image.open(io.BytesIO(jpeg))
