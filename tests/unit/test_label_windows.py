"""The indexed label matcher (`label_windows.LabelIndex`, stop 23 speed) must find exactly what
`lines._match_label` finds for every label variant in turn, in the same order: `_find_line_anchors`
breaks score ties by that order, so a different order could pick a different anchor."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from ocr.extraction import label_match as L
from ocr.extraction.label_windows import LabelIndex, first_letter_slip, label_index
from ocr.extraction.labels import LABELS
from ocr.extraction.lines import build_lines
from tests.unit.test_fuzz_labels import lines_of_text, page_of

VARIANTS = [(name, variant.split()) for name, variants in LABELS.items() for variant in variants]


def label_by_label(keys: list[str], texts: list[str]) -> list[tuple[str, int, int, float]]:
    """The reference: `_match_label` for every variant, concatenated in variant order."""
    return [
        (a.name, a.start, a.end, a.score)
        for name, words in VARIANTS
        for a in L._match_label(name, words, keys, texts, 0)
    ]


def line_of(words: list[str]) -> tuple[list[str], list[str]]:
    (line,) = build_lines([page_of(["\u241f".join(words)])])
    return [t.key for t in line.tokens], [t.word.text for t in line.tokens]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_of_text())
def test_every_line_matches_as_each_label_in_turn(texts_of_lines: list[str]) -> None:
    index = label_index(tuple((n, tuple(w)) for n, w in VARIANTS))
    for line in build_lines([page_of(texts_of_lines)]):
        keys, texts = [t.key for t in line.tokens], [t.word.text for t in line.tokens]
        assert index.match(keys, texts) == label_by_label(keys, texts)


def test_ties_come_back_in_the_order_of_the_variants() -> None:
    """Two variants of equal score on one window: the first given comes first (a sort by name or by
    score alone would swap them)."""
    keys, texts = line_of(["Ngày", "cấp:", "12/05/2021"])
    forward = LabelIndex([("z_first", ["ngay", "cap"]), ("a_second", ["ngay", "cap"])])
    assert [m[0] for m in forward.match(keys, texts)] == ["z_first", "a_second"]
    backward = LabelIndex([("a_second", ["ngay", "cap"]), ("z_first", ["ngay", "cap"])])
    assert [m[0] for m in backward.match(keys, texts)] == ["a_second", "z_first"]


def test_window_sizes_keep_the_reference_order_for_long_labels() -> None:
    """A label of 7 words is tried at sizes {6, 7, 8}, a set that iterates 8 first: matches of one
    label at several sizes come back as `_match_label` gives them."""
    words = ["a1", "b2", "c3", "d4", "e5", "f6", "g7"]
    keys, texts = line_of([*words, "h8:"])
    want = [(a.name, a.start, a.end, a.score) for a in L._match_label("long", words, keys, texts, 0)]
    assert LabelIndex([("long", words)]).match(keys, texts) == want
    assert len({end - start for _, start, end, _ in want}) > 1  # really several sizes


def test_a_value_referring_to_a_label_is_no_label() -> None:
    keys, texts = line_of(["Như", "địa", "chỉ", "thường", "trú"])
    assert LabelIndex([("x", ["dia", "chi", "thuong", "tru"])]).match(keys, texts) == []


def test_first_letter_slip_is_a_two_letter_word_with_only_its_first_letter_wrong() -> None:
    cases = (("go", "co"), ("co", "co"), ("gơ", "cơ"), ("ga", "co"), ("goo", "coo"))
    assert [first_letter_slip(word, want) for word, want in cases] == [True, False, True, False, False]


def test_a_long_label_spelled_exactly_may_end_at_a_comma_as_in_label_match() -> None:
    """The colon of 'lần thứ:' read as a comma: a long exact label at the line's start is kept."""
    keys, texts = line_of(["Đăng", "ký", "thay", "đổi", "lần", "thứ,", "2,", "ngày"])
    words = ["dang", "ky", "thay", "doi", "lan", "thu"]
    want = [(a.name, a.start, a.end, a.score) for a in L._match_label("amend", words, keys, texts, 0)]
    assert want and LabelIndex([("amend", words)]).match(keys, texts) == want
