"""Is a label-read value closed? Words inside a value that look like another label mean the value ran on.

The label grammar explains a value only when the value stops where the next item starts. Offices
print labels our grammar does not know ("Nam/Nữ:", "G.tính:", "Đ/c trụ sở:", "Điện thoại bàn:") and
drop colons ("… Giới tính Nam"); then the reader finds no anchor there and the value runs on over
the other item's label and value. The value may still pass every check (a name with "Nam" after it
is a name), so the run-on must cost the `label_grammar_explains` evidence itself:

- a word ending in ':' inside the value is a label's colon: its words were an unknown label (or the
  tail of a longer label than ours), and what follows is that label's value;
- a known label's whole wording inside the value, printed as a label is (capitalised, not in the
  value's capitals), is the next item without its colon;
- a value's last line that with the next line's label makes one of our wordings is that label's head;
- a continuation line in small letters under a business name in capitals, or with a five-digit
  number under a name or an issuer, is another item (an office's line without a colon);
- a label matched past a colon that it does not end at took the value's first words;
- a date field's words beyond its date ("Ngày cấp mã số thuế 12/03/2020") belong to a longer label;
- a value in capitals whose next line opens with a label in capitals and without a colon may have
  been cut there ("CỬA HÀNG" / "ĐIỆN THOẠI TRANG" is one name, not a name and a phone label).

Pure functions over the value's tokens; explained.explain_by_labels turns them into evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr.extraction.labels import LABELS, MULTILINE
from ocr.extraction.lines import Anchor, Line, Token

LABEL_WORDINGS: frozenset[tuple[str, ...]] = frozenset(
    tuple(variant.rstrip("!").split())
    for name, variants in LABELS.items()
    if not name.startswith("_")
    for variant in variants
    if len(variant.rstrip("!").split()) >= 2 or len(variant) >= 5
)
"""Known labels as folded word tuples (a one-word wording only when long: 'dt', 'tel' are too short to
tell from a value's word)."""

LONGEST = max(len(w) for w in LABEL_WORDINGS)

_NOT_A_LABEL_COLON = re.compile(r"\d:\d|//")
"""A colon in a time ('08:30') or a web address ('http://') is no label's."""

DATE_FIELDS = ("owner.birth_date", "owner.id_issued_on", "first_registered_on")
"""Dates read from their own label, whose value is the date and nothing else."""

DATE_WORDS = frozenset({"ngay", "thang", "nam", "vao", "luc"})
_DATE_SHAPE = re.compile(r"^[\dOolIS]{1,4}([/.\-][\dOolIS]{1,4}){0,2}[,.;]?$")


def _is_label_colon(tokens: Sequence[Token], i: int) -> bool:
    """A word ending in ':' that opens another item ('Bằng chữ:' inside the capital's value does not)."""
    text = tokens[i].word.text
    if not text.endswith(":") or len(text) == 1 or _NOT_A_LABEL_COLON.search(text):
        return False
    return not (i > 0 and tokens[i - 1].key.endswith("bang") and tokens[i].key in ("chu", "so"))


def _printed_as_label(token: Token) -> bool:
    """'Giới', 'Email': a capital and small letters, as labels are printed (a value in capitals, such as
    a business name 'CỬA HÀNG ĐIỆN THOẠI', says nothing)."""
    text = token.word.text
    return text[:1].isupper() and any(ch.islower() for ch in text)


def absorbed_label(tokens: Sequence[Token]) -> list[Token]:
    """The words of another item's label that a value took in: through an inner label colon, or a known
    label's whole wording after the value's first word. Empty when the value is closed."""
    for i in range(len(tokens)):
        if _is_label_colon(tokens, i):
            start = max(0, i - 3)
            return list(tokens[start : i + 1])
    keys = [t.key for t in tokens]
    for i in range(1, len(tokens)):
        if not _printed_as_label(tokens[i]):
            continue
        for size in range(min(LONGEST, len(tokens) - i), 0, -1):
            words = tuple(k for key in keys[i : i + size] for k in key.split())
            if words in LABEL_WORDINGS:
                return list(tokens[i : i + size])
    return []


def beyond_date(tokens: Sequence[Token]) -> list[Token]:
    """Words of a date value that are neither the date nor its 'ngày … tháng … năm' words."""
    return [
        t
        for t in tokens
        if sum(ch.isalpha() for ch in t.word.text) >= 2
        and t.key not in DATE_WORDS
        and not _DATE_SHAPE.match(t.word.text)
    ]


def label_past_colon(
    tokens: Sequence[Token], lines: Sequence[Line], by_line: dict[int, list[Anchor]]
) -> list[Token]:
    """The label before the value, when the fuzzy match ran past a colon and does not end at one
    ('Loại giấy tờ: Chứng minh' taken for a longer label of ours): the value may have lost its first
    words to the label. Those label words, or nothing."""
    if not tokens or not 0 <= tokens[0].row < len(lines):
        return []
    line = lines[tokens[0].row]
    at = next((i for i, t in enumerate(line.tokens) if t is tokens[0]), None)
    before = [a for a in by_line.get(tokens[0].row, []) if at is not None and a.end <= at]
    if not before:
        return []
    label = line.tokens[before[-1].start : before[-1].end]
    inner = [i for i, t in enumerate(label[:-1]) if t.word.text.endswith(":")]
    if not inner or label[-1].word.text.endswith(":"):
        return []
    if all(t.key in DATE_WORDS for t in label[inner[-1] + 1 :]):
        return []  # 'Đăng ký lần đầu: ngày 05/03/2019': our wording ends in 'ngày', the value's date word
    return list(label)


def took_label_head(
    tokens: Sequence[Token], lines: Sequence[Line], by_line: dict[int, list[Anchor]]
) -> list[Token]:
    """A value's last line that is the first half of the next line's label ('… về dân cư' / 'Địa chỉ' /
    'thường trú: …'): the two together make one of our wordings, so the value took the label's head."""
    if not tokens:
        return []
    rows = sorted({t.row for t in tokens})
    last = rows[-1]
    below = by_line.get(last + 1, [])
    if len(rows) < 2 or last + 1 >= len(lines) or not below or below[0].start != 0:
        return []
    head = [t for t in tokens if t.row == last]
    label = lines[last + 1].tokens[below[0].start : below[0].end]
    words = tuple(k for t in (*head, *label) for k in t.key.split())
    return head if words in LABEL_WORDINGS else []


NO_NUMBERS = (
    "business_name",
    "owner.full_name",
    "owner.id_issued_by",
    "owner.nationality",
    "owner.ethnicity",
)
"""Values that never hold a five-digit number (a house number is an address's, not these)."""


def foreign_line(path: str, tokens: Sequence[Token]) -> list[Token]:
    """A continuation line that is another item: in capitals the value, in small letters the line
    ('QUÁN PHỞ PHÚC' / 'Số hộ khẩu 123456'), or a long number where these values have none."""
    rows = sorted({t.row for t in tokens})
    if len(rows) < 2:
        return []
    first = [t for t in tokens if t.row == rows[0] and t.word.text.isalpha()]
    capitals = bool(first) and all(t.word.text.isupper() for t in first)
    for row in rows[1:]:
        words = [t for t in tokens if t.row == row]
        lower = any(t.word.text.isalpha() and not t.word.text.isupper() for t in words)
        number = path in NO_NUMBERS and any(sum(ch.isdigit() for ch in t.word.text) >= 5 for t in words)
        if (capitals and lower and path == "business_name") or number:
            return words
    return []


RUNS_ON = "label.value_runs_on"
MAY_GO_ON = "label.value_may_go_on"


def unclosed_words(
    path: str, tokens: Sequence[Token], lines: Sequence[Line], by_line: dict[int, list[Anchor]]
) -> tuple[list[Token], str | None]:
    """Why the value of `path` is not closed: the words to show and the reason, or ([], None)."""
    found = (
        absorbed_label(tokens)
        or label_past_colon(tokens, lines, by_line)
        or took_label_head(tokens, lines, by_line)
        or foreign_line(path, tokens)
    )
    if not found and path in DATE_FIELDS:
        found = beyond_date(tokens)
    if found:
        return found, RUNS_ON
    cut = cut_by_bare_label(path, tokens, lines, by_line)
    return cut, MAY_GO_ON if cut else None


def _bare(anchor: Anchor, line: Line) -> bool:
    """A label printed in capitals with no colon: words a value in capitals could go on with."""
    words = line.tokens[anchor.start : anchor.end]
    after = line.tokens[anchor.end] if anchor.end < len(line.tokens) else None
    colon = any(":" in t.word.text for t in words) or (after is not None and after.word.text.startswith(":"))
    return not colon and all(t.word.text.isupper() for t in words if t.word.text.isalpha())


def cut_by_bare_label(
    path: str, tokens: Sequence[Token], lines: Sequence[Line], by_line: dict[int, list[Anchor]]
) -> list[Token]:
    """A wrapping value in capitals ended by the next line's label, where that label has no colon and is
    in capitals too ('CỬA HÀNG' / 'ĐIỆN THOẠI TRANG'): the line may be the value's second line that
    happens to begin with a label's words. The label's words, or nothing."""
    if path not in MULTILINE or not tokens:
        return []
    last = max(t.row for t in tokens)
    if not all(t.word.text.isupper() for t in tokens if t.row == last and t.word.text.isalpha()):
        return []
    below = by_line.get(last + 1, [])
    if last + 1 >= len(lines) or not below or below[0].name.startswith("_") or below[0].start > 1:
        return []
    if lines[last + 1].page != lines[last].page or not _bare(below[0], lines[last + 1]):
        return []
    return list(lines[last + 1].tokens[below[0].start : below[0].end])
