"""A field's status from its evidence: the one rule, for extraction and for validation alike.

`ok` needs positive evidence: every required kind is there and holds (the words are confident), and no
item speaks against the value (a repair changed it, two readings disagree, a validator or cross-check
failed, words are left over on its lines). Pure.
"""

from __future__ import annotations

from schemas.record import Evidence, EvidenceKind, FieldStatus

__all__ = ["REQUIRED_FOR_OK", "derive_status"]

REQUIRED_FOR_OK = (EvidenceKind.WORDS_CONFIDENT,)
"""Evidence an `ok` field must have, holding."""


def derive_status(evidence: list[Evidence]) -> FieldStatus:
    """`ok` when every required kind is there and holds and no item speaks against the value."""
    held = {e.kind for e in evidence if e.holds}
    if all(kind in held for kind in REQUIRED_FOR_OK) and all(e.holds for e in evidence):
        return FieldStatus.OK
    return FieldStatus.NEEDS_REVIEW
