"""One batched second reading per document: the one-line names (tone marks on capitals) and the digit
groups of long-form dates and the registration number (a confident misread digit).

Tesseract's start-up costs about as much as reading a line, so every box rides in one `read_lines`
call. A name's second reading may replace the first (`names.apply_name_rereads`); a digit group's
confirms it or sends the field to review: the page reading said 01 at 94 % and the line reading
says 11 — a human confirms which (seed 3103: amended_on 11→01 twice, marked `ok`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ocr.extraction import normalise as nz
from ocr.extraction import regnumber
from ocr.extraction.names import NAME_PATHS, REREAD_HEIGHT, apply_name_rereads, name_boxes
from ocr.extraction.reread import digit_box

if TYPE_CHECKING:
    from ocr.extraction.fields import Candidate
    from ocr.extraction.reread import Reread

DIGIT_CHECKED = ("registration_number", "first_registered_on", "amended_on")
"""Fields whose page reading is often confident and one digit wrong; the owner's dates, ID number and
the capital have cross-checks (ID vs birth year, figures vs words) and a whitelist re-read already."""

DISAGREES = 0.6
"""Confidence of a field whose two readings disagree: below the `ok` threshold, so a human looks."""


TAKE_SECOND = 80.0
"""A disagreeing second reading at least this confident becomes the value (still reviewed): read alone
at a larger size it was right in every disagreement seen on seed 3103 (day 11, not 01)."""


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


def read_again(c: dict[str, Candidate], reread: Reread) -> dict[str, tuple[str, float]]:
    """Second readings of the names and the checked digit groups, in one Tesseract call."""
    wanted = name_boxes(c) + digit_boxes(c)
    if not wanted:
        return {}
    got = reread.read_lines([box for _, box in wanted], height=REREAD_HEIGHT)
    return {path: read for (path, _), read in zip(wanted, got, strict=True) if read is not None}


def _reading_value(path: str, text: str) -> object:
    if path == "registration_number":
        return regnumber.clean_old_number(text) or nz.clean_registration_number(text)
    return nz.parse_date(text)


def _worth_checking(path: str, value: object) -> bool:
    """Tax codes carry a check digit and 12-digit codes are compared with the owner's ID: only the 2015
    number (district letter, then digits) has nothing else to catch a misread."""
    if path == "registration_number":
        return isinstance(value, str) and regnumber.OLD_NUMBER.fullmatch(value) is not None
    return True


def apply_digit_checks(c: dict[str, Candidate], reads: dict[str, tuple[str, float]]) -> None:
    """A second reading that parses to a different value sends the field to review (with the second
    value if it is confident); one that parses to the same value, or does not parse at all (a cut-off
    word), leaves the page reading as it was."""
    for path in DIGIT_CHECKED:
        cand = c.get(path)
        read = reads.get(path)
        if cand is None or read is None or cand.value is None:
            continue
        theirs = _reading_value(path, read[0])
        if theirs is None:
            continue
        if isinstance(cand.value, dt.date) and not isinstance(theirs, dt.date):
            continue
        if theirs != cand.value:
            cand.notes.append("second_reading_disagrees")
            cand.confidence = min(cand.confidence, DISAGREES)
            if read[1] >= TAKE_SECOND:
                cand.value = theirs
        else:
            cand.notes.append("second_reading_agrees")


def apply_second_reading(c: dict[str, Candidate], reads: dict[str, tuple[str, float]]) -> None:
    """Names take their second reading where it is better; checked digit groups are confirmed or doubted."""
    apply_name_rereads(c, {p: r for p, r in reads.items() if p in NAME_PATHS})
    apply_digit_checks(c, reads)
