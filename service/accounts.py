"""Managing accounts: list, create, disable and enable users, change a role or a password; list, issue
and revoke API tokens. The command line and the admin page both call these.

Each change and its audit row are one transaction; the audit detail says what changed and by which
way (`via`: the admin page, or the command line and its operating-system user), never a password or
a token. Disabling a user ends their sessions and revokes their tokens in that same transaction, so
nothing they hold works a moment later; a new password ends their sessions. The last active admin can
be neither disabled nor demoted (the active admins' rows are locked first, so two admins demoting
each other at once cannot both succeed), and an admin cannot disable their own account.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Any

import asyncpg
import msgspec

from service.audit import write_audit
from service.db import Conn, Executor
from service.errors import ConflictError, InvalidInputError, NotFoundError
from service.i18n.messages import text
from service.users import (
    MAX_USERNAME_LENGTH,
    Role,
    check_password_policy,
    create_user,
    hash_password,
    new_token,
)

MAX_DISPLAY_NAME_LENGTH = 100
_USERNAME = re.compile(r"[\w.@-]+")  # letters (Vietnamese too), digits, _ . @ -
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Actor(msgspec.Struct, frozen=True):
    """Who makes a change: the admin on the page (`id`), or the command line (`id` None)."""

    id: int | None
    via: str  # "web", or "cli:<operating-system user>"


class Account(msgspec.Struct, frozen=True):
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    live_tokens: int
    communes: list[str] | None = None  # 2025 codes; None: the whole province (service.communes)


class Ended(msgspec.Struct, frozen=True):
    """What a change ended at once: the user's sessions, their tokens."""

    sessions: int = 0
    tokens: int = 0


class TokenStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class TokenInfo(msgspec.Struct, frozen=True):
    """What may be shown of a token: never its secret (nobody has it) nor its digest."""

    id: int
    user_id: int
    username: str
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    status: TokenStatus


ACCOUNT_SQL = """
select u.id, u.username, u.display_name, u.role, u.active, u.created_at, u.last_login_at, u.communes,
       (select count(*) from api_tokens t
        where t.user_id = u.id and t.revoked_at is null and t.expires_at > now()) as live_tokens
from users u
"""
LIST_ACCOUNTS = ACCOUNT_SQL + " order by u.username"
GET_ACCOUNT = ACCOUNT_SQL + " where u.id = $1"
ACCOUNT_ID = "select id from users where username = $1"
LOCK_ACTIVE_ADMINS = "select id from users where role = 'admin' and active order by id for update"
LOCK_USER = "select id, username, role, active from users where id = $1 for update"
SET_ACTIVE = "update users set active = $2 where id = $1"
SET_ROLE = "update users set role = $2 where id = $1"
SET_PASSWORD = "update users set password_hash = $2 where id = $1"
END_SESSIONS = "update sessions set revoked_at = now() where user_id = $1 and revoked_at is null"
REVOKE_TOKENS = "update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null"
TOKEN_SQL = """
select t.id, t.user_id, u.username, t.name, t.created_at, t.last_used_at, t.expires_at, t.revoked_at,
       case when t.revoked_at is not null then 'revoked' when t.expires_at <= now() then 'expired'
            else 'active' end as status
from api_tokens t join users u on u.id = t.user_id
"""
LIST_TOKENS = TOKEN_SQL + " where $1::bigint is null or t.user_id = $1 order by t.created_at desc, t.id desc"
GET_TOKEN = TOKEN_SQL + " where t.id = $1"
REVOKE_TOKEN = "update api_tokens set revoked_at = now() where id = $1 and revoked_at is null"


class LastAdminError(ConflictError):
    type, title = "/problems/last-admin", "Last administrator"
    message_vi = text("account.last_admin")


