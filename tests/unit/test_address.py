"""Address resolution and autocomplete over the full unit lists (in memory, no database)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import resolve_address, search_units, search_vsic
from rules.address_index import build_address_index
from samples.address_bench import is_right, make_address
from schemas.reference import load_units_2025, load_units_pre2025


@pytest.mark.parametrize(
    ("text", "scheme", "commune", "province"),
    [
        ("Số 12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng", "2025", "Phường Hải Châu", "Thành phố Đà Nẵng"),
        ("45 Nguyen Trai P.12 Q.5 TP.HCM", "pre2025", "Phường 12", "Thành phố Hồ Chí Minh"),
        ("Thôn 3, xã Vân Nội, huyện Đông Anh, Hà Nội", "pre2025", "Xã Vân Nội", "Thành phố Hà Nội"),
        ("Thon 3 xa Ea Kao Buon Ma Thuot Dak Lak", "pre2025", "Xã Ea Kao", "Tỉnh Đắk Lắk"),
        ("So 5 Tran Phu, P. Ba Dinh, TP Ha Noi", "2025", "Phường Ba Đình", "Thành phố Hà Nội"),
        ("Tổ 4, xã Ea H’Leo, huyện Ea H'leo, tỉnh Đắk Lắk", "pre2025", "Xã Ea H'leo", "Tỉnh Đắk Lắk"),
        ("Số 7, Phường l2, Quận 5, TP. Hồ Chí Minh", "pre2025", "Phường 12", "Thành phố Hồ Chí Minh"),
        ("Số 3, Phường I, Vị Thanh, Hậu Giang", "pre2025", "Phường I", "Tỉnh Hậu Giang"),
        # only the old list has this name: an old commune written without its district
        ("Ấp 2, Xã Tân Hoà, Tỉnh An Giang", "pre2025", "Xã Tân Hòa", "Tỉnh An Giang"),
    ],
)
def test_addresses_resolve_despite_noise(text: str, scheme: str, commune: str | None, province: str) -> None:
    result = resolve_address(text)
    assert result.scheme == scheme
    assert result.province is not None and result.province.name == province
    if commune:
        assert result.is_confident and result.commune is not None and result.commune.name == commune


def test_street_part_is_what_precedes_the_commune() -> None:
    result = resolve_address("Số 12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng")
    assert result.street == "Số 12 Lê Lợi"


def test_old_address_maps_to_its_new_commune() -> None:
    result = resolve_address("Số 1, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội")
    assert result.commune is not None and (result.commune.scheme, result.commune.code) == ("pre2025", "00004")
    assert [(u.scheme, u.code) for u in result.new_communes] == [("2025", "00004")]
    assert result.district is not None and result.district.name == "Quận Ba Đình"


def test_split_commune_offers_every_new_commune() -> None:
    result = resolve_address("Số 5, Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội")
    assert result.is_confident and result.is_split
    assert len(result.new_communes) >= 2 and all(u.scheme == "2025" for u in result.new_communes)


def test_same_name_communes_without_diacritics_are_not_guessed() -> None:
    # Xã Tân Thành and Xã Tân Thạnh are both in 2025 Đồng Tháp: only the diacritics tell them apart
    result = resolve_address("Thôn 1, Xa Tan Thanh, Dong Thap")
    assert not result.is_confident
    assert result.commune is not None and len(result.alternatives) >= 1


def test_an_address_without_units_is_unresolved() -> None:
    result = resolve_address("không rõ")
    assert result.commune is None and result.confidence == 0.0 and not result.is_confident


def test_scheme_hint_turns_a_same_name_tie_into_a_question() -> None:
    # Phường Ngọc Hà exists before 2025 (split since) and after: the certificate era decides
    text = "Số 3, Phường Ngọc Hà, Thành phố Hà Nội"
    assert resolve_address(text).scheme == "2025" and resolve_address(text).is_confident
    old_era = resolve_address(text, scheme_hint="pre2025")
    assert not old_era.is_confident and old_era.alternatives


def test_no_confident_wrong_answer_on_generated_noisy_addresses() -> None:
    rng = random.Random(20251128)
    units = build_address_index().units
    communes = [u for u in (*load_units_2025(), *load_units_pre2025()) if u.kind == "commune"]
    right = wrong = 0
    for _ in range(300):
        truth = rng.choice(communes)
        result = resolve_address(make_address(truth, dict(units), rng))
        if result.is_confident:
            ok = is_right(truth, result.commune)
            right += ok
            wrong += not ok
    assert wrong == 0
    assert right >= 0.95 * 300


def test_autocomplete_is_accent_insensitive() -> None:
    with_accents = search_units("Hải Châu", limit=5)
    without = search_units("hai chau", limit=5)
    assert with_accents[0].name == "Phường Hải Châu" and with_accents[0].scheme == "2025"
    assert {h.code for h in with_accents} == {h.code for h in without}


def test_autocomplete_filters_and_tolerates_a_typo() -> None:
    hits = search_units("hai chu", limit=10, scheme="2025")
    assert hits and all(h.scheme == "2025" for h in hits)
    assert any(h.name == "Phường Hải Châu" for h in hits)
    assert search_units("", limit=5) == []


def test_vsic_autocomplete_by_code_and_name() -> None:
    assert search_vsic("4711")[0].code == "4711"
    hits = search_vsic("ban le luong thuc", version="2025")
    assert hits[0].code == "4721" and hits[0].name == "Bán lẻ lương thực"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_text_never_breaks_resolution_or_search(text: str) -> None:
    result = resolve_address(text)
    assert 0.0 <= result.confidence <= 1.0
    assert not result.is_confident or result.commune is not None
    assert len(search_units(text, limit=5)) <= 5
