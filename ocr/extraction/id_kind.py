"""The owner's ID document type on forms that print no type line: said by the ID number's label
("Số CMND", "Căn cước công dân số", "Số thẻ căn cước công dân"), or else guessed from the number's
length (9 digits: the old CMND; 12 digits: the citizen identity card), with the reason recorded.

A label that names the kind is what the certificate says, so the kind is the value (DESIGN: "Số CMND"
→ "Chứng minh nhân dân"). A length is only a guess (12-digit CMNDs and the 2024 "Thẻ căn cước" exist),
so that value always goes to a human with `id_type.from_number_length`.

The label's kind is `ok` only when the certificate cannot be saying something else: the label is a
wording of the grammar matched exactly and whole (up to its colon or the number), and the legal facts
of the kind agree with the number and the dates (`KIND_FACTS`, `doubts`). Otherwise the kind is kept
for the reviewer with the reason (`id_type.label_inexact`, `id_type.label_length_mismatch`,
`id_type.label_date_mismatch`). The legal facts relied on:
- CMND (Nghị định 05/1999/NĐ-CP): 9 digits; from 2012 a 12-digit CMND was issued in some provinces
  (Thông tư 27/2012/TT-BCA), but a 12-digit number under a CMND label is as likely a CCCD number under
  an old form's wording, so a human decides. Provinces without CCCD equipment issued CMNDs for some
  years after 2016, so only an issue date from 1 July 2024 rules one out (the CMNDs still valid then
  lapsed on 31 December 2024, Luật Căn cước 2023, art. 46).
- CCCD (Luật Căn cước công dân 2014, in force 1 January 2016): 12 digits, the personal ID number;
  issued until 30 June 2024 (the cards stay valid until they expire).
- "Thẻ căn cước" (Luật Căn cước 2023, in force 1 July 2024): 12 digits, the same personal ID number;
  issued only from 1 July 2024.
- The personal ID number ("số định danh cá nhân") is 12 digits and names no card: nothing is inferred.
"""

from __future__ import annotations

import datetime as dt
import re

from ocr.extraction.candidate import Candidate, word_confidence
from ocr.extraction.fields import Document
from ocr.extraction.lines import Anchor, Span
from rules.findings import make_finding
from schemas.record import Evidence, EvidenceKind, Finding

KIND_IN_LABEL: tuple[tuple[tuple[str, ...], str], ...] = (
    (("the can cuoc cong dan", "the cccd"), "Thẻ căn cước công dân"),
    (("can cuoc cong dan", "cccd"), "Căn cước công dân"),
    (("chung minh nhan dan", "cmnd", "chung minh thu"), "Chứng minh nhân dân"),
    (("the can cuoc",), "Thẻ căn cước"),
    (("can cuoc",), "Căn cước"),
    (("ho chieu",), "Hộ chiếu"),
)
"""Folded words of an ID label → the kind it names, longest first ("thẻ căn cước công dân" before
"căn cước công dân" before "căn cước")."""

KIND_BY_LENGTH = {9: "Chứng minh nhân dân", 12: "Căn cước công dân"}

CAN_CUOC_FROM = dt.date(2024, 7, 1)
"""Luật Căn cước 2023 in force: the "thẻ căn cước" is issued from this day, the CCCD until the day before."""
CCCD_FROM = dt.date(2016, 1, 1)
"""Luật Căn cước công dân 2014 in force: no CCCD was issued before this day."""

KIND_FACTS: dict[str, tuple[tuple[int, ...], dt.date | None, dt.date | None]] = {
    "Chứng minh nhân dân": ((9,), None, CAN_CUOC_FROM),
    "Căn cước công dân": ((12,), CCCD_FROM, CAN_CUOC_FROM),
    "Thẻ căn cước công dân": ((12,), CCCD_FROM, CAN_CUOC_FROM),
    "Thẻ căn cước": ((12,), CAN_CUOC_FROM, None),
    "Căn cước": ((12,), CAN_CUOC_FROM, None),
}
"""Kind → (digit counts its numbers have, first day it was issued, first day it no longer was). The
12-digit CMND is left out of its lengths on purpose (see the module docstring)."""
PASSPORT_NUMBER = re.compile(r"[A-Z]\d{7}")

FROM_LABEL = "id_type_from_label"
FROM_LENGTH = "id_type_from_length"
EXACT_SCORE = 100.0
"""`label_match` scores a wording matched word for word 100."""
LENGTH_CONFIDENCE = 0.6
"""A kind guessed from the number's length is never trusted without a human."""


def kinds_named_by(label: str) -> list[str]:
    """Every ID kind a folded label names, each mention taken once by its longest wording
    ('so cmnd cccd' → CMND and CCCD; 'so the can cuoc cong dan' → the card's title only)."""
    padded = f" {label} "
    kinds: list[str] = []
    for words, kind in KIND_IN_LABEL:
        for w in words:
            if f" {w} " in padded:
                padded = padded.replace(f" {w} ", " | ")
                if kind not in kinds:
                    kinds.append(kind)
    return kinds


