"""The batched second reading: names and checked digit groups in one call; a digit group that reads
differently the second time gets a third, digits-only reading, and goes to review."""

from __future__ import annotations

import datetime as dt

import pytest

from ocr.extraction.fields import Candidate
from ocr.extraction.second_reading import SecondReading, apply_second_reading, read_again
from tests.unit.ocr_spans import span_of


def cand(text: str, value: object, row: int, conf: float = 95.0) -> Candidate:
    return Candidate(value=value, span=span_of(text, conf, row), confidence=0.95)


def record() -> dict[str, Candidate]:
    return {
        "owner.full_name": cand("LÊ ANH THẮNG", "LÊ ANH THẮNG", 0),
        "business_name": cand("TẠP HÓA THẮNG", "TẠP HÓA THẮNG", 1),
        "registration_number": cand("27F8001234", "27F8001234", 2),
        "first_registered_on": cand("ngày 05 tháng 03 năm 2016", dt.date(2016, 3, 5), 3),
        "amended_on": cand("2, ngày 01 tháng 08 năm 2023", dt.date(2023, 8, 1), 4),
    }


class Reader:
    """The pipeline's callback contract, answering from tables (extraction makes no OCR calls): the
    batched line readings, and single boxes by their x position."""

    def __init__(
        self, lines: list[tuple[str, float] | None], boxes: dict[int, str | tuple[str, float]] | None = None
    ) -> None:
        self.lines = lines
        self.boxes = boxes or {}
        self.calls: list[list[tuple[int, tuple[int, int, int, int]]]] = []
        self.single: list[tuple[int, str]] = []

    def __call__(
        self, page: int, bbox: tuple[int, int, int, int], whitelist: str, *, height: int | None = None
    ) -> tuple[str, float] | None:
        self.single.append((bbox[0], whitelist))
        got = self.boxes.get(bbox[0])
        return (got, 90.0) if isinstance(got, str) else got

    def read_lines(
        self, boxes: list[tuple[int, tuple[int, int, int, int]]], *, height: int
    ) -> list[tuple[str, float] | None]:
        self.calls.append(boxes)
        return self.lines[: len(boxes)]


AGREE = [("LÊ ANH THẮNG", 91.0), None, ("27F8001234", 90.0), ("ngày 05 tháng 03 năm 2016", 92.0)]


def test_names_and_digit_groups_are_read_again_in_one_call() -> None:
    c = record()
    reader = Reader([*AGREE, ("2, ngày 01 tháng 08 năm 2023", 90.0)])
    second = read_again(c, reader)
    assert len(reader.calls) == 1 and not reader.single  # all agreed: no third reading
    # two names, the old-format number and both long-form dates (only their digit-bearing stretch)
    assert len(reader.calls[0]) == 5
    assert reader.calls[0][4][1][0] == 100  # amended_on's box starts at the amendment number
    assert set(second.names) == {"owner.full_name"}
    apply_second_reading(c, second)
    assert all(c[p].confidence == 0.95 for p in ("registration_number", "first_registered_on", "amended_on"))


def test_a_third_reading_that_sides_with_the_line_reading_decides_the_date() -> None:
    c = record()
    # day, month, year of amended_on sit at x = 340, 580, 820 (the amendment number at 100)
    reader = Reader([*AGREE, ("2, ngày 11 tháng 08 năm 2023", 90.0)], {340: "11", 580: "08", 820: "2023"})
    second = read_again(c, reader)
    assert [x for x, _ in reader.single] == [340, 580, 820]
    assert all(w == "0123456789" for _, w in reader.single)
    apply_second_reading(c, second)
    assert c["amended_on"].value == dt.date(2023, 8, 11)
    assert c["amended_on"].confidence < 0.86  # a human confirms which reading was right


@pytest.mark.parametrize("third_day", ["01", "17"])  # sides with the page; a third opinion
def test_a_third_reading_that_does_not_side_with_the_line_keeps_the_page_value_in_review(
    third_day: str,
) -> None:
    c = record()
    reader = Reader(
        [*AGREE, ("2, ngày 11 tháng 08 năm 2023", 90.0)], {340: third_day, 580: "08", 820: "2023"}
    )
    apply_second_reading(c, read_again(c, reader))
    assert c["amended_on"].value == dt.date(2023, 8, 1)
    assert c["amended_on"].confidence < 0.86


def test_a_cut_off_line_reading_says_nothing() -> None:
    c = record()
    reader = Reader([*AGREE, ("2, ngày 1", 70.0)])
    apply_second_reading(c, read_again(c, reader))
    assert c["amended_on"].confidence == 0.95 and not reader.single


def test_a_district_letter_read_differently_goes_to_review() -> None:
    c = record()
    lines = [*AGREE, ("2, ngày 01 tháng 08 năm 2023", 90.0)]
    lines[2] = ("27E8001234", 93.0)
    reader = Reader(lines, {100: "27E8001234"})
    apply_second_reading(c, read_again(c, reader))
    assert c["registration_number"].value == "27E8001234"
    assert c["registration_number"].confidence < 0.86


def test_tax_codes_are_left_to_their_check_digit() -> None:
    c = record()
    c["registration_number"] = cand("8100123456", "8100123456", 2)
    reader = Reader([None] * 5)
    read_again(c, reader)
    assert len(reader.calls[0]) == 4  # names and dates only


def test_no_reader_no_change() -> None:
    c = record()
    apply_second_reading(c, SecondReading())
    assert c["amended_on"].confidence == 0.95


def test_an_unsure_third_reading_does_not_vote() -> None:
    c = record()
    c["first_registered_on"] = cand("13/05/2018", dt.date(2018, 5, 13), 3)
    lines = [*AGREE[:3], ("15/05/2018", 91.0), ("2, ngày 01 tháng 08 năm 2023", 90.0)]
    reader = Reader(lines, {100: ("15/05/2018", 0.0)})  # seed 3102: as wrong as the line reading, at 0 %
    apply_second_reading(c, read_again(c, reader))
    assert c["first_registered_on"].value == dt.date(2018, 5, 13)
    assert c["first_registered_on"].confidence < 0.86
