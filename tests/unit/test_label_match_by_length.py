"""The label matcher skips windows by the length of their joined words before building any string
(stop 22, speed): the anchors must be exactly those of the matcher that joins every window."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from ocr.extraction import label_match as L
from ocr.extraction.labels import LABELS
from ocr.extraction.lines import Anchor, build_lines
from tests.unit.test_fuzz_labels import lines_of_text, page_of

VARIANTS = [(name, variant.split()) for name, variants in LABELS.items() for variant in variants]


def match_joining_every_window(
    name: str, label: list[str], keys: list[str], texts: list[str], line: int
) -> list[Anchor]:
    """The matcher without its length prefilter, as the reference: every window joined and tested."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(L, "LENGTH_PREFILTER", False)
        return L._match_label(name, label, keys, texts, line)


def test_the_length_test_is_exercised_by_a_label_of_other_length() -> None:
    (line,) = build_lines([page_of(["Ngày\u241fcấp:\u241f12/05/2021"])])
    keys, texts = [t.key for t in line.tokens], [t.word.text for t in line.tokens]
    found = L._match_label("id_issued_on", ["ngay", "cap"], keys, texts, 0)
    assert [(a.start, a.end) for a in found] == [(0, 2)]
    assert L._match_label("x", ["mot", "nhan", "rat", "dai", "khong", "co"], keys, texts, 0) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_of_text())
def test_every_label_on_every_line_matches_as_joining_every_window(texts_of_lines: list[str]) -> None:
    for index, line in enumerate(build_lines([page_of(texts_of_lines)])):
        keys, texts = [t.key for t in line.tokens], [t.word.text for t in line.tokens]
        for name, words in VARIANTS:
            assert L._match_label(name, words, keys, texts, index) == match_joining_every_window(
                name, words, keys, texts, index
            )
