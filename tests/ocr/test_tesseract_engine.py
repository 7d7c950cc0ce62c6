"""Tesseract in the process (`ocr.tesseract_engine`) reads what the `tesseract` command reads: the same
words, boxes and confidences on a rendered certificate and on line crops with a whitelist; settings
hold for one call only; the time budget is kept."""

from __future__ import annotations

import os
import random
import subprocess
import tempfile

import cv2
import numpy as np
import pytest

from ocr.errors import EngineError, OcrTimeoutError
from ocr.pipeline import prepare_page
from ocr.results import Word
from ocr.tesseract import DIGITS, parse_tsv, read_words
from ocr.tesseract_engine import parse_settings
from samples.generate import generate_document

pytestmark = pytest.mark.ocr


def command_words(image: np.ndarray, psm: int, whitelist: str | None = None) -> list[Word]:
    """What a `tesseract` process reads from the same pixels (the way every read was made before)."""
    config = ["--psm", str(psm), "-c", "preserve_interword_spaces=0"]
    if whitelist:
        config += ["-c", f"tessedit_char_whitelist={whitelist}"]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "page.pgm")
        cv2.imwrite(path, image)
        out = subprocess.run(
            ["tesseract", path, "-", "-l", "vie", *config, "tsv"],
            capture_output=True,
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    return parse_tsv(out.stdout.decode())


def shape(words: list[Word]) -> list[tuple[str, float, tuple[int, int, int, int], int]]:
    return [(w.text, w.conf, w.bbox, w.line) for w in words]


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    [image, *_], _record = generate_document(random.Random(210301), "2021", "clean")
    return prepare_page(image).grey


def test_a_page_reads_as_the_command_reads_it(page: np.ndarray) -> None:
    ours = read_words(page, psm=6, timeout_s=120)
    assert len(ours) > 100
    assert shape(ours) == shape(command_words(page, 6))


def test_crops_with_and_without_a_whitelist_read_as_the_command_reads_them(page: np.ndarray) -> None:
    words = read_words(page, psm=6, timeout_s=120)
    numbers = [w for w in words if sum(c.isdigit() for c in w.text) >= 4][:4]
    plain = [w for w in words if w.text.isalpha() and len(w.text) >= 4][:4]
    assert numbers and plain
    for word in numbers + plain:
        x, y, w, h = word.bbox
        crop = np.ascontiguousarray(page[max(0, y - 8) : y + h + 8, max(0, x - 8) : x + w + 8])
        for whitelist in (None, DIGITS):
            assert shape(read_words(crop, psm=7, whitelist=whitelist)) == shape(
                command_words(crop, 7, whitelist)
            )


def test_a_whitelist_holds_for_its_call_only(page: np.ndarray) -> None:
    word = next(w for w in read_words(page, psm=6, timeout_s=120) if w.text.isalpha() and len(w.text) >= 5)
    x, y, w, h = word.bbox
    crop = np.ascontiguousarray(page[max(0, y - 8) : y + h + 8, max(0, x - 8) : x + w + 8])
    digits_only = " ".join(r.text for r in read_words(crop, psm=7, whitelist=DIGITS))
    assert not any(c.isalpha() for c in digits_only)
    again = " ".join(r.text for r in read_words(crop, psm=7))
    assert again == word.text


def test_the_time_budget_is_kept(page: np.ndarray) -> None:
    with pytest.raises(OcrTimeoutError):
        read_words(page, psm=6, timeout_s=0.001)
    assert read_words(page[:400], psm=6, timeout_s=60)  # the engine reads normally afterwards


def test_command_style_settings_are_parsed_and_bad_ones_refused() -> None:
    assert parse_settings(("-c tessedit_do_invert=0", "-c a = b")) == {"tessedit_do_invert": "0", "a": "b"}
    with pytest.raises(EngineError):
        parse_settings(("--psm 6",))
    with pytest.raises(EngineError):
        read_words(np.full((40, 40), 255, np.uint8), extra=("-c no_such_setting_here=1",))
