"""The issuing authority, read from the header's left block (office, then committee) above the title.

Two columns share the header lines (the authority left, the national motto right), so the left block
is cut by geometry before its words are read; the committee and office wordings go through the
closed lists of `vocab`.
"""

from __future__ import annotations

import msgspec

from ocr.extraction import normalise as nz
from ocr.extraction import vocab
from ocr.extraction.candidate import Candidate, repaired, with_evidence, word_confidence
from ocr.extraction.lines import Line, Span, Token
from rules.printed import extra_marks
from schemas.record import Evidence, EvidenceKind
from schemas.vietnamese import fold_key


def _left_block(tokens: list[Token], width: int) -> list[Token]:
    """The header's left column: words up to the first wide gap or the national motto, left of centre."""
    out: list[Token] = []
    # scanner edges and specks: no letters, or one or two lower-case letters in an upper-case header
    tokens = [
        t
        for t in tokens
        if any(ch.isalnum() for ch in t.word.text) and not (len(t.word.text) <= 2 and t.word.text.islower())
    ]
    heights = sorted(t.word.bbox[3] for t in tokens)
    gap_limit = 2.5 * heights[len(heights) // 2] if heights else 100
    for i, tok in enumerate(tokens):
        if out and tok.word.bbox[0] - (out[-1].word.bbox[0] + out[-1].word.bbox[2]) > gap_limit:
            break
        nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if (tok.key, nxt) in {("cong", "hoa"), ("doc", "lap")} or tok.key in {"cong hoa", "doc lap"}:
            break
        out.append(tok)
    while out and not any(ch.isalnum() for ch in out[-1].word.text):
        out.pop()
    while out and not any(ch.isalnum() for ch in out[0].word.text):
        out.pop(0)
    if not out or out[0].word.bbox[0] + out[0].word.bbox[2] / 2 > 0.5 * width:
        return []
    return out


def read_issuing_authority(lines: list[Line], page_widths: dict[int, int]) -> Candidate:
    """The header's left block above the title: office first, then committee, joined by ', '."""
    committee: list[str] = []
    office: list[str] = []
    tokens = []
    for line in lines[:12]:
        key = fold_key(line.text())
        if "giay chung nhan" in key:
            break
        left = _left_block(line.tokens, page_widths.get(line.page, 2480))
        if not left or left[0].key == "so":
            continue
        text = " ".join(t.word.text for t in left)
        if fold_key(text).startswith("phong") or office:
            office.append(text)
        else:
            committee.append(text)
        tokens.extend(left)
    committee_read = vocab.normalise_committee(" ".join(committee)) if committee else None
    office_text, office_fixed = vocab.normalise_office(" ".join(office)) if office else ("", False)
    parts = [p for p in (office_text, committee_read.text if committee_read else "") if p]
    if not parts:
        return Candidate(value=None, span=None, confidence=0.0, label_found=False)
    sure = committee_read is None or committee_read.sure
    span = Span(tokens=tokens, text=", ".join(parts))
    confidence = word_confidence(tokens) if sure else min(0.6, word_confidence(tokens))
    notes = [] if sure else [vocab.PLACE_UNSURE]
    value = nz.clean_text(", ".join(parts))
    canonical = ", ".join(p for p in (office_text, committee_read.canonical if committee_read else "") if p)
    cand = Candidate(value=value, span=span, confidence=confidence, notes=notes, canonical=canonical)
    if (committee_read is not None and committee_read.repaired) or office_fixed:
        printed = nz.clean_text(" ".join(t.word.text for t in tokens))
        cand = repaired(msgspec.structs.replace(cand, value=printed), value, "printed.repaired_from_list")
    marks = extra_marks(committee_read.text, committee_read.canonical) if committee_read else ""
    if marks:
        cand = with_evidence(
            cand,
            Evidence(kind=EvidenceKind.VALIDATORS_PASS, holds=False, reason="printed.stray_marks", was=marks),
        )
    return cand
