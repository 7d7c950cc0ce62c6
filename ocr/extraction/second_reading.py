"""One batched second reading per document: the one-line names (tone marks on capitals) and the digit
groups of long-form dates and the registration number (a confident misread digit).

Tesseract's start-up costs about as much as reading a line, so every box rides in one `read_lines`
call. A name's second reading may replace the first (`names.apply_name_rereads`). A digit group
whose second reading disagrees gets a third, digits-only reading of each number in it, and the
reading two of the three agree on is kept — in review either way, since the page reading said 01 at
94 % (seed 3103: amended_on 11→01 twice, marked `ok`; the line reading alone was wrong once, 23→29).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import msgspec

from ocr.extraction import normalise as nz
from ocr.extraction import regnumber
from ocr.extraction.candidate import add_evidence
from ocr.extraction.names import NAME_PATHS, REREAD_HEIGHT, apply_name_rereads, name_boxes
from ocr.extraction.reread import DIGITS, box_of, date_tokens, digit_box
from schemas.record import Evidence, EvidenceKind

if TYPE_CHECKING:
    from ocr.extraction.candidate import Candidate
    from ocr.extraction.reread import Reread

DIGIT_CHECKED = ("registration_number", "first_registered_on", "amended_on")
"""Fields whose page reading is often confident and one digit wrong; the owner's dates, ID number and
the capital have cross-checks (ID vs birth year, figures vs words) and a whitelist re-read already."""

DISAGREES = 0.6
"""Confidence of a field whose readings disagree: below the `ok` threshold, so a human looks."""


VOTE_MIN_CONF = 60.0
"""A third reading votes only if Tesseract was at least this sure of it (seed 3102: 15/05/2018 at 0 %
for a printed 13/05/2018 sided with an equally wrong line reading)."""


class SecondReading(msgspec.Struct):
    names: dict[str, tuple[str, float]] = msgspec.field(default_factory=dict)
    """Field → (text, weakest word confidence) of its line reading."""
    digits: dict[str, tuple[object, bool]] = msgspec.field(default_factory=dict)
    """Field → (the value two readings agree on, or None; whether every reading agreed)."""


def _worth_checking(path: str, value: object) -> bool:
    """Tax codes carry a check digit and 12-digit codes are compared with the owner's ID: only the 2015
    number (district letter, then digits) has nothing else to catch a misread."""
    if path == "registration_number":
        return isinstance(value, str) and regnumber.OLD_NUMBER.fullmatch(value) is not None
    return isinstance(value, dt.date)


def digit_boxes(c: dict[str, Candidate]) -> list[tuple[str, tuple[int, tuple[int, int, int, int]]]]:
    """(field, (page, box)) of the digit groups worth a second look: a value we would otherwise mark `ok`,
    printed on one line."""
    out = []
    for path in DIGIT_CHECKED:
        cand = c.get(path)
        if cand is None or cand.confidence < DISAGREES or not _worth_checking(path, cand.value):
            continue
        where = digit_box(cand)
        if where is not None:
            out.append((path, where))
    return out


def _reading_value(path: str, text: str) -> object:
    if path == "registration_number":
        return regnumber.clean_old_number(text) or nz.clean_registration_number(text)
    return nz.parse_date(text)


def read_again(c: dict[str, Candidate], reread: Reread) -> SecondReading:
    """Second readings of the names and the checked digit groups in one Tesseract call; a third reading
    of a digit group the first two disagree on."""
    names, digits = name_boxes(c), digit_boxes(c)
    if not names and not digits:
        return SecondReading()
    got = reread.read_lines([box for _, box in names + digits], height=REREAD_HEIGHT)
    out = SecondReading(names={p: r for (p, _), r in zip(names, got, strict=False) if r is not None})
    for (path, _), read in zip(digits, got[len(names) :], strict=True):
        mine = c[path].value
        theirs = _reading_value(path, read[0]) if read is not None else None
        if theirs is None or type(theirs) is not type(mine):
            continue  # the line reading says nothing (a cut-off word): no evidence either way
        if theirs == mine:
            out.digits[path] = (mine, True)
            continue
        third = _third_reading(c[path], path, reread)
        out.digits[path] = (theirs if third == theirs else mine if third == mine else None, False)
    return out


def _third_reading(cand: Candidate, path: str, reread: Reread) -> object:
    """Each number of the value read alone, digits only (the district letter without a whitelist), put
    back together: '2, ngày 11 tháng 04 năm 2025' → the date from 11, 04 and 2025; a slash date
    ('ngày 1 1/04/2025', split by the page reading) is read as one box."""
    if cand.span is None:
        return None
    tokens = list(cand.span.tokens)
    if path == "registration_number":
        digits = [t for t in tokens if re.search(r"\d", t.word.text)]
        texts = [reread(t.page, t.word.bbox, "") for t in digits]
        if not all(texts) or min(r[1] for r in texts if r) < VOTE_MIN_CONF:
            return None
        return _reading_value(path, "".join(r[0] for r in texts if r))
    digits = [t for t in date_tokens(tokens) if re.search(r"\d", t.word.text)]
    if not digits:
        return None
    if any("/" in t.word.text for t in digits):
        where = box_of(digits)
        got = reread(where[0], where[1], DIGITS + "/") if where else None
        return nz.parse_date(got[0].replace(" ", "")) if got and got[1] >= VOTE_MIN_CONF else None
    numbers = [reread(t.page, t.word.bbox, DIGITS) for t in digits[-3:]]
    if len(numbers) < 3 or not all(numbers) or min(n[1] for n in numbers if n) < VOTE_MIN_CONF:
        return None
    day, month, year = (n[0] for n in numbers if n)
    return nz.parse_date(f"{day}/{month}/{year}")


def apply_second_reading(c: dict[str, Candidate], second: SecondReading) -> None:
    """Names take their line reading where it is better; a digit group whose readings disagreed takes
    the value two of them agree on (or keeps the page's when none do) and goes to review."""
    apply_name_rereads(c, {p: r for p, r in second.names.items() if p in NAME_PATHS})
    for path, (settled, unanimous) in second.digits.items():
        cand = c.get(path)
        if cand is None:
            continue
        if unanimous:
            add_evidence(cand, Evidence(kind=EvidenceKind.READERS_AGREE))
            continue
        cand.notes.append("readings_disagree")
        cand.confidence = min(cand.confidence, DISAGREES)
        if settled is not None:
            cand.value = settled
