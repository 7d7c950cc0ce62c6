"""The geometry of the household-members table: which words are in the name column, and which lines
are a row's wrapped cells rather than the end of the table.

Tables have 4 to 7 columns (STT, name, birth date, gender, nationality, ethnicity, ID number, address…)
and any cell may wrap: 'Việt' / 'Nam' in a narrow nationality column, a long name, an address. A line
with no date and no ID number right under a row is that row's wrapped cells; only its words in the
name column extend the name. The name column comes from the header ('Họ và tên') or, without one, from
the first row's name words.
"""

from __future__ import annotations

import datetime as dt

from rapidfuzz.distance import Levenshtein

from ocr.extraction.labels import STOP_PHRASES
from ocr.extraction.lines import Line, Token, starts_with_unknown_label
from rules.identifiers import decode_personal_id
from schemas.vietnamese import fold_key

Column = tuple[float, float]

WRAP_GAP = 1.0
"""A wrapped cell's line starts within this many line heights under the line above."""

MAX_WRAPPED_LINES = 8
"""A cell wraps onto at most this many more lines; beyond, the table has ended. An address column
('Chỗ ở hiện tại', 'Nơi thường trú') wraps five or six times in a narrow cell; every wrapped line must
still sit right under the one above and be no label or signature line (`wraps_row`)."""


def _wide_gap(left: Token, right: Token) -> bool:
    gap = right.word.bbox[0] - (left.word.bbox[0] + left.word.bbox[2])
    return gap > 1.5 * max(left.word.bbox[3], right.word.bbox[3])


def name_column_of_header(line: Line) -> Column | None:
    """'STT | Họ và tên | Ngày sinh | …' → the name cell: from the end of the header cell before it to
    half way across the gap after its last word. A header cell may be centred over its column while
    the names under it start at the column's left edge, so the half way point of the gap before 'Họ'
    would cut the surname off; only the cell to the left bounds it (a row number under 'STT' ends
    before 'STT' does). None when the header's cells are not set apart by wide gaps (the row's own
    words tell then)."""
    tokens = line.tokens
    keys = [t.key for t in tokens]
    for i, key in enumerate(keys):
        if key != "ho" or i + 1 >= len(keys) or keys[i + 1] not in ("va", "ten"):
            continue
        left = float("-inf")
        if i > 0:
            if not _wide_gap(tokens[i - 1], tokens[i]):
                return None
            left = tokens[i - 1].word.bbox[0] + tokens[i - 1].word.bbox[2]
        for a, b in zip(tokens[i:], tokens[i + 1 :], strict=False):
            if _wide_gap(a, b):
                return left, (a.word.bbox[0] + a.word.bbox[2] + b.word.bbox[0]) / 2
        return None
    return None


def name_column_of_row(line: Line, name: str) -> Column | None:
    """The x-range of a row's name words (the words of `name`, in order) up to the next cell."""
    words = name.split()
    if not words:
        return None
    texts = [t.word.text for t in line.tokens]
    for i in range(len(texts) - len(words) + 1):
        if texts[i : i + len(words)] == words:
            first, last = line.tokens[i], line.tokens[i + len(words) - 1]
            after = line.tokens[i + len(words)] if i + len(words) < len(line.tokens) else None
            end = after.word.bbox[0] - 10 if after is not None else float("inf")
            return first.word.bbox[0] - 40, max(end, last.word.bbox[0] + last.word.bbox[2])
    return None


def left_over_before(line: Line, column: Column) -> list[Token]:
    """Words of a row left of its name cell that say something (two letters or more, read with some
    confidence): no cell took them, so they may be part of the name (evidence against the rows)."""
    return [
        t
        for t in line.tokens
        if t.word.bbox[0] < column[0] and t.word.conf >= 60 and sum(ch.isalpha() for ch in t.word.text) >= 2
    ]


def words_in(line: Line, column: Column) -> list[Token]:
    """The line's words whose left edge lies in the column."""
    return [t for t in line.tokens if column[0] <= t.word.bbox[0] < column[1]]


def wraps_row(line: Line, above: Line) -> bool:
    """Right under the row above, and neither the signature block nor a label: a wrapped cell line."""
    if line.page != above.page or line.top - above.bottom > WRAP_GAP * max(above.height, 10):
        return False
    key = " ".join(t.key for t in line.tokens).lstrip("( ")
    return not key.startswith(STOP_PHRASES) and not starts_with_unknown_label(line)


def gender_word(words: list[str]) -> str | None:
    """'Nam' or 'Nữ' in its own cell: the 'Nam' of a 'Việt Nam' nationality cell is no gender."""
    for i, word in enumerate(words):
        if fold_key(word) in ("nam", "nu") and not (i and fold_key(words[i - 1]) == "viet"):
            return word
    return None


PLAUSIBLE_BIRTH_YEARS = range(1900, 2100)


def year_from_id(day: dt.date, id_number: str | None) -> dt.date | None:
    """A birth year no member can have ('31/07/4973', a '1' read as '4') while the row's 12-digit ID
    number encodes a year one digit away (022 0 73…: 1973) → the date with the ID's year (a repair for
    review); None when the year is plausible or the ID says nothing one digit away."""
    if day.year in PLAUSIBLE_BIRTH_YEARS or id_number is None:
        return None
    decoded = decode_personal_id(id_number)
    if decoded is None or Levenshtein.distance(str(day.year), str(decoded.birth_year)) != 1:
        return None
    try:
        return day.replace(year=decoded.birth_year)
    except ValueError:  # 29 February in a year that has none
        return None
