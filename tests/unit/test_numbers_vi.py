"""Vietnamese number words and printed amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schemas.numbers_vi import amount_to_words, int_to_words, parse_amount, words_to_int
from schemas.vietnamese import fold_accents


@given(st.integers(min_value=0, max_value=10**12))
def test_words_round_trip_up_to_10_pow_12(n: int) -> None:
    assert words_to_int(int_to_words(n)) == n


@given(st.integers(min_value=0, max_value=10**21))
def test_words_round_trip_beyond_10_pow_12(n: int) -> None:
    assert words_to_int(int_to_words(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_words_without_diacritics_or_case_still_read(n: int) -> None:
    assert words_to_int(fold_accents(amount_to_words(n)).upper()) == n


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (150_000_000, "một trăm năm mươi triệu"),
        (10**12, "một nghìn tỷ"),
        (10**18, "một tỷ tỷ"),
    ],
)
def test_spelling_follows_vietnamese_rules(n: int, words: str) -> None:
    assert int_to_words(n) == words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Một trăm năm mươi triệu đồng", 150_000_000),
        ("(Ba trăm triệu đồng chẵn)", 300_000_000),
        ("hai mươi tư triệu", 24_000_000),
        ("hai mươi bốn triệu", 24_000_000),
        ("một trăm lẻ năm nghìn", 105_000),
        ("hai ngàn", 2_000),
        ("năm tỉ", 5_000_000_000),
        ("MOT TRAM NAM MUOI TRIEU DONG", 150_000_000),
        ("mười lăm triệu", 15_000_000),
        ("hai mươi mốt", 21),
    ],
)
def test_words_parse_spelling_variants(text: str, value: int) -> None:
    assert words_to_int(text) == value


@pytest.mark.parametrize(
    "text", ["", "đồng", "triệu triệu", "lăm", "hai mươi một trăm", "abc", "mười hai ba"]
)
def test_words_reject_what_is_not_a_number(text: str) -> None:
    assert words_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("150.000.000 đồng", 150_000_000),
        ("300.000.000vnđ", 300_000_000),
        ("300. .000: 000vnđ", 300_000_000),
        ("l50.000.000 đồng", 150_000_000),
        ("1,500,000,000 VND", 1_500_000_000),
        ("Vốn: 2O0.000.000 đ", 200_000_000),
    ],
)
def test_amount_figures_parse_through_ocr_noise(text: str, value: int) -> None:
    assert parse_amount(text) == value


def test_amount_without_digits_is_none() -> None:
    assert parse_amount("không có") is None


def test_amount_to_words_capitalises_and_appends_dong() -> None:
    assert amount_to_words(150_000_000) == "Một trăm năm mươi triệu đồng"


@given(
    st.integers(min_value=0, max_value=10**13), st.lists(st.sampled_from(["", " ", ". ", ": "]), min_size=5)
)
def test_amount_figures_survive_broken_separators(n: int, noise: list[str]) -> None:
    groups = f"{n:,}".split(",")
    text = "".join(
        g + ("." + noise[i % len(noise)] if i < len(groups) - 1 else "") for i, g in enumerate(groups)
    )
    assert parse_amount(text + "vnđ") == n


@given(st.text(max_size=80))
def test_arbitrary_text_reads_as_a_number_or_none(text: str) -> None:
    value = words_to_int(text)
    assert value is None or value >= 0
    amount = parse_amount(text)
    assert amount is None or amount >= 0
