"""A long PDF is read from its file one page at a time without its memory growing with the pages read
(pdfium keeps every page's image stream while the document is open: ocr.pages reopens it)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.batch.pdf import pdf_from_jpegs
from ocr.pages import Limits, inspect_file, iter_pages

PAGES = 40


def resident_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def noisy_pdf(path: Path) -> int:
    """PAGES pages, each its own copy of one ~3 MB JPEG (noise does not compress)."""
    noise = np.random.default_rng(7).integers(0, 256, (2000, 1400), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noise).save(buf, "JPEG", quality=92)
    jpeg = buf.getvalue()
    path.write_bytes(pdf_from_jpegs([(jpeg, 1400, 2000, True)] * PAGES))
    return len(jpeg)


def test_a_pdf_read_from_its_path_does_not_grow_with_the_pages_read(tmp_path: Path) -> None:
    path = tmp_path / "stack.pdf"
    page_bytes = noisy_pdf(path)
    assert page_bytes > 2_000_000
    limits = Limits(max_bytes=1 << 30, max_pages=PAGES, pdf_dpi=36)
    assert inspect_file(path, limits).pages == PAGES
    seen: list[float] = []
    for page in iter_pages(path, limits):
        assert page.size[0] > 0
        seen.append(resident_mb())
    growth = max(seen[10:]) - seen[10]
    # kept pages would add ~3 MB each: 90 MB over the last 30; streamed, the resident set stays flat
    assert len(seen) == PAGES and growth < 30 * page_bytes / 2**20 / 3, (seen[10], max(seen[10:]))


def test_a_path_and_the_same_bytes_give_the_same_pages(tmp_path: Path) -> None:
    from tests import files

    for name, data in (("a.pdf", files.make_pdf(3)), ("a.tif", files.make_big_tiff(3, 400, 500))):
        path = tmp_path / name
        path.write_bytes(data)
        limits = Limits(pdf_dpi=72)
        assert inspect_file(path, limits) == inspect_file(data, limits)
        by_path = [np.asarray(p) for p in iter_pages(path, limits)]
        by_bytes = [np.asarray(p) for p in iter_pages(data, limits)]
        assert len(by_path) == 3 and all((a == b).all() for a, b in zip(by_path, by_bytes, strict=True))
