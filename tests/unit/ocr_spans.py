"""Word spans for extraction tests: one printed line of words, laid out left to right."""

from __future__ import annotations

from ocr.extraction.lines import Span, Token
from ocr.results import Word
from schemas.vietnamese import fold_key


def span_of(text: str, conf: float = 93.0, row: int = 0) -> Span:
    """Words 100 px wide every 120 px on row `row` (60 px apart), all with confidence `conf`."""
    tokens = [
        Token(word=Word(text=w, conf=conf, bbox=(100 + 120 * i, 60 * row, 100, 40), line=row, block=0),
              page=1, row=row, key=fold_key(w))
        for i, w in enumerate(text.split())
    ]  # fmt: skip
    return Span(tokens=tokens, text=text)
