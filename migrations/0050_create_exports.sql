-- Background exports (issue 7): a planner asks, a worker writes the file into object storage
-- (key under exports/), the browser polls progress and downloads it until it expires.
-- Each start is a numbered attempt (like jobs.attempts): writes of a running attempt are fenced on it,
-- so a worker presumed dead that comes back late cannot overwrite the attempt that replaced it.
create table exports (
    id bigint generated always as identity primary key,
    requested_by bigint not null references users (id) on delete cascade,
    role text not null,  -- the requester's role when asking: masking was decided by it
    requester text not null,  -- "Name (username, role)" for the cover sheet
    format text not null check (format in ('xlsx', 'csv')),
    filters jsonb not null default '{}'::jsonb,
    full_personal boolean not null default false,
    status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    attempts integer not null default 0,
    max_attempts integer not null default 3,
    worker text,
    rows_done integer not null default 0,
    rows_total integer,
    error text,  -- the reason, in Vietnamese, for the user
    error_detail text,  -- the technical cause, for the log and support
    storage_key text,
    size_bytes bigint,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    updated_at timestamptz not null default now(),
    expires_at timestamptz not null default now() + interval '24 hours'
);
create index exports_requested_by_idx on exports (requested_by, id desc);
create index exports_expires_idx on exports (expires_at);
