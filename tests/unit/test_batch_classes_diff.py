"""The page-for-page comparison of two classifier runs (benchmarks.batch_classes_diff) sees a changed
page and a moved boundary, and nothing when the runs agree."""

from __future__ import annotations

from benchmarks.batch_classes_diff import differences
from ocr.batch.classify import PageClass, PageKind


def run() -> list[PageClass]:
    return [
        PageClass(PageKind.CERTIFICATE_FIRST, 0.97, ["title", "national_header"], text_blobs=600),
        PageClass(PageKind.CONTINUATION, 0.9, ["no_title", "owner_or_member_words"], text_blobs=300),
        PageClass(PageKind.BLANK, 0.99, ["no_text_ink"]),
        PageClass(PageKind.CERTIFICATE_FIRST, 0.97, ["title", "national_header"], text_blobs=700),
    ]


def test_two_runs_that_agree_have_no_differences() -> None:
    assert differences(run(), run()) == []


def test_a_changed_page_and_a_moved_boundary_are_reported() -> None:
    turned = run()
    turned[2] = PageClass(PageKind.BLANK, 0.99, ["no_text_ink"], text_blobs=3)  # same split, other count
    assert [d.split(":")[0] for d in differences(run(), turned)] == ["page 3"]
    moved = run()
    moved[1] = PageClass(PageKind.CERTIFICATE_FIRST, 0.55, ["header_without_title"], text_blobs=300)
    found = differences(run(), moved)
    assert found[0].startswith("page 2") and found[-1].startswith("split:")
    assert differences(run(), run()[:3]) == ["4 pages against 3"]
