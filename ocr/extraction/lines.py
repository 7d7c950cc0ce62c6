"""Words → visual lines → label anchors and the values between them.

Tesseract's own line ids can split one printed line into blocks (label column, value column), so
lines are rebuilt from geometry: words whose vertical centres overlap belong to one line, left to
right. Labels are then found by fuzzy matching their accent-folded words (OCR drops and swaps
diacritics), never by position.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import msgspec
from rapidfuzz import fuzz

from ocr.extraction.labels import AFTER_SEMICOLON, STOP_PHRASES
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


_ITEM_MARK = re.compile(r"^(\d{1,2}|[ivx]{1,4}|[a-zđ])[.)]?$|^[-–•+*]$", re.IGNORECASE)


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


def find_anchors(lines: Sequence[Line], labels: Mapping[str, Iterable[str]]) -> list[Anchor]:
    """Every label: on one line, wrapped onto two lines (`find_wrapped_labels`), but not a label
    repeated as a table's header cell right under its own section label (`drop_header_repeats`)."""
    prepared = [(name, variant.split()) for name, variants in labels.items() for variant in variants]
    found = _find_line_anchors(lines, prepared)
    wrapped, partial = find_wrapped_labels(lines, prepared, index_by_line(found))
    found = [a for a in found if a not in partial] + wrapped
    found.sort(key=lambda a: (a.line, a.start))
    return drop_header_repeats(lines, found)


def _find_line_anchors(lines: Sequence[Line], prepared: list[tuple[str, list[str]]]) -> list[Anchor]:
    """Every non-overlapping label occurrence; overlaps are resolved in favour of longer, closer matches."""
    found: list[Anchor] = []
    for index, line in enumerate(lines):
        keys = [t.key for t in line.tokens]
        texts = [t.word.text for t in line.tokens]
        candidates: list[Anchor] = []
        for name, words in prepared:
            candidates.extend(_match_label(name, words, keys, texts, index))
        candidates = _prefer_whole_labels(candidates, texts)
        candidates.sort(key=lambda a: (-a.score, -(a.end - a.start)))
        taken: set[int] = set()
        for cand in candidates:
            span = set(range(cand.start, cand.end))
            if span & taken:
                continue
            taken |= span
            found.append(cand)
    found.sort(key=lambda a: (a.line, a.start))
    return found


WRAP_HEAD_MAX = 10
"""A wrapped label's first line holds at most this many words (after an item number)."""
WRAP_TAIL_MAX = 6
"""…and its second line reaches the label's colon within this many words."""


def find_wrapped_labels(
    lines: Sequence[Line], prepared: list[tuple[str, list[str]]], by_line: dict[int, list[Anchor]]
) -> tuple[list[Anchor], set[Anchor]]:
    """Labels printed over two lines ('Số giấy chứng nhận đăng ký hộ' / 'kinh doanh: 01F8004217'): a line
    whose words, joined to the next line's words up to its colon, make one. The anchor is the second
    line's part (the value follows it); the first line's part is a `_label_head`, so a value above ends
    there. A shorter label the first line alone matched ('Số giấy chứng nhận') is returned to be
    dropped: it was the wrapped label's beginning."""
    out: list[Anchor] = []
    partial: set[Anchor] = set()
    for index in range(len(lines) - 1):
        head_line, tail_line = lines[index], lines[index + 1]
        own = by_line.get(index, [])
        if head_line.page != tail_line.page or len(own) > 1:
            continue
        if own and any(t.word.text.endswith(":") for t in head_line.tokens[: own[0].end + 1]):
            continue  # a whole label, with its colon, on its own line
        if starts_with_anchor(index + 1, lines, by_line):
            continue
        if tail_line.top - head_line.bottom > max(head_line.height, 10):
            continue
        colon = next(
            (i for i, t in enumerate(tail_line.tokens[:WRAP_TAIL_MAX]) if t.word.text.endswith(":")), None
        )
        first = next((i for i, t in enumerate(head_line.tokens) if not _ITEM_MARK.match(t.word.text)), None)
        if colon is None or first is None or len(head_line.tokens) - first > WRAP_HEAD_MAX:
            continue
        if own and own[0].start != first:
            continue
        head = head_line.tokens[first:]
        tail = tail_line.tokens[: colon + 1]
        keys = [t.key for t in (*head, *tail)]
        texts = [t.word.text for t in (*head, *tail)]
        best: Anchor | None = None
        for name, words in prepared:
            if name.startswith("_"):
                continue
            for cand in _match_label(name, words, keys, texts, index + 1):
                whole = cand.start == 0 and cand.end == len(keys)
                if whole and (best is None or cand.score > best.score):
                    best = cand
        if best is not None:
            out.append(Anchor(name=best.name, line=index + 1, start=0, end=colon + 1, score=best.score))
            end = len(head_line.tokens)
            out.append(Anchor(name="_label_head", line=index, start=first, end=end, score=best.score))
            partial.update(own)
    return out, partial


