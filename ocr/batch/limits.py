"""A batch's own limits, larger than a document's, checked from the headers before any page is decoded:
bytes, pages, pixels per page and pixels of all pages together (`ocr.pages.inspect_file` checks them
all; a 200-page stack is fine, 200 poster-sized pages are not)."""

from __future__ import annotations

import msgspec

from ocr.pages import FileInfo, Limits, Source, inspect_file


class BatchLimits(msgspec.Struct, frozen=True):
    max_bytes: int = 500 * 1024 * 1024
    max_pages: int = 300
    max_page_pixels: int = 80_000_000
    max_total_pixels: int = 3_000_000_000  # 300 A4 pages at 300 dpi are 2.6 G
    pdf_dpi: int = 300

    @property
    def file_limits(self) -> Limits:
        return Limits(max_bytes=self.max_bytes, max_pixels=self.max_page_pixels, max_pages=self.max_pages,
                      max_total_pixels=self.max_total_pixels, pdf_dpi=self.pdf_dpi)  # fmt: skip


def inspect_batch(data: Source, limits: BatchLimits) -> FileInfo:
    """Type, bytes, pages, pixels per page and in all, from headers; the file proved complete."""
    return inspect_file(data, limits.file_limits)
