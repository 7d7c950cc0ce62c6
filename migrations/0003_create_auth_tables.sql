-- Authentication: API tokens for scripts, browser sessions (with their CSRF token), login attempts
-- for rate limiting. Secrets are stored only as SHA-256 digests.
create table api_tokens (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id) on delete cascade,
    name text not null,
    token_sha256 text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
);

create table sessions (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id) on delete cascade,
    secret_sha256 text not null unique,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table login_attempts (
    id bigint generated always as identity primary key,
    username text not null,
    client text not null,
    succeeded boolean not null,
    at timestamptz not null default now()
);
create index login_attempts_username_idx on login_attempts (username, at);
create index login_attempts_client_idx on login_attempts (client, at);
