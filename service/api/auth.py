"""Log in / log out / who am I, for the browser (session cookie + CSRF token) and for scripts."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.params import JSONBody

from service.auth import SESSION_COOKIE, open_session, require_roles
from service.deps import AppSettings, DbPool
from service.users import MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, CurrentUser, Role, log_out


class Credentials(msgspec.Struct, forbid_unknown_fields=True):
    """Bounded like the accounts (a 3,000-character username made an index row too big: a 500)."""

    username: Annotated[str, msgspec.Meta(max_length=MAX_USERNAME_LENGTH)]
    password: Annotated[str, msgspec.Meta(max_length=MAX_PASSWORD_LENGTH)]


class LoginResult(msgspec.Struct, frozen=True):
    user: CurrentUser
    csrf_token: str


@post("/api/auth/login", opt={"exclude_from_auth": True}, tags=["auth"], status_code=200)
async def login(
    data: JSONBody[Credentials],
    request: Request,
    pool: DbPool,
    settings: AppSettings,
) -> Response[LoginResult]:
    session, cookie = await open_session(pool, settings, request, data.username, data.password)
    return Response(LoginResult(session.user, session.csrf_token), cookies=[cookie])


@post(
    "/api/auth/logout",
    tags=["auth"],
    status_code=204,
    guards=[require_roles(Role.CLERK, Role.REVIEWER, Role.PLANNER)],
)
async def logout(request: Request, pool: DbPool) -> Response[None]:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        await log_out(pool, secret)
    return Response(
        None, status_code=204, cookies=[Cookie(key=SESSION_COOKIE, value="", max_age=0, path="/")]
    )


@get("/api/auth/me", tags=["auth"], guards=[require_roles(Role.CLERK, Role.REVIEWER, Role.PLANNER)])
async def me(request: Request) -> CurrentUser:
    user: CurrentUser = request.user
    return user
