-- Core tables: users and roles, uploaded documents, their pages, OCR jobs with progress, the audit log.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gist;

create table users (
    id bigint generated always as identity primary key,
    username text not null unique,
    display_name text not null default '',
    role text not null check (role in ('clerk', 'reviewer', 'planner', 'admin')),
    password_hash text,
    active boolean not null default true,
    created_at timestamptz not null default now()
);

create table documents (
    id bigint generated always as identity primary key,
    sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
    media_type text not null,
    size_bytes bigint not null check (size_bytes > 0),
    page_count integer not null check (page_count > 0),
    original_name text not null default '',
    uploaded_by bigint references users (id),
    status text not null default 'queued',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index documents_status_idx on documents (status, id);

create table pages (
    document_id bigint not null references documents (id) on delete cascade,
    number integer not null check (number > 0),
    width integer not null,
    height integer not null,
    image_sha256 text not null,
    rotation integer not null default 0,
    created_at timestamptz not null default now(),
    primary key (document_id, number)
);

create table jobs (
    id bigint generated always as identity primary key,
    document_id bigint not null references documents (id) on delete cascade,
    kind text not null default 'ocr',
    status text not null default 'queued'
        check (status in ('queued', 'running', 'retrying', 'succeeded', 'failed', 'dead')),
    attempts integer not null default 0,
    max_attempts integer not null default 3,
    step text not null default 'queued',
    pages_done integer not null default 0,
    pages_total integer not null default 0,
    error_code text,
    error_detail text,
    worker text,
    started_at timestamptz,
    finished_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index jobs_document_idx on jobs (document_id);
create index jobs_status_idx on jobs (status);

create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    actor_id bigint references users (id),
    action text not null,
    entity text not null,
    entity_id text,
    detail jsonb not null default '{}'::jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
