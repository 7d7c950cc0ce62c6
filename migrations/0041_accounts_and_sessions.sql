-- Accounts and sessions (issue 14): API tokens expire, browser sessions end when idle, the admin page
-- shows each user's last login, and failed logins slow down the next try per (username, client
-- address) with one atomic statement instead of a count taken before the attempts were written.

alter table api_tokens add column expires_at timestamptz;
-- Tokens made before they could expire get the default lifetime (90 days) from the upgrade: expiring
-- them at created_at + 90 days would stop every script the morning after the upgrade.
update api_tokens set expires_at = now() + interval '90 days' where expires_at is null;
alter table api_tokens alter column expires_at set not null;
create index api_tokens_user_idx on api_tokens (user_id);

-- Refreshed at most once a minute while the session is used (no write per request).
alter table sessions add column last_seen_at timestamptz not null default now();

alter table users add column last_login_at timestamptz;

-- One row per (username, client address) with recent failures. Reserving an attempt is one upsert
-- whose update only happens when the delay after the last failure has passed, so parallel guesses
-- cannot all be checked; a success deletes the row. An attacker's row slows only that attacker.
create table login_throttle (
    username text not null,
    client text not null,
    failures integer not null check (failures > 0),
    last_attempt_at timestamptz not null,
    primary key (username, client)
);
create index login_throttle_last_attempt_idx on login_throttle (last_attempt_at);

-- The old limits counted these; they stay as the record of every checked attempt.
drop index login_attempts_client_idx;
