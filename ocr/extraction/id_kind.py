"""The owner's ID document type on forms that print no type line: said by the ID number's label
("Số CMND", "Căn cước công dân số", "Số thẻ căn cước công dân"), or else guessed from the number's
length (9 digits: the old CMND; 12 digits: the citizen identity card), with the reason recorded.

A label that names the kind is what the certificate says, so the kind is the value (DESIGN: "Số CMND"
→ "Chứng minh nhân dân"). A length is only a guess (12-digit CMNDs and the 2024 "Thẻ căn cước" exist),
so that value always goes to a human with `id_type.from_number_length`.
"""

from __future__ import annotations

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

FROM_LABEL = "id_type_from_label"
FROM_LENGTH = "id_type_from_length"
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


def infer_id_type(doc: Document, id_type: Candidate, id_number: Candidate) -> Candidate:
    """`id_type` as read when the form prints one; else the kind the number's label names; else, for a
    9- or 12-digit number under a label that names none ("Số giấy tờ pháp lý"), the kind its length
    suggests, doubted. The 2025 "Số định danh cá nhân" names no card: nothing is guessed there."""
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
        said = Evidence(kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS, reason="id_type.from_label")
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
