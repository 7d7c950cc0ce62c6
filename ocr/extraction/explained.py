"""Evidence that the label grammar explains a value: every word on the value's lines is a label or a
value we read, so nothing was left over (a word no field took may be part of this value, lost, or a
run-on from another line).

A pass over the finished candidates: it returns new candidates with `label_grammar_explains` holding
or not, never changes a value. The fields read by geometry or as tables (the header's authority, the
business lines, the members) carry their own evidence.
"""

from __future__ import annotations

from ocr.extraction.candidate import Candidate, with_evidence
from ocr.extraction.fields import Document
from ocr.extraction.lines import Token
from schemas.record import Evidence, EvidenceKind

NOT_BY_LABEL = frozenset({"issuing_authority", "business_lines", "members"})
"""Fields whose words are not one label's value on its lines."""

LEFT_OVER_MIN_CONF = 60.0
"""A word read below this confidence is more often a speck, the seal or a fold than a word."""


def _counts(token: Token) -> bool:
    text = token.word.text
    return token.word.conf >= LEFT_OVER_MIN_CONF and sum(ch.isalnum() for ch in text) >= 2


def explain_by_labels(doc: Document, cands: dict[str, Candidate]) -> dict[str, Candidate]:
    """Each label-read field with a value, with `label_grammar_explains` evidence: words of its lines
    that are neither a label nor any field's value are left over (the reason names them)."""
    used = {id(tok) for a in doc.anchors for tok in doc.lines[a.line].tokens[a.start : a.end]}
    for cand in cands.values():
        if cand.span is not None:
            used.update(id(tok) for tok in cand.span.tokens)
    out = dict(cands)
    for path, cand in cands.items():
        if path in NOT_BY_LABEL or path.startswith("_") or cand.span is None or cand.value in (None, []):
            continue
        if any(e.kind is EvidenceKind.LABEL_GRAMMAR_EXPLAINS and not e.holds for e in cand.evidence):
            continue  # a closed-vocabulary value that ran on (vocab.explain_closed_value) says more
        rows = sorted({tok.row for tok in cand.span.tokens})
        left = [
            tok
            for row in rows
            if 0 <= row < len(doc.lines)
            for tok in doc.lines[row].tokens
            if id(tok) not in used and _counts(tok)
        ]
        evidence = Evidence(
            kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS,
            holds=not left,
            reason="label.words_left_over" if left else None,
            was=" ".join(t.word.text for t in left) or None,
        )
        out[path] = with_evidence(cand, evidence)
    return out
