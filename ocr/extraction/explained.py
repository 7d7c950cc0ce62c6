"""Evidence that the label grammar explains a value: every word on the value's lines is a label or a
value we read, so nothing was left over (a word no field took may be part of this value, lost, or a
run-on from another line), and the value is closed: it took in no other item's label (closure.py).

A pass over the finished candidates: it returns new candidates with `label_grammar_explains` holding
or not, never changes a value. The fields read by geometry or as tables (the header's authority, the
business lines, the members) carry their own evidence.
"""

from __future__ import annotations

import re

from ocr.extraction import closure
from ocr.extraction.candidate import Candidate, with_evidence
from ocr.extraction.fields import Document
from ocr.extraction.lines import Token
from schemas.record import Evidence, EvidenceKind

NOT_BY_LABEL = frozenset({"issuing_authority", "business_lines", "members"})
"""Fields whose words are not one label's value on its lines."""

LEFT_OVER_MIN_CONF = 60.0
"""A word read below this confidence is more often a speck, the seal or a fold than a word."""


def _counts(token: Token) -> bool:
    """A word that says something: confident, two letters or digits, not an item number ('10.')."""
    text = token.word.text
    if re.fullmatch(r"\d{1,2}[.)]?|[IVX]{1,4}[.)]", text):
        return False
    return token.word.conf >= LEFT_OVER_MIN_CONF and sum(ch.isalnum() for ch in text) >= 2


def _left_over(doc: Document, cand: Candidate, used: set[int]) -> list[Token]:
    """Words before the value on each of its lines that no label or value took. Words after it are
    another column (the date and place of the header, the signature block): a value read to the end
    of its line has taken its own words there already."""
    assert cand.span is not None
    out: list[Token] = []
    for row in sorted({tok.row for tok in cand.span.tokens}):
        if not 0 <= row < len(doc.lines):
            continue
        starts = min(t.word.bbox[0] for t in cand.span.tokens if t.row == row)
        before = [t for t in doc.lines[row].tokens if t.word.bbox[0] < starts]
        if before and before[-1].key == "so":
            before = before[:-1]  # the 2015 header's bare "Số:" before its number
        out.extend(t for t in before if id(t) not in used and _counts(t))
    return out


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
        left = _left_over(doc, cand, used)
        reason: str | None = "label.words_left_over"
        said = any(e.kind is EvidenceKind.LABEL_GRAMMAR_EXPLAINS for e in cand.evidence)
        if not left and not said:  # a reader that judged its own words (the ID kind named by its label)
            left, reason = closure.unclosed_words(path, cand.span.tokens, doc.lines, doc.by_line)
        evidence = Evidence(
            kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS,
            holds=not left,
            reason=reason if left else None,
            was=" ".join(t.word.text for t in left) or None,
        )
        out[path] = with_evidence(cand, evidence)
    return carry_referred(out)


REFERS_TO = {"owner.current_address": "owner.permanent_address"}
"""A field printed as 'Như trên' and the field it takes its value from (fields.resolve_same_as_above)."""


def carry_referred(cands: dict[str, Candidate]) -> dict[str, Candidate]:
    """A value copied from the field above ('Như trên') is only as good as that field: what speaks
    against the referred value (words it ran on into, a repair) speaks against the copy too."""
    out = dict(cands)
    for path, referred in REFERS_TO.items():
        cand, source = cands.get(path), cands.get(referred)
        if cand is None or source is None or "same_as_above" not in cand.notes:
            continue
        have = {(e.kind, e.reason) for e in cand.evidence}
        against = [e for e in source.evidence if not e.holds and (e.kind, e.reason) not in have]
        if against:
            out[path] = with_evidence(cand, *against)
    return out
