"""Reference data loaders: counts from SOURCES.md, codes as strings, schemes kept apart."""

from __future__ import annotations

from collections import Counter

import msgspec
import pytest

from schemas.reference import (
    load_cccd_prefixes,
    load_data_checksums,
    load_landline_area_codes,
    load_old_to_new_index,
    load_old_to_new_mapping,
    load_units,
    load_units_2025,
    load_units_pre2025,
    load_vsic,
    load_vsic_correspondence,
)


def test_2025_units_match_the_published_counts() -> None:
    kinds = Counter((u.kind, u.unit_type) for u in load_units_2025())
    assert kinds[("province", "tỉnh")] + kinds[("province", "thành phố trung ương")] == 34
    assert (kinds[("commune", "xã")], kinds[("commune", "phường")], kinds[("commune", "đặc khu")]) == (
        2621,
        687,
        13,
    )


def test_pre2025_units_match_the_gso_counts() -> None:
    kinds = Counter(u.kind for u in load_units_pre2025())
    assert kinds == {"province": 63, "district": 696, "commune": 10047}


def test_codes_keep_leading_zeros_and_schemes_reuse_codes() -> None:
    new = {u.code: u for u in load_units("2025") if u.kind == "commune"}
    old = {u.code: u for u in load_units("pre2025") if u.kind == "commune"}
    assert "00004" in new and new["00004"].name == "Phường Ba Đình"
    assert old["00004"].name == "Phường Trúc Bạch"  # same code, different place
    assert all(u.scheme == "2025" for u in new.values()) and all(u.scheme == "pre2025" for u in old.values())


def test_names_are_whitespace_normalised() -> None:
    assert not [u.name for u in load_units_pre2025() if "  " in u.name or (u.district_name or "").count("  ")]


def test_every_old_commune_maps_and_splits_are_marked() -> None:
    index = load_old_to_new_index()
    old = {u.code for u in load_units_pre2025() if u.kind == "commune"}
    assert set(index) == old
    splits = {code for code, pairs in index.items() if len(pairs) > 1}
    assert 430 <= len(splits) <= 460  # SOURCES.md: 441 old communes split
    assert all(p.is_split for code in splits for p in index[code])
    new = {u.code for u in load_units_2025() if u.kind == "commune"}
    assert all(p.new_commune_code in new for p in load_old_to_new_mapping())


def test_gaps_of_the_official_table_are_filled_from_dvhcvn() -> None:
    pairs = load_old_to_new_index()["01651"]  # Xã Mỹ Hưng, Cao Bằng: written 01615 in the table
    assert [(p.source, p.new_commune_code) for p in pairs] == [("dvhcvn", "01648")]


@pytest.mark.parametrize(("version", "level4"), [("2018", 464), ("2025", 495)])
def test_vsic_versions(version: str, level4: int) -> None:
    table = load_vsic(version)  # type: ignore[arg-type]
    assert sum(1 for c in table.values() if c.level == 4) == level4
    assert table["4711"].name.startswith("Bán lẻ")


def test_vsic_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="VSIC"):
        load_vsic("2007")  # type: ignore[arg-type]


def test_vsic_correspondence_relations() -> None:
    relations = Counter(p.relation for p in load_vsic_correspondence())
    assert relations == {"one_to_one": 1066, "one_to_many": 347, "many_to_one": 68, "many_to_many": 723}


def test_cccd_prefixes_and_area_codes() -> None:
    prefixes = load_cccd_prefixes()
    assert len(prefixes) == 63 and prefixes["001"].province_short_name == "Hà Nội"
    assert prefixes["079"].province_code_2025 == "79"
    codes = load_landline_area_codes()
    assert len(codes) == 63 and codes["024"].gso_province_code == "01"


def test_loaders_are_cached_and_read_only() -> None:
    assert load_units_2025() is load_units_2025()
    with pytest.raises(TypeError):
        load_cccd_prefixes()["999"] = load_cccd_prefixes()["001"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        load_units_2025()[0].name = "x"  # type: ignore[misc]
    assert msgspec.json.encode(load_units_2025()[0])


def test_checksums_cover_every_data_file() -> None:
    sums = load_data_checksums()
    assert len(sums) == 9 and all(len(v) == 64 for v in sums.values())
