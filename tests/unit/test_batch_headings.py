"""Heading matching on a page's folded words, as Tesseract really returns them."""

from __future__ import annotations

from ocr.batch.classify import OtherKind, find_headings


def test_a_cover_sheet_heading_run_together_is_found() -> None:
    # moderate dev batch (seed 7719), page 1: the 28 pt heading came back without its spaces
    found = find_headings("hosotuutruu dang ky ho kinh doanh hop so 386 xa tan phu nam 2016")
    assert set(found) == {OtherKind.COVER_SHEET}


def test_a_certificate_header_run_together_is_found_but_short_words_are_not_matched_across_gaps() -> None:
    found = find_headings(
        "conghoaxahoichunghiavietnam doc lap tu do hanh phuc giaychungnhandangkyhokinhdoanh"
    )
    assert {"national", "title"} <= set(found)
    assert "continuation" not in find_headings("chuc hoi dong")  # "chu ho" only with its space
