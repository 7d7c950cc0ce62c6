"""Registration numbers by the format of their generation: which positions are digits, which a letter.

2015-era numbers are `PPL8NNNNNN` (province digits, a district letter, 8, six digits), also printed
`12.A8.018999`; 2021-era forms carry a tax code (10 digits with a check digit, maybe `-NNN`) or the
old number; 2025-era forms the owner's 12-digit personal ID. Tesseract reads the district letter as
a look-alike digit (B→8, S→5, G→6, D→0) and digits as letters: the position says which it must be.
"""

from __future__ import annotations

import re

from ocr.extraction import normalise as nz
from rules.identifiers import is_valid_tax_code

LETTER_GUESS_CONFIDENCE = 0.6
"""A district letter restored from a digit is a guess (D or O for 0?): a human confirms it."""

# A digit read where the 2015 number's district letter is printed → the letter it most likely was.
_LETTER_LOOKALIKES = str.maketrans(
    {"8": "B", "5": "S", "6": "G", "0": "D", "4": "A", "2": "Z", "1": "T", "7": "T"}
)

OLD_NUMBER = re.compile(r"\d{2}[A-Z]8\d{6}")


def restore_district_letter(value: str) -> str | None:
    """'7588980005' (a 10-digit number that is no tax code, with the old format's 8 in 4th place) →
    '75B8980005'; None when the value is not such a number."""
    if not re.fullmatch(r"\d{10}", value) or value[3] != "8" or is_valid_tax_code(value):
        return None
    return with_district_letter(value)


def with_district_letter(value: str) -> str:
    """The third character, read as a digit, turned into the district letter it most likely was."""
    return value[:2] + value[2].translate(_LETTER_LOOKALIKES) + value[3:]


def clean_old_number(raw: str) -> str | None:
    """An old-format reading with look-alikes in digit positions: '4lN8O33112' → '41N8033112'."""
    text = re.sub(r"[\s.·,:;|]", "", raw).replace("L", "1").strip("-–")  # '|', '-': a fold or rule at its end
    if len(text) == 11 and text.count("§") == 1:
        text = text.replace("§", "")  # a speck read as '§' beside a digit: one character too many
    if len(text) != 10 or not text[2].isalpha():
        return None
    fixed = nz.fix_digits(text[:2]) + text[2].upper() + nz.fix_digits(text[3:])
    return fixed if OLD_NUMBER.fullmatch(fixed) else None
