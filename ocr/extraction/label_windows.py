"""Every label variant matched against one line at once, through an index by window length.

`label_match._match_label` tests one label against every window of a line; `find_anchors` ran it for each of
the ~240 label variants on each line, and almost every window failed on its joined length alone (stop
23 profile: label matching was the step that grew most after the label-grammar merges, 62 k calls for 8
pages). Here the labels are indexed once by (words in the window, joined length the window may have):
a window of a line looks up only the labels it could be, and those get exactly `_match_label`'s
remaining tests. The matches come back in `_match_label`'s order (label by label, in its window-size
order, then by start), because `_find_line_anchors` breaks score ties by that order: the anchors are
the same, which `tests/unit/test_label_windows.py` checks against `_match_label` itself.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import msgspec
from rapidfuzz import fuzz

from ocr.extraction.labels import AFTER_SEMICOLON

Match = tuple[str, int, int, float]
"""(label name, start, end, score) of one window of a line."""


class _Label(msgspec.Struct, frozen=True):
    order: int  # position in the variants given (`_match_label`'s call order)
    name: str
    first: str  # the label's first folded word
    target: str  # its words joined, '!' dropped
    strict: bool
    min_score: float  # the fuzzy threshold without a colon (a colon lowers it to 84)


COMMA_LABEL_CHARS = 12


def colon_read_as_comma(score: float, target: str, start: int, first_long: int) -> bool:
    """'Đăng ký thay đổi lần thứ, 2, ngày …': a long label spelled exactly at the line's start, ended
    by a comma, is the label with its colon misread; a list's words wrapped to a line start match a
    label only loosely ('nội thất tương tự,' ≈ 'Nơi thường trú')."""
    return score == 100.0 and len(target) >= COMMA_LABEL_CHARS and start <= first_long


def first_letter_slip(word: str, want: str) -> bool:
    """'Gơ' for 'Cơ': a two-letter word read with its first letter wrong scores only 50."""
    return len(want) == 2 and len(word) == 2 and word[1] == want[1] and word[0] != want[0]


class LabelIndex:
    """Label variants by (window size in words, joined length): the windows of `_match_label` that pass
    its length test, without trying each label on each window."""

    def __init__(self, variants: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.by_window: dict[tuple[int, int], list[tuple[int, _Label]]] = {}
        self.max_size = 0
        for order, (name, words) in enumerate(variants):
            strict = words[-1].endswith("!")
            label = [w.rstrip("!") for w in words]
            target = "".join(label)
            strict = strict or len(target) <= 5
            slack = 0 if strict else max(2, len(target) // 5)
            entry = _Label(order, name, label[0], target, strict, 84.0 if len(target) >= 12 else 90.0)
            n = len(label)
            # the order `_match_label` iterates its set of sizes in (a set of small ints: not always
            # ascending), kept so that matches come back in its order
            for size_order, size in enumerate({max(1, n - 1), n, n + 1}):
                for length in range(max(0, len(target) - slack), len(target) + slack + 1):
                    self.by_window.setdefault((size, length), []).append((order * 4 + size_order, entry))
                self.max_size = max(self.max_size, size)

    def match(self, keys: Sequence[str], texts: Sequence[str]) -> list[Match]:
        """Every label's matches on one line (folded keys and printed texts of its tokens), in the order
        `_match_label` called label by label would give them."""
        first_long = next((i for i, t in enumerate(texts) if len(t) > 3), len(texts))
        ends = [0, *itertools.accumulate(len(k.replace(" ", "")) for k in keys)]
        found: list[tuple[int, int, Match]] = []
        for start in range(len(keys)):
            if not keys[start]:
                continue
            after_nhu = start > 0 and keys[start - 1] == "nhu"
            for size in range(1, min(self.max_size, len(keys) - start) + 1):
                entries = self.by_window.get((size, ends[start + size] - ends[start]))
                if not entries or after_nhu:
                    continue  # "Như địa chỉ thường trú" is a value referring to a label, not a label
                end = start + size
                colon = texts[end - 1].endswith(":") or (end < len(texts) and texts[end].startswith(":"))
                got: str | None = None
                for order, lab in entries:
                    clause = start > 0 and texts[start - 1].endswith(";") and lab.name in AFTER_SEMICOLON
                    if start > first_long and not colon and not clause:
                        continue
                    if got is None:
                        got = "".join(keys[start:end]).replace(" ", "")
                    if lab.strict:
                        if got != lab.target:
                            continue
                        score = 100.0
                    else:
                        if fuzz.ratio(keys[start], lab.first) < 60 and not first_letter_slip(
                            keys[start], lab.first
                        ):
                            continue
                        score = fuzz.ratio(got, lab.target)
                        if score < (84.0 if colon else lab.min_score):
                            continue
                        if (
                            not colon
                            and texts[end - 1].endswith(",")
                            and not colon_read_as_comma(score, lab.target, start, first_long)
                        ):
                            continue  # a list's comma ends no label
                    found.append((order, start, (lab.name, start, end, score)))
        found.sort(key=lambda f: (f[0], f[1]))
        return [m for _, _, m in found]


@functools.lru_cache(maxsize=8)
def label_index(variants: tuple[tuple[str, tuple[str, ...]], ...]) -> LabelIndex:
    """One index per set of label variants (extraction has one: `labels.LABELS`), built once."""
    return LabelIndex(variants)
