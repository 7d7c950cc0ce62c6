"""The batched second reading: names and checked digit groups in one call; a digit group that reads
differently the second time goes to review instead of being trusted."""

from __future__ import annotations

import datetime as dt

from ocr.extraction.fields import Candidate
from ocr.extraction.lines import Span, Token
from ocr.extraction.second_reading import apply_second_reading, read_again
from ocr.results import Word
from schemas.vietnamese import fold_key


def cand(text: str, value: object, row: int, conf: float = 95.0) -> Candidate:
    tokens = [
        Token(word=Word(text=w, conf=conf, bbox=(100 + 120 * i, 60 * row, 100, 40), line=row, block=0),
              page=1, row=row, key=fold_key(w))
        for i, w in enumerate(text.split())
    ]  # fmt: skip
    return Candidate(value=value, span=Span(tokens=tokens, text=text), confidence=0.95)


def record() -> dict[str, Candidate]:
    return {
        "owner.full_name": cand("LÊ ANH THẮNG", "LÊ ANH THẮNG", 0),
        "business_name": cand("TẠP HÓA THẮNG", "TẠP HÓA THẮNG", 1),
        "registration_number": cand("27F8001234", "27F8001234", 2),
        "first_registered_on": cand("ngày 05 tháng 03 năm 2016", dt.date(2016, 3, 5), 3),
        "amended_on": cand("2, ngày 01 tháng 08 năm 2023", dt.date(2023, 8, 1), 4),
    }


class LineReader:
    """The pipeline's callback contract, answering from a table (extraction makes no OCR calls)."""

    def __init__(self, answers: list[tuple[str, float] | None]) -> None:
        self.answers = answers
        self.calls: list[list[tuple[int, tuple[int, int, int, int]]]] = []

    def __call__(
        self, page: int, bbox: tuple[int, int, int, int], whitelist: str, *, height: int | None = None
    ) -> tuple[str, float] | None:
        raise AssertionError("second readings share one call, not one call per line")

    def read_lines(
        self, boxes: list[tuple[int, tuple[int, int, int, int]]], *, height: int
    ) -> list[tuple[str, float] | None]:
        self.calls.append(boxes)
        return self.answers[: len(boxes)]


def test_names_and_digit_groups_are_read_again_in_one_call() -> None:
    c = record()
    reader = LineReader([("LÊ ANH THẮNG", 91.0), None, ("27F8001234", 90.0), None, ("2, ngày 11", 90.0)])
    got = read_again(c, reader)
    assert len(reader.calls) == 1
    # two names, the old-format number and both long-form dates (only their digit-bearing stretch)
    assert len(reader.calls[0]) == 5
    assert reader.calls[0][4][1][0] == 100  # amended_on's box starts at the amendment number
    assert set(got) == {"owner.full_name", "registration_number", "amended_on"}


def test_a_date_that_reads_differently_the_second_time_goes_to_review() -> None:
    c = record()
    apply_second_reading(c, {"amended_on": ("2, ngày 11 tháng 08 năm 2023", 91.0)})
    assert c["amended_on"].value == dt.date(2023, 8, 11)  # the confident line reading, for a human to confirm
    assert c["amended_on"].confidence < 0.86
    assert "second_reading_disagrees" in c["amended_on"].notes


def test_a_weak_disagreeing_reading_only_sends_the_page_reading_to_review() -> None:
    c = record()
    apply_second_reading(c, {"amended_on": ("2, ngày 11 tháng 08 năm 2023", 62.0)})
    assert c["amended_on"].value == dt.date(2023, 8, 1)
    assert c["amended_on"].confidence < 0.86


def test_an_agreeing_or_unreadable_second_reading_leaves_the_field_alone() -> None:
    c = record()
    apply_second_reading(
        c,
        {
            "amended_on": ("2, ngày 1 tháng 8 năm 2023", 88.0),  # same date, unpadded
            "first_registered_on": ("ngày 05 thán", 70.0),  # cut off: says nothing
        },
    )
    assert c["amended_on"].confidence == 0.95 and "second_reading_agrees" in c["amended_on"].notes
    assert c["first_registered_on"].confidence == 0.95 and not c["first_registered_on"].notes


def test_a_district_letter_read_differently_goes_to_review() -> None:
    c = record()
    apply_second_reading(c, {"registration_number": ("27E8001234", 73.0)})
    assert c["registration_number"].value == "27F8001234"
    assert c["registration_number"].confidence < 0.86


def test_tax_codes_are_left_to_their_check_digit() -> None:
    c = record()
    c["registration_number"] = cand("8100123456", "8100123456", 2)
    reader = LineReader([None] * 5)
    read_again(c, reader)
    assert len(reader.calls[0]) == 4  # names and dates only