def clean_username(name: str) -> str:
    """NFC, trimmed, 1–64 letters, digits or `_ . @ -` (a login name, typed on a commune PC)."""
    cleaned = unicodedata.normalize("NFC", name.strip())
    if not cleaned or len(cleaned) > MAX_USERNAME_LENGTH or not _USERNAME.fullmatch(cleaned):
        raise InvalidInputError(
            "a username is 1–64 letters, digits or _ . @ -",
            message_vi=text("account.bad_username", length=MAX_USERNAME_LENGTH),
            field="username",
        )
    return cleaned


def clean_display_name(name: str, username: str) -> str:
    cleaned = unicodedata.normalize("NFC", " ".join(name.split()))
    if len(cleaned) > MAX_DISPLAY_NAME_LENGTH or _CONTROL.search(name):
        raise InvalidInputError(
            "a display name is at most 100 characters, without control characters",
            message_vi=text("account.bad_display_name", length=MAX_DISPLAY_NAME_LENGTH),
            field="display_name",
        )
    return cleaned or username


async def list_accounts(db: Executor) -> list[Account]:
    return [_account(row) for row in await db.fetch(LIST_ACCOUNTS)]


async def get_account(db: Executor, user_id: int) -> Account:
    row = await db.fetchrow(GET_ACCOUNT, user_id)
    if row is None:
        raise NotFoundError(f"no user {user_id}", message_vi=text("account.not_found"))
    return _account(row)


async def account_id(db: Executor, username: str) -> int:
    """The id of the user called `username` (the command line names users)."""
    found = await db.fetchval(ACCOUNT_ID, unicodedata.normalize("NFC", username.strip()))
    if found is None:
        raise NotFoundError(f"no user {username}", message_vi=text("account.not_found"))
    return int(found)


async def create_account(
    pool: asyncpg.Pool, actor: Actor, username: str, role: Role, password: str, display_name: str = ""
) -> Account:
    name = clean_username(username)
    shown = clean_display_name(display_name, name)
    async with pool.acquire() as conn, conn.transaction():
        try:
            user = await create_user(conn, name, role, password, shown)
        except asyncpg.UniqueViolationError:
            raise ConflictError(
                f"user {name} already exists", message_vi=text("account.exists", name=name)
            ) from None
        await _audit(conn, actor, "user.create", user.id, username=name, role=role.value)
        return await get_account(conn, user.id)


async def set_active(pool: asyncpg.Pool, actor: Actor, user_id: int, active: bool) -> tuple[Account, Ended]:
    """Enable, or disable and at once end the user's sessions and revoke their tokens."""
    async with pool.acquire() as conn, conn.transaction():
        admins = [r["id"] for r in await conn.fetch(LOCK_ACTIVE_ADMINS)]
        user = await _lock_user(conn, user_id)
        if not active and user["active"]:
            if actor.id == user_id:
                raise ConflictError("you cannot disable your own account", message_vi=text("account.self"))
            if admins == [user_id]:
                raise LastAdminError("the last active administrator cannot be disabled")
        ended = Ended()
        if user["active"] != active:
            await conn.execute(SET_ACTIVE, user_id, active)
            if active:
                await _audit(conn, actor, "user.enable", user_id, username=user["username"])
            else:
                ended = Ended(
                    _count(await conn.execute(END_SESSIONS, user_id)),
                    _count(await conn.execute(REVOKE_TOKENS, user_id)),
                )
                await _audit(
                    conn, actor, "user.disable", user_id,
                    username=user["username"], sessions_ended=ended.sessions, tokens_revoked=ended.tokens,
                )  # fmt: skip
        return await get_account(conn, user_id), ended


async def set_role(pool: asyncpg.Pool, actor: Actor, user_id: int, role: Role) -> Account:
    async with pool.acquire() as conn, conn.transaction():
        admins = [r["id"] for r in await conn.fetch(LOCK_ACTIVE_ADMINS)]
        user = await _lock_user(conn, user_id)
        old = Role(user["role"])
        if old == role:
            return await get_account(conn, user_id)
        if old == Role.ADMIN and admins == [user_id]:
            raise LastAdminError("the last active administrator cannot lose the role")
        if actor.id == user_id:  # like disabling oneself: an admin who demotes themself is locked out
            raise ConflictError("you cannot change your own role", message_vi=text("account.self_role"))
        await conn.execute(SET_ROLE, user_id, role.value)
        await _audit(conn, actor, "user.set_role", user_id, username=user["username"], old=old, new=role)
        return await get_account(conn, user_id)


