"""Which certificate generation a page is, from its header and label evidence."""

from __future__ import annotations

from ocr.extraction import fields, vocab
from ocr.extraction.authority import read_issuing_authority
from ocr.extraction.fields import Document
from ocr.extraction.labels import LAYOUT_EVIDENCE
from ocr.extraction.layout_gate import MIN_ANCHORS
from schemas.record import Layout
from schemas.vietnamese import fold_key

__all__ = ["MIN_ANCHORS", "detect_layout"]


def detect_layout(doc: Document, page_widths: dict[int, int]) -> Layout:
    """The generation of a page the layout gate let through (`layout_gate.judge_page`), by header and
    label evidence: commune office → 2025; 'Số:' number → 2015; tax-code label → 2021."""
    header = " ".join(fold_key(line.text()) for line in doc.lines[:20])
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
