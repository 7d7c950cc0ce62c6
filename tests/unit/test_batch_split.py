"""Splitting a classified stack: every page lands in exactly one place, whatever the classifier said."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ocr.batch.classify import OtherKind, PageClass, PageKind
from ocr.batch.split import Role, apply_overrides, split_pages

PAGE = st.builds(
    PageClass,
    kind=st.sampled_from(list(PageKind)),
    confidence=st.floats(0, 1),
    reasons=st.just(["test"]),
    other=st.sampled_from([None, *OtherKind]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PAGE, max_size=60))
def test_every_page_ends_up_in_exactly_one_place(pages: list[PageClass]) -> None:
    split = split_pages(pages)
    assert split.placed() == list(range(1, len(pages) + 1))
    for number in split.blanks:
        assert pages[number - 1].kind == PageKind.BLANK
    for doc in split.documents:
        assert doc.pages == sorted(doc.pages) and doc.pages
        assert all(pages[p - 1].kind != PageKind.BLANK for p in doc.pages)
        if doc.role == Role.ATTACHMENT:
            assert doc.attached_to is not None
            assert split.documents[doc.attached_to].role == Role.CERTIFICATE
        if doc.role == Role.CERTIFICATE:
            assert pages[doc.pages[0] - 1].kind == PageKind.CERTIFICATE_FIRST


@settings(max_examples=200, deadline=None)
@given(
    st.lists(PAGE, min_size=1, max_size=40),
    st.dictionaries(st.integers(1, 40), st.sampled_from(list(PageKind))),
)
def test_overrides_keep_the_accounting_and_win(
    pages: list[PageClass], overrides: dict[int, PageKind]
) -> None:
    overrides = {k: v for k, v in overrides.items() if k <= len(pages)}
    edited = apply_overrides(pages, overrides)
    assert split_pages(edited).placed() == list(range(1, len(pages) + 1))
    for number, kind in overrides.items():
        assert edited[number - 1].kind == kind


def page(kind: PageKind, confidence: float = 0.95, other: OtherKind | None = None) -> PageClass:
    return PageClass(kind, confidence, ["r"], other=other)


def test_a_typical_stack() -> None:
    first, cont, blank = PageKind.CERTIFICATE_FIRST, PageKind.CONTINUATION, PageKind.BLANK
    pages = [
        page(PageKind.OTHER, other=OtherKind.COVER_SHEET),
        page(blank),
        page(first),
        page(blank),  # the back of page 3: the continuation still belongs to it
        page(cont),
        page(PageKind.OTHER, other=OtherKind.ID_CARD),
        page(first, confidence=0.5),
        page(PageKind.UNREADABLE, confidence=0.3),
    ]
    split = split_pages(pages)
    assert [(d.role, d.pages, d.attached_to, d.uncertain) for d in split.documents] == [
        (Role.OTHER, [1], None, False),
        (Role.CERTIFICATE, [3, 5], None, False),
        (Role.ATTACHMENT, [6], 1, False),
        (Role.CERTIFICATE, [7, 8], None, True),
    ]
    assert split.blanks == [2, 4]


def test_a_cover_sheet_ends_the_folder_and_a_leading_continuation_is_flagged() -> None:
    pages = [page(PageKind.CONTINUATION), page(PageKind.OTHER, other=OtherKind.COVER_SHEET),
             page(PageKind.OTHER, other=OtherKind.APPLICATION_FORM)]  # fmt: skip
    split = split_pages(pages)
    assert [(d.role, d.uncertain) for d in split.documents] == [
        (Role.OTHER, True), (Role.OTHER, False), (Role.OTHER, False)
    ]  # fmt: skip


def test_merging_two_certificates_by_override() -> None:
    pages = [page(PageKind.CERTIFICATE_FIRST), page(PageKind.CERTIFICATE_FIRST)]
    merged = split_pages(apply_overrides(pages, {2: PageKind.CONTINUATION}))
    assert [d.pages for d in merged.documents] == [[1, 2]]
