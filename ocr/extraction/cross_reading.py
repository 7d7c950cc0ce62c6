"""The second, independent reading of every value (issue 13): each printed line of a value is read
again by the second reader (ocr/second_reader, a neural line recogniser) and the two readings vote.

Agreement is `readers_agree` evidence. A disagreement that the field's parser, the syllable rules or
the reference word lists settle in favour of the first reading changes nothing; any other is the
same evidence not holding, with the reason `ocr.readers_disagree` (a finding, via the flow's
`evidence_findings`), so a human decides. Only values that would otherwise be `ok` are read again.
The value itself is never swapped (see `ocr.second_reader.vote`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ocr.extraction import normalise as nz
from ocr.extraction import regnumber, vocab
from ocr.extraction.candidate import Candidate, add_evidence
from ocr.extraction.given_names import GIVEN_NAMES
from ocr.extraction.lines import Token
from ocr.extraction.name_words import SURNAMES
from ocr.extraction.syllables import all_syllables_valid
from ocr.second_reader.crops import Box, LineReader
from ocr.second_reader.ctc import LineReading
from ocr.second_reader.vote import Outcome, Vote, vote
from schemas.record import Evidence, EvidenceKind
from schemas.reference import load_units_2025, load_units_pre2025, load_vsic

AGREE, DISAGREE = "readers_agree", "readers_disagree"
DISAGREE_REASON = "ocr.readers_disagree"
DISAGREES = 0.6
"""Confidence of a field whose readers disagree: below the `ok` threshold, so a human looks."""


def _registration(text: str | None) -> str | None:
    return (regnumber.clean_old_number(text) or nz.clean_registration_number(text)) if text else None


def _amount(text: str | None) -> int | None:
    return nz.parse_amount(text.split("(")[0]) if text else None


def _words(value: Any) -> bool:
    """Text fields: a reading with a word that cannot be a Vietnamese syllable loses the vote."""
    return isinstance(value, str) and all_syllables_valid(value)


@functools.cache
def reference_words() -> frozenset[str]:
    """Every word (lower case, NFC) of the reference lists: VSIC names (both versions), the
    administrative units before and after 2025, surnames and given names. A word of a value that is
    in none of them cannot settle a disagreement for its reading."""
    words: set[str] = set()

    def add(text: str) -> None:
        words.update(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))

    for version in ("2018", "2025"):
        for code in load_vsic(version).values():
            add(code.name)
    for unit in (*load_units_2025(), *load_units_pre2025()):
        add(unit.name)
    for word in (*GIVEN_NAMES, *SURNAMES):
        add(word)
    return frozenset(words)


def known_word(word: str) -> bool:
    """Words of letters must be in the reference lists; numbers and punctuation are nothing to settle."""
    letters = re.sub(r"[^\w]|\d", "", word)
    return not letters or letters in reference_words()


def _any(value: Any) -> bool:
    return value is not None


def _listed(choices: Callable[[], tuple[str, ...]]) -> Callable[[Any], bool]:
    """Closed-vocabulary fields: a reading that is exactly an entry of the list wins over one that is not."""
    return lambda value: isinstance(value, str) and value in choices()


PARSERS: dict[str, tuple[Callable[[str], Any], Callable[[Any], bool]]] = {
    # field → (the field's parser, applied to the second reading; what makes a parsed value valid)
    "registration_number": (_registration, _any),
    "first_registered_on": (nz.parse_date, _any),
    "amended_on": (nz.parse_date, _any),
    "business_name": (nz.clean_text, _words),
    "address": (nz.clean_text, _words),
    "phone": (nz.clean_phone, _any),
    "fax": (nz.clean_phone, _any),
    "email": (nz.clean_email, _any),
    "website": (nz.clean_website, _any),
    "capital_vnd": (_amount, _any),
    "employees": (nz.parse_int, _any),
    "owner.full_name": (nz.clean_text, _words),
    "owner.gender": (nz.clean_gender, _any),
    "owner.birth_date": (nz.parse_date, _any),
    "owner.ethnicity": (nz.clean_text, _listed(lambda: vocab.ETHNICITIES)),
    "owner.nationality": (nz.clean_text, _listed(lambda: vocab.NATIONALITIES)),
    "owner.id_type": (nz.clean_id_type, _any),
    "owner.id_number": (nz.clean_id_number, _any),
    "owner.id_issued_on": (nz.parse_date, _any),
    "owner.id_issued_by": (nz.clean_text, _listed(vocab.id_offices)),
    "owner.permanent_address": (nz.clean_text, _words),
    "owner.current_address": (nz.clean_text, _words),
}
"""The values read again: every one-value field whose value is its printed words (the issuing
authority is rebuilt from two header blocks, trades and members are lists: not here)."""


MAX_ASPECT = 24
"""A piece of a line is at most this many times as wide as it is high (about 30 characters): the
network reads at most 1024 columns at 32 rows, and its cost grows faster than the width."""


def _box(tokens: list[Token]) -> Box:
    x0 = min(t.word.bbox[0] for t in tokens)
    y0 = min(t.word.bbox[1] for t in tokens)
    x1 = max(t.word.bbox[0] + t.word.bbox[2] for t in tokens)
    y1 = max(t.word.bbox[1] + t.word.bbox[3] for t in tokens)
    return tokens[0].page, (x0, y0, x1 - x0, y1 - y0)


def line_boxes(cand: Candidate) -> list[Box]:
    """One box per printed line of the value, in reading order; a long line in pieces of whole words."""
    if cand.span is None or not cand.span.tokens:
        return []
    rows: dict[int, list[Token]] = {}
    for tok in cand.span.tokens:
        rows.setdefault(tok.row, []).append(tok)
    boxes: list[Box] = []
    for tokens in rows.values():
        piece: list[Token] = []
        for tok in sorted(tokens, key=lambda t: t.word.bbox[0]):
            _, (_, _, w, h) = _box([*piece, tok])
            if piece and w > MAX_ASPECT * h:
                boxes.append(_box(piece))
                piece = []
            piece.append(tok)
        boxes.append(_box(piece))
    return boxes


def _joined(readings: list[LineReading | None]) -> LineReading:
    present = [r for r in readings if r is not None and r.text]
    if len(present) < len(readings):
        return LineReading(text="", probs=())  # a line could not be read: no vote
    text = " ".join(r.text for r in present)
    probs: list[float] = []
    for i, r in enumerate(present):
        probs.extend(((1.0,) if i else ()) + r.probs)
    return LineReading(text=text, probs=tuple(probs))


def read_twice(
    cands: dict[str, Candidate], reader: LineReader, min_confidence: float = 0.0
) -> dict[str, Vote]:
    """The lines of every value at or above `min_confidence` in one batched call (a value below it is
    reviewed anyway: its second reading could only add cost); the vote of each."""
    wanted = {
        p: line_boxes(c)
        for p, c in cands.items()
        if p in PARSERS and c.value is not None and c.confidence >= min_confidence
    }
    wanted = {p: b for p, b in wanted.items() if b}
    boxes = [box for path_boxes in wanted.values() for box in path_boxes]
    readings = iter(reader(boxes) if boxes else [])
    votes: dict[str, Vote] = {}
    for path, path_boxes in wanted.items():
        second = _joined([next(readings) for _ in path_boxes])
        parse, valid = PARSERS[path]
        span = cands[path].span
        known = known_word if valid is _words else None
        votes[path] = vote(cands[path].value, second, parse, valid, span.text if span else "", known)
    return votes


def apply_votes(cands: dict[str, Candidate], votes: dict[str, Vote]) -> None:
    """Agreement → `readers_agree` evidence; an unsettled disagreement → the same evidence not holding,
    with the reason the reviewer reads (`ocr.readers_disagree`), and a confidence below `ok`."""
    for path, v in votes.items():
        cand = cands[path]
        if v.outcome is Outcome.AGREE:
            cand.notes.append(AGREE)
            add_evidence(cand, Evidence(kind=EvidenceKind.READERS_AGREE))
        elif v.outcome is Outcome.DISAGREE:
            cand.notes.append(DISAGREE)
            cand.confidence = min(cand.confidence, DISAGREES)
            add_evidence(cand, Evidence(kind=EvidenceKind.READERS_AGREE, holds=False, reason=DISAGREE_REASON))
