"""File bytes → page images, with every limit checked before pixels are decoded.

The type is decided by the first bytes (magic numbers), never by the file name. `inspect_file` reads
only headers (image size, frame count, PDF page count and page boxes), enforces the limits, then proves
the file is complete (end markers) — so a truncated upload is refused at once instead of failing later
in a worker. `load_pages` does the full decode for OCR.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import msgspec
from PIL import Image, ImageOps, UnidentifiedImageError

from ocr.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    OcrError,
    TooLargeError,
    TooManyPagesError,
    TooManyPixelsError,
    UnsupportedTypeError,
)

JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
PDF = "application/pdf"
SUPPORTED_TYPES = (JPEG, PNG, TIFF, PDF)

_POINTS_PER_INCH = 72.0


class Limits(msgspec.Struct, frozen=True):
    """Upload limits; the service builds one from its settings."""

    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 80_000_000  # per page; a 48 MP phone photo passes, a 20000×20000 bomb does not
    max_pages: int = 50
    pdf_dpi: int = 300  # PDF pages are rendered at this resolution


class FileInfo(msgspec.Struct, frozen=True):
    """What the headers say: enough to accept or refuse an upload without decoding it."""

    media_type: str
    pages: int
    width: int  # first page, pixels (PDF: at `Limits.pdf_dpi`)
    height: int


def sniff_media_type(data: bytes) -> str:
    """Decide the type from magic bytes; refuse anything that is not one of ours."""
    if not data:
        raise EmptyFileError("the file is empty")
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if b"%PDF-" in data[:1024]:
        return PDF
    raise UnsupportedTypeError("content is not JPEG, PNG, TIFF or PDF")


def inspect_file(data: bytes, limits: Limits) -> FileInfo:
    """Check type, size, pixels and pages from headers, then that the file decodes to the end."""
    if len(data) > limits.max_bytes:
        raise TooLargeError(f"{len(data)} bytes > {limits.max_bytes}")
    media_type = sniff_media_type(data)
    try:
        if media_type == PDF:
            return _inspect_pdf(data, limits)
        return _inspect_image(data, media_type, limits)
    except OcrError:
        raise
    except Exception as exc:  # a hostile file can make a parser fail in any way: it is still just corrupt
        raise CorruptFileError(f"unreadable {media_type}: {type(exc).__name__}: {exc}") from exc


def load_pages(data: bytes, limits: Limits) -> list[Image.Image]:
    """Decode every page to an RGB image (EXIF orientation applied; `info["dpi"]` kept when known)."""
    info = inspect_file(data, limits)
    if info.media_type == PDF:
        return _render_pdf(data, limits.pdf_dpi)
    try:
        return _decode_images(data, info)
    except OcrError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"image does not decode: {type(exc).__name__}: {exc}") from exc


def _decode_images(data: bytes, info: FileInfo) -> list[Image.Image]:
    pages = []
    with _opened_image(data) as img:
        for index in range(info.pages):
            img.seek(index)
            try:
                page = ImageOps.exif_transpose(img.convert("RGB"))
            except (OSError, ValueError, SyntaxError) as exc:
                raise CorruptFileError(f"page {index + 1} does not decode: {exc}") from exc
            if "dpi" in img.info:
                page.info["dpi"] = img.info["dpi"]
            pages.append(page)
    return pages


def _inspect_image(data: bytes, media_type: str, limits: Limits) -> FileInfo:
    with _opened_image(data) as img:
        frames = 0
        for frame in _iter_frames(img, limits.max_pages):
            _check_pixels(frame.size, limits)
            frames += 1
        img.seek(0)
        width, height = img.size
        if media_type == TIFF:
            _prove_decodes(img, frames)
    _check_complete(data, media_type)
    return FileInfo(media_type=media_type, pages=frames, width=width, height=height)


def _iter_frames(img: Image.Image, max_pages: int) -> Iterator[Image.Image]:
    """Walk frame headers one by one, so a file claiming a million frames stops at the limit."""
    index = 0
    while True:
        try:
            img.seek(index)
        except EOFError:
            return
        if index >= max_pages:
            raise TooManyPagesError(f"more than {max_pages} pages")
        yield img
        index += 1


def _check_complete(data: bytes, media_type: str) -> None:
    """A cut-off upload lacks its end marker: JPEG EOI (FF D9; scan data never holds it, FF is stuffed)
    or PNG IEND. Checking the tail costs nothing; decoding a 2 MB photo costs ~40 ms. Damage inside a
    complete file is found by the worker's full decode and fails that job with the same reason."""
    tail = data[-4096:]
    if media_type == JPEG and b"\xff\xd9" not in tail:
        raise CorruptFileError("JPEG is truncated (no end-of-image marker)")
    if media_type == PNG and b"IEND" not in tail:
        raise CorruptFileError("PNG is truncated (no IEND chunk)")


def _prove_decodes(img: Image.Image, frames: int) -> None:
    """TIFF has no end marker: decode its frames (fax/LZW pages decode fast)."""
    try:
        for index in range(frames):
            img.seek(index)
            img.load()
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"image does not decode: {exc}") from exc


def _check_pixels(size: tuple[int, int], limits: Limits) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise CorruptFileError("image has no pixels")
    if width * height > limits.max_pixels:
        raise TooManyPixelsError(f"{width}×{height} pixels > {limits.max_pixels}")


@contextmanager
def _opened_image(data: bytes) -> Iterator[Image.Image]:
    """Open lazily (headers only); Pillow's own bomb guard is turned into our error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooManyPixelsError(str(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"image header unreadable: {exc}") from exc
    try:
        yield img
    finally:
        img.close()


def _open_pdf(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError("the PDF is password-protected") from exc
        raise CorruptFileError(f"PDF unreadable: {exc}") from exc


def _inspect_pdf(data: bytes, limits: Limits) -> FileInfo:
    pdf = _open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError("the PDF has no pages")
        if count > limits.max_pages:
            raise TooManyPagesError(f"{count} pages > {limits.max_pages}")
        scale = limits.pdf_dpi / _POINTS_PER_INCH
        first = (0, 0)
        for index in range(count):
            w_pt, h_pt = pdf[index].get_size()
            size = (round(w_pt * scale), round(h_pt * scale))
            _check_pixels(size, limits)
            if index == 0:
                first = size
        return FileInfo(media_type=PDF, pages=count, width=first[0], height=first[1])
    finally:
        pdf.close()


def _render_pdf(data: bytes, dpi: int) -> list[Image.Image]:
    pdf = _open_pdf(data)
    try:
        pages = []
        for index in range(len(pdf)):
            bitmap = pdf[index].render(scale=dpi / _POINTS_PER_INCH)
            image = bitmap.to_pil().convert("RGB")
            image.info["dpi"] = (dpi, dpi)
            pages.append(image)
        return pages
    except Exception as exc:  # pdfium raises bare errors for broken content streams
        raise CorruptFileError(f"PDF page does not render: {exc}") from exc
    finally:
        pdf.close()
