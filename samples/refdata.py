"""Reference tables the generator draws from, read once from the `schemas.data` package.

Only what realistic content needs: administrative units (before and after the 2025 merger), the
12-digit ID province prefixes, landline area codes and VSIC level-4 names of both versions.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from importlib import resources

import msgspec


class Commune(msgspec.Struct, frozen=True):
    """A xã/phường/thị trấn with its parents, names as printed ("Phường Phúc Xá")."""

    code: str
    name: str
    district: str | None  # "Quận Ba Đình"; None after 2025 (no district level)
    province: str  # "Thành phố Hà Nội"
    province_code: str  # GSO code of the era's province


class IdPrefix(msgspec.Struct, frozen=True):
    """Three-digit prefix of a 12-digit personal ID and the province it stands for."""

    prefix: str
    province: str  # pre-2025 full name ("Tỉnh Hà Giang")
    short_name: str
    province_code_2025: str


def clean_text(text: str) -> str:
    """NFC with single spaces: a few source names carry double spaces."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of one CSV in schemas/data as dicts of clean text (codes keep their leading zeros)."""
    text = resources.files("schemas").joinpath("data", name).read_text(encoding="utf-8")
    return [{k: clean_text(v or "") for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


@functools.cache
def load_communes_pre2025() -> tuple[Commune, ...]:
    """Level-3 units (xã/phường/thị trấn) with district and province, as on 2015–2025 certificates."""
    return tuple(
        Commune(row["code"], row["name"], row["district_name"], row["province_name"], row["province_code"])
        for row in read_rows("admin_units_pre2025.csv")
        if row["level"] == "3"
    )


@functools.cache
def load_communes_2025() -> tuple[Commune, ...]:
    """Level-2 units (xã/phường/đặc khu) of the 34 provinces, as on post-07/2025 certificates."""
    return tuple(
        Commune(row["code"], row["name"], None, row["province_name"], row["province_code"])
        for row in read_rows("admin_units_2025.csv")
        if row["level"] == "2"
    )


@functools.cache
def load_id_prefixes() -> tuple[IdPrefix, ...]:
    return tuple(
        IdPrefix(
            row["cccd_prefix"],
            row["province_name_pre2025"],
            row["province_short_name"],
            row["province_code_2025"],
        )
        for row in read_rows("cccd_province_codes.csv")
    )


@functools.cache
def load_landline_prefixes() -> dict[str, str]:
    """GSO pre-2025 province code → landline area prefix ("01" → "024")."""
    return {
        row["gso_province_code_pre2025"]: row["landline_area_prefix"]
        for row in read_rows("phone_landline_area_codes_2017.csv")
        if row["gso_province_code_pre2025"]
    }


@functools.cache
def load_province_area_codes_2025() -> dict[str, str]:
    """2025 province code → landline area prefix with its leading 0."""
    return {
        row["code"]: "0" + row["phone_area_code"]
        for row in read_rows("admin_units_2025.csv")
        if row["level"] == "1" and row["phone_area_code"]
    }


@functools.cache
def load_vsic(version: str) -> dict[str, str]:
    """Level-4 VSIC code → name for version "2018" or "2025"."""
    name = "vsic2018.csv" if version == "2018" else "vsic2025.csv"
    return {row["code"]: row["name_vi"] for row in read_rows(name) if row["level"] == "4"}
