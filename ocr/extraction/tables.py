"""Business-line lists: rows of the 'STT | Tên ngành | Mã ngành' table or bullets → items, and VSIC
reference names for OCR'd names that are close to their code's name.

A table row has exactly one code, printed on the first line of its (top-aligned) cell; the name cell
wraps onto as many lines as it needs. So a line with a code (or a row number) starts an item and a
line with neither continues the item above — row numbers are small and often misread ("l|", "Ø"),
codes are four digits and read well.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ocr.extraction import normalise as nz
from ocr.extraction.lines import Token
from ocr.extraction.syllables import is_syllable
from rules.printed import PrintedMatch, compare_printed
from schemas.record import BusinessLine
from schemas.reference import VsicVersion, load_vsic
from schemas.vietnamese import fold_key

SNAP_MIN = 80.0
"""A name at least this similar (accent-folded) to its code's VSIC name, and not closer to any other
code's name, is that name misread: the reference wording replaces it."""

AGREED_FLOOR = 0.7
"""Confidence of a list whose every code and name agree (the cross-check then adds its boost): the
weakest word is then often a row number or a bullet, which says nothing about the values."""

SLIP_MIN = 92.0
"""A name this close to another code's name, whose code differs from the printed one in one digit,
says which digit was misread."""

_RULE = re.compile(r"^[|\[\]!¦{}]+$")
_CODE = re.compile(r"^[|(\[]*([\dOolIS]{4})[|)\].,:;]*$")


def drop_rules(row: list[Token]) -> list[Token]:
    """Table rules that survived rule removal are read as '|' or '[': they are not text."""
    return [t for t in row if not _RULE.match(t.word.text)]


TRADE_NOTES = ("chi tiet", "cu the")
"""'Chi tiết: bán tạp hóa' under a trade: the office's detail of that trade, not the next field."""

NOISE_CONF = 30.0
"""A line whose words all read below this confidence is texture (a fold, the seal, a smudge)."""


def drop_noise_rows(rows: list[list[Token]]) -> list[list[Token]]:
    """Lines of noise go; the next section's label read as garbage ('4-Vốn;kinhdöanh:') ends the list."""
    out: list[list[Token]] = []
    for row in rows:
        key = "".join(t.key for t in row).replace(" ", "")
        if "vonkinhdoanh" in key or "vonkinh" in key[:12]:
            break
        if max(t.word.conf for t in row) >= NOISE_CONF:
            out.append(row)
    return out


def column_gap(left: Token, right: Token) -> bool:
    """A gap wider than two letter heights: a column boundary, not a word space ("có động cơ …")."""
    gap = right.word.bbox[0] - (left.word.bbox[0] + left.word.bbox[2])
    return gap > 2 * max(left.word.bbox[3], right.word.bbox[3])


def code_cell(row: list[Token]) -> str | None:
    """The row's code when its last word is four digits set apart from the name by a column gap."""
    if len(row) < 2:
        m = _CODE.match(row[0].word.text) if row else None
        return nz.fix_digits(m.group(1)) if m else None
    m = _CODE.match(row[-1].word.text)
    if m is None or not column_gap(row[-2], row[-1]):
        return None
    return nz.fix_digits(m.group(1))


def is_row_number(row: list[Token]) -> bool:
    """'1', '2.', or a misread 'l|' set apart in the STT column (no VSIC name starts with a digit)."""
    first = row[0].word.text
    if len(row) < 2 or len(first) > 3:
        return False
    return bool(re.fullmatch(r"\d{1,2}[.)]?", first)) or (len(first) <= 2 and column_gap(row[0], row[1]))


def group_table_rows(rows: list[list[Token]]) -> list[tuple[str | None, list[Token]]]:
    """Table lines → (code, name tokens) per row: a code or a row number starts a row, other lines
    are the wrapped name of the row above."""
    items: list[tuple[str | None, list[Token]]] = []
    for raw in rows:
        row = drop_rules(raw)
        if not row:
            continue
        code = code_cell(row)
        numbered = is_row_number(row)
        name = row[1:] if numbered else list(row)
        if code is not None and name:
            name = name[:-1]
        if code is not None or numbered or not items:
            items.append((code, name))
        else:
            prev_code, prev = items[-1]
            items[-1] = (prev_code, prev + name)
    return items


