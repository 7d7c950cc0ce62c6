"""The layout gate: is this page a certificate we know, a certificate we could not read well, or not a
certificate at all?

Never all or nothing: a page that looks like a certificate (the title, or labels only a household
business certificate prints) but misses the full gate — blurred, faded, a label or two short — is still
read; its record is partial and every field goes to a human, with a `layout_uncertain` finding. Only a
page with neither the title nor such labels is `not_a_certificate`. The two look different to a clerk.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec
from rapidfuzz import fuzz

from ocr.extraction.lines import Anchor, Line
from rules.findings import make_finding
from schemas.record import Evidence, EvidenceKind, Extraction, FieldStatus, Layout
from schemas.vietnamese import fold_key

MIN_ANCHORS = 5
"""Fewer distinct field labels than this (with the title) and the page is not a certificate we know."""

MIN_ANCHORS_UNTITLED = 10
"""Without a readable title the labels alone must say it: twice as many."""

MIN_BUSINESS_LABELS = 2
"""Labels that only a household business certificate prints (its number, name, site, trades, capital,
members, founder): this many, and a page without a readable title still looks like one. A marriage or
birth certificate prints names, birth dates and ID numbers, never these."""

TITLE_WORDS = "giay chung nhan dang ky ho kinh doanh"
TITLE_SCORE = 85.0
"""A header line this close to the title (accent-folded, spaces ignored) is the title read through
blur or fading ('GlẤY CHỨNG NHẠN ĐĂNG KÝ HỌ KINH DOANH')."""

BUSINESS_LABELS = frozenset(
    {
        "registration_number",
        "business_name",
        "address",
        "business_lines",
        "capital",
        "capital_figures",
        "amendment",
        "first_registered_on",
        "members_heading",
        "_section_owner",
        "_section_founder",
    }
)


class PageKind(StrEnum):
    CERTIFICATE = "certificate"  # passes the gate: read as usual
    UNCERTAIN = "layout_uncertain"  # looks like a certificate, misses the gate: partial record, all in review
    NOT_A_CERTIFICATE = "not_a_certificate"  # no title, no certificate labels


def has_title(lines: list[Line], header_lines: int = 20) -> bool:
    """The certificate's title among the first lines, exactly or as a blurred reading of it."""
    target = TITLE_WORDS.replace(" ", "")
    for line in lines[:header_lines]:
        key = fold_key(line.text()).replace(" ", "")
        if target in key:
            return True
        if len(key) >= len(target) * 0.8 and fuzz.partial_ratio(target, key) >= TITLE_SCORE:
            return True
    return False


def judge_page(lines: list[Line], anchors: list[Anchor]) -> PageKind:
    """Which of the three the page is, from its title and the distinct labels found on it."""
    labels = {a.name for a in anchors if not a.name.startswith("_") or a.name in BUSINESS_LABELS}
    labels.discard("_stop_title")
    field_labels = {name for name in labels if not name.startswith("_")}
    titled = has_title(lines)
    if (titled and len(field_labels) >= MIN_ANCHORS) or len(field_labels) >= MIN_ANCHORS_UNTITLED:
        return PageKind.CERTIFICATE
    if titled or len(labels & BUSINESS_LABELS) >= MIN_BUSINESS_LABELS:
        return PageKind.UNCERTAIN
    return PageKind.NOT_A_CERTIFICATE


def not_a_certificate(file_name: str, pages: int) -> Extraction:
    """No record: the page is something else (a letter, a photo, another kind of certificate)."""
    finding = make_finding("not_a_certificate", None)
    return Extraction(file=file_name, pages=pages, layout=Layout.UNRECOGNISED, findings=[finding])


UNCERTAIN_CONFIDENCE = 0.5
"""The most a field of a page that missed the gate may claim: the labels it was read by are in doubt."""


def mark_uncertain(extraction: Extraction) -> Extraction:
    """Every field to review (an empty one too: the reviewer reads it off the page), confidence capped,
    and the `layout_uncertain` finding first so the reviewer knows why."""
    doubt = Evidence(kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS, holds=False, reason="layout_uncertain")
    fields = {
        path: msgspec.structs.replace(
            result,
            status=FieldStatus.NEEDS_REVIEW,
            confidence=min(result.confidence, UNCERTAIN_CONFIDENCE),
            evidence=[*(e for e in result.evidence if e.kind is not doubt.kind), doubt],
        )
        for path, result in extraction.fields.items()
    }
    return msgspec.structs.replace(
        extraction,
        fields=fields,
        findings=[make_finding("layout_uncertain", None), *extraction.findings],
    )
