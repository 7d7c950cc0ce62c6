"""A clean stranger page is legible: plain Tesseract reads its business name and number (a generator check,
so that the stranger set measures reading, not a page nobody could read)."""

from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz import fuzz

from ocr.tesseract import read_words
from samples.stranger.degrade import Mix
from samples.stranger.generate import make_certificate_doc


@pytest.mark.ocr
def test_plain_tesseract_reads_a_clean_stranger_certificate() -> None:
    made = make_certificate_doc(20261202, 3, "2015", Mix("clean", (), security=True))
    assert made.record is not None and made.record.business_name and made.record.registration_number
    words = read_words(np.asarray(made.images[0].convert("L")), psm=6, timeout_s=120)
    text = " ".join(w.text for w in words)
    assert fuzz.partial_ratio(made.record.business_name, text) >= 80, (made.font, text[:400])
    digits = "".join(c for c in text if c.isalnum())
    assert fuzz.partial_ratio(made.record.registration_number, digits) >= 80, (made.font, text[:400])
