"""Classified pages → documents: every page of the batch ends up in exactly one place.

    certificate first page     starts a certificate
    continuation, unreadable   joins the document before it (a certificate's second page, its annex);
                               with nothing before it, it stands alone
    blank                      dropped, and recorded in `blanks`
    ID card copy, form         an attachment of the certificate before it (none before: stands alone);
                               so is a page the clerk calls "other paper" (an unreadable ID-card copy)
    cover sheet                stands alone

Each document says why it starts where it does (the first page's reasons) and whether that boundary,
or a page inside it, is uncertain (confidence below `UNSURE`): those are shown to the clerk first.
A clerk's correction is an override of a page's kind; splitting again with it is the whole edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

import msgspec

from ocr.batch.classify import ATTACHABLE, UNSURE, OtherKind, PageClass, PageKind


class Role(StrEnum):
    CERTIFICATE = "certificate"
    ATTACHMENT = "attachment"
    OTHER = "other"


class SplitDocument(msgspec.Struct):
    role: Role
    pages: list[int]  # 1-based batch page numbers, in order
    reason: str  # why the document starts at its first page
    attached_to: int | None = None  # index (in Split.documents) of the certificate it belongs to
    uncertain: bool = False


class Split(msgspec.Struct):
    documents: list[SplitDocument]
    blanks: list[int]

    def placed(self) -> list[int]:
        """Every page number where it went (documents, then blanks), for the accounting check."""
        return sorted([p for d in self.documents for p in d.pages] + self.blanks)


def apply_overrides(pages: Sequence[PageClass], overrides: Mapping[int, PageKind]) -> list[PageClass]:
    """The clerk's kinds replace the classifier's (certain, reason "clerk")."""
    out = []
    for number, page in enumerate(pages, start=1):
        kind = overrides.get(number)
        if kind is None or kind == page.kind:
            out.append(page)
        else:
            other = page.other if kind == PageKind.OTHER else None
            out.append(
                msgspec.structs.replace(page, kind=kind, confidence=1.0, reasons=["clerk"], other=other)
            )
    return out


def attachable(page: PageClass) -> bool:
    """An ID card or a form; or a paper of no known kind, which only a clerk makes (an unreadable page
    they take out of a certificate): it belongs to the certificate in front of it."""
    return page.other in ATTACHABLE or page.other is None


def split_pages(pages: Sequence[PageClass]) -> Split:
    """Group consecutive pages (numbered from 1 in order) into documents."""
    documents: list[SplitDocument] = []
    blanks: list[int] = []
    last_certificate: int | None = None
    for number, page in enumerate(pages, start=1):
        unsure = page.confidence < UNSURE or page.kind == PageKind.UNREADABLE
        if page.kind == PageKind.BLANK:
            blanks.append(number)
            continue
        if page.kind in (PageKind.CONTINUATION, PageKind.UNREADABLE) and documents:
            documents[-1].pages.append(number)
            documents[-1].uncertain |= unsure
            continue
        reason = ",".join(page.reasons)
        if page.kind == PageKind.CERTIFICATE_FIRST:
            documents.append(SplitDocument(Role.CERTIFICATE, [number], reason, uncertain=unsure))
            last_certificate = len(documents) - 1
        elif page.kind == PageKind.OTHER and attachable(page) and last_certificate is not None:
            documents.append(SplitDocument(Role.ATTACHMENT, [number], reason, last_certificate, unsure))
        else:  # a cover sheet, an unattached paper, or a continuation with nothing before it
            orphan = page.kind != PageKind.OTHER
            documents.append(SplitDocument(Role.OTHER, [number], reason, uncertain=unsure or orphan))
            if page.other == OtherKind.COVER_SHEET:
                last_certificate = None  # a new folder: its papers do not belong to the last one
    return Split(documents, blanks)
