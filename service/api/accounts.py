"""Accounts over HTTP, for the admin page and scripts (admin only): users and API tokens.

Every change is service.accounts' (validated, audited with the admin as actor, never a password or a
token in the audit). A token's secret is never sent: tokens are made with `hkd token create`.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, delete, get, post, put
from litestar.params import JSONBody, QueryParameter

from service.accounts import (
    MAX_DISPLAY_NAME_LENGTH,
    Account,
    Actor,
    TokenInfo,
    create_account,
    get_account,
    list_accounts,
    list_tokens,
    revoke_token,
    set_active,
    set_password,
    set_role,
)
from service.auth import require_roles
from service.communes import set_communes
from service.deps import PG_BIGINT_MAX, DbPool, RowId
from service.users import MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, Role

Password = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class NewAccount(msgspec.Struct, forbid_unknown_fields=True):
    username: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_USERNAME_LENGTH)]
    role: Role
    password: Password
    display_name: Annotated[str, msgspec.Meta(max_length=MAX_DISPLAY_NAME_LENGTH)] = ""


class RoleChange(msgspec.Struct, forbid_unknown_fields=True):
    role: Role


class CommunesChange(msgspec.Struct, forbid_unknown_fields=True):
    """2025 commune codes, or null: the whole province."""

    communes: (
        Annotated[list[Annotated[str, msgspec.Meta(max_length=10)]], msgspec.Meta(min_length=1)] | None
    ) = msgspec.field()


class PasswordChange(msgspec.Struct, forbid_unknown_fields=True):
    password: Password


class PasswordChanged(msgspec.Struct, frozen=True):
    sessions_ended: int


def actor(request: Request[Any, Any, Any]) -> Actor:
    return Actor(request.user.id, "web")


class AccountsController(Controller):
    path = "/api/admin"
    tags = ["accounts"]
    guards = [require_roles()]  # admin only

    @get("/users", summary="Every user with role, status, last login and live tokens")
    async def users(self, pool: DbPool) -> list[Account]:
        return await list_accounts(pool)

    @post("/users", summary="Create a user (the password policy applies)")
    async def create(
        self, request: Request[Any, Any, Any], pool: DbPool, data: JSONBody[NewAccount]
    ) -> Account:
        return await create_account(
            pool, actor(request), data.username, data.role, data.password, data.display_name
        )

    @get("/users/{user_id:int}", summary="One user")
    async def user(self, pool: DbPool, user_id: RowId) -> Account:
        return await get_account(pool, user_id)

    @post("/users/{user_id:int}/disable", status_code=200, summary="Disable: sessions and tokens end at once")
    async def disable(self, request: Request[Any, Any, Any], pool: DbPool, user_id: RowId) -> Account:
        return (await set_active(pool, actor(request), user_id, False))[0]

    @post("/users/{user_id:int}/enable", status_code=200, summary="Enable again (old tokens stay revoked)")
    async def enable(self, request: Request[Any, Any, Any], pool: DbPool, user_id: RowId) -> Account:
        return (await set_active(pool, actor(request), user_id, True))[0]

    @put("/users/{user_id:int}/role", summary="Change the role (never of the last active admin)")
    async def change_role(
        self, request: Request[Any, Any, Any], pool: DbPool, user_id: RowId, data: JSONBody[RoleChange]
    ) -> Account:
        return await set_role(pool, actor(request), user_id, data.role)

    @put("/users/{user_id:int}/communes", summary="The communes the user works for (null: the province)")
    async def change_communes(
        self, request: Request[Any, Any, Any], pool: DbPool, user_id: RowId, data: JSONBody[CommunesChange]
    ) -> Account:
        return await set_communes(pool, actor(request), user_id, data.communes)

    @put("/users/{user_id:int}/password", summary="Set a new password; the user's sessions end")
    async def change_password(
        self, request: Request[Any, Any, Any], pool: DbPool, user_id: RowId, data: JSONBody[PasswordChange]
    ) -> PasswordChanged:
        return PasswordChanged(await set_password(pool, actor(request), user_id, data.password))

    @get("/tokens", summary="API tokens (of one user): never the secret")
    async def tokens(
        self,
        pool: DbPool,
        user_id: Annotated[int | None, QueryParameter(ge=1, le=PG_BIGINT_MAX)] = None,
    ) -> list[TokenInfo]:
        return await list_tokens(pool, user_id)

    @delete("/tokens/{token_id:int}", status_code=204, summary="Revoke a token (at once)")
    async def revoke(self, request: Request[Any, Any, Any], pool: DbPool, token_id: RowId) -> None:
        await revoke_token(pool, actor(request), token_id)
