"""An upright page that the sideways test turned by mistake is read upright after all (real Tesseract on
a rendered certificate): the turned reading is poor, so `check_unturned` reads the page as it came and
keeps the better reading. A page turned for a good reason keeps its turn."""

from __future__ import annotations

import random
import time

import pytest

from ocr import images
from ocr.pipeline import PreparedPage, check_unturned, prepare_page, score_words
from ocr.results import Word
from ocr.tesseract import read_words
from samples.generate import generate_document
from schemas.vietnamese import fold_key

pytestmark = pytest.mark.ocr


def text_of(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def turned_a_quarter(prepared: PreparedPage) -> PreparedPage:
    return PreparedPage(
        view=images.rotate_quarter(prepared.view, 90),
        grey=images.rotate_quarter(prepared.grey, 90),
        rotation=90,
        skew=0.0,
    )


def test_an_upright_page_turned_by_mistake_is_read_upright() -> None:
    [page, *_], _record = generate_document(random.Random(130501), "2021", "clean")
    wrongly = turned_a_quarter(prepare_page(page, quarter_turn=False))  # what the sideways test made of it
    turned_words = read_words(wrongly.grey, psm=6, timeout_s=120)
    assert "ho kinh doanh" not in fold_key(text_of(turned_words))  # the turned page is garbage

    kept, words = check_unturned(page, wrongly, turned_words, time.monotonic() + 120)

    assert kept.rotation == 0
    # the national motto is on every page ("NHÂN DÂN" is not: the committee may be printed "UBND …")
    assert "ho kinh doanh" in fold_key(text_of(words)) and "XÃ HỘI" in text_of(words)
    assert score_words(words) > score_words(turned_words)


def test_a_good_reading_of_a_turn_is_kept_without_reading_again() -> None:
    [page, *_], _record = generate_document(random.Random(130502), "2015", "clean")
    upright = prepare_page(page, quarter_turn=False)
    words = read_words(upright.grey, psm=6, timeout_s=120)
    turned = PreparedPage(view=upright.view, grey=upright.grey, rotation=90, skew=0.0)
    kept, kept_words = check_unturned(page, turned, words, time.monotonic() + 120)
    assert kept is turned and kept_words is words


def test_an_upside_down_page_turned_sideways_by_mistake_is_read_upright() -> None:
    """A sheet fed upside down that the sideways test turned a quarter: neither that turn, its flip, nor
    the page as it came reads; the page as it came, flipped, does (moderate bilevel scans, stop 23)."""
    [page, *_], _record = generate_document(random.Random(130503), "2021", "clean")
    fed = page.rotate(180)
    wrongly = turned_a_quarter(prepare_page(fed, quarter_turn=False))
    turned_words = read_words(wrongly.grey, psm=6, timeout_s=120)
    assert "ho kinh doanh" not in fold_key(text_of(turned_words))

    kept, words = check_unturned(fed, wrongly, turned_words, time.monotonic() + 120)

    assert kept.rotation == 180
    assert "ho kinh doanh" in fold_key(text_of(words)) and "XÃ HỘI" in text_of(words)
