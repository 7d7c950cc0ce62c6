"""Typed commune and province names → the 2025 communes the register is kept in (rules.place_filter)."""

from __future__ import annotations

import pytest

from rules.place_filter import match_place, suggest_places

DA_BAC = "04831"  # Xã Đà Bắc (Phú Thọ) since 2025; Thị trấn Đà Bắc, Tú Lý, … (Hoà Bình) before
HAI_CHAU = "20242"  # Phường Hải Châu (Đà Nẵng); Thạch Thang, Phước Ninh, … before


@pytest.mark.parametrize(
    "typed",
    ["Đà Bắc", "Thị trấn Đà Bắc", "Xã Đà Bắc", "TT. Đà Bắc", "Xã Đà Bắc, Tỉnh Phú Thọ", "Tú Lý", "tu ly",
     "Thị trấn Đà Bắc, Huyện Đà Bắc, Tỉnh Hoà Bình", "đà bắc, phú thọ", "04831"],
)  # fmt: skip
def test_da_bac_in_either_scheme_with_or_without_unit_word(typed: str) -> None:
    place = match_place(typed, "commune")
    assert place is not None and place.communes == (DA_BAC,), place


def test_no_diacritics_finds_every_spelling_and_says_which() -> None:
    place = match_place("xa da bac", "commune")
    assert place is not None and DA_BAC in place.communes
    assert any("Đá Bạc" in name for name in place.names)  # "da bac" is Đá Bạc (Cà Mau) too
    assert match_place("Đà Bắc", "commune").names[0] == "Xã Đà Bắc, Tỉnh Phú Thọ"  # type: ignore[union-attr]


def test_pre_2025_commune_becomes_the_commune_it_went_into() -> None:
    assert match_place("Thạch Thang", "commune").communes == (HAI_CHAU,)  # type: ignore[union-attr]
    unaccented = match_place("thach thang", "commune")  # Thạch Thắng (Hà Tĩnh) too
    assert unaccented is not None and HAI_CHAU in unaccented.communes and len(unaccented.communes) == 2
    assert match_place("Phường Hải Châu, Đà Nẵng", "commune").communes == (HAI_CHAU,)  # type: ignore[union-attr]


def test_provinces_in_both_schemes() -> None:
    phu_tho = match_place("Phú Thọ", "province")
    hoa_binh = match_place("tinh hoa binh", "province")  # merged into Phú Thọ in 2025
    assert phu_tho is not None and hoa_binh is not None
    assert DA_BAC in hoa_binh.communes and set(hoa_binh.communes) < set(phu_tho.communes)
    assert HAI_CHAU not in phu_tho.communes
    in_commune_box = match_place("Tỉnh Phú Thọ", "commune")  # a province typed as a commune
    assert in_commune_box is not None and in_commune_box.communes == phu_tho.communes
    assert match_place("Phú Thọ", "commune").communes != phu_tho.communes  # type: ignore[union-attr]  # Phường Phú Thọ


def test_unknown_name_finds_nothing_and_empty_is_no_filter() -> None:
    assert match_place("Không có xã này", "commune") == match_place("Không có xã này", "commune")
    nothing = match_place("Không có xã này", "commune")
    assert nothing is not None and not nothing.found
    wrong_province = match_place("Đà Bắc, Đà Nẵng", "commune")
    assert wrong_province is not None and not wrong_province.found
    assert match_place("  ", "commune") is None and match_place(None, "province") is None
    for junk in (",", "()", "(,)", "\x00", "-"):
        found = match_place(junk, "commune")
        assert found is not None and not found.found, junk


@pytest.mark.parametrize("q", ["da bac", "hai chau", "phu", "hoa binh", "tan"])
def test_suggestions_never_repeat_a_value_and_always_carry_the_province(q: str) -> None:
    for kind in ("commune", "province"):
        items = suggest_places(q, kind, 10)  # type: ignore[arg-type]
        values = [s.value for s in items]
        assert len(values) == len(set(values)), values
        for s in items:
            if kind == "commune":
                assert s.value.endswith(s.province_name), s
            if s.scheme == "pre2025" and kind == "commune":
                assert s.now, s  # says what it became
            back = match_place(s.value, kind)  # type: ignore[arg-type]
            assert back is not None and back.found, s
