"""What reaches the batch classifier now that a page is read once, by the pipeline: a dense page is decided
from its top band's words only, and the reading kept for the child round-trips losslessly and is refused
when another version of the reading code made it. Pure: no page is read."""

from __future__ import annotations

import cv2
import msgspec
import numpy as np

from ocr.batch.classify import STRIP, PageKind, _classify_words
from ocr.reading import StoredReading, decode_reading, encode_reading, reading_version
from ocr.results import Word

HEIGHT = 3500


def line(text: str, y: int, line_no: int) -> list[Word]:
    words, x = [], 200
    for part in text.split():
        words.append(Word(part, 91.0, (x, y, 30 * len(part), 40), line_no, 1))
        x += 30 * len(part) + 25
    return words


def heading_words(top: int) -> list[Word]:
    return [
        *line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", top, 1),
        *line("Độc lập - Tự do - Hạnh phúc", top + 60, 2),
        *line("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH", top + 200, 3),
    ]


def body_words(top: int, lines: int) -> list[Word]:
    return [
        w
        for i in range(lines)
        for w in line("Ngành nghề kinh doanh bán lẻ hàng tạp hóa", top + 60 * i, 10 + i)
    ]


def test_a_dense_page_is_decided_from_its_top_band_only() -> None:
    first = _classify_words(heading_words(150) + body_words(1200, 20), HEIGHT, STRIP, 0, 900, [])
    assert first.kind == PageKind.CERTIFICATE_FIRST and first.confidence > 0.9
    # the same headings quoted low on the page (a continuation citing the certificate) are not its band
    low = _classify_words(body_words(150, 12) + heading_words(2600), HEIGHT, STRIP, 0, 900, [])
    assert low.kind != PageKind.CERTIFICATE_FIRST
    # a page with little ink is decided from all its words, wherever they are
    sparse = _classify_words(heading_words(2600), HEIGHT, 1.0, 0, 120, [])
    assert sparse.kind == PageKind.CERTIFICATE_FIRST


def test_a_kept_reading_round_trips_losslessly() -> None:
    rng = np.random.default_rng(7)
    grey = rng.integers(0, 256, (300, 200), dtype=np.uint8)
    view = rng.integers(0, 256, (300, 200), dtype=np.uint8)
    view_png = cv2.imencode(".png", view)[1].tobytes()
    words = line("Chủ hộ kinh doanh", 40, 1)
    got = decode_reading(encode_reading(grey, 0, -0.4, words), view_png)
    assert got is not None
    assert np.array_equal(got.grey, grey) and np.array_equal(got.view, view)
    assert got.words == words and got.skew == -0.4 and got.rotation == 0 and got.view_png == view_png


def test_a_reading_of_another_version_or_damaged_is_read_again() -> None:
    grey = np.full((50, 40), 255, dtype=np.uint8)
    view_png = encode_reading(grey, 0, 0.0, [])  # any bytes: never reached for a refused reading
    stale = msgspec.msgpack.encode(StoredReading("0" * 16, 0, 0.0, [], b""))
    assert reading_version() != "0" * 16
    assert decode_reading(stale, view_png) is None
    assert decode_reading(b"\x00not a reading", view_png) is None
