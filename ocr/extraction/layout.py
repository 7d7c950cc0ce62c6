"""Which certificate generation a page is, from its header and label evidence."""

from __future__ import annotations

from ocr.extraction import fields, vocab
from ocr.extraction.authority import read_issuing_authority
from ocr.extraction.fields import Document
from ocr.extraction.labels import LAYOUT_EVIDENCE
from schemas.record import Layout
from schemas.vietnamese import fold_key

MIN_ANCHORS = 5
"""Fewer distinct field labels than this and the page is not a certificate we know."""


def detect_layout(doc: Document, page_widths: dict[int, int]) -> Layout:
    """By header and label evidence: commune office → 2025; 'Số:' number → 2015; tax-code label → 2021."""
    field_labels = {a.name for a in doc.anchors if not a.name.startswith("_")}
    header = " ".join(fold_key(line.text()) for line in doc.lines[:20])
    has_title = any(t in header for t in LAYOUT_EVIDENCE["title"])
    if len(field_labels) < MIN_ANCHORS or (not has_title and len(field_labels) < 2 * MIN_ANCHORS):
        return Layout.UNRECOGNISED
    authority = read_issuing_authority(doc.lines, page_widths)
    committee = vocab.committee_place(str(authority.value or ""))
    if committee.startswith(("xa ", "phuong ", "dac khu ")):
        return Layout.ERA_2025
    if not committee and any(k in header for k in LAYOUT_EVIDENCE["commune"]):
        return Layout.ERA_2025
    reg = doc.first("registration_number")
    if reg is not None and fold_key(
        " ".join(t.key for t in doc.lines[reg.line].tokens[reg.start : reg.end])
    ).startswith("ma so"):
        return Layout.ERA_2021
    if fields._header_number(doc) is not None or (
        doc.first("address") is not None
        and any(
            a.name == "address"
            and doc.lines[a.line].tokens[a.start].key == "dia"
            and doc.lines[a.line].tokens[a.start + 1].key == "diem"
            for a in doc.anchors
        )
    ):
        return Layout.ERA_2015
    return Layout.ERA_2021
