"""What the batch pass writes for a page: a certificate's page keeps its reading for the child's OCR
job, another paper (which becomes an attachment, keeps its file and is never extracted) does not, so
its two PNGs are not made; both keep the page image and thumbnail the split editor shows."""

from __future__ import annotations

import random

import pytest

from ocr.batch.classify import OtherKind, PageKind
from ocr.batch.read import THUMB_WIDTH, open_page, prepare_batch_page
from ocr.reading import decode_reading
from samples.batch import generate_batch
from samples.batch_pages import make_cover_sheet

pytestmark = pytest.mark.ocr


def test_another_paper_keeps_no_reading_and_a_certificate_page_does() -> None:
    cover = prepare_batch_page(1, make_cover_sheet(random.Random(12), 301, "Xã Tân Phú", 2018))
    assert cover.page_class.kind == PageKind.OTHER and cover.page_class.other == OtherKind.COVER_SHEET
    assert cover.reading is None and cover.view_png is None
    assert open_page(cover.thumb).width == THUMB_WIDTH and open_page(cover.jpeg).size == (
        cover.width,
        cover.height,
    )

    truth, pages = generate_batch(7340, certificates=1, blanks=0, others=0)
    first = prepare_batch_page(1, next(iter(pages)))
    assert truth.pages[0].kind == "certificate_first" and first.page_class.kind == PageKind.CERTIFICATE_FIRST
    assert first.reading is not None and first.view_png is not None
    kept = decode_reading(first.reading, first.view_png)
    assert kept is not None and kept.words and kept.view.shape == kept.grey.shape
