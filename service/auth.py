"""Who is asking, and may they? Authentication middleware, CSRF check and role guards.

A request is authenticated by `Authorization: Bearer <token>` (scripts) or by the session cookie
(browser). Cookie-authenticated requests that change something must also carry the session's CSRF
token (`X-CSRF-Token` header); bearer requests need none (no ambient authority).
Routes opt out with `opt={"exclude_from_auth": True}` (health checks, login, static files).
Every other route declares `guards=[require_roles(...)]`; admin passes every role check.
`open_session` logs a user in for the JSON login and the login form alike (the session cookie).
"""

from __future__ import annotations

import hmac
from typing import Any

import asyncpg
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult, DefineMiddleware

from service.errors import ForbiddenError, NotAuthenticatedError
from service.i18n.messages import text
from service.runtime.settings import Settings
from service.users import SESSION_DAYS, CurrentUser, Role, Session, log_in, user_for_session, user_for_token

SESSION_COOKIE = "hkd_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

__all__ = ["CurrentUser", "Role", "auth_middleware", "open_session", "require_roles"]


class AuthMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        pool: asyncpg.Pool = connection.app.state.pool
        header = connection.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            user = await user_for_token(pool, header[7:].strip())
            if user is None:
                raise NotAuthenticatedError("invalid or revoked token", message_vi=text("auth.bad_token"))
            return AuthenticationResult(user=user, auth="token")
        secret = connection.cookies.get(SESSION_COOKIE)
        if secret:
            found = await user_for_session(pool, secret)
            if found is not None:
                user, csrf = found
                if connection.scope.get("method", "GET") not in SAFE_METHODS:
                    await _check_csrf(connection, csrf)
                return AuthenticationResult(user=user, auth="session")
        raise NotAuthenticatedError("log in or send a bearer token")


async def _check_csrf(connection: ASGIConnection[Any, Any, Any, Any], expected: str) -> None:
    """The token must come in the X-CSRF-Token header (the pages' scripts send it). Reading a form body
    here would consume it before the handler, so form fields are not accepted as a carrier."""
    sent = connection.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent, expected):
        raise ForbiddenError("missing or wrong CSRF token", message_vi=text("auth.bad_csrf"))


def auth_middleware() -> DefineMiddleware:
    return DefineMiddleware(AuthMiddleware, exclude=["^/static/", "^/api/schema"])


def require_roles(*roles: Role):
    """A guard: the user must have one of `roles` (admin always may). A coroutine function, because
    Litestar runs a plain function guard in a worker thread: a thread hop on every request (5 % of an
    API process's CPU in the register list benchmark, issue 5)."""
    allowed = frozenset(roles) | {Role.ADMIN}

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = connection.scope.get("user")
        if not isinstance(user, CurrentUser):
            raise NotAuthenticatedError("log in or send a bearer token")
        if user.role not in allowed:
            raise ForbiddenError(f"role {user.role} may not do this")

    guard.roles = allowed  # type: ignore[attr-defined]  # read by the authorisation-matrix test
    return guard


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def open_session(
    pool: asyncpg.Pool, settings: Settings, request: Request, username: str, password: str
) -> tuple[Session, Cookie]:
    """Check the password (rate-limited: 429) and open a browser session; returns it and its cookie."""
    session = await log_in(pool, username.strip(), password, client_address(request))
    if session is None:
        raise NotAuthenticatedError("wrong username or password", message_vi=text("auth.wrong_password"))
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
