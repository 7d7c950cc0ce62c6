"""A printed trade item → its business line: the code wherever the office put it ('(Mã ngành: 4711)',
'(4711)', '4711: …', 'Mã 4711 - …', a table's code cell) and the name as printed around it."""

from __future__ import annotations

import re

from ocr.extraction import normalise as nz
from ocr.extraction import tables, trade_columns
from ocr.extraction.lines import Token
from schemas.record import BusinessLine


def table_lines(table_rows: list[list[Token]]) -> tuple[list[BusinessLine | None], bool, list[str]]:
    """(rows by the columns the header names, or by the older grouping by code cell when it names
    none; whether a note cell held more than a note; the code cells repaired from their row's VSIC
    name, as read). A table without a code column has no codes: a four-digit number in a name cell is
    part of the name."""
    by_columns = trade_columns.read_table(table_rows)
    if by_columns is None:
        grouped = tables.group_table_rows(table_rows[1:])
        rows, has_code = [trade_columns.TradeRow(code, name) for code, name in grouped], True
    else:
        rows, has_code = by_columns
    out: list[BusinessLine | None] = []
    repairs: list[str] = []
    for row in rows:
        text = " ".join(t.word.text for t in row.name)
        code = row.code or (tables.code_from_name(text, row.code_text) if row.code_text else None)
        if code is not None and row.code is None:
            repairs.append(row.code_text)  # a misread code cell put right by its name: reviewed
        if code is not None:
            out.append(named_line(code, text))
        else:
            out.append(parse_business_line(text, bare_codes=has_code))
    return out, any(row.aside > trade_columns.NOTE_WORDS_MAX for row in rows), repairs


def item_lines(texts: list[str]) -> tuple[list[BusinessLine | None], list[str]]:
    """(one line per bulleted item, the leading codes repaired from their item's VSIC name, as read)."""
    out: list[BusinessLine | None] = []
    repairs: list[str] = []
    for text in texts:
        fixed = repair_leading_code(text)
        if fixed is not None:
            repairs.append(fixed[1])
        out.append(fixed[0] if fixed is not None else parse_business_line(text))
    return out, repairs


def named_line(code: str, text: str) -> BusinessLine:
    return BusinessLine(code=code, name=nz.clean_text(text.strip(" :;,.-–|")))


_CODE_PATTERNS = (
    re.compile(r"\(\s*M\w\s*ng\w{1,3}h\s*[:;.]?\s*(\d(?:\s?[\dOolIS]){3})\s*\)?\s*$", re.IGNORECASE),
    re.compile(r"\(\s*M[aã]\s*ng[aà]nh\s*:?\s*(\d{4})\s*\)", re.IGNORECASE),
    re.compile(r"\(\s*(\d[\dOolIS/]{3})\s*\)"),
    re.compile(r"^(\d{4})\s*[:.\-–]\s*"),
    re.compile(r"^M[aã]\s*(?:ng[aà]nh\s*)?[:.]?\s*(\d{4})\s*[:.\-–]\s*", re.IGNORECASE),
    re.compile(r"(?<![\d.,])(\d{4})(?![\d.,])"),  # a bare code: keep it last (see `bare_codes`)
)


_BROKEN_LEAD_CODE = re.compile(r"^\s*(?:[-–—•+*]\s*)?(\S{3,5}?)\s*[:.\-–]\s+(?=\S)")


def repair_leading_code(text: str) -> tuple[BusinessLine, str] | None:
    """'- B610: Nhà hàng và …' (a '5' read as 'B'): a code before the name's colon that is not four
    digits but is one edit from the code of the VSIC name that follows it (nearly word for word) →
    (that line, the code as read), a repair from the list for review. None when the code reads as
    digits, or the name names no code one edit away."""
    m = _BROKEN_LEAD_CODE.match(text)
    if m is None or re.fullmatch(r"\d{4}", m.group(1)) or sum(ch.isdigit() for ch in m.group(1)) < 3:
        return None
    name = text[m.end() :]
    code = tables.code_from_name(name, m.group(1))
    return (named_line(code, name), m.group(1)) if code is not None else None


def parse_business_line(text: str, *, bare_codes: bool = True) -> BusinessLine | None:
    """'- 4711: Bán lẻ …', '- Bán lẻ … (Mã ngành: 4711)', '- … (4711)', '1 Bán lẻ … 4711', '- free text'."""
    bullet = (
        r"^\s*(?:[-–—−‒•·▪●◦○❖*+>~]|[^\w\s(\[.,:;'`\x22|](?=\s)|\(?\d{1,2}[.)/]?(?=\s)|\(?[a-zđ]\)(?=\s)"
        rf"|(?i:{tables.LONE_CONSONANT})(?=\s))\s*"
    )
    text = re.sub(bullet, "", text).strip()  # a lone mark before the first word: a bullet read as '«'
    code = None
    for pattern in _CODE_PATTERNS if bare_codes else _CODE_PATTERNS[:-1]:
        m = pattern.search(text)
        if m:
            code = nz.fix_digits(m.group(1).replace(" ", "").replace("/", "7"))  # italic 7 → '/'
            text = (text[: m.start()] + " " + text[m.end() :]).strip()
            break
    name = nz.clean_text(text.strip(" ;,.-–"))
    if not name and not code:
        return None
    return BusinessLine(code=code, name=name)
