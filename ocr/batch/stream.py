"""A batch file's pages one at a time, after every limit was checked from the headers.

`ocr.pages.load_pages` decodes every page into a list: right for a two-page certificate, wrong for a
200-page stack (a 300-dpi RGB page is 26 MB). Here a PDF page is rendered only when it is asked for
and a TIFF frame decoded only when the iterator reaches it, so memory holds one page at a time.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageOps

from ocr.errors import CorruptFileError, OcrError
from ocr.pages import PDF, Limits, _open_pdf, inspect_file

_POINTS_PER_INCH = 72.0


def iter_pages(data: bytes, limits: Limits) -> Iterator[Image.Image]:
    """Pages in order, RGB (or grey for a bilevel scan), with `info["dpi"]` when known."""
    info = inspect_file(data, limits)
    if info.media_type == PDF:
        yield from _iter_pdf(data, limits.pdf_dpi)
        return
    try:
        img = Image.open(io.BytesIO(data))
    except Exception as exc:
        raise CorruptFileError(f"image header unreadable: {exc}") from exc
    with img:
        for index in range(info.pages):
            try:
                img.seek(index)
                page = ImageOps.exif_transpose(img.convert("L" if img.mode in ("1", "L") else "RGB"))
            except OcrError:
                raise
            except Exception as exc:
                raise CorruptFileError(f"page {index + 1} does not decode: {exc}") from exc
            if "dpi" in img.info:
                page.info["dpi"] = img.info["dpi"]
            yield page


def _iter_pdf(data: bytes, dpi: int) -> Iterator[Image.Image]:
    pdf = _open_pdf(data)
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                image = page.render(scale=dpi / _POINTS_PER_INCH).to_pil().convert("RGB")
                page.close()
            except Exception as exc:  # pdfium raises bare errors for broken content streams
                raise CorruptFileError(f"PDF page {index + 1} does not render: {exc}") from exc
            image.info["dpi"] = (dpi, dpi)
            yield image
    finally:
        pdf.close()
