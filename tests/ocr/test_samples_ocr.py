"""A clean generated page is OCR-able: plain Tesseract `vie` reads the business name and number."""

from __future__ import annotations

import os
import random

import pytesseract
import pytest
from rapidfuzz import fuzz

from samples.generate import generate_document


@pytest.mark.ocr
def test_tesseract_reads_business_name_and_registration_number() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    images, record = generate_document(random.Random("ocr-smoke"), "2021", "clean", font="Liberation Serif")
    text = pytesseract.image_to_string(images[0], lang="vie", timeout=120)
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert record.business_name is not None and record.registration_number is not None
    best_name = max(fuzz.partial_ratio(record.business_name, line) for line in lines)
    digits = "".join(c for c in text if c.isdigit() or c == "-")
    assert best_name >= 80, (record.business_name, lines[:20])
    assert fuzz.partial_ratio(record.registration_number, digits) >= 80, (
        record.registration_number,
        text[:500],
    )
