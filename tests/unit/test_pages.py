"""Content sniffing and limits, checked before decoding."""

import pytest

from ocr import errors
from ocr.pages import (
    JPEG,
    PDF,
    PNG,
    TIFF,
    Limits,
    inspect_file,
    iter_pages,
    load_pages,
    sniff_media_type,
)
from tests import files

LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_pixels=40_000_000, max_pages=20)


@pytest.mark.parametrize(
    ("data", "media_type", "pages"),
    [
        (files.make_jpeg(), JPEG, 1),
        (files.make_png(), PNG, 1),
        (files.make_tiff(3), TIFF, 3),
        (files.make_pdf(3), PDF, 3),
    ],
)
def test_accepts_supported_files(data: bytes, media_type: str, pages: int) -> None:
    info = inspect_file(data, LIMITS)
    assert (info.media_type, info.pages) == (media_type, pages)
    assert len(load_pages(data, LIMITS)) == pages


def test_pdf_page_size_follows_render_dpi() -> None:
    info = inspect_file(files.make_pdf(1), Limits(pdf_dpi=150))
    assert (info.width, info.height) == (1240, 1754)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", errors.EmptyFileError),
        (b"hello, this is text pretending to be a jpeg", errors.UnsupportedTypeError),
        (files.make_zip(), errors.UnsupportedTypeError),
        (files.truncate(files.make_jpeg(1600, 2000)), errors.CorruptFileError),
        (files.make_png_bomb(), errors.TooManyPixelsError),
        (files.make_pdf(21), errors.TooManyPagesError),
        (files.make_tiff(21), errors.TooManyPagesError),
        (b"\xff\xd8\xff" + b"\x00" * 100, errors.CorruptFileError),
        (b"%PDF-1.7\n garbage", errors.CorruptFileError),
    ],
)
def test_refuses_bad_files(data: bytes, error: type[errors.InputError]) -> None:
    with pytest.raises(error):
        inspect_file(data, LIMITS)


def test_size_limit_checked_before_anything_else() -> None:
    with pytest.raises(errors.TooLargeError):
        inspect_file(b"\x00" * (LIMITS.max_bytes + 1), LIMITS)


def test_type_is_decided_by_content_not_name() -> None:
    assert sniff_media_type(files.make_png()) == PNG


def test_damage_inside_a_complete_jpeg_is_found_by_the_full_decode() -> None:
    data = bytearray(files.make_jpeg(1600, 2000))
    start = len(data) // 3
    data[start : start + 2000] = b"\xff" * 2000  # garbage markers in the scan data, end marker intact
    inspect_file(bytes(data), LIMITS)  # the cheap check passes …
    with pytest.raises(errors.CorruptFileError):
        load_pages(bytes(data), LIMITS)  # … the worker's decode refuses it


def test_fifty_huge_tiff_frames_are_refused_by_the_file_pixel_budget() -> None:
    """Issue 14: 50 frames of 8000×10000 in a small file each pass the per-page limit; together
    they are 4 billion pixels (the worker passed 16.8 GB decoding them). The headers say so."""
    data = files.make_big_tiff(50, 8000, 10000)
    assert len(data) < 1_000_000
    with pytest.raises(errors.TooManyPixelsError, match="in all"):
        inspect_file(data, Limits())
    assert inspect_file(files.make_big_tiff(5, 8000, 10000), Limits()).total_pixels == 400_000_000


def test_pdf_pages_count_against_the_file_pixel_budget() -> None:
    a4_at_300_dpi = 2479 * 3508  # 595 × 842 points
    assert inspect_file(files.make_pdf(3), Limits()).total_pixels == 3 * a4_at_300_dpi
    with pytest.raises(errors.TooManyPixelsError):
        inspect_file(files.make_pdf(3), Limits(max_total_pixels=2 * a4_at_300_dpi))


def test_tiff_is_checked_from_its_headers_without_decoding() -> None:
    """Upload checks only headers: strips of garbage pass, and the worker's decode refuses them."""
    data = files.make_big_tiff(2, 400, 500, damaged_from=0)
    assert inspect_file(data, LIMITS).pages == 2
    with pytest.raises(errors.CorruptFileError):
        load_pages(data, LIMITS)


def test_truncated_tiff_is_refused_from_its_headers() -> None:
    data = files.make_big_tiff(3, 800, 1000)
    with pytest.raises(errors.CorruptFileError, match="truncated"):
        inspect_file(data[:-100], LIMITS)


def test_pages_are_decoded_one_at_a_time() -> None:
    """The first page arrives before the second is decoded: a damaged page 3 fails only when reached."""
    pages = iter_pages(files.make_big_tiff(3, 400, 500, damaged_from=2), LIMITS)
    assert next(pages).size == (400, 500)
    assert next(pages).size == (400, 500)
    with pytest.raises(errors.CorruptFileError, match="page 3"):
        next(pages)


def test_a_pdf_is_inspected_without_loading_its_pages() -> None:
    """The upload's check reads page sizes from the page tree. Loading a page parses its content, and
    a 3 KB PDF of nested forms made that take the API process past 12 GB (seen in the suite); here a
    child with 1 GB of address space must inspect it in seconds."""
    import subprocess
    import sys

    code = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from ocr.pages import Limits, inspect_file\n"
        "from tests import files\n"
        "info = inspect_file(files.make_slow_pdf(), Limits())\n"
        "print(info.pages, info.width, info.height)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "2479", "3508"]
