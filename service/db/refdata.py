"""Reference data in PostgreSQL: load the package's CSVs (schemas.reference) into the tables of
migration 0010, and report what is loaded (`hkd refdata status|load`, the admin API, and
`open_runtime` for `hkd serve`, which loads them on first start and after an upgrade).

The data ships inside the package, so loading is a Python step (bulk `copy_records_to_table`), not
SQL in a migration. A load replaces every reference row in one transaction and records each file's
SHA-256, so `status` can tell whether the database holds the data this code was built with.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from schemas.reference import (
    load_cccd_prefixes,
    load_data_checksums,
    load_landline_area_codes,
    load_old_to_new_mapping,
    load_units_2025,
    load_units_pre2025,
    load_vsic,
    load_vsic_correspondence,
)
from service.db.pool import Conn, Executor

__all__ = [
    "RefdataFile",
    "RefdataStatus",
    "ensure_reference_data",
    "get_refdata_status",
    "load_reference_data",
]

# Children first: deleting in this order (and inserting in reverse) keeps the foreign keys happy.
TABLES = (
    "admin_unit_mappings",
    "vsic_correspondences",
    "admin_units",
    "vsic_codes",
    "cccd_prefixes",
    "landline_area_codes",
)
UNIT_COLUMNS = (
    "scheme", "code", "name", "kind", "unit_type", "parent_code", "province_code", "district_code",
    "phone_area_code",
)  # fmt: skip
MAPPING_COLUMNS = (
    "old_province_code", "old_district_code", "old_commune_code", "old_commune_name", "new_province_code",
    "new_commune_code", "note", "is_split", "source",
)  # fmt: skip
VSIC_COLUMNS = ("version", "code", "level", "name", "parent_code")
CORRESPONDENCE_COLUMNS = ("level", "code_2018", "name_2018", "code_2025", "name_2025", "relation")
CCCD_COLUMNS = (
    "prefix", "gso_province_code", "province_name_pre2025", "province_short_name", "province_code_2025",
    "province_name_2025",
)  # fmt: skip
AREA_COLUMNS = ("prefix", "province_name_in_source", "gso_province_code", "province_name_pre2025")

INSERT_LOAD = "insert into refdata_loads (file, sha256, row_count) values ($1, $2, $3)"
SELECT_LATEST_LOADS = """
select distinct on (file) file, sha256, row_count, loaded_at
from refdata_loads
order by file, loaded_at desc, id desc
"""
COUNT_ROWS = """
select
    (select count(*) from admin_units where scheme = '2025') as units_2025,
    (select count(*) from admin_units where scheme = 'pre2025') as units_pre2025,
    (select count(*) from admin_unit_mappings) as mappings,
    (select count(distinct old_commune_code) from admin_unit_mappings where is_split) as split_communes,
    (select count(*) from vsic_codes where version = '2018') as vsic_2018,
    (select count(*) from vsic_codes where version = '2025') as vsic_2025,
    (select count(*) from vsic_correspondences) as vsic_correspondences,
    (select count(*) from cccd_prefixes) as cccd_prefixes,
    (select count(*) from landline_area_codes) as landline_area_codes
"""


class RefdataFile(msgspec.Struct, frozen=True):
    file: str
    sha256: str
    row_count: int
    loaded_at: dt.datetime


class RefdataStatus(msgspec.Struct, frozen=True):
    """Row counts per table, the last load of each file, and whether it matches the shipped files."""

    counts: dict[str, int]
    files: list[RefdataFile]
    is_current: bool
    stale_files: list[str]

    def render(self) -> str:
        """For `hkd refdata status|load`: counts, file versions, up to date or not."""
        lines = [f"{name:<22} {count:>7}" for name, count in self.counts.items()]
        lines += [
            f"{f.file:<36} {f.sha256[:12]} {f.row_count:>6} rows  {f.loaded_at:%Y-%m-%d %H:%M}"
            for f in self.files
        ]
        lines.append(
            "up to date" if self.is_current else "outdated or missing: " + ", ".join(self.stale_files)
        )
        return "\n".join(lines)


def _rows(structs: object, columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(s, c) for c in columns) for s in structs]  # type: ignore[attr-defined]


async def load_reference_data(conn: Conn) -> RefdataStatus:
    """Replace every reference row with the package's data. Runs in its own transaction."""
    units = (*load_units_2025(), *load_units_pre2025())
    vsic = (*load_vsic("2018").values(), *load_vsic("2025").values())
    mapping = load_old_to_new_mapping()
    correspondence = load_vsic_correspondence()
    per_file = {
        "admin_units_2025.csv": len(load_units_2025()),
        "admin_units_pre2025.csv": len(load_units_pre2025()),
        "admin_mapping_2025_old_to_new.csv": sum(1 for m in mapping if m.source == "official_table"),
        "admin_mapping_2025_dvhcvn.csv": sum(1 for m in mapping if m.source == "dvhcvn"),
        "vsic2018.csv": len(load_vsic("2018")),
        "vsic2025.csv": len(load_vsic("2025")),
        "vsic_2018_to_2025.csv": len(correspondence),
        "cccd_province_codes.csv": len(load_cccd_prefixes()),
        "phone_landline_area_codes_2017.csv": len(load_landline_area_codes()),
    }
    async with conn.transaction():
        for table in TABLES:
            await conn.execute(f"delete from {table}")
        await conn.copy_records_to_table(
            "admin_units", records=_rows(units, UNIT_COLUMNS), columns=UNIT_COLUMNS
        )
        await conn.copy_records_to_table(
            "vsic_codes", records=_rows(vsic, VSIC_COLUMNS), columns=VSIC_COLUMNS
        )
        await conn.copy_records_to_table(
            "admin_unit_mappings", records=_rows(mapping, MAPPING_COLUMNS), columns=MAPPING_COLUMNS
        )
        await conn.copy_records_to_table(
            "vsic_correspondences",
            records=_rows(correspondence, CORRESPONDENCE_COLUMNS),
            columns=CORRESPONDENCE_COLUMNS,
        )
        await conn.copy_records_to_table(
            "cccd_prefixes", records=_rows(load_cccd_prefixes().values(), CCCD_COLUMNS), columns=CCCD_COLUMNS
        )
        await conn.copy_records_to_table(
            "landline_area_codes",
            records=_rows(load_landline_area_codes().values(), AREA_COLUMNS),
            columns=AREA_COLUMNS,
        )
        checksums = load_data_checksums()
        await conn.executemany(INSERT_LOAD, [(f, checksums[f], n) for f, n in per_file.items()])
    return await get_refdata_status(conn)


async def get_refdata_status(db: Executor) -> RefdataStatus:
    """What is loaded now, and which shipped files differ from (or are missing in) the last load."""
    counts = dict(await db.fetchrow(COUNT_ROWS) or {})
    files = [msgspec.convert(dict(r), RefdataFile) for r in await db.fetch(SELECT_LATEST_LOADS)]
    loaded = {f.file: f.sha256 for f in files}
    stale = sorted(name for name, digest in load_data_checksums().items() if loaded.get(name) != digest)
    return RefdataStatus(
        counts={k: int(v) for k, v in counts.items()}, files=files, is_current=not stale, stale_files=stale
    )


async def ensure_reference_data(conn: Conn) -> bool:
    """Load the data if the database lacks it or holds another version; True if it loaded now.
    Meant for startup (`hkd serve`), after migrations."""
    if (await get_refdata_status(conn)).is_current:
        return False
    await load_reference_data(conn)
    return True
