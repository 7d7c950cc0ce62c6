"""What the batch classifier must flag rather than decide: a first page with the title but no national
header, and ink in rows (letters) as against scattered specks. Pure: no page is read."""

from __future__ import annotations

import numpy as np

from ocr.batch.classify import UNSURE, PageKind, _decide, in_rows
from ocr.batch.split import split_pages


def test_a_title_without_the_national_header_is_a_flagged_first_page() -> None:
    got = _decide({"title": 96.0}, 80.0, 120, 0, 900, [])
    assert got.kind == PageKind.CERTIFICATE_FIRST and got.confidence < UNSURE
    assert "no_national_header" in got.reasons
    continuation = _decide({"continuation": 95.0}, 80.0, 200, 0, 900, [])
    split = split_pages(
        [_decide({"title": 96.0, "national": 97.0}, 80.0, 120, 0, 900, []), continuation, got]
    )
    assert [d.pages for d in split.documents] == [[1, 2], [3]]
    assert [d.uncertain for d in split.documents] == [False, True]


def test_letters_in_a_row_count_and_scattered_specks_do_not() -> None:
    word = np.array([[100 + 14 * i, 300, 10, 16] for i in range(12)])  # 12 letters, 4 px apart
    specks = np.array([[80 + 97 * i, 60 + 83 * i, 10, 16] for i in range(12)])
    assert in_rows(word) == 12
    assert in_rows(specks) == 0
    assert in_rows(np.vstack([word, specks])) == 12
