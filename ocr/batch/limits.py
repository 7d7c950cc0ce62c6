"""A batch's own limits, larger than a document's, checked from the headers before any page is decoded.

The per-file checks are `ocr.pages.inspect_file` with the batch's bytes, pages and per-page pixels;
on top, the pixels of all pages together (a 200-page stack is fine, 200 poster-sized pages are not).
"""

from __future__ import annotations

import io

import msgspec
from PIL import Image

from ocr.errors import TooManyPixelsError
from ocr.pages import PDF, FileInfo, Limits, _open_pdf, inspect_file

_POINTS_PER_INCH = 72.0


class BatchLimits(msgspec.Struct, frozen=True):
    max_bytes: int = 500 * 1024 * 1024
    max_pages: int = 300
    max_page_pixels: int = 80_000_000
    max_total_pixels: int = 3_000_000_000  # 300 A4 pages at 300 dpi are 2.6 G
    pdf_dpi: int = 300

    @property
    def file_limits(self) -> Limits:
        return Limits(
            max_bytes=self.max_bytes,
            max_pixels=self.max_page_pixels,
            max_pages=self.max_pages,
            pdf_dpi=self.pdf_dpi,
        )


def inspect_batch(data: bytes, limits: BatchLimits) -> FileInfo:
    """Type, bytes, pages and pixels per page (inspect_file), then the total pixels, all from headers."""
    info = inspect_file(data, limits.file_limits)
    total = sum(w * h for w, h in page_sizes(data, info.media_type, limits.pdf_dpi))
    if total > limits.max_total_pixels:
        raise TooManyPixelsError(f"{total} pixels in all pages > {limits.max_total_pixels}")
    return info


def page_sizes(data: bytes, media_type: str, pdf_dpi: int) -> list[tuple[int, int]]:
    """Every page's size in pixels, read from page boxes or frame headers."""
    if media_type == PDF:
        pdf = _open_pdf(data)
        try:
            scale = pdf_dpi / _POINTS_PER_INCH
            return [
                (round(w * scale), round(h * scale)) for w, h in (pdf[i].get_size() for i in range(len(pdf)))
            ]
        finally:
            pdf.close()
    sizes = []
    with Image.open(io.BytesIO(data)) as img:
        for index in range(getattr(img, "n_frames", 1)):
            img.seek(index)
            sizes.append(img.size)
    return sizes
