"""Log in / log out / who am I, for the browser (session cookie + CSRF token) and for scripts."""

from __future__ import annotations

import asyncpg
import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.params import JSONBody

from service.auth import SESSION_COOKIE, require_roles
from service.deps import AppSettings, DbPool
from service.errors import AppError, NotAuthenticatedError
from service.settings import Settings
from service.users import SESSION_DAYS, CurrentUser, LoginRateLimitedError, Role, log_in, log_out


class Credentials(msgspec.Struct):
    username: str
    password: str


class LoginResult(msgspec.Struct, frozen=True):
    user: CurrentUser
    csrf_token: str


class TooManyLoginsError(AppError):
    status, type, title = 429, "/problems/too-many-logins", "Too many failed logins"
    message_vi = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def open_session(
    pool: asyncpg.Pool, settings: Settings, request: Request, username: str, password: str
):
    """Shared by the JSON login and the HTML login form: returns (session, cookie)."""
    try:
        session = await log_in(pool, username.strip(), password, client_address(request))
    except LoginRateLimitedError as exc:
        raise TooManyLoginsError("too many failed logins; wait 15 minutes") from exc
    if session is None:
        raise NotAuthenticatedError(
            "wrong username or password", message_vi="Sai tên đăng nhập hoặc mật khẩu."
        )
    cookie = Cookie(
        key=SESSION_COOKIE,
        value=session.secret,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="strict",
        max_age=SESSION_DAYS * 86400,
        path="/",
    )
    return session, cookie


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
