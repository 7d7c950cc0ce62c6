"""Words → visual lines, and the value between a label anchor and the next one.

Tesseract's own line ids can split one printed line into blocks (label column, value column), so
lines are rebuilt from geometry: words whose vertical centres overlap belong to one line, left to
right. Finding the labels on these lines is `label_match`'s job; this module reads what follows one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import msgspec

from ocr.extraction.labels import STOP_PHRASES
from ocr.results import PageResult, Word
from schemas.vietnamese import fold_key


class Token(msgspec.Struct, frozen=True):
    word: Word
    page: int
    row: int  # index of its visual line in the document
    key: str  # accent-folded, lower case, punctuation removed


class Line(msgspec.Struct):
    page: int
    tokens: list[Token]
    top: int
    bottom: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def text(self, start: int = 0, end: int | None = None) -> str:
        return " ".join(t.word.text for t in self.tokens[start:end])


class Anchor(msgspec.Struct, frozen=True):
    """A label found on a line: tokens [start, end) of `lines[line]`."""

    name: str
    line: int
    start: int
    end: int
    score: float


class Span(msgspec.Struct):
    """A field's raw value: its tokens (maybe over several lines) and their text."""

    tokens: list[Token]
    text: str

    @property
    def page(self) -> int | None:
        return self.tokens[0].page if self.tokens else None

    def bbox(self) -> list[int] | None:
        if not self.tokens:
            return None
        x0 = min(t.word.bbox[0] for t in self.tokens)
        y0 = min(t.word.bbox[1] for t in self.tokens)
        x1 = max(t.word.bbox[0] + t.word.bbox[2] for t in self.tokens)
        y1 = max(t.word.bbox[1] + t.word.bbox[3] for t in self.tokens)
        return [x0, y0, x1 - x0, y1 - y0]


ITEM_MARK = re.compile(r"^(\d{1,2}|[ivx]{1,4}|[a-zđ])[.)]?$|^[-–•+*]$", re.IGNORECASE)


def build_lines(pages: Sequence[PageResult]) -> list[Line]:
    """Group each page's words into visual lines, top to bottom."""
    lines: list[Line] = []
    for page in pages:
        words = sorted(map(_nfc, page.words), key=lambda w: w.bbox[1] + w.bbox[3] / 2)
        current: list[Word] = []
        for word in words:
            if current and not _same_line(current, word):
                lines.append(_make_line(page.number, len(lines), current))
                current = []
            current.append(word)
        if current:
            lines.append(_make_line(page.number, len(lines), current))
    return lines


def _nfc(word: Word) -> Word:
    """Labels must match the same in NFD as in NFC (fuzz case '00À FAX:': 'À' decomposed was 4 code
    points, so the item-number test `len <= 3` failed and the label was lost)."""
    text = unicodedata.normalize("NFC", word.text)
    return word if text == word.text else msgspec.structs.replace(word, text=text)


