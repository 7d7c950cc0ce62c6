"""The streaming PDF writer: pages go in encoded, the file opens with the right pages, bytes repeat."""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

from ocr.batch.pdf import encode_jpeg, pdf_from_jpegs


def test_pages_round_trip_and_bytes_are_reproducible() -> None:
    grey = Image.new("L", (600, 300), 200)
    colour = Image.new("RGB", (300, 600), (250, 10, 10))
    pages = [(encode_jpeg(grey), 600, 300, True), (encode_jpeg(colour), 300, 600, False)]
    data = pdf_from_jpegs(pages, dpi=300)
    assert data == pdf_from_jpegs(pages, dpi=300)
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 2
    assert [tuple(round(v) for v in pdf[i].get_size()) for i in range(2)] == [(144, 72), (72, 144)]
    red = pdf[1].render(scale=300 / 72).to_pil().convert("RGB").getpixel((150, 300))
    assert red[0] > 200 and red[1] < 60
