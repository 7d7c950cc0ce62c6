"""Printed text → the contract's normalised values (dates, amounts, codes), tolerant of OCR slips.

Each parser returns None when the text cannot be read as that kind of value; the caller then sends
the field to review instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re

from schemas.vietnamese import fold_key, normalize_text

# Letters Tesseract reads instead of digits inside numbers.
_DIGIT_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "i": "1",
        "|": "1",
        "!": "1",
        "Z": "2",
        "S": "5",
        "s": "5",
        "B": "8",
        "g": "9",
        "G": "6",
        "b": "6",
        "T": "7",
        "§": "8",
        "]": "1",
        "[": "1",
        "Ø": "0",
        "ø": "0",
    }
)


def clean_text(text: str) -> str | None:
    """NFC, one space, without the label's trailing colon/dots and stray edge punctuation."""
    value = normalize_text(text).strip(" :;,.-_…|'\"—–~`‘’“”")
    value = re.sub(r"^[.:\-–…_ ]+|[.:…_ ]+$", "", value).strip()
    return value or None


_SPECK_BEFORE_WORD = re.compile(r"(?<=[\s,])[.,'`‘’](?=[^\W\d_])")
_GLUED_APOSTROPHE = re.compile(r"(?<=[^\W\d_]{2})['’`](?=[^\W\d_]{2})")
_GLUED_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})-(?=[^\W\d_]{2})")
_UNIT_WORD_MARK = re.compile(
    r"\b(Tỉnh|Huyện|Quận|Xã|Phường|Thị trấn|Thị xã|Thành phố|Đặc khu)[.\-–'’`]\s*(?=[^\W\d_])",
    re.IGNORECASE,
)
_SPECK_AFTER_COMMA = re.compile(r",(?:\s*[.,'`‘’])+(?=\s)")


def tidy_address_punctuation(text: str) -> str:
    """Punctuation that specks and folds put into addresses: 'Tôn Đức Thắng, .ngõ 3' → ', ngõ 3';
    'Tri Tôn; Tỉnh' → ', Tỉnh' (addresses have no semicolons); "Tỉnh'Đồng Nai" and 'Thành-phố'
    → a space. 'H'Leo' (one letter before the apostrophe) and '12-14' stay. A unit word is never
    followed by a mark before its name ('Tỉnh. Nghệ An', 'Tỉnh-Cao Bằng': a speck, or a fold read as a
    hyphen), and a speck after a comma at a line end ('Tuyên Hóa,.' + 'Tỉnh …') is no part."""
    text = text.replace(";", ",")
    text = _UNIT_WORD_MARK.sub(r"\1 ", text)
    text = _SPECK_AFTER_COMMA.sub(",", text)
    text = _SPECK_BEFORE_WORD.sub("", text)
    text = _GLUED_APOSTROPHE.sub(" ", text)
    text = _GLUED_HYPHEN.sub(lambda m: " " if text[m.end()].islower() else "-", text)
    return normalize_text(re.sub(r"\s+,", ",", text))


def fix_number_words(text: str) -> str:
    """Inside free text (addresses), repair words that are numbers with a look-alike letter:
    'ngõ I19' → 'ngõ 119', 'Tổ 2O' → 'Tổ 20'."""
    return " ".join(
        fix_digits(w.replace("L", "1")) if re.search(r"\d", w) and re.fullmatch(r"[\dIlLO]+[,.]?", w) else w
        for w in text.split(" ")
    )


def fix_digits(text: str) -> str:
    """Map digit look-alike letters to digits (only use on text that must be numeric)."""
    return text.translate(_DIGIT_LOOKALIKES)


def only_digits(text: str) -> str:
    return re.sub(r"\D", "", fix_digits(text))


_DATE_WORDS = re.compile(
    r"ng[aà]y\W*([\dOolIS]{1,2})\W*th[aá]ng\W*([\dOolIS]{1,2})\W*n[aă]m\W*([\dOolIS]{4})", re.IGNORECASE
)
_DATE_NUMERIC = re.compile(r"([\dOolIS]{1,2})\s*[/.\-]\s*([\dOolIS]{1,2})\s*[/.\-]\s*([\dOolIS]{4})")


