"""Trade tables read by the columns their header names: 'STT | Tên ngành | Mã ngành' and the shapes
offices print besides it — two to five columns, the code column first or missing, a 'Ghi chú' or
'Ngành chính' column, a header cell that repeats the section label ('Tên ngành, nghề kinh doanh').

A word belongs to the column under whose header it sits. Header cells are centred in their columns,
and so are short cells (row number, code, 'x', 'Ngành chính'); the name cell is left-aligned and
starts where the column does, left of its centred header. So the name column starts where the header
cell before it ends, and every other column starts where its own header cell starts; a word goes by
its centre. Without a recognisable header (no name column) the caller keeps the older row grouping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocr.extraction import normalise as nz
from ocr.extraction.lines import Token
from ocr.extraction.tables import column_gap, drop_rules

STT, NAME, CODE, NOTE = "stt", "name", "code", "note"
_CODE = re.compile(r"^[|(\[]*([\dOolIS]{4})[|)\].,:;]*$")
_ROW_NUMBER = re.compile(r"^\(?[\dlI|]{1,2}[.),:;]*$")
HEADER_WORDS = frozenset(
    {"stt", "so", "tt", "ten", "nganh", "nghe", "kinh", "doanh", "ma", "ghi", "chu", "chinh"}
)
"""Every word a trade-table header prints: a row of nothing else (a header cell wrapped onto a second
line: 'Ngành' / 'chính') is still the header."""


@dataclass(frozen=True)
class Column:
    kind: str  # STT | NAME | CODE | NOTE
    start: float  # words whose centre is right of this (and left of the next column's start) are in it


@dataclass(frozen=True)
class TradeRow:
    code: str | None
    name: list[Token]
    aside: int = 0  # words of the row's note columns: 'x', 'Ngành chính'; more is a doubt
    code_text: str = ""  # the code cell as read when it is no code ('49333', '_,o610')


NOTE_WORDS_MAX = 2
"""Words a note cell of a trade row holds ('Ngành chính'); more may be name words that the header's
columns put aside (a misread header), so the list goes to review."""


CELL_OPENERS = frozenset({"stt", "ma", "ten", "ghi"})
"""Words that open a header cell: on a photo or a tight table two cells can sit closer than a column
gap ('STT Mã ngành'), and the header's own words still say where one cell ends."""


def header_cells(row: list[Token]) -> list[list[Token]]:
    """The header line cut at column gaps and where a header word opens the next cell ('Mã …',
    'Tên …', 'Ghi chú', or a second 'Ngành' as in 'Tên ngành | Ngành chính')."""
    cells: list[list[Token]] = []
    for tok in drop_rules(row):
        key = tok.key.strip(".,:;()")
        opens = key in CELL_OPENERS or (key == "nganh" and bool(cells) and _holds_nganh(cells[-1]))
        if cells and not opens and not column_gap(cells[-1][-1], tok):
            cells[-1].append(tok)
        else:
            cells.append([tok])
    return cells


def _holds_nganh(cell: list[Token]) -> bool:
    return any(t.key.strip(".,:;()") == "nganh" for t in cell)


def cell_kind(cell: list[Token]) -> str:
    key = " ".join(t.key for t in cell)
    if key.startswith(("stt", "so tt", "sit", "tt")):
        return STT
    if key.startswith("ma") and ("nganh" in key or len(cell) == 1):
        return CODE
    if "ten" in key or "nghe" in key:
        return NAME
    return NOTE  # 'Ghi chú', 'Ngành chính' and whatever else: never part of the name


def columns_of(header: list[Token]) -> list[Column] | None:
    """The header's columns, or None when it names no trade-name column."""
    cells = header_cells(header)
    kinds = [cell_kind(c) for c in cells]
    if kinds.count(NAME) != 1:
        return None
    out: list[Column] = []
    for i, (cell, kind) in enumerate(zip(cells, kinds, strict=True)):
        if kind == NAME and i > 0:
            prev = cells[i - 1][-1].word.bbox
            start = float(prev[0] + prev[2])
        else:
            start = float(cell[0].word.bbox[0]) - cell[0].word.bbox[3]  # a letter height of slack
        out.append(Column(kind, start if i > 0 else float("-inf")))
    return out


def column_of(tok: Token, columns: list[Column]) -> str:
    x, _, w, _ = tok.word.bbox
    centre = x + w / 2
    kind = columns[0].kind
    for col in columns:
        if centre >= col.start:
            kind = col.kind
    return kind


def is_header_rest(row: list[Token]) -> bool:
    return all(t.key.strip(".,:;()") in HEADER_WORDS for t in row)


def read_table(rows: list[list[Token]]) -> tuple[list[TradeRow], bool] | None:
    """(rows with their code and name words, whether the table has a code column); None when the
    header does not say where the name column is. A row number or a code starts a row; a line with
    neither is the wrapped name of the row above."""
    if not rows:
        return None
    columns = columns_of(rows[0])
    if columns is None:
        return None
    has_code = any(c.kind == CODE for c in columns)
    out: list[TradeRow] = []
    body = rows[1:]
    while body and not out and is_header_rest(drop_rules(body[0])):
        body = body[1:]  # a header cell wrapped onto a second line
    for raw in body:
        cells: dict[str, list[Token]] = {STT: [], NAME: [], CODE: [], NOTE: []}
        for tok in drop_rules(raw):
            cells[column_of(tok, columns)].append(tok)
        code = _code_of(cells[CODE])
        numbered = len(cells[STT]) == 1 and _is_row_number(cells[STT][0].word.text)
        if cells[STT] and not numbered:
            cells[NAME] = cells[STT] + cells[NAME]  # not a row number: words of the name
        aside = len(cells[NOTE])
        code_text = "" if code is not None else " ".join(t.word.text for t in cells[CODE])
        if code is not None or numbered or not out:
            out.append(TradeRow(code, list(cells[NAME]), aside, code_text))
        elif cells[NAME] or aside or code_text:
            last = out[-1]
            text = f"{last.code_text} {code_text}".strip()
            out[-1] = TradeRow(last.code, last.name + cells[NAME], last.aside + aside, text)
    return [r for r in out if r.name or r.code], has_code


def _is_row_number(text: str) -> bool:
    """'1', '2.', or a short misread ('r§', 'l|') alone in the STT column: no name word sits there."""
    return bool(_ROW_NUMBER.match(text)) or len(text) <= 3


def _code_of(cell: list[Token]) -> str | None:
    if len(cell) != 1:
        return None
    m = _CODE.match(cell[0].word.text)
    return nz.fix_digits(m.group(1)) if m else None