def kind_named_by(label: str) -> str | None:
    """The one ID kind a folded label names ('so cmnd' → 'Chứng minh nhân dân'); None when it names
    none, or two ('Số CMND/CCCD': which of them the number is, the label does not say)."""
    kinds = kinds_named_by(label)
    return kinds[0] if len(kinds) == 1 else None


def _label_of(doc: Document, span: Span | None) -> Anchor | None:
    """The ID number's own label: the last owner.id_number anchor before its value on that line."""
    if span is None or not span.tokens:
        return None
    row = span.tokens[0].row
    before = [a for a in doc.by_line.get(row, []) if a.name == "owner.id_number"]
    return before[-1] if before else None


def _whole(doc: Document, anchor: Anchor, span: Span | None) -> bool:
    """The label was matched as a grammar wording, exactly, and nothing of it is left before the number:
    it ends at its colon, or the number's first word follows it ("Số thẻ của chủ hộ" matched loosely,
    or a longer label cut short, names what the grammar guessed, not what the form says)."""
    if anchor.score < EXACT_SCORE:
        return False
    tokens = doc.lines[anchor.line].tokens
    last = tokens[anchor.end - 1].word.text
    if last.endswith(":") or (anchor.end < len(tokens) and tokens[anchor.end].word.text.startswith(":")):
        return True
    after = tokens[anchor.end] if anchor.end < len(tokens) else None
    if after is None or not span or not span.tokens or span.tokens[0] != after:
        return False
    return any(c.isdigit() for c in after.word.text)


def _day(cand: Candidate | None) -> dt.date | None:
    value = cand.value if cand is not None else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def doubts(kind: str, number: object, issued: dt.date | None, certified: dt.date | None) -> str | None:
    """Why the kind a label names cannot be taken as it stands, or None when the facts agree: the number's
    length is not the kind's, the card was issued on a day that kind was not issued, or the certificate
    is older than the kind (`KIND_FACTS`)."""
    if kind == "Hộ chiếu":
        ok = isinstance(number, str) and PASSPORT_NUMBER.fullmatch(number) is not None
        return None if ok else "id_type.label_length_mismatch"
    facts = KIND_FACTS.get(kind)
    if facts is None:
        return "id_type.label_inexact"
    lengths, first, until = facts
    if not isinstance(number, str) or not number.isdigit() or len(number) not in lengths:
        return "id_type.label_length_mismatch"
    if issued is not None and ((first and issued < first) or (until and issued >= until)):
        return "id_type.label_date_mismatch"
    if certified is not None and first and certified < first:
        return "id_type.label_date_mismatch"
    return None


def infer_id_type(
    doc: Document,
    id_type: Candidate,
    id_number: Candidate,
    issued_on: Candidate | None = None,
    certified_on: Candidate | None = None,
) -> Candidate:
    """`id_type` as read when the form prints one; else the kind the number's label names, in review
    unless the label is whole and exact and the kind's facts agree (`doubts`: the number's length, the
    ID issue date `issued_on`, the certificate's own date `certified_on`); else, for a 9- or 12-digit
    number under a label that names none ("Số giấy tờ pháp lý"), the kind its length suggests,
    doubted. The 2025 "Số định danh cá nhân" names no card: nothing is guessed there."""
    if id_type.value is not None or id_type.label_found:
        return id_type
    anchor = _label_of(doc, id_number.span)
    if anchor is None:
        return id_type
    tokens = doc.lines[anchor.line].tokens[anchor.start : anchor.end]
    label = " ".join(t.key for t in tokens)
    kind = kind_named_by(label)
    if kind is not None:
        span = Span(tokens=list(tokens), text=" ".join(t.word.text for t in tokens))
        why = (
            doubts(kind, id_number.value, _day(issued_on), _day(certified_on))
            if _whole(doc, anchor, id_number.span)
            else "id_type.label_inexact"
        )
        said = Evidence(
            kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS,
            holds=why is None,
            reason=why or "id_type.from_label",
            was=span.text,
        )
        return Candidate(
            value=kind, span=span, confidence=word_confidence(tokens), notes=[FROM_LABEL], evidence=[said]
        )
    number = id_number.value
    if "dinh danh" in label or not isinstance(number, str) or not number.isdigit():
        return id_type
    guess = KIND_BY_LENGTH.get(len(number))
    if guess is None:
        return id_type
    guessed = Evidence(
        kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS, holds=False, reason="id_type.from_number_length"
    )
    return Candidate(
        value=guess,
        span=id_number.span,
        confidence=LENGTH_CONFIDENCE,
        notes=[FROM_LENGTH],
        evidence=[guessed],
    )


def id_type_findings(id_type: Candidate) -> list[Finding]:
    """Why a kind that was not printed on a type line is there, when the label named it (info: the
    label is the certificate's own word)."""
    if FROM_LABEL in id_type.notes:
        label = id_type.span.text if id_type.span else ""
        return [make_finding("id_type.from_label", "owner.id_type", id_type=id_type.value, label=label)]
    return []  # the length guess: its evidence's reason becomes the finding (flow.evidence_findings)