async def set_password(pool: asyncpg.Pool, actor: Actor, user_id: int, password: str) -> int:
    """A new password (the policy applies); the user's open sessions end. Returns how many did."""
    async with pool.acquire() as conn, conn.transaction():
        user = await _lock_user(conn, user_id)
        check_password_policy(password, user["username"])
        await conn.execute(SET_PASSWORD, user_id, hash_password(password))
        sessions = _count(await conn.execute(END_SESSIONS, user_id))
        await _audit(
            conn, actor, "user.set_password", user_id, username=user["username"], sessions_ended=sessions
        )
        return sessions


async def list_tokens(db: Executor, user_id: int | None = None) -> list[TokenInfo]:
    return [_token(row) for row in await db.fetch(LIST_TOKENS, user_id)]


async def issue_token(
    pool: asyncpg.Pool, actor: Actor, user_id: int, label: str, days: int
) -> tuple[int, str]:
    """A new token for an active user: its id and its secret (shown once by the caller)."""
    async with pool.acquire() as conn, conn.transaction():
        user = await _lock_user(conn, user_id)
        if not user["active"]:
            raise ConflictError("the user is disabled", message_vi=text("account.disabled"))
        token_id, secret = await new_token(conn, user_id, label, days)
        await _audit(conn, actor, "token.create", token_id, entity="token",
                     user_id=user_id, username=user["username"], label=label, days=days)  # fmt: skip
        return token_id, secret


async def revoke_token(pool: asyncpg.Pool, actor: Actor, token_id: int) -> TokenInfo:
    async with pool.acquire() as conn, conn.transaction():
        if _count(await conn.execute(REVOKE_TOKEN, token_id)):
            token = await _get_token(conn, token_id)
            await _audit(conn, actor, "token.revoke", token_id, entity="token",
                         user_id=token.user_id, username=token.username, label=token.name)  # fmt: skip
            return token
        return await _get_token(conn, token_id)  # already revoked: nothing changes (or a 404)


async def _get_token(conn: Conn, token_id: int) -> TokenInfo:
    row = await conn.fetchrow(GET_TOKEN, token_id)
    if row is None:
        raise NotFoundError(f"no token {token_id}", message_vi=text("account.token_not_found"))
    return _token(row)


async def _lock_user(conn: Conn, user_id: int) -> asyncpg.Record:
    row = await conn.fetchrow(LOCK_USER, user_id)
    if row is None:
        raise NotFoundError(f"no user {user_id}", message_vi=text("account.not_found"))
    return row


async def _audit(
    conn: Conn, actor: Actor, action: str, entity_id: int, entity: str = "user", **detail: Any
) -> None:
    await write_audit(conn, actor.id, action, entity, entity_id, {"via": actor.via, **detail})


def _count(status: str) -> int:
    """Rows touched, from asyncpg's command tag (`UPDATE 3`)."""
    return int(status.rsplit(" ", 1)[-1])


def _account(row: asyncpg.Record) -> Account:
    return Account(
        row["id"], row["username"], row["display_name"], Role(row["role"]), row["active"],
        row["created_at"], row["last_login_at"], row["live_tokens"], row["communes"],
    )  # fmt: skip


def _token(row: asyncpg.Record) -> TokenInfo:
    return TokenInfo(
        row["id"], row["user_id"], row["username"], row["name"], row["created_at"], row["last_used_at"],
        row["expires_at"], row["revoked_at"], TokenStatus(row["status"]),
    )  # fmt: skip
