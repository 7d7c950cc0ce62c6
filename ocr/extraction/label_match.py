"""Label anchors on visual lines: fuzzy matching of a label's accent-folded words, labels wrapped onto
two lines, and a table header cell that only repeats its section's label.

Labels are found by their words, never by position: OCR drops and swaps diacritics, so each variant
is matched on folded keys with a slack that grows with its length. A label is only taken where it can
be one (line start after an item number, or ending in a colon).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from ocr.extraction.label_windows import colon_read_as_comma, first_letter_slip, label_index
from ocr.extraction.labels import AFTER_SEMICOLON
from ocr.extraction.lines import ITEM_MARK, Anchor, Line, Token, index_by_line, starts_with_anchor


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
    labels = label_index(tuple((name, tuple(words)) for name, words in prepared))
    for index, line in enumerate(lines):
        keys = [t.key for t in line.tokens]
        texts = [t.word.text for t in line.tokens]
        candidates = [
            Anchor(name=name, line=index, start=start, end=end, score=score)
            for name, start, end, score in labels.match(keys, texts)
        ]  # as `_match_label` for each label in turn would find them (label_windows.py)
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
        first = next((i for i, t in enumerate(head_line.tokens) if not ITEM_MARK.match(t.word.text)), None)
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
                if fuzz.ratio(keys[start], label[0]) < 60 and not first_letter_slip(keys[start], label[0]):
                    continue  # the first word must look like the label's ("HỘ KINH DOANH" ≠ "Vốn kinh doanh")
                score = fuzz.ratio(got, target)
                if score < (84 if len(target) >= 12 or colon else 90):
                    continue
                if (
                    not colon
                    and texts[end - 1].endswith(",")
                    and not colon_read_as_comma(score, target, start, first_long)
                ):
                    continue  # a list's comma ends no label: 'nội thất tương tự,' wrapped to a line start
            if start > 0 and keys[start - 1] == "nhu":
                continue  # "Như địa chỉ thường trú" is a value referring to a label, not a label
            out.append(Anchor(name=name, line=line, start=start, end=end, score=score))
    return out