def parse_date(text: str | None) -> dt.date | None:
    """'ngày 05 tháng 3 năm 2019', '12/05/1980', '12-05-1980', '12.05.1980' → date."""
    if not text:
        return None
    folded = fold_key(text).replace(" ", "")
    m = re.search(r"(?:ngay)?([\dolis]{1,2})thang([\dolis]{1,2})nam([\dolis]{4})", folded)
    parts = m.groups() if m else None
    if parts is None:
        m2 = _DATE_NUMERIC.search(text)
        parts = m2.groups() if m2 else None
    if parts is None:
        return None
    try:
        day, month, year = (int(fix_digits(p)) for p in parts)
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every date in `text` with its character span."""
    out = []
    for m in _DATE_NUMERIC.finditer(text):
        d = parse_date(m.group(0))
        if d:
            out.append((d, m.start(), m.end()))
    return out


def parse_amount(text: str | None) -> int | None:
    """The figures of a money amount: '150.000.000 đồng', '300. .000: 000vnđ' → int (VND)."""
    if not text:
        return None
    # any case and NFD too: in "150.000.000 ĐỒNG" the G would read as a 6 (fuzz case "0 Đồng" → 9)
    # the figures end at the currency ('150.000.000đ' too) or at the words ('… Bằng chữ: …' below them)
    ends = r"[(\[]|đ[oồ]ng|vn[dđ]|(?<=\d)\s?đ\b|b[aằ]ng\s*ch[uữ]"
    figures = re.split(ends, normalize_text(text), maxsplit=1, flags=re.IGNORECASE)[0]
    digits = only_digits(figures)
    return int(digits) if digits and len(digits) <= 15 else None


def amount_in_words(text: str | None) -> str | None:
    """The words part of '150.000.000 đồng (Một trăm năm mươi triệu đồng)'."""
    if not text:
        return None
    m = re.search(r"[(\[](.+?)(?:[)\]]|$)", text)
    if m:
        return m.group(1)
    m = re.search(r"b[aằ]ng ch[uữ]\W+(.+)$", text, re.IGNORECASE)
    return m.group(1) if m else None


def parse_int(text: str | None) -> int | None:
    if not text:
        return None
    m = re.search(r"[\dOolIS]+", text)
    digits = only_digits(m.group(0)) if m else ""
    # like parse_amount, at most 15 digits: fuzz case "1" * 5000 raised ValueError (int's 4300-digit limit)
    return int(digits) if digits and len(digits) <= 15 else None


def clean_registration_number(text: str | None) -> str | None:
    """'12.A8.018999' → '12A8018999'; '8340125748-002' keeps its branch suffix; 12-digit codes as is."""
    if not text:
        return None
    # NFC after the spaces go: fuzz case "Như trên ̀" glued a stray grave onto N ("NHƯTRÊǸ", not NFC)
    raw = normalize_text(re.sub(r"[\s.·,]", "", text).upper()).strip(":;")
    m = re.match(r"([0-9OIlSB]{10})[-–]?([0-9OIlSB]{3})$", raw)
    if m:
        return f"{fix_digits(m.group(1))}-{fix_digits(m.group(2))}"
    if re.fullmatch(r"[0-9OIlSB]{10}|[0-9OIlSB]{12}|[0-9OIlSB]{13}", raw):
        return fix_digits(raw)
    m = re.match(r"([0-9OIlS]{2})([A-Z0-9])([0-9OIlSB§])([0-9OIlSB§]{6})$", raw)
    if m:
        return fix_digits(m.group(1)) + m.group(2) + fix_digits(m.group(3)) + fix_digits(m.group(4))
    return raw or None


def clean_phone(text: str | None) -> str | None:
    if not text:
        return None
    digits = only_digits(text)
    return digits if len(digits) >= 6 else None


def clean_email(text: str | None) -> str | None:
    if not text:
        return None
    value = _drop_after_address(normalize_text(text))
    if "@" not in value:  # '@' read as '(2', '(a)', '©': put it back where a domain follows
        value = _AT_LOOKALIKE.sub("@", value, count=1)
    value = re.sub(r"[^A-Za-z0-9._%+@-]", "", value).strip(".,;:_-")
    value = value.replace("I", "l").lower()  # addresses are written in lower case; sans-serif l reads as I
    value = _DOTLESS_DOMAIN.sub(r"@\1.\2", value)  # 'gmailcom': the dot lost to a speck or a fold
    return value if re.fullmatch(r"[^@]+@[^@]+\.[a-z]{2,}", value) else None


_WORDS_AFTER_ADDRESS = re.compile(r"(\S+@\S+\.[A-Za-z]{2,})\s+(\S.*)$")


def _drop_after_address(value: str) -> str:
    """'phuongtran79@gmail.com Trang thông tin điện' (the next label on the line, wrapped so it was not
    found) → the address: words after a whole address are not part of it when they are Vietnamese
    (a letter outside ASCII) or start in capitals; a domain split by a space ('gmail. com') stays."""
    m = _WORDS_AFTER_ADDRESS.search(value)
    if m is None:
        return value
    rest = m.group(2)
    if rest[0].isupper() or any(not ch.isascii() and ch.isalpha() for ch in rest):
        return value[: m.end(1)]
    return value


_DOTLESS_DOMAIN = re.compile(r"@([a-z0-9-]+?)(com|net|org|edu|gov)$")


_AT_LOOKALIKE = re.compile(
    r"(?<=[A-Za-z0-9._-])(?:\([2a@]?\)?|[©®])(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b)"
)


def clean_website(text: str | None) -> str | None:
    if not text:
        return None
    # NFC after the spaces go: a stray combining mark after a space would otherwise glue onto a letter
    value = normalize_text(re.sub(r"\s+", "", text)).strip(",;:")
    return value if "." in value else None


def clean_gender(text: str | None) -> str | None:
    if not text:
        return None
    key = fold_key(text)
    if key.startswith("nu") or key in {"nit", "nir"}:
        return "Nữ"
    if key.startswith("nam"):
        return "Nam"
    return None


def clean_id_type(text: str | None) -> str | None:
    """The kind of ID document as printed; matching it to the known kinds (and repairing a misread
    one, into review) is `vocab.snap_closed_fields`' job, which keeps the evidence."""
    return clean_text(text) if text else None


def clean_id_number(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"[A-Z]\d{7,8}", text)  # passport
    digits = only_digits(re.split(r"[,;(]", text)[0])
    if digits:
        return digits
    return m.group(0) if m else None


def is_blank_value(text: str | None) -> bool:
    """Blank, or only the form's dotted leader / dashes."""
    return not text or not re.sub(r"[\s.…_\-–:;,]", "", text)
