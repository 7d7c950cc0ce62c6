"""Two independent readings of one value, aligned character by character, and the vote between them.

Tesseract's reading (already parsed into the field's value) and the second reader's line reading are
compared after what never matters (Unicode form, spaces, the look-alike 'Ð' U+00D0 for 'Đ'). If they
still differ, the second reading is parsed like the first: the same value is agreement too. A real
disagreement is settled only by a check that one side passes and the other fails (the field's parser,
the syllable list); otherwise a human decides. The vote never swaps the value: asterocr errs where
Tesseract does not (uống→uông, Vốn→Võn), so a silent swap would trade one confident error for another.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import msgspec

from ocr.second_reader.ctc import LineReading

LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
SOFT_PUNCTUATION = str.maketrans("", "", ",.;:'\"“”‘’")
"""Dropped or doubled by either reader at the end of a word; a slash or a dash (house numbers, codes)
still counts."""
UNSURE = 0.6
"""A second reading whose every difference it read at less than this probability says nothing: on
phone photos the network guesses (CƠ SỞ MAY → CỖSỞ MĂM at 0.25), and its confident misreads are
above it (CỬA → CỦA at 0.99)."""


class Outcome(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    SETTLED = "settled"  # they differ, and only the first reading passes the field's checks
    UNSURE = "unsure"  # they differ only where the second reader was unsure: no evidence either way
    UNREAD = "unread"  # the second reader returned nothing usable: no evidence either way


class Difference(msgspec.Struct, frozen=True):
    at: int  # position in the first reading (comparable form)
    first: str
    second: str
    prob: float = 1.0
    """The second reader's probability of what it read there (of its neighbours for a deletion)."""


class Vote(msgspec.Struct, frozen=True):
    outcome: Outcome
    second: str
    differences: tuple[Difference, ...] = ()
    weakest: float = 0.0
    """The second reader's lowest character probability on the line."""


def comparable(text: str) -> str:
    """What the comparison looks at: NFC, no whitespace, look-alike letters folded."""
    return "".join(unicodedata.normalize("NFC", text).translate(LOOKALIKES).split())


def same_letters(first: str, second: str) -> bool:
    """Equal once soft punctuation is set aside ('Na Dương, Huyện' / 'Na Dương Huyện')."""
    return comparable(first).translate(SOFT_PUNCTUATION) == comparable(second).translate(SOFT_PUNCTUATION)


def align(first: str, second: str, probs: tuple[float, ...] = ()) -> tuple[Difference, ...]:
    """Character alignment (difflib, no junk heuristic) → the pieces where the readings differ, with
    the second reading's probabilities there (`probs`: one per character of `second`, if known)."""
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        near = probs[j1:j2] if j2 > j1 else probs[max(0, j1 - 1) : j1 + 1]
        out.append(Difference(at=i1, first=first[i1:i2], second=second[j1:j2], prob=min(near, default=1.0)))
    return tuple(out)


def comparable_reading(reading: LineReading) -> tuple[str, tuple[float, ...]]:
    """`comparable` of a line reading, keeping each remaining character's probability."""
    kept = [
        (ch.translate(LOOKALIKES), p)
        for ch, p in zip(reading.text, reading.probs, strict=False)
        if not ch.isspace()
    ]
    return "".join(c for c, _ in kept), tuple(p for _, p in kept)


def settled_by_words(first: str, second: str, known: Callable[[str], bool]) -> bool:
    """Whether a reference word list settles every differing word for the first reading: each word
    it read there is known and, in each place, a word the second read is not (PHÊ → PHỂ, Vốn → Võn).
    Two known words (CỬA / CỦA, uống / uông) settle nothing."""
    mine = unicodedata.normalize("NFC", first).translate(LOOKALIKES).lower().split()
    theirs = unicodedata.normalize("NFC", second).translate(LOOKALIKES).lower().split()
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    blocks = [(mine[i1:i2], theirs[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    return bool(blocks) and all(
        a and all(known(w) for w in a) and any(not known(w) for w in b) for a, b in blocks
    )


def vote(
    value: Any,
    second: LineReading,
    parse: Callable[[str], Any],
    valid: Callable[[Any], bool] = lambda _: True,
    printed: str = "",
    known: Callable[[str], bool] | None = None,
) -> Vote:
    """`value`: the field's value from the first reading; `printed`: the words it was read from (a
    value resolved from "Như trên" or repaired differs from them); `parse`: the field's own parser;
    `valid`: a check of a parsed value beyond parsing; `known`: a reference word list, for text."""
    text = second.text.strip()
    if value is None or not text:
        return Vote(outcome=Outcome.UNREAD, second=text)
    weakest = second.weakest
    mine = comparable(str(value))
    theirs = comparable(text)
    if theirs in (mine, comparable(printed)) or same_letters(str(value), text):
        return Vote(outcome=Outcome.AGREE, second=text, weakest=weakest)
    parsed = parse(text)
    if parsed is not None and parsed == value:
        return Vote(outcome=Outcome.AGREE, second=text, weakest=weakest)
    theirs, probs = comparable_reading(second)
    differences = align(mine, theirs, probs if len(probs) == len(theirs) else ())
    if valid(value) and (parsed is None or not valid(parsed)):
        return Vote(outcome=Outcome.SETTLED, second=text, differences=differences, weakest=weakest)
    if known is not None and isinstance(value, str) and settled_by_words(value, text, known):
        return Vote(outcome=Outcome.SETTLED, second=text, differences=differences, weakest=weakest)
    if differences and probs and all(d.prob < UNSURE for d in differences):
        return Vote(outcome=Outcome.UNSURE, second=text, differences=differences, weakest=weakest)
    return Vote(outcome=Outcome.DISAGREE, second=text, differences=differences, weakest=weakest)