HEADER_START = ("stt", "tt", "so tt")


def is_header_row(line: Line) -> bool:
    """A table's header row: no label colon, and it opens with the row-number column ('STT') or is
    split into cells by wide gaps."""
    if any(t.word.text.endswith(":") for t in line.tokens):
        return False
    key = " ".join(t.key for t in line.tokens)
    if key.startswith(tuple(h + " " for h in HEADER_START)):
        return True
    gaps = sum(_wide_gap(a, b) for a, b in zip(line.tokens, line.tokens[1:], strict=False))
    return gaps >= 1 and len(line.tokens) <= 12


def _wide_gap(left: Token, right: Token) -> bool:
    """Wider than two letter heights: a column boundary, not a word space."""
    gap = right.word.bbox[0] - (left.word.bbox[0] + left.word.bbox[2])
    return gap > 2 * max(left.word.bbox[3], right.word.bbox[3])


def drop_header_repeats(lines: Sequence[Line], anchors: list[Anchor], reach: int = 3) -> list[Anchor]:
    """A table whose header cell repeats its section's label ('3. Ngành, nghề kinh doanh:' then
    'STT | Tên ngành, nghề kinh doanh | Mã ngành'): the cell is no new label, or the list would end
    before its first row. A header cell with no such label above stays a label (it is the only one)."""
    out: list[Anchor] = []
    for a in anchors:
        above = any(b.name == a.name and a.line - reach <= b.line < a.line for b in out)
        if above and is_header_row(lines[a.line]):
            continue
        out.append(a)
    return out


def _prefer_whole_labels(candidates: list[Anchor], texts: list[str]) -> list[Anchor]:
    """Drop a short variant matched exactly ('Địa chỉ trụ sở') where a longer variant of the same label,
    starting at the same word, reaches the colon with one letter misread ('… hộ kin doanh:'): the exact
    short one would win on score and leave the label's tail in the value."""

    def ends_at_colon(a: Anchor) -> bool:
        return texts[a.end - 1].endswith(":") or (a.end < len(texts) and texts[a.end].startswith(":"))

    whole = [a for a in candidates if a.score >= WHOLE_LABEL_SCORE and ends_at_colon(a)]
    return [
        a
        for a in candidates
        if not any(w.name == a.name and w.start == a.start and w.end > a.end for w in whole)
    ]


WHOLE_LABEL_SCORE = 90.0
LENGTH_PREFILTER = True
"""Skip windows by their joined length before building a string (off only in the test that proves the
skip changes no anchor: tests/unit/test_label_match_by_length.py)."""


