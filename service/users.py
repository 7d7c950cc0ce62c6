"""Users, passwords (argon2id), API tokens, browser sessions and logging in.

Secrets (tokens, session cookies) are random 32-byte values shown once; only their SHA-256 is stored,
so a database dump does not let anyone log in. Tokens expire (`HKD_TOKEN_DAYS`); a session ends after
`HKD_SESSION_IDLE_MINUTES` without a request and `HKD_SESSION_HOURS` after login, whichever comes
first. Both refresh their "last used" time at most once a minute, so a request does not cost a write.
Failed logins are throttled by service.login_throttle. Managing accounts is service.accounts.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from enum import StrEnum

import asyncpg
import msgspec
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from service.db import Executor
from service.errors import InvalidInputError, NotAuthenticatedError
from service.i18n.messages import text
from service.login_throttle import forget_failures, record_failure, reserve_attempt
from service.runtime.settings import DEFAULTS, Settings

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (same time as a wrong password);
    made on first use, not at import (argon2 costs ~50 ms: every CLI command and worker imports this)."""
    return _hasher.hash("not-a-real-password")


MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
MAX_USERNAME_LENGTH = 64


class Role(StrEnum):
    CLERK = "clerk"  # văn thư / cán bộ một cửa: uploads
    REVIEWER = "reviewer"  # cán bộ kiểm tra: reviews and approves
    PLANNER = "planner"  # cán bộ kế hoạch: searches and exports the register
    ADMIN = "admin"  # users, roles, reference data


class CurrentUser(msgspec.Struct, frozen=True):
    id: int
    username: str
    display_name: str
    role: Role
    communes: tuple[str, ...] | None = None
    """The 2025 codes of the communes the user works for; None: the whole province (service.db.scope)."""


