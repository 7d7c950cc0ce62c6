"""A batch file → its pages, one at a time (`ocr.pages.iter_pages`): classified, turned upright, encoded.

The service stores each page as it comes (the upright page as JPEG for the child documents, a small
thumbnail for the split editor) and keeps only the classification, so memory holds one decoded page.
The batch job reads from a file (`ocr.pages.Source`), so the batch's bytes are not in memory either.
"""

from __future__ import annotations

import io
from collections.abc import Generator

import msgspec
from PIL import Image

from ocr.batch.classify import PageClass, classify_page
from ocr.batch.limits import BatchLimits
from ocr.batch.pdf import encode_jpeg
from ocr.pages import Source, iter_pages

THUMB_WIDTH = 180


class BatchPage(msgspec.Struct, frozen=True):
    number: int
    page_class: PageClass
    jpeg: bytes  # upright, at the scan's resolution
    thumb: bytes  # upright, THUMB_WIDTH wide
    width: int
    height: int
    grey: bool


def read_batch(data: Source, limits: BatchLimits) -> Generator[BatchPage, None, None]:
    """Classify and encode every page in order (limits were checked from headers before decoding)."""
    for number, page in enumerate(iter_pages(data, limits.file_limits), start=1):
        yield prepare_batch_page(number, page)


def prepare_batch_page(number: int, page: Image.Image) -> BatchPage:
    page_class = classify_page(page)
    upright = page.rotate(-page_class.rotation, expand=True) if page_class.rotation else page
    grey = upright.mode in ("1", "L")
    thumb = upright.copy()
    thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    buf = io.BytesIO()
    thumb.convert("L" if grey else "RGB").save(buf, "PNG", optimize=False)
    width, height = upright.size
    return BatchPage(number, page_class, encode_jpeg(upright, 88), buf.getvalue(), width, height, grey)


def open_page(jpeg: bytes) -> Image.Image:
    return Image.open(io.BytesIO(jpeg))
