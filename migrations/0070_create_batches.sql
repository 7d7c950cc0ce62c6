-- Batches (issue 17): a scanned stack in one file, classified page by page and split into documents.
-- A batch is its own job kind: each start is a numbered attempt, and writes of a running attempt are
-- fenced on it (like jobs.attempts). The same file twice is the same batch (sha256).
create table batches (
    id bigint generated always as identity primary key,
    sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
    media_type text not null,
    size_bytes bigint not null check (size_bytes > 0),
    page_count integer not null check (page_count > 0),
    original_name text not null default '',
    label jsonb not null default '{}'::jsonb,  -- box, commune, scanned_by, scanned_on
    uploaded_by bigint references users (id),
    status text not null default 'queued'
        check (status in ('queued', 'running', 'retrying', 'succeeded', 'failed', 'dead')),
    outcome text,  -- split | no_certificate | only_blank (when succeeded)
    attempts integer not null default 0,
    max_attempts integer not null default 3,
    worker text,
    pages_done integer not null default 0,
    error_code text,
    error_detail text,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    updated_at timestamptz not null default now()
);

-- One row per page of the batch: what the classifier said, what the clerk said, the stored page.
create table batch_pages (
    batch_id bigint not null references batches (id) on delete cascade,
    number integer not null check (number > 0),
    kind text not null,
    other_kind text,
    confidence real not null,
    reasons jsonb not null default '[]'::jsonb,
    rotation integer not null default 0,
    override_kind text,  -- the clerk's correction, when there is one
    image_sha256 text not null,  -- the page, upright, as JPEG
    thumb_sha256 text not null,
    width integer not null,
    height integer not null,
    grey boolean not null default false,
    primary key (batch_id, number)
);

-- The current split: one row per child. Certificates are documents (today's pipeline and review);
-- attachments and other papers keep their file here, with the certificate they belong to.
create table batch_children (
    batch_id bigint not null references batches (id) on delete cascade,
    position integer not null,
    role text not null check (role in ('certificate', 'attachment', 'other')),
    pages integer[] not null,
    reason text not null default '',
    uncertain boolean not null default false,
    attached_to integer,  -- position of the certificate
    file_sha256 text not null,
    document_id bigint references documents (id) on delete set null,
    primary key (batch_id, position)
);
create index batch_children_document_idx on batch_children (document_id);

alter table documents add column batch_id bigint references batches (id);
create index documents_batch_idx on documents (batch_id) where batch_id is not null;
