"""File bytes → page images, with every limit checked before pixels are decoded.

The type is decided by the first bytes (magic numbers), never by the file name. `inspect_file` reads
only headers (image size, frame count, PDF page count and page boxes), enforces the limits (per page,
and a pixel budget for the whole file, so fifty huge frames of a 6 MB TIFF are refused before one is
decoded), then proves the file is complete (JPEG/PNG end markers, TIFF strips inside the file) — so a
truncated upload is refused at once instead of failing later in a worker, without decoding anything.

`iter_pages` decodes for OCR one page at a time: a caller that lets go of a page before asking for
the next holds one decoded page, never the whole file. `load_pages` is all of them, for small files.
Both take the file's bytes or its path (`Source`): a large batch is read from a file, so its bytes
are never all in memory (pdfium and Pillow read what a page needs), and a PDF is opened again every
`PDF_REOPEN_PAGES` pages, because pdfium keeps every page's parsed objects, image streams included,
as long as the document is open (1.1 MB a page of a 300-dpi JPEG scan, whether pages are closed or not).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
PDF_REOPEN_PAGES = 8

Source = bytes | Path
"""A file as its bytes, or as the path of a file on disk (read only as far as each step needs)."""


class Limits(msgspec.Struct, frozen=True):
    """Upload limits; the service builds one from its settings."""

    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 80_000_000  # per page; a 48 MP phone photo passes, a 20000×20000 bomb does not
    max_pages: int = 50
    max_total_pixels: int = 500_000_000  # the whole file: 50 A4 pages at 300 DPI are 435 MP
    pdf_dpi: int = 300  # PDF pages are rendered at this resolution


class FileInfo(msgspec.Struct, frozen=True):
    """What the headers say: enough to accept or refuse an upload without decoding it."""

    media_type: str
    pages: int
    width: int  # first page, pixels (PDF: at `Limits.pdf_dpi`)
    height: int
    total_pixels: int = 0  # every page's, summed


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


def source_size(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def _head(source: Source, count: int) -> bytes:
    if isinstance(source, bytes):
        return source[:count]
    with source.open("rb") as fh:
        return fh.read(count)


def _tail(source: Source, count: int) -> bytes:
    if isinstance(source, bytes):
        return source[-count:]
    with source.open("rb") as fh:
        fh.seek(max(0, source_size(source) - count))
        return fh.read()


def inspect_file(data: Source, limits: Limits) -> FileInfo:
    """Check type, size, pixels and pages from headers, then that the file decodes to the end."""
    size = source_size(data)
    if size > limits.max_bytes:
        raise TooLargeError(f"{size} bytes > {limits.max_bytes}")
    media_type = sniff_media_type(_head(data, 1024))
    try:
        if media_type == PDF:
            return _inspect_pdf(data, limits)
        return _inspect_image(data, media_type, limits)
    except (OcrError, MemoryError):
        raise
    except Exception as exc:  # a hostile file can make a parser fail in any way: it is still just corrupt
        raise CorruptFileError(f"unreadable {media_type}: {type(exc).__name__}: {exc}") from exc


def load_pages(data: Source, limits: Limits) -> list[Image.Image]:
    """Decode every page to an RGB image (EXIF orientation applied; `info["dpi"]` kept when known)."""
    return list(iter_pages(data, limits))


def iter_pages(data: Source, limits: Limits, info: FileInfo | None = None) -> Iterator[Image.Image]:
    """Decode the pages one at a time, in order, as `load_pages` does (limits checked first, unless
    the caller passes the `info` it got from `inspect_file` with the same limits)."""
    info = info or inspect_file(data, limits)
    if info.media_type == PDF:
        yield from _render_pdf(data, limits.pdf_dpi)
        return
    try:
        yield from _decode_images(data, info)
    except (OcrError, MemoryError):
        raise
    except Exception as exc:
        raise CorruptFileError(f"image does not decode: {type(exc).__name__}: {exc}") from exc


def _decode_images(data: Source, info: FileInfo) -> Iterator[Image.Image]:
    with _opened_image(data) as img:
        for index in range(info.pages):
            img.seek(index)
            try:
                page = ImageOps.exif_transpose(img.convert("RGB"))
            except (OSError, ValueError, SyntaxError) as exc:
                raise CorruptFileError(f"page {index + 1} does not decode: {exc}") from exc
            if "dpi" in img.info:
                page.info["dpi"] = img.info["dpi"]
            yield page
            del page


def _inspect_image(data: Source, media_type: str, limits: Limits) -> FileInfo:
    size = source_size(data)
    with _opened_image(data) as img:
        frames = total = 0
        for frame in _iter_frames(img, limits.max_pages):
            _check_pixels(frame.size, limits)
            total = _add_to_budget(total, frame.size, limits)
            if media_type == TIFF:
                _check_tiff_frame_inside(frame, size, frames)
            frames += 1
        img.seek(0)
        width, height = img.size
    _check_complete(_tail(data, 4096), media_type)
    return FileInfo(media_type=media_type, pages=frames, width=width, height=height, total_pixels=total)


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


def _check_complete(tail: bytes, media_type: str) -> None:
    """A cut-off upload lacks its end marker: JPEG EOI (FF D9; scan data never holds it, FF is stuffed)
    or PNG IEND. Checking the tail costs nothing; decoding a 2 MB photo costs ~40 ms. Damage inside a
    complete file is found by the worker's full decode and fails that job with the same reason."""
    if media_type == JPEG and b"\xff\xd9" not in tail:
        raise CorruptFileError("JPEG is truncated (no end-of-image marker)")
    if media_type == PNG and b"IEND" not in tail:
        raise CorruptFileError("PNG is truncated (no IEND chunk)")


