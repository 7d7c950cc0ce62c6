-- The register: businesses with versioned history (one version per certificate issue or event).
-- Validity ranges never overlap within a business (exclusion constraint, checked per statement so a
-- re-cut of all ranges in one UPDATE works when an old scan is placed in the middle of history).

create function hkd_unaccent(text) returns text
    language sql immutable parallel safe strict
    return public.unaccent('public.unaccent'::regdictionary, lower($1));

create table businesses (
    id bigint generated always as identity primary key,
    version integer not null default 1,
    status text not null default 'active'
        check (status in ('active', 'suspended', 'terminated', 'revoked')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table business_versions (
    id bigint generated always as identity primary key,
    business_id bigint not null references businesses (id),
    kind text not null check (kind in ('first_registration', 'amendment', 'reissue', 'suspension',
                                        'resumption', 'termination', 'revocation')),
    amendment_number integer,
    effective_on date not null,
    valid daterange not null,
    status text not null check (status in ('active', 'suspended', 'terminated', 'revoked')),
    layout text,
    record jsonb not null,
    diff jsonb,
    registration_number text,
    business_name text,
    owner_name text,
    owner_id_number text,
    address text,
    commune_code text,
    commune_name text,
    province_code text,
    province_name text,
    capital_vnd bigint,
    employees integer,
    sections text[] not null default '{}',
    search_text text not null default '',
    document_id bigint references documents (id),
    approved_by bigint references users (id),
    created_at timestamptz not null default now(),
    constraint business_versions_no_overlap
        exclude using gist (business_id with =, valid with &&) deferrable initially immediate
);
create index business_versions_business_idx on business_versions (business_id, effective_on);
create index business_versions_valid_idx on business_versions using gist (valid);
create index business_versions_search_idx on business_versions using gin (search_text gin_trgm_ops);
create index business_versions_owner_id_idx on business_versions (owner_id_number);
create index business_versions_current_idx on business_versions (business_id) where upper_inf(valid);
create index business_versions_commune_idx on business_versions (commune_code) where upper_inf(valid);
create index business_versions_sections_idx on business_versions using gin (sections);

create table business_lines (
    version_id bigint not null references business_versions (id) on delete cascade,
    position integer not null,
    code text,
    vsic_version text,
    name text,
    primary key (version_id, position)
);

create table business_members (
    version_id bigint not null references business_versions (id) on delete cascade,
    position integer not null,  -- 0 = the owner (chủ hộ)
    role text not null check (role in ('owner', 'member')),
    full_name text,
    birth_date date,
    id_number text,
    primary key (version_id, position)
);

create table business_identifiers (
    id bigint generated always as identity primary key,
    business_id bigint not null references businesses (id),
    kind text not null check (kind in ('registration_number_old', 'tax_code', 'code_2025', 'other')),
    value text not null,
    valid_from date,
    valid_to date,
    unique (business_id, kind, value)
);
create index business_identifiers_value_idx on business_identifiers (value);

create table business_events (
    id bigint generated always as identity primary key,
    business_id bigint not null references businesses (id),
    kind text not null check (kind in ('suspension', 'resumption', 'termination', 'revocation', 'reissue')),
    from_date date not null,
    to_date date,
    document_ids bigint[] not null default '{}',
    note text not null default '',
    created_by bigint references users (id),
    created_at timestamptz not null default now()
);
