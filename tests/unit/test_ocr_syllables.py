"""The syllable check: real names pass, tone and vowel marks that cannot occur do not."""

from __future__ import annotations

import pytest

from ocr.extraction.syllables import all_syllables_valid, is_syllable, split_tone


@pytest.mark.parametrize(
    "word",
    [
        "NGUYỄN",
        "TRẦN",
        "HUỲNH",
        "ĐẶNG",
        "KIỀU",
        "HIỀN",
        "HẰNG",
        "MẠNH",
        "LÊ",
        "QUYẾT",
        "GIẾNG",
        "GÌ",
        "GIỮA",
        "KHUYA",
        "THUỶ",
        "YẾN",
        "XOONG",
        "ĐƯỢC",
    ],
)
def test_real_syllables_pass(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["HƯỲNH", "HÀT", "MÀNG̉", "QƯA", "ĐĂ", "TRÂ", "NGUYÊ", "XYZ", "AB1"])
def test_impossible_readings_fail(word: str) -> None:
    assert not is_syllable(word)


def test_stop_codas_take_only_sac_or_nang() -> None:
    assert is_syllable("TỐT") and is_syllable("TỘT")
    assert not is_syllable("TỒT") and not is_syllable("TỔT") and not is_syllable("TỖT")


def test_tone_split_and_whole_names() -> None:
    assert split_tone("HUỲNH") == ("huynh", "huyen")
    assert all_syllables_valid("CỬA HÀNG TẠP HÓA KIỀU, 99")
    assert not all_syllables_valid("HƯỲNH VĂN AN")