class PasswordPolicyError(InvalidInputError):
    """The password is too weak; the message (Vietnamese, for the UI and CLI) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, message_vi=message)


class Session(msgspec.Struct, frozen=True):
    secret: str  # goes into the cookie; never stored
    csrf_token: str
    user: CurrentUser


class SessionPolicy(msgspec.Struct, frozen=True):
    """How long a browser session lives: `idle` without a request, `lifetime` at most."""

    idle: dt.timedelta
    lifetime: dt.timedelta

    @classmethod
    def of(cls, settings: Settings) -> SessionPolicy:
        return cls(
            dt.timedelta(minutes=settings.session_idle_minutes), dt.timedelta(hours=settings.session_hours)
        )


class TokenExpiredError(NotAuthenticatedError):
    """A genuine token past its expiry: say so (the script's owner needs a new one), as a 401."""

    type, title = "/problems/token-expired", "Token expired"

    def __init__(self, expired_on: dt.datetime) -> None:
        day = expired_on.date().isoformat()
        super().__init__(
            f"the token expired on {day}; ask an administrator for a new one (hkd token create)",
            message_vi=text("auth.token_expired", day=expired_on.strftime("%d/%m/%Y")),
            expired_at=expired_on.isoformat(),
        )


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_policy(password: str, username: str) -> None:
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyError(text("password.too_long", length=MAX_PASSWORD_LENGTH))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(text("password.too_short", length=MIN_PASSWORD_LENGTH))
    if username.lower() in password.lower():
        raise PasswordPolicyError(text("password.has_username"))
    if len(set(password)) < 5:
        raise PasswordPolicyError(text("password.too_simple"))


USER_COLUMNS = "id, username, display_name, role, communes"
INSERT_USER = f"""
insert into users (username, display_name, role, password_hash) values ($1, $2, $3, $4)
returning {USER_COLUMNS}
"""
SELECT_USER_FOR_LOGIN = f"select {USER_COLUMNS}, password_hash from users where username = $1 and active"
INSERT_TOKEN = """
insert into api_tokens (user_id, name, token_sha256, expires_at) values ($1, $2, $3, now() + $4::interval)
returning id
"""
_U = "u." + USER_COLUMNS.replace(", ", ", u.")
# last_used_at is written at most once a minute per token: otherwise every GET of a script is a
# committed write (a WAL flush) — the register benchmark's 50 clients made that most of their writes.
SELECT_BY_TOKEN = f"""
with found as (
    select t.id as token_id, t.last_used_at, t.expires_at, {_U}
    from api_tokens t join users u on u.id = t.user_id
    where t.token_sha256 = $1 and t.revoked_at is null and u.active
), touched as (
    update api_tokens a set last_used_at = now() from found f
    where a.id = f.token_id and f.expires_at > now()
      and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute')
)
select {USER_COLUMNS}, expires_at, expires_at <= now() as expired from found
"""
INSERT_SESSION = """
insert into sessions (user_id, secret_sha256, csrf_token, expires_at) values ($1, $2, $3, now() + $4::interval)
"""
# Idle means no request for `$2`; last_seen_at moves at most once a minute (sliding, no write per request).
SELECT_BY_SESSION = f"""
with found as (
    select s.id as session_id, s.last_seen_at, s.csrf_token, {_U}
    from sessions s join users u on u.id = s.user_id
    where s.secret_sha256 = $1 and s.revoked_at is null and s.expires_at > now()
      and s.last_seen_at > now() - $2::interval and u.active
), touched as (
    update sessions x set last_seen_at = now() from found f
    where x.id = f.session_id and f.last_seen_at < now() - interval '1 minute'
)
select {USER_COLUMNS}, csrf_token from found
"""
REVOKE_SESSION = "update sessions set revoked_at = now() where secret_sha256 = $1 and revoked_at is null"
INSERT_ATTEMPT = "insert into login_attempts (username, client, succeeded) values ($1, $2, $3)"
RECORD_LOGIN = "update users set last_login_at = now() where id = $1"


def _user(row: asyncpg.Record) -> CurrentUser:
    communes = row["communes"]
    return CurrentUser(
        row["id"], row["username"], row["display_name"], Role(row["role"]),
        None if communes is None else tuple(communes),
    )  # fmt: skip


async def create_user(
    conn: Executor,
    username: str,
    role: Role,
    password: str | None,
    display_name: str = "",
) -> CurrentUser:
    password_hash = None
    if password is not None:
        check_password_policy(password, username)
        password_hash = hash_password(password)
    row = await conn.fetchrow(INSERT_USER, username, display_name or username, role.value, password_hash)
    assert row is not None
    return _user(row)


async def new_token(conn: Executor, user_id: int, name: str, days: int) -> tuple[int, str]:
    """A new token for `user_id`, valid `days` days: its id and the secret (shown once, never stored)."""
    token = "hkd_" + secrets.token_urlsafe(32)
    token_id = await conn.fetchval(INSERT_TOKEN, user_id, name, digest(token), dt.timedelta(days=days))
    return int(token_id), token


async def create_token(conn: Executor, user_id: int, name: str, days: int = DEFAULTS.token_days) -> str:
    """The secret of a new token (service.accounts.issue_token also audits it and returns its id)."""
    return (await new_token(conn, user_id, name, days))[1]


async def user_for_token(conn: Executor, token: str) -> CurrentUser | None:
    """The user behind a live token; None for an unknown or revoked one; TokenExpiredError once expired."""
    row = await conn.fetchrow(SELECT_BY_TOKEN, digest(token))
    if row is None:
        return None
    if row["expired"]:
        raise TokenExpiredError(row["expires_at"])
    return _user(row)


async def user_for_session(
    conn: Executor, secret: str, policy: SessionPolicy
) -> tuple[CurrentUser, str] | None:
    """The user and CSRF token of a live session (not revoked, expired or idle past `policy.idle`)."""
    row = await conn.fetchrow(SELECT_BY_SESSION, digest(secret), policy.idle)
    return None if row is None else (_user(row), row["csrf_token"])


async def log_in(
    pool: asyncpg.Pool, username: str, password: str, client: str, policy: SessionPolicy
) -> Session | None:
    """Check the password (throttled: LoginRateLimitedError; constant work whether or not the user
    exists); on success forget the failures and open a session, in one transaction."""
    if not username or len(username) > MAX_USERNAME_LENGTH:
        return None  # no account has such a name: nothing to check, nothing to throttle
    await reserve_attempt(pool, username, client)
    row = await pool.fetchrow(SELECT_USER_FOR_LOGIN, username)
    ok = (
        _verify(row["password_hash"] if row and row["password_hash"] else _dummy_hash(), password)
        and row is not None
    )
    if not ok or row is None:
        await pool.execute(INSERT_ATTEMPT, username, client, False)
        await record_failure(pool, username, client)
        return None
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(INSERT_ATTEMPT, username, client, True)
        await forget_failures(conn, username, client)
        await conn.execute(RECORD_LOGIN, row["id"])
        await conn.execute(INSERT_SESSION, row["id"], digest(secret), csrf, policy.lifetime)
    return Session(secret, csrf, _user(row))


async def log_out(pool: asyncpg.Pool, secret: str) -> None:
    await pool.execute(REVOKE_SESSION, digest(secret))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