def _match_label(name: str, label: list[str], keys: list[str], texts: list[str], line: int) -> list[Anchor]:
    """Fuzzy match of the label's folded words.

    A label is only taken where it can be one: at the start of the line (after an item number) or
    ending in a colon — so "đồ nội thất tương tự" inside a business line is no "Nơi thường trú". A
    variant ending in '!' (it has words that also occur in values, e.g. 'căn cước công dân số') must
    match exactly.
    """
    strict = label[-1].endswith("!")
    label = [w.rstrip("!") for w in label]
    target = "".join(label)
    strict = strict or len(target) <= 5
    out = []
    n = len(label)
    # a label may start up to the first word longer than an item number ("3.", "-", "a)")
    first_long = next((i for i, t in enumerate(texts) if len(t) > 3), len(texts))
    # the length of keys[start:end] joined (spaces dropped, as `got` drops them) is ends[end] -
    # ends[start]: most windows fail on length alone, before any string is built (this runs for
    # every label on every line)
    ends = [0, *itertools.accumulate(len(k.replace(" ", "")) for k in keys)]
    slack = 0 if strict else max(2, len(target) // 5)
    for size in {max(1, n - 1), n, n + 1}:
        for start in range(0, len(keys) - size + 1):
            if not keys[start]:
                continue
            end = start + size
            if LENGTH_PREFILTER and abs(ends[end] - ends[start] - len(target)) > slack:
                continue
            colon = texts[end - 1].endswith(":") or (end < len(texts) and texts[end].startswith(":"))
            clause = start > 0 and texts[start - 1].endswith(";") and name in AFTER_SEMICOLON
            if start > first_long and not colon and not clause:
                continue
            got = "".join(keys[start:end]).replace(" ", "")  # 'E-mail' folds to one key 'e mail'
            if strict:
                if got != target:
                    continue
                score = 100.0
            else:
                if abs(len(got) - len(target)) > slack:
                    continue  # what the prefilter decided without building `got`
                if fuzz.ratio(keys[start], label[0]) < 60 and not _first_letter_slip(keys[start], label[0]):
                    continue  # the first word must look like the label's ("HỘ KINH DOANH" ≠ "Vốn kinh doanh")
                score = fuzz.ratio(got, target)
                if score < (84 if len(target) >= 12 or colon else 90):
                    continue
                if not colon and texts[end - 1].endswith(","):
                    continue  # a list's comma ends no label: 'nội thất tương tự,' wrapped to a line start
            if start > 0 and keys[start - 1] == "nhu":
                continue  # "Như địa chỉ thường trú" is a value referring to a label, not a label
            out.append(Anchor(name=name, line=line, start=start, end=end, score=score))
    return out


def _first_letter_slip(word: str, want: str) -> bool:
    """'Gơ' for 'Cơ': a two-letter word read with its first letter wrong scores only 50."""
    return len(want) == 2 and len(word) == 2 and word[1] == want[1] and word[0] != want[0]


def starts_with_anchor(line_index: int, lines: Sequence[Line], by_line: dict[int, list[Anchor]]) -> bool:
    """The line begins with a label (after an item number such as '3.' or '-')."""
    anchors = by_line.get(line_index, [])
    if not anchors:
        return False
    first = anchors[0].start
    return all(
        _ITEM_MARK.match(t.word.text) or len(t.word.text) <= 3 for t in lines[line_index].tokens[:first]
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
            label_alone = not tokens and index == anchor.line + 1  # the value centred on the next line
            if aligned and nxt.tokens[0].word.bbox[0] > right_limit and not label_alone:
                break
            if nxt.top - previous.bottom > max_gap * max(previous.height, 10):
                break
            line_key = " ".join(t.key for t in nxt.tokens)
            if any(line_key.lstrip("( ").startswith(k) for k in (*STOP_PHRASES, *stop_keys)):
                break
            if starts_with_unknown_label(nxt) and not line_key.startswith(tuple(note_keys)):
                break
            nxt_anchors = by_line.get(index, [])
            cut = nxt_anchors[0].start if nxt_anchors else len(nxt.tokens)
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


def starts_with_unknown_label(line: Line) -> bool:
    """'Số hiệu thẻ: …': two to eight plain words and a colon open the line. A label we do not know is
    still a label: the line is the next item, not the value above wrapped ('Việt Nam' + an ID line
    read as the nationality)."""
    first = 1 if line.tokens and _NUMBERED_ITEM.fullmatch(line.tokens[0].word.text) else 0
    words = line.tokens[first : first + UNKNOWN_LABEL_WORDS]
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
