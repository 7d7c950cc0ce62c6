"""The label matcher skips windows by the length of their joined words before building any string
(stop 22, speed): the anchors must be exactly those of the matcher that joined every window first."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from ocr.extraction import lines as L
from ocr.extraction.labels import LABELS
from ocr.extraction.lines import Anchor, build_lines
from tests.unit.test_fuzz_labels import lines_of_text, page_of

VARIANTS = [(name, variant.split()) for name, variants in LABELS.items() for variant in variants]


def match_joining_every_window(
    name: str, label: list[str], keys: list[str], texts: list[str], line: int
) -> list[Anchor]:
    """The matcher as it was before the length test (stop 21), kept here as the reference."""
    strict = label[-1].endswith("!")
    label = [w.rstrip("!") for w in label]
    target = "".join(label)
    strict = strict or len(target) <= 5
    out = []
    n = len(label)
    first_long = next((i for i, t in enumerate(texts) if len(t) > 3), len(texts))
    for size in {max(1, n - 1), n, n + 1}:
        for start in range(0, len(keys) - size + 1):
            if not keys[start]:
                continue
            end = start + size
            colon = texts[end - 1].endswith(":") or (end < len(texts) and texts[end].startswith(":"))
            if start > first_long and not colon:
                continue
            got = "".join(keys[start:end])
            if strict:
                if got != target:
                    continue
                score = 100.0
            else:
                if abs(len(got) - len(target)) > max(2, len(target) // 5):
                    continue
                if L.fuzz.ratio(keys[start], label[0]) < 60 and not L._first_letter_slip(
                    keys[start], label[0]
                ):
                    continue
                score = L.fuzz.ratio(got, target)
                if score < (84 if len(target) >= 12 or colon else 90):
                    continue
            if start > 0 and keys[start - 1] == "nhu":
                continue
            out.append(Anchor(name=name, line=line, start=start, end=end, score=score))
    return out


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
