"""Closed vocabularies: a slip inside a provincial police office's name is repaired, not kept."""

from __future__ import annotations

import pytest

from ocr.extraction.fields import Candidate
from ocr.extraction.vocab import id_offices, snap


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("Công an tỉnh Thái NÑguyên", "Công an tỉnh Thái Nguyên"),  # a stray glyph (seed 3103)
        ("Công an tỉnh'Thanh Hóa", "Công an tỉnh Thanh Hóa"),  # a speck read as an apostrophe
        ("Cộng an tỉnh Thái Nguyên", "Công an tỉnh Thái Nguyên"),  # a wrong tone
        ("Cong an thanh pho Ha Noi", "Công an thành phố Hà Nội"),
    ],
)
def test_provincial_police_offices_snap_to_their_printed_name(read: str, printed: str) -> None:
    cand = Candidate(value=read, span=None, confidence=0.6)
    assert snap(cand, id_offices(), min_score=92, trust=0.9)
    assert cand.value == printed


def test_an_unknown_office_is_left_as_read() -> None:
    cand = Candidate(value="Sở Kế hoạch và Đầu tư", span=None, confidence=0.9)
    assert not snap(cand, id_offices(), min_score=92, trust=0.9)
    assert cand.value == "Sở Kế hoạch và Đầu tư"
