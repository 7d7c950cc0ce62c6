"""Users, passwords (argon2id), API tokens, browser sessions and login rate limiting.

Secrets (tokens, session cookies) are random 32-byte values shown once; only their SHA-256 is stored,
so a database dump does not let anyone log in.
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
from service.errors import AppError, InvalidInputError
from service.i18n.messages import text

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (same time as a wrong password);
    made on first use, not at import (argon2 costs ~50 ms: every CLI command and worker imports this)."""
    return _hasher.hash("not-a-real-password")


SESSION_DAYS = 7
LOGIN_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_CLIENT = 20
MIN_PASSWORD_LENGTH = 10


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


class PasswordPolicyError(InvalidInputError):
    """The password is too weak; the message (Vietnamese, for the UI and CLI) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, message_vi=message)


class Session(msgspec.Struct, frozen=True):
    secret: str  # goes into the cookie; never stored
    csrf_token: str
    user: CurrentUser


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_password_policy(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(text("password.too_short", length=MIN_PASSWORD_LENGTH))
    if username.lower() in password.lower():
        raise PasswordPolicyError(text("password.has_username"))
    if len(set(password)) < 5:
        raise PasswordPolicyError(text("password.too_simple"))


USER_COLUMNS = "id, username, display_name, role"
INSERT_USER = f"""
insert into users (username, display_name, role, password_hash) values ($1, $2, $3, $4)
returning {USER_COLUMNS}
"""
SELECT_USER_FOR_LOGIN = f"select {USER_COLUMNS}, password_hash from users where username = $1 and active"
INSERT_TOKEN = "insert into api_tokens (user_id, name, token_sha256) values ($1, $2, $3)"
# last_used_at is written at most once a minute per token: otherwise every GET of a script is a
# committed write (a WAL flush) — the register benchmark's 50 clients made that most of their writes.
SELECT_BY_TOKEN = f"""
with found as (
    select t.id as token_id, t.last_used_at, u.{USER_COLUMNS.replace(", ", ", u.")}
    from api_tokens t join users u on u.id = t.user_id
    where t.token_sha256 = $1 and t.revoked_at is null and u.active
), touched as (
    update api_tokens a set last_used_at = now() from found f
    where a.id = f.token_id and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute')
)
select {USER_COLUMNS} from found
"""
INSERT_SESSION = """
insert into sessions (user_id, secret_sha256, csrf_token, expires_at) values ($1, $2, $3, $4)
"""
SELECT_BY_SESSION = f"""
select u.{USER_COLUMNS.replace(", ", ", u.")}, s.csrf_token from sessions s join users u on u.id = s.user_id
where s.secret_sha256 = $1 and s.revoked_at is null and s.expires_at > now() and u.active
"""
REVOKE_SESSION = "update sessions set revoked_at = now() where secret_sha256 = $1 and revoked_at is null"
COUNT_FAILURES = """
select count(*) filter (where username = $1) as by_user, count(*) filter (where client = $2) as by_client
from login_attempts where not succeeded and at > now() - $3::interval
"""
INSERT_ATTEMPT = "insert into login_attempts (username, client, succeeded) values ($1, $2, $3)"


def _user(row: asyncpg.Record) -> CurrentUser:
    return CurrentUser(row["id"], row["username"], row["display_name"], Role(row["role"]))


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
        password_hash = _hasher.hash(password)
    row = await conn.fetchrow(INSERT_USER, username, display_name or username, role.value, password_hash)
    assert row is not None
    return _user(row)


async def create_token(conn: Executor, user_id: int, name: str) -> str:
    token = "hkd_" + secrets.token_urlsafe(32)
    await conn.execute(INSERT_TOKEN, user_id, name, digest(token))
    return token


async def user_for_token(conn: Executor, token: str) -> CurrentUser | None:
    row = await conn.fetchrow(SELECT_BY_TOKEN, digest(token))
    return None if row is None else _user(row)


async def user_for_session(conn: Executor, secret: str) -> tuple[CurrentUser, str] | None:
    row = await conn.fetchrow(SELECT_BY_SESSION, digest(secret))
    return None if row is None else (_user(row), row["csrf_token"])


class LoginRateLimitedError(AppError):
    """Too many failed logins for this username or client recently (a 429 for the login routes)."""

    status, type, title = 429, "/problems/too-many-logins", "Too many failed logins"
    message_vi = text("auth.too_many_logins")


async def log_in(pool: asyncpg.Pool, username: str, password: str, client: str) -> Session | None:
    """Check the password (constant work whether or not the user exists); open a session on success."""
    failures = await pool.fetchrow(COUNT_FAILURES, username, client, LOGIN_WINDOW)
    assert failures is not None
    if failures["by_user"] >= MAX_FAILURES_PER_USERNAME or failures["by_client"] >= MAX_FAILURES_PER_CLIENT:
        raise LoginRateLimitedError("too many failed logins; wait 15 minutes")
    row = await pool.fetchrow(SELECT_USER_FOR_LOGIN, username)
    ok = (
        _verify(row["password_hash"] if row and row["password_hash"] else _dummy_hash(), password)
        and row is not None
    )
    await pool.execute(INSERT_ATTEMPT, username, client, ok)
    if not ok or row is None:
        return None
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=SESSION_DAYS)
    await pool.execute(INSERT_SESSION, row["id"], digest(secret), csrf, expires)
    return Session(secret, csrf, _user(row))


async def log_out(pool: asyncpg.Pool, secret: str) -> None:
    await pool.execute(REVOKE_SESSION, digest(secret))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