def _same_line(current: list[Word], word: Word) -> bool:
    heights = sorted(w.bbox[3] for w in current)
    typical = heights[len(heights) // 2]
    centre = sum(w.bbox[1] + w.bbox[3] / 2 for w in current) / len(current)
    return abs(word.bbox[1] + word.bbox[3] / 2 - centre) < 0.45 * max(typical, 8)


def split_glued(word: Word) -> list[Word]:
    """'tộc:Kinh' → 'tộc:' + 'Kinh' (OCR often drops the space after a label's colon)."""
    head, sep, tail = word.text.partition(":")
    if not sep or not head or not tail or tail.startswith("//") or head.isdigit():
        return [word]
    x, y, w, h = word.bbox
    cut = round(w * (len(head) + 1) / len(word.text))
    return [
        msgspec.structs.replace(word, text=head + ":", bbox=(x, y, cut, h)),
        *split_glued(msgspec.structs.replace(word, text=tail, bbox=(x + cut, y, max(1, w - cut), h))),
    ]


def _make_line(page: int, row: int, words: list[Word]) -> Line:
    ordered = [part for w in sorted(words, key=lambda w: w.bbox[0]) for part in split_glued(w)]
    tokens = [Token(word=w, page=page, row=row, key=fold_key(w.text)) for w in ordered]
    return Line(
        page=page,
        tokens=tokens,
        top=min(w.bbox[1] for w in words),
        bottom=max(w.bbox[1] + w.bbox[3] for w in words),
    )


def starts_with_anchor(line_index: int, lines: Sequence[Line], by_line: dict[int, list[Anchor]]) -> bool:
    """The line begins with a label (after an item number such as '3.' or '-')."""
    anchors = by_line.get(line_index, [])
    if not anchors:
        return False
    first = anchors[0].start
    return all(
        ITEM_MARK.match(t.word.text) or len(t.word.text) <= 3 for t in lines[line_index].tokens[:first]
    )


def value_after(
    anchor: Anchor,
    lines: Sequence[Line],
    by_line: dict[int, list[Anchor]],
    *,
    multiline: bool = False,
    max_lines: int = 4,
    max_gap: float = 1.6,
    aligned: bool = True,
    stop_keys: Sequence[str] = (),
    note_keys: Sequence[str] = (),
) -> Span:
    """Tokens after the label up to the next label on its line; with `multiline`, the following lines
    too, until a line that starts with a label, a stop word or a wide vertical gap. A line opening
    with one of `note_keys` ('Chi tiết: …' under a trade) looks like a label but belongs to the value."""
    line = lines[anchor.line]
    following = [a.start for a in by_line.get(anchor.line, []) if a.start >= anchor.end]
    end = min(following, default=len(line.tokens))
    if (
        end < len(line.tokens)
        and end > anchor.end
        and _NUMBERED_ITEM.fullmatch(line.tokens[end - 1].word.text)
    ):
        end -= 1  # '… QUẦY THUỐC NGHĨA 2. Địa chỉ: …': the '2.' numbers the next label
    tokens = list(line.tokens[anchor.end : end])
    if multiline and end == len(line.tokens):
        previous = line
        # Continuation lines start at the paragraph's left edge, never right of where the value began
        # (that is the signature block or the other column).
        right_limit = (tokens[0].word.bbox[0] if tokens else line.tokens[-1].word.bbox[0]) + 30
        for index in range(anchor.line + 1, min(len(lines), anchor.line + 1 + max_lines)):
            nxt = lines[index]
            if nxt.page != line.page or starts_with_anchor(index, lines, by_line):
                break
            if not any(ch.isalnum() for t in nxt.tokens for ch in t.word.text) or _is_speck(nxt, line):
                continue  # a speck read as ':', '.' or 'j' between two lines of the value
            # the value centred on the next line (a speck line between them is no line: skipped above)
            label_alone = not tokens and previous is line
            if aligned and nxt.tokens[0].word.bbox[0] > right_limit and not label_alone:
                break
            if nxt.top - previous.bottom > max_gap * max(previous.height, 10):
                break
            line_key = " ".join(t.key for t in nxt.tokens)
            if any(line_key.lstrip("( ").startswith(k) for k in (*STOP_PHRASES, *stop_keys)):
                break
            nxt_anchors = by_line.get(index, [])
            cut = nxt_anchors[0].start if nxt_anchors else len(nxt.tokens)
            if starts_with_unknown_label(nxt, cut) and not line_key.startswith(tuple(note_keys)):
                break
            tokens.extend(nxt.tokens[:cut])
            if cut < len(nxt.tokens):
                break
            previous = nxt
    tokens = _drop_leading_note(tokens)
    return Span(tokens=tokens, text=" ".join(t.word.text for t in tokens))


UNKNOWN_LABEL_WORDS = 8
_NUMBERED_ITEM = re.compile(r"(\d{1,2}|[a-zđ]|[ivx]{1,4})[.)]", re.IGNORECASE)
"""An item number: '3.', '3)', 'b)', 'IV.' (offices number items in any of these)."""
NOT_LABELS = ("bang chu", "bang so")
_LABEL_WORD = re.compile(r"[^\W\d_]+(?:[./][^\W\d_]+)*\.?")
"""A label's word, spelt out or abbreviated: 'Giới', 'Đ/c', 'G.tính', 'CMND/CCCD', 'Ng.'."""


def starts_with_unknown_label(line: Line, end: int | None = None) -> bool:
    """'Số hiệu thẻ: …': two to eight plain words and a colon open the line. A label we do not know is
    still a label: the line is the next item, not the value above wrapped ('Việt Nam' + an ID line
    read as the nationality). Only words before `end` (where a known label starts) count: in 'NGHĨA
    Giới tính: Nam' the colon is the known label's, and 'NGHĨA' the name above wrapped."""
    first = 1 if line.tokens and _NUMBERED_ITEM.fullmatch(line.tokens[0].word.text) else 0
    words = line.tokens[first : min(first + UNKNOWN_LABEL_WORDS, len(line.tokens) if end is None else end)]
    for i, tok in enumerate(words):
        if not _LABEL_WORD.fullmatch(tok.word.text.rstrip(":")):
            return False
        if tok.word.text.endswith(":"):
            key = " ".join(t.key for t in words[: i + 1])
            return i >= 1 and not any(k in key for k in NOT_LABELS)
    return False


def _is_speck(line: Line, label_line: Line) -> bool:
    """A line of one or two characters at most half the label line's height: a speck of dust or toner
    read as a letter, whose own small height would otherwise make the gap below it look like the end
    of the value."""
    chars = sum(ch.isalnum() for t in line.tokens for ch in t.word.text)
    return chars <= 2 and line.height < 0.5 * label_line.height


def _drop_leading_note(tokens: list[Token]) -> list[Token]:
    """Drop '(ghi bằng chữ in hoa)' / '(nếu có)' style notes and a lone ':' right after a label."""
    while tokens and tokens[0].word.text in {":", ".", "-", "–"}:
        tokens = tokens[1:]
    if tokens and tokens[0].word.text.startswith("("):
        for i, t in enumerate(tokens[:8]):
            if ")" in t.word.text:
                note = " ".join(x.key for x in tokens[: i + 1])
                if any(k in note for k in ("chu in hoa", "ghi", "viet", "neu co", "bang chu", "bang so")):
                    tokens = tokens[i + 1 :]
                break
    while tokens and tokens[0].word.text in {":", ".", "-", "–"}:
        tokens = tokens[1:]
    return tokens


def index_by_line(anchors: Sequence[Anchor]) -> dict[int, list[Anchor]]:
    out: dict[int, list[Anchor]] = {}
    for a in anchors:
        out.setdefault(a.line, []).append(a)
    return out
