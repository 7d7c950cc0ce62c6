"""Targeted re-reading of doubtful numeric fields: crop the value's digits and read them again as one
line with a digit whitelist (IDs, registration numbers, amounts, phone numbers, short dates).

Extraction stays free of OCR calls: the pipeline passes a `Reread` callback that crops its page image
and runs Tesseract. The new reading replaces the old one only if, after every cross-check, the field
ends up more confident than before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ocr.extraction import normalise as nz
from ocr.extraction.candidate import Candidate
from ocr.extraction.checks import DATE_FIELDS
from ocr.extraction.lines import Token


class Reread(Protocol):
    """Called: (page number, bbox x/y/w/h, character whitelist or "", box height to scale to) → (text, lowest
    word confidence 0–100) or None."""

    def __call__(
        self, page: int, bbox: tuple[int, int, int, int], whitelist: str, *, height: int | None = None
    ) -> tuple[str, float] | None: ...

    def read_lines(
        self, boxes: list[tuple[int, tuple[int, int, int, int]]], *, height: int
    ) -> list[tuple[str, float] | None]:
        """Several one-line boxes (page, bbox) scaled to `height` and read in one Tesseract call, no
        whitelist: one (text, lowest word confidence) or None per box, in order."""
        ...


DIGITS = "0123456789"

# field path → (whitelist, parser)
REREADABLE: dict[str, tuple[str, Callable[[str], Any]]] = {
    "owner.id_number": (DIGITS, nz.clean_id_number),
    "registration_number": (DIGITS + "-", nz.clean_registration_number),
    "capital_vnd": (DIGITS + ".,", nz.parse_amount),
    "phone": (DIGITS + ".() ", nz.clean_phone),
    "owner.birth_date": (DIGITS + "/", nz.parse_date),
    "owner.id_issued_on": (DIGITS + "/", nz.parse_date),
    "first_registered_on": (DIGITS + "/", nz.parse_date),
    "amended_on": (DIGITS + "/", nz.parse_date),
}

DOUBTFUL = 0.86


def digit_box(cand: Candidate) -> tuple[int, tuple[int, int, int, int]] | None:
    """Page and box of the value's tokens that contain digits (the part worth re-reading)."""
    if cand.span is None:
        return None
    return box_of([t for t in cand.span.tokens if re.search(r"\d", t.word.text)])


def box_of(tokens: Sequence[Token]) -> tuple[int, tuple[int, int, int, int]] | None:
    """Page and enclosing box of tokens on one printed line (None for none, or for several lines)."""
    if not tokens or len({t.row for t in tokens}) > 1:
        return None
    x0 = min(t.word.bbox[0] for t in tokens)
    y0 = min(t.word.bbox[1] for t in tokens)
    x1 = max(t.word.bbox[0] + t.word.bbox[2] for t in tokens)
    y1 = max(t.word.bbox[1] + t.word.bbox[3] for t in tokens)
    return tokens[0].page, (x0, y0, x1 - x0, y1 - y0)


def date_tokens(tokens: Sequence[Token]) -> list[Token]:
    """A date's own tokens: an amendment number before 'ngày' is no part of it, nor 'ngày' itself."""
    at = next((i for i, t in enumerate(tokens) if t.key == "ngay"), None)
    return list(tokens if at is None else tokens[at + 1 :])


def _numeric_date(text: str) -> bool:
    """'ngày 0605/2022', '3, ngày 2512024', '12/05/1980': digits (and slashes) only once the day word
    and an amendment number are set aside; a slash date whose slashes were lost is still one."""
    rest = re.sub(r"^\s*\d{1,2}\s*[,.]?\s*(?=ng)", "", text)
    rest = re.sub(r"^\s*ng\w*\s*", "", rest)
    return bool(re.search(r"\d", rest)) and not re.search(r"[^\W\d_]", rest)


def propose_rereads(cands: dict[str, Candidate], reread: Reread) -> dict[str, Candidate]:
    """New candidates for doubtful numeric fields whose re-reading gives a different, parsable value."""
    out: dict[str, Candidate] = {}
    for path, (whitelist, parse) in REREADABLE.items():
        cand = cands.get(path)
        if cand is None or cand.confidence >= DOUBTFUL or cand.span is None:
            continue
        if path in DATE_FIELDS:
            if not _numeric_date(cand.span.text):
                continue  # long-form dates mix words and digits: not a whitelist job
        elif cand.value is None:
            continue
        if path in DATE_FIELDS:
            where = box_of([t for t in date_tokens(cand.span.tokens) if re.search(r"\d", t.word.text)])
        else:
            where = digit_box(cand)
        if where is None:
            continue
        got = reread(where[0], where[1], whitelist)
        if got is None:
            continue
        value = parse(got[0])
        if value is None or value == cand.value:
            continue
        out[path] = Candidate(value=value, span=cand.span, confidence=got[1] / 100.0, notes=["reread"])
    return out
