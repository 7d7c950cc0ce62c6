-- Review: who holds a document (claims expire), its revision for optimistic concurrency, append-only
-- corrections, acknowledged findings and the approved record. Documents gain in_review/approved/rejected.
alter table documents add constraint documents_status_check
    check (status in ('queued', 'processing', 'processed', 'failed', 'in_review', 'approved', 'rejected'));

-- One row per document under review. The primary key is the claim's uniqueness: claiming is an
-- upsert whose update only happens when the row is free, expired or already the caller's.
create table review_states (
    document_id bigint primary key references documents (id) on delete cascade,
    revision integer not null default 0 check (revision >= 0),
    claimed_by bigint references users (id),
    claim_expires_at timestamptz,
    decided_by bigint references users (id),
    decided_at timestamptz,
    reject_reason text,
    updated_at timestamptz not null default now(),
    check ((claimed_by is null) = (claim_expires_at is null))
);

-- Append-only: a later correction of the same field supersedes an earlier one; nothing is updated.
create table review_corrections (
    id bigint generated always as identity primary key,
    document_id bigint not null references documents (id) on delete cascade,
    extraction_id bigint references extractions (id) on delete set null,
    field text not null,
    ocr_value jsonb,
    corrected_value jsonb,
    user_id bigint not null references users (id),
    created_at timestamptz not null default now()
);
create index review_corrections_document_idx on review_corrections (document_id, id);

create function forbid_update() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger review_corrections_append_only before update on review_corrections
    for each row execute function forbid_update();

-- A reviewer has read an error/warning finding and accepts the record despite it.
create table review_acknowledgements (
    id bigint generated always as identity primary key,
    document_id bigint not null references documents (id) on delete cascade,
    code text not null,
    field text not null default '',
    user_id bigint not null references users (id),
    created_at timestamptz not null default now(),
    unique (document_id, code, field)
);

-- The final record of each approved document (with the register's answer when there is one).
create table approved_records (
    document_id bigint primary key references documents (id) on delete cascade,
    extraction_id bigint references extractions (id) on delete set null,
    layout text not null,
    record jsonb not null,
    action text not null,
    business_id bigint,
    version_id bigint,
    approved_by bigint not null references users (id),
    created_at timestamptz not null default now()
);

-- Rerun with the reviewer's page rotations: degrees clockwise applied to each original page first.
alter table jobs add column page_rotations jsonb not null default '{}'::jsonb;
