-- Reference data shipped in schemas/data (provenance: schemas/data/SOURCES.md): administrative units
-- before and after the July 2025 reform, the old→new commune mapping (split communes marked), VSIC
-- 2018 and 2025 with their correspondence, personal-ID province prefixes and landline area codes.
-- The rows are loaded from the package by `hkd refdata load` (service/refdata.py), not here.
-- Unit codes are unique only within a scheme: 2025 codes reuse old numbers for other places.

create table admin_units (
    scheme text not null check (scheme in ('2025', 'pre2025')),
    code text not null,
    name text not null,
    kind text not null check (kind in ('province', 'district', 'commune')),
    unit_type text not null,
    parent_code text,
    province_code text not null,
    district_code text,
    phone_area_code text,
    primary key (scheme, code),
    check (kind <> 'district' or scheme = 'pre2025')
);
create index admin_units_parent_idx on admin_units (scheme, parent_code);

create table admin_unit_mappings (
    id bigint generated always as identity primary key,
    old_scheme text not null default 'pre2025' check (old_scheme = 'pre2025'),
    new_scheme text not null default '2025' check (new_scheme = '2025'),
    old_province_code text not null,
    old_district_code text,
    old_commune_code text,  -- null: a whole district without communes became a đặc khu
    old_commune_name text,
    new_province_code text not null,
    new_commune_code text not null,
    note text not null,
    is_split boolean not null,  -- the old commune has several new communes: a human chooses
    source text not null check (source in ('official_table', 'dvhcvn')),
    foreign key (old_scheme, old_commune_code) references admin_units (scheme, code),
    foreign key (new_scheme, new_commune_code) references admin_units (scheme, code),
    unique (old_commune_code, new_commune_code)
);
create index admin_unit_mappings_new_idx on admin_unit_mappings (new_commune_code);

create table vsic_codes (
    version text not null check (version in ('2018', '2025')),
    code text not null,
    level smallint not null check (level between 1 and 5),
    name text not null,
    parent_code text,
    primary key (version, code)
);

create table vsic_correspondences (
    id bigint generated always as identity primary key,
    level smallint not null check (level between 1 and 5),
    code_2018 text not null,
    name_2018 text not null,
    code_2025 text not null,
    name_2025 text not null,
    relation text not null check (relation in ('one_to_one', 'one_to_many', 'many_to_one', 'many_to_many')),
    unique (code_2018, code_2025)
);

create table cccd_prefixes (
    prefix text primary key check (prefix ~ '^[0-9]{3}$'),
    gso_province_code text not null,
    province_name_pre2025 text not null,
    province_short_name text not null,
    province_code_2025 text not null,
    province_name_2025 text not null
);

create table landline_area_codes (
    prefix text primary key check (prefix ~ '^0[0-9]{2,3}$'),
    province_name_in_source text not null,
    gso_province_code text not null,
    province_name_pre2025 text not null
);

-- One row per data file per load: what was loaded, from which file version, when.
create table refdata_loads (
    id bigint generated always as identity primary key,
    file text not null,
    sha256 text not null,
    row_count integer not null,
    loaded_at timestamptz not null default now()
);
create index refdata_loads_file_idx on refdata_loads (file, loaded_at desc);
