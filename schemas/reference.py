"""Typed, cached loaders of the reference data shipped in `schemas/data/` (provenance: data/SOURCES.md).

Every loader reads its CSV once from the package (importlib.resources) and returns frozen Structs in
read-only containers, so extraction (ocr/) and validation (service/) share one copy per process.
Codes stay strings with leading zeros; names are NFC with collapsed spaces, otherwise verbatim.
Administrative unit codes are only unique *within a scheme*: 2025 codes reuse pre-2025 numbers for
different places, so every unit carries its `scheme`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

import msgspec

from schemas.vietnamese import normalize_text

__all__ = [
    "AdminUnit",
    "CccdPrefix",
    "LandlineAreaCode",
    "Scheme",
    "UnitKind",
    "UnitMapping",
    "VsicCode",
    "VsicCorrespondence",
    "VsicVersion",
    "load_cccd_prefixes",
    "load_data_checksums",
    "load_landline_area_codes",
    "load_old_to_new_index",
    "load_old_to_new_mapping",
    "load_units",
    "load_units_2025",
    "load_units_pre2025",
    "load_vsic",
    "load_vsic_correspondence",
]

Scheme = Literal["2025", "pre2025"]
VsicVersion = Literal["2018", "2025"]
UnitKind = Literal["province", "district", "commune"]

DATA_FILES: tuple[str, ...] = (
    "admin_units_2025.csv",
    "admin_units_pre2025.csv",
    "admin_mapping_2025_old_to_new.csv",
    "admin_mapping_2025_dvhcvn.csv",
    "cccd_province_codes.csv",
    "phone_landline_area_codes_2017.csv",
    "vsic2018.csv",
    "vsic2025.csv",
    "vsic_2018_to_2025.csv",
)


class AdminUnit(msgspec.Struct, frozen=True):
    """An administrative unit (tỉnh/thành phố, quận/huyện/thị xã, xã/phường/thị trấn/đặc khu)."""

    scheme: Scheme
    code: str
    name: str  # with its type word: "Phường Hải Châu", "Tỉnh Đắk Lắk"
    kind: UnitKind
    unit_type: str  # lower case: "xã", "phường", "thị trấn", "đặc khu", "quận", "huyện", "tỉnh", …
    parent_code: str | None
    province_code: str
    province_name: str
    district_code: str | None = None  # pre-2025 only
    district_name: str | None = None
    phone_area_code: str | None = None  # 2025 provinces only, without the leading 0


class UnitMapping(msgspec.Struct, frozen=True):
    """One old (pre-2025) commune → one new (2025) commune pair; `is_split` if the old one has several."""

    old_province_code: str
    old_district_code: str | None
    old_commune_code: str | None  # None for a whole district turned into a đặc khu
    old_commune_name: str | None
    new_province_code: str
    new_commune_code: str
    new_commune_name: str
    note: str  # the source's merge note ("Nhập toàn bộ", "Nhập một phần", …)
    is_split: bool
    source: Literal["official_table", "dvhcvn"]


class VsicCode(msgspec.Struct, frozen=True):
    """A VSIC code (Hệ thống ngành kinh tế Việt Nam) at any level; level 4 is what certificates print."""

    version: VsicVersion
    code: str
    level: int
    name: str
    parent_code: str | None


class VsicCorrespondence(msgspec.Struct, frozen=True):
    """VSIC 2018 → 2025 pair (Công văn 3061/CTK-CSCL); relation one_to_one/one_to_many/many_to_one/…"""

    level: int
    code_2018: str
    name_2018: str
    code_2025: str
    name_2025: str
    relation: str


class CccdPrefix(msgspec.Struct, frozen=True):
    """First three digits of a 12-digit personal ID number: the province of registration (pre-2025 list)."""

    prefix: str
    gso_province_code: str
    province_name_pre2025: str
    province_short_name: str
    province_code_2025: str
    province_name_2025: str


class LandlineAreaCode(msgspec.Struct, frozen=True):
    """Landline area prefix after the 2017 change ("024", "0296") and its pre-2025 province."""

    prefix: str
    province_name_in_source: str
    gso_province_code: str
    province_name_pre2025: str


def _read_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("schemas").joinpath("data", name).read_text(encoding="utf-8")
    return [{k: _clean(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _clean(value: str) -> str:
    """NFC + collapsed spaces; plain ASCII codes (most cells) skip the work."""
    if value.isascii() and "  " not in value and value == value.strip():
        return value
    return normalize_text(value)


def _opt(value: str) -> str | None:
    return value or None


_KINDS_2025: dict[str, UnitKind] = {"1": "province", "2": "commune"}
_KINDS_PRE2025: dict[str, UnitKind] = {"1": "province", "2": "district", "3": "commune"}


@cache
def load_units_2025() -> tuple[AdminUnit, ...]:
    """34 provinces and 3,321 communes (xã/phường/đặc khu) in force since 1 July 2025."""
    return tuple(
        AdminUnit(
            scheme="2025",
            code=r["code"],
            name=r["name"],
            kind=_KINDS_2025[r["level"]],
            unit_type=r["unit_type"].lower(),
            parent_code=_opt(r["parent_code"]),
            province_code=r["province_code"],
            province_name=r["province_name"],
            phone_area_code=_opt(r["phone_area_code"]),
        )
        for r in _read_rows("admin_units_2025.csv")
    )


@cache
def load_units_pre2025() -> tuple[AdminUnit, ...]:
    """63 provinces, 696 districts and 10,047 communes as of 1 March 2025 (GSO list)."""
    return tuple(
        AdminUnit(
            scheme="pre2025",
            code=r["code"],
            name=r["name"],
            kind=_KINDS_PRE2025[r["level"]],
            unit_type=r["unit_type"].lower(),
            parent_code=_opt(r["parent_code"]),
            province_code=r["province_code"],
            province_name=r["province_name"],
            district_code=_opt(r["district_code"]),
            district_name=_opt(r["district_name"]),
        )
        for r in _read_rows("admin_units_pre2025.csv")
    )


def load_units(scheme: Scheme) -> tuple[AdminUnit, ...]:
    """The units of one scheme."""
    return load_units_2025() if scheme == "2025" else load_units_pre2025()


@cache
def load_old_to_new_mapping() -> tuple[UnitMapping, ...]:
    """Old commune → new commune pairs: the official conversion table, plus dvhcvn for the 14 communes
    the table writes with other codes. An old commune with several targets is a split (`is_split`)."""
    official = _read_rows("admin_mapping_2025_old_to_new.csv")
    dvhcvn = _read_rows("admin_mapping_2025_dvhcvn.csv")
    pre = {u.code: u for u in load_units_pre2025() if u.kind == "commune"}
    new_codes = {u.code for u in load_units_2025() if u.kind == "commune"}
    pairs: list[tuple[dict[str, str], str]] = [(r, "official_table") for r in official]
    covered = {r["old_ward_code"] for r in official}
    for r in dvhcvn:
        if r["old_ward_code"] not in covered and r["old_ward_code"] in pre:
            old = pre[r["old_ward_code"]]
            extra = dict(r, old_district_code=old.district_code or "", merge_note="")
            extra["new_province_code"] = _new_province_of(r["new_ward_code"])
            pairs.append((extra, "dvhcvn"))
    targets: dict[str, set[str]] = {}
    for r, _ in pairs:
        key = r["old_ward_code"] or "district:" + r["old_district_code"]
        targets.setdefault(key, set()).add(r["new_ward_code"])
    return tuple(
        UnitMapping(
            old_province_code=r["old_province_code"],
            old_district_code=_opt(r["old_district_code"]),
            old_commune_code=_opt(r["old_ward_code"]),
            old_commune_name=_opt(r["old_ward_name"]),
            new_province_code=r["new_province_code"],
            new_commune_code=r["new_ward_code"],
            new_commune_name=r["new_ward_name"],
            note=r["merge_note"],
            is_split=len(targets[r["old_ward_code"] or "district:" + r["old_district_code"]]) > 1,
            source=source,  # type: ignore[arg-type]
        )
        for r, source in pairs
        if r["new_ward_code"] in new_codes
    )


def _new_province_of(new_commune_code: str) -> str:
    for unit in load_units_2025():
        if unit.code == new_commune_code and unit.kind == "commune":
            return unit.province_code
    return ""


@cache
def load_old_to_new_index() -> Mapping[str, tuple[UnitMapping, ...]]:
    """Old commune code → its new commune(s); several entries mean a split commune (a human decides)."""
    index: dict[str, list[UnitMapping]] = {}
    for pair in load_old_to_new_mapping():
        if pair.old_commune_code:
            index.setdefault(pair.old_commune_code, []).append(pair)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


@cache
def load_vsic(version: VsicVersion) -> Mapping[str, VsicCode]:
    """VSIC 2018 (QĐ 27/2018) or 2025 (QĐ 36/2025) by code, all levels. 2018 lacks ~22 level-4 codes."""
    if version not in ("2018", "2025"):
        raise ValueError(f"unknown VSIC version {version!r}")
    rows = _read_rows(f"vsic{version}.csv")
    return MappingProxyType(
        {
            r["code"]: VsicCode(
                version=version,
                code=r["code"],
                level=int(r["level"]),
                name=r["name_vi"],
                parent_code=_opt(r["parent_code"]),
            )
            for r in rows
        }
    )


@cache
def load_vsic_correspondence() -> tuple[VsicCorrespondence, ...]:
    """VSIC 2018 → 2025 correspondence at every level (names as the correspondence table has them)."""
    return tuple(
        VsicCorrespondence(
            level=int(r["level"]),
            code_2018=r["vsic2018_code"],
            name_2018=r["vsic2018_name"],
            code_2025=r["vsic2025_code"],
            name_2025=r["vsic2025_name"],
            relation=r["relation"],
        )
        for r in _read_rows("vsic_2018_to_2025.csv")
    )


@cache
def load_cccd_prefixes() -> Mapping[str, CccdPrefix]:
    """3-digit province prefix of the 12-digit personal ID → province (63 pre-2025 provinces)."""
    return MappingProxyType(
        {
            r["cccd_prefix"]: CccdPrefix(
                prefix=r["cccd_prefix"],
                gso_province_code=r["gso_province_code_pre2025"],
                province_name_pre2025=r["province_name_pre2025"],
                province_short_name=r["province_short_name"],
                province_code_2025=r["province_code_2025"],
                province_name_2025=r["province_name_2025"],
            )
            for r in _read_rows("cccd_province_codes.csv")
        }
    )


@cache
def load_landline_area_codes() -> Mapping[str, LandlineAreaCode]:
    """Landline area prefix ("024", "0296") → province, as assigned in 2017."""
    return MappingProxyType(
        {
            r["landline_area_prefix"]: LandlineAreaCode(
                prefix=r["landline_area_prefix"],
                province_name_in_source=r["province_name_in_source"],
                gso_province_code=r["gso_province_code_pre2025"],
                province_name_pre2025=r["province_name_pre2025"],
            )
            for r in _read_rows("phone_landline_area_codes_2017.csv")
        }
    )


@cache
def load_data_checksums() -> Mapping[str, str]:
    """sha256 of each shipped data file: the reference data's version for `hkd refdata status`."""
    data = resources.files("schemas").joinpath("data")
    return MappingProxyType(
        {name: hashlib.sha256(data.joinpath(name).read_bytes()).hexdigest() for name in DATA_FILES}
    )
