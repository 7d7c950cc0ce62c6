"""What the split editor lists first and why, in Vietnamese: a page the classifier was unsure of or could
not read (kept, inside the document before it), a page dropped as blank although it had ink; and every
reason the classifier can give has a Vietnamese text. Pure: no page is read, no database."""

from __future__ import annotations

import re
from pathlib import Path

from ocr.batch import classify
from ocr.batch.classify import PageClass, PageKind
from ocr.batch.split import Role, apply_overrides, split_pages
from service.batches.progress import is_doubtful
from service.i18n.pages import CATALOGUE


def test_unreadable_and_inked_blank_pages_are_doubtful_and_nothing_is_dropped_unseen() -> None:
    pages = [
        PageClass(PageKind.CERTIFICATE_FIRST, 0.97, ["title", "national_header"]),
        PageClass(PageKind.UNREADABLE, 0.3, ["little_ink", "no_words"]),  # an ID-card copy with no words
        PageClass(PageKind.BLANK, 0.8, ["little_ink", "no_words"]),  # ink, read, no words: dropped
        PageClass(PageKind.BLANK, 0.99, ["no_text_ink"]),
        PageClass(PageKind.CONTINUATION, 0.9, ["no_title", "owner_or_member_words"]),
    ]
    split = split_pages(pages)
    assert split.placed() == [1, 2, 3, 4, 5] and [d.pages for d in split.documents] == [[1, 2, 5]]
    assert split.documents[0].uncertain
    doubtful = [n for n, p in enumerate(pages, 1) if is_doubtful(p.kind, p.confidence, p.reasons, False)]
    assert doubtful == [2, 3]  # the unreadable page and the blank that had ink; not the clean blank
    assert not is_doubtful(PageKind.UNREADABLE, 0.3, ["no_reading"], overridden=True)  # the clerk decided


def test_every_reason_the_classifier_gives_has_a_vietnamese_text() -> None:
    source = Path(classify.__file__).read_text(encoding="utf-8")
    lines = [ln for ln in source.splitlines() if re.search(r"make\(|PageClass\(|reasons\.append|why = ", ln)]
    found = {w for ln in lines for w in re.findall(r'"([a-z][a-z_]+)"', ln)} - {k.value for k in PageKind}
    found |= {
        f"{o.value}_heading" for o in (classify.OtherKind.APPLICATION_FORM, classify.OtherKind.COVER_SHEET)
    }
    assert {"certificate_signs", "heading_not_at_top", "no_words", "little_ink"} <= found
    missing = sorted(r for r in found | {"clerk"} if f"js.batch.reason.{r}" not in CATALOGUE)
    assert missing == []
    for key in ("js.batch.page_doubt", "js.batch.dropped_blank"):
        vietnamese = CATALOGUE[key][0]
        assert "{n}" in vietnamese and "{why}" in vietnamese


def test_a_clerk_takes_an_unreadable_page_out_of_a_certificate_as_its_attachment() -> None:
    pages = [
        PageClass(PageKind.CERTIFICATE_FIRST, 0.97, ["title", "national_header"]),
        PageClass(PageKind.CONTINUATION, 0.9, ["no_title", "owner_or_member_words"]),
        PageClass(PageKind.UNREADABLE, 0.3, ["little_ink", "no_words"]),
    ]
    split = split_pages(apply_overrides(pages, {3: PageKind.OTHER}))
    assert [(d.role, d.pages, d.attached_to, d.uncertain) for d in split.documents] == [
        (Role.CERTIFICATE, [1, 2], None, False),
        (Role.ATTACHMENT, [3], 0, False),
    ]