def _check_tiff_frame_inside(frame: Image.Image, size: int, index: int) -> None:
    """TIFF has no end marker, but each frame's header lists where its strips (or tiles) are and how
    long they are: a cut-off file has some of them past its end. Damage inside the strips is found by
    the worker's decode, like damage inside a JPEG."""
    tags = getattr(frame, "tag_v2", {})
    offsets = tags.get(273) or tags.get(324)  # StripOffsets / TileOffsets
    counts = tags.get(279) or tags.get(325)  # StripByteCounts / TileByteCounts
    if not offsets or not counts:
        return
    offsets = offsets if isinstance(offsets, tuple) else (offsets,)
    counts = counts if isinstance(counts, tuple) else (counts,)
    if any(o + c > size for o, c in zip(offsets, counts, strict=False)):
        raise CorruptFileError(f"TIFF is truncated (page {index + 1} lies past the end of the file)")


def _add_to_budget(total: int, size: tuple[int, int], limits: Limits) -> int:
    total += size[0] * size[1]
    if total > limits.max_total_pixels:
        raise TooManyPixelsError(f"the pages hold more than {limits.max_total_pixels} pixels in all")
    return total


def _check_pixels(size: tuple[int, int], limits: Limits) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise CorruptFileError("image has no pixels")
    if width * height > limits.max_pixels:
        raise TooManyPixelsError(f"{width}×{height} pixels > {limits.max_pixels}")


@contextmanager
def _opened_image(data: Source) -> Iterator[Image.Image]:
    """Open lazily (headers only); Pillow's own bomb guard is turned into our error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooManyPixelsError(str(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"image header unreadable: {exc}") from exc
    try:
        yield img
    finally:
        img.close()


def _open_pdf(data: Source):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data if isinstance(data, bytes) else str(data))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError("the PDF is password-protected") from exc
        raise CorruptFileError(f"PDF unreadable: {exc}") from exc


def _inspect_pdf(data: Source, limits: Limits) -> FileInfo:
    pdf = _open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError("the PDF has no pages")
        if count > limits.max_pages:
            raise TooManyPagesError(f"{count} pages > {limits.max_pages}")
        scale = limits.pdf_dpi / _POINTS_PER_INCH
        first = (0, 0)
        total = 0
        for index in range(count):
            # the size from the page tree (FPDF_GetPageSizeByIndex): loading the page would parse its
            # whole content stream, and nested forms make that unbounded in a file of 3 KB
            w_pt, h_pt = pdf.get_page_size(index)
            size = (round(w_pt * scale), round(h_pt * scale))
            _check_pixels(size, limits)
            total = _add_to_budget(total, size, limits)
            if index == 0:
                first = size
        return FileInfo(media_type=PDF, pages=count, width=first[0], height=first[1], total_pixels=total)
    finally:
        pdf.close()


def _render_pdf(data: Source, dpi: int) -> Iterator[Image.Image]:
    """Page by page, each page closed after rendering and the document opened again every
    `PDF_REOPEN_PAGES` pages (what pdfium keeps of the pages read is let go with the document)."""
    pdf = _open_pdf(data)
    try:
        count = len(pdf)
        for index in range(count):
            if index and index % PDF_REOPEN_PAGES == 0:
                pdf.close()
                pdf = _open_pdf(data)
            try:
                page = pdf[index]
                bitmap = page.render(scale=dpi / _POINTS_PER_INCH)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
                page.close()
            except MemoryError:
                raise
            except Exception as exc:  # pdfium raises bare errors for broken content streams
                raise CorruptFileError(f"PDF page {index + 1} does not render: {exc}") from exc
            image.info["dpi"] = (dpi, dpi)
            yield image
            del image
    finally:
        pdf.close()