@cache
def _vsic_level4() -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Code → its level-4 names (2025 first, then 2018 when different); and folded names with codes."""
    by_code: dict[str, list[str]] = {}
    versions: tuple[VsicVersion, ...] = ("2025", "2018")
    for version in versions:
        for code, entry in load_vsic(version).items():
            if len(code) == 4 and entry.name not in by_code.setdefault(code, []):
                by_code[code].append(entry.name)
    folded: list[str] = []
    codes: list[str] = []
    for code, names in by_code.items():
        for name in names:
            folded.append(fold_key(name))
            codes.append(code)
    return by_code, folded, codes


def snap_to_vsic(line: BusinessLine) -> tuple[BusinessLine, bool]:
    """(line with its code's reference name when the printed name is that name misread, agreed?)."""
    by_code, folded, codes = _vsic_level4()
    if not line.code or not line.name:
        return line, False
    key = fold_key(line.name)
    own = max(by_code.get(line.code, [""]), key=lambda n: fuzz.ratio(key, fold_key(n)))
    own_score = fuzz.ratio(key, fold_key(own)) if own else 0.0
    best = process.extractOne(key, folded, scorer=fuzz.ratio)
    if best is not None and best[1] > own_score and codes[best[2]] != line.code:
        return _one_digit_slip(line, codes[best[2]], best[1], key), False  # the code or name is misread
    if own_score < SNAP_MIN:
        return line, False
    match = compare_printed(line.name, own)
    if match in KEPT_FORMS:  # the printed wording (its parenthetical, its punctuation) is the value
        return line, match != PrintedMatch.CONTAINS or words_beside(line.name, own)
    return BusinessLine(code=line.code, name=own), True


KEPT_FORMS = (PrintedMatch.EXACT, PrintedMatch.VARIANT, PrintedMatch.CONTAINS)
"""A printed VSIC name that spells its code's name another way, or holds it whole, stays as printed."""


def words_beside(printed: str, reference: str) -> bool:
    """Whether what a printed name holds beside its VSIC name is words (an office's '(trừ …)' or
    '. Chi tiết: …'), not a row number or mark glued on ('1... Bán lẻ …'): only words agree."""
    rest = fold_key(printed).replace(fold_key(reference), " ")
    pieces = [re.sub(r"[^\w]", "", p) for p in rest.split()]
    return all(p.isalpha() for p in pieces if p)


def _one_digit_slip(line: BusinessLine, other: str, score: float, key: str) -> BusinessLine:
    """'4712' printed next to 4772's name, nearly word for word: one digit misread (7→1); the line
    takes the other code and its name, and the list is still reviewed."""
    slips = sum(a != b for a, b in zip(line.code or "", other, strict=False))
    if score < SLIP_MIN or slips != 1:
        return line
    name = max(_vsic_level4()[0][other], key=lambda n: fuzz.ratio(key, fold_key(n)))
    return BusinessLine(code=other, name=name)


LONE_CONSONANT = "[bcdđghklmnpqrstvx]"
"""A consonant alone is no Vietnamese word: at a trade line's start it is a bullet read as a letter
('•' as 's')."""
BULLET = re.compile(
    r"^(?:[-–—−‒•·▪●◦○❖*+>~]|[^\w\s(\[.,:;'`\x22|]$|\(?\d{1,2}[.)/]|\d{1,2}$|\(?[a-zđ]\)|\d{4}:$|"
    + LONE_CONSONANT
    + "$)",
    re.IGNORECASE,
)
"""What opens a list item on certificates: a dash of any width (OCR turns an en-dash into '—', '−' or
'~'), a dot or square bullet, any lone mark a bullet was read as ('«', '°'; not the '.', ',' or ':'
of a speck before a wrapped line), '1.', '1)', '(1)', 'a)', a lone consonant (`LONE_CONSONANT`), or a
code with its colon ('4711:')."""

_INLINE_NUMBER = re.compile(r"\s(?=(?:\d{1,2}[.)]|[a-zđ]\))\s+(?:[A-ZÀ-Ỹ]|\d{4}\s*[:\-–]))")
"""'… 2. Bán …' or '… b) 4610-Đại lý …': an item number inside a line, before a capital or a code."""
_CODE_IN_TEXT = re.compile(r"(?<![\d.,])\d{4}(?![\d.,])")
SPLIT_KEEP_SCORE = 90.0
"""A code-less item this close to a VSIC name keeps its own ';' (several official names have one)."""


def split_items(text: str) -> list[str]:
    """One printed item → the trades it lists: '…; …' or '… (4711), … (4722)' on one line and inline
    numbering ('1. … 2. …').
    A ';' inside parentheses, or inside an official name (one code for the whole item, or a code-less
    text that is a VSIC name), is part of the name."""
    parts = [p for p in _INLINE_NUMBER.split(text) if p.strip()]
    parts = [p for part in parts for p in _CODE_COMMA.split(part) if p.strip(" .,")]
    out: list[str] = []
    for part in parts:
        out.extend(_split_semicolons(part))
    return out


_CODE_COMMA = re.compile(
    r"(?<=\d\))\s*,\s*|,\s*(?=(?:M[aã]\s*(?:ng[aà]nh\s*)?:?\s*)?\d{4}\s*[:\-–]\s*\S)", re.IGNORECASE
)
"""A comma after a code's closing bracket, or before a code that opens the next trade ('…, 5630: …'),
separates two trades: no VSIC name holds a four-digit code, so the comma is not one of the name's."""


def _split_semicolons(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == ";" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    pieces = [p.strip() for p in pieces if p.strip(" .;,")]
    if len(pieces) < 2:
        return [text]
    codes = [len(_CODE_IN_TEXT.findall(p)) for p in pieces]
    if any(codes):
        return pieces if all(n == 1 for n in codes) else [text]  # one code per trade, or one name
    key = fold_key(re.sub(r"^\W+", "", text))
    best = process.extractOne(key, _vsic_level4()[1], scorer=fuzz.ratio)
    if best is not None and best[1] >= SPLIT_KEEP_SCORE:
        return [text]
    return pieces if all(len(p.split()) >= 2 for p in pieces) else [text]


def plausible_words(text: str) -> bool:
    """Every word with Vietnamese marks is a possible syllable (unmarked ones may be loanwords:
    'photocopy', 'karaoke'); two syllables glued by a lost space ('Inấn') are not."""
    for word in text.split():
        letters = "".join(ch for ch in word if ch.isalpha())
        if letters and not letters.isascii() and not is_syllable(letters):
            return False
    return True


@cache
def _vsic_words() -> dict[str, frozenset[str]]:
    """Folded word → the spellings VSIC names use for it ('pham' → {'phẩm'})."""
    out: dict[str, set[str]] = {}
    for version in ("2025", "2018"):
        for entry in load_vsic(version).values():
            for word in re.findall(r"[^\W\d_]+", entry.name.lower()):
                out.setdefault(fold_key(word), set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


def odd_marks(text: str) -> bool:
    """A free-text line with a word that VSIC spells only with other marks ('thực phâm' where every
    VSIC name says 'phẩm'): likely a slip, though trade words VSIC lacks (bún, phở) look the same, so
    this doubts and never changes the text."""
    words = _vsic_words()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        spellings = words.get(fold_key(word))
        if spellings is not None and word not in spellings:
            return True
    return False


def code_from_name(name: str, cell: str) -> str | None:
    """The code of a misread code cell ('49333', '_,o610'): the code of the VSIC name the row's name
    is (nearly word for word), when the cell's digits are one edit from it. None when either doubts."""
    digits = nz.only_digits(cell)
    if len(digits) < 3:
        return None
    _, folded, codes = _vsic_level4()
    best = process.extractOne(fold_key(name), folded, scorer=fuzz.ratio)
    if best is None or best[1] < SLIP_MIN:
        return None
    code = codes[best[2]]
    return code if Levenshtein.distance(digits, code) <= 1 else None
