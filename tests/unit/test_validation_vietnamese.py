"""Vietnamese text helpers: NFC, spaces, apostrophes, tone-mark placement, accent folding."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schemas.reference import load_units_2025, load_units_pre2025
from schemas.vietnamese import (
    fold_accents,
    fold_key,
    normalize_apostrophes,
    normalize_name,
    normalize_text,
    normalize_tone_marks,
)


def test_normalize_text_makes_nfc_and_collapses_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn\u00a0 Thị\n Hoa ")
    assert normalize_text(decomposed) == "Nguyễn Thị Hoa"


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("Hoà Bình", "Hòa Bình", "Hoà Bình"),
        ("Thuỷ", "Thủy", "Thuỷ"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("HOÀ", "HÒA", "HOÀ"),
        ("Hoàng Nguyễn Người Quý Giả Khuỷu Ngoài Thuở", "Hoàng Nguyễn Người Quý Giả Khuỷu Ngoài Thuở", None),
        ("Huỳnh Thuận", "Huỳnh Thuận", "Huỳnh Thuận"),
    ],
)
def test_tone_marks_follow_one_style(text: str, old: str, new: str | None) -> None:
    assert normalize_tone_marks(text, "old") == old
    assert normalize_tone_marks(text, "new") == (new or old)


def test_every_official_name_is_stable_under_its_own_style_round_trip() -> None:
    names = {u.name for u in (*load_units_2025(), *load_units_pre2025())}
    for name in names:
        assert normalize_tone_marks(normalize_tone_marks(name, "new"), "old") == normalize_tone_marks(
            name, "old"
        )
        assert fold_accents(normalize_tone_marks(name)) == fold_accents(name)


def test_the_17_tone_variants_of_the_sources_meet() -> None:
    assert normalize_name("Tỉnh Hoà Bình") == normalize_name("Tỉnh Hòa Bình")
    assert normalize_name("Xã Ea H’Leo") == normalize_name("Xã Ea H'Leo") == "Xã Ea H'Leo"


def test_apostrophes() -> None:
    assert normalize_apostrophes("Ia H’ Drai") == "Ia H'Drai"


def test_fold_key_ignores_accents_case_and_punctuation() -> None:
    assert fold_key("Đắk Lắk") == fold_key("DAK  LAK") == "dak lak"
    assert fold_key("Xã Ea H’Leo") == fold_key("xa ea h' leo") == "xa ea hleo"
    assert fold_key("TP.HCM") == "tp hcm"


@given(st.text())
def test_fold_key_is_ascii_and_idempotent(text: str) -> None:
    key = fold_key(text)
    assert fold_key(key) == key
    assert all(ch.isascii() for ch in key if ch.isalpha())


@given(st.text())
def test_tone_marks_never_fail_and_keep_the_letters(text: str) -> None:
    for style in ("old", "new"):
        result = normalize_tone_marks(text, style)  # type: ignore[arg-type]
        assert fold_key(result) == fold_key(text)
