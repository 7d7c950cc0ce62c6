"""A field's reading as it moves through the passes: the value, where it was printed, how sure the
words are, and the evidence for and against it.

Its own module so every pass (fields, names, vocab, checks, second readings, and readers added later)
can build candidates without importing the readers. A pass that has something to say about a value
adds an `Evidence` item (`with_evidence` returns a new candidate); the status is derived from the
evidence by one rule (`rules.evidence.derive_status`), never set by a pass.

Adding a kind of evidence (e.g. a second reader's agreement): give it an `EvidenceKind` in
schemas/record.py, a phrase in service/i18n/pages.EVIDENCE_LABELS, and append it with
`with_evidence(cand, Evidence(kind=..., holds=...))` in the pass that knows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from ocr.extraction.lines import Span, Token
from schemas.record import Evidence, EvidenceKind


class Candidate(msgspec.Struct):
    value: Any
    span: Span | None
    confidence: float  # 0..1
    label_found: bool = True
    notes: list[str] = msgspec.field(default_factory=list)
    evidence: list[Evidence] = msgspec.field(default_factory=list)
    canonical: str | None = None
    """The reference form beside the printed value (VSIC code, unit code, list entry); never the value."""


def with_evidence(cand: Candidate, *items: Evidence) -> Candidate:
    """A new candidate with `items` added to its evidence (an item of the same kind is replaced)."""
    kinds = {item.kind for item in items}
    kept = [e for e in cand.evidence if e.kind not in kinds]
    return msgspec.structs.replace(cand, evidence=[*kept, *items])


def add_evidence(cand: Candidate, *items: Evidence) -> None:
    """`with_evidence` in place, for the passes that still update their candidate."""
    cand.evidence = with_evidence(cand, *items).evidence


REPAIRED_CONFIDENCE = 0.8
"""Confidence of a value a repair changed: a good guess, below the `ok` threshold."""


def repaired(cand: Candidate, value: Any, reason: str, *, canonical: str | None = None) -> Candidate:
    """A new candidate whose value a repair changed from the reading: it says so (the finding `reason`,
    with the reading it replaced) and goes to review."""
    was = cand.value if isinstance(cand.value, str) else None
    out = with_evidence(cand, Evidence(kind=EvidenceKind.REPAIRED, holds=False, reason=reason, was=was))
    return msgspec.structs.replace(
        out,
        value=value,
        confidence=min(cand.confidence, REPAIRED_CONFIDENCE),
        canonical=canonical if canonical is not None else cand.canonical,
    )


def matched(cand: Candidate, entry: str, *, exact: bool) -> Candidate:
    """A new candidate kept as printed, with the list entry beside it: an exact (or variant) match is
    evidence for the value; a reading that holds the entry and more is kept without that evidence."""
    kind = EvidenceKind.LIST_MATCH_EXACT if exact else EvidenceKind.KEPT_AS_PRINTED
    return msgspec.structs.replace(with_evidence(cand, Evidence(kind=kind)), canonical=entry)


def evidence_of(cand: Candidate, kind: EvidenceKind) -> Evidence | None:
    return next((e for e in cand.evidence if e.kind is kind), None)


def word_confidence(tokens: Sequence[Token]) -> float:
    """Word confidences → 0..1: the weakest word dominates (one misread letter makes a value wrong)."""
    if not tokens:
        return 0.0
    confs = sorted(t.word.conf for t in tokens)
    return max(0.0, min(1.0, (0.7 * confs[0] + 0.3 * sum(confs) / len(confs)) / 100.0))
