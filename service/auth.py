"""Who is asking, and may they? Authentication middleware, CSRF check and role guards.

A request is authenticated by `Authorization: Bearer <token>` (scripts) or by the session cookie
(browser). Cookie-authenticated requests that change something must also carry the session's CSRF
token (`X-CSRF-Token` header); bearer requests need none (no ambient authority).
Routes opt out with `opt={"exclude_from_auth": True}` (health checks, login, static files).
Every other route declares `guards=[require_roles(...)]`; admin passes every role check.
`open_session` logs a user in for the JSON login and the login form alike (the session cookie).
The client's address is the peer's, or, only when the peer is one of `HKD_TRUSTED_PROXIES`, the
nearest untrusted address in its `X-Forwarded-For` (the server itself believes no forwarding header).
"""

from __future__ import annotations

import hmac
import ipaddress
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult, DefineMiddleware
from litestar.types import ASGIApp

from service.errors import ForbiddenError, NotAuthenticatedError
from service.i18n.messages import text
from service.runtime.settings import Settings
from service.users import (
    CurrentUser,
    Role,
    Session,
    SessionPolicy,
    log_in,
    user_for_session,
    user_for_token,
)

SESSION_COOKIE = "hkd_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PATHS = ["^/static/", "^/api/schema"]
"""Paths the middleware never authenticates (CSS, scripts and the OpenAPI document hold no data)."""

__all__ = ["CurrentUser", "Role", "auth_middleware", "open_session", "require_roles"]


class Credential(msgspec.Struct, frozen=True):
    """`request.auth`: how the user proved who they are, and the session's CSRF token for pages."""

    kind: str  # "token" or "session"
    csrf: str = ""


class AuthMiddleware(AbstractAuthenticationMiddleware):
    def __init__(self, app: ASGIApp, policy: SessionPolicy, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.policy = policy

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        pool: asyncpg.Pool = connection.app.state.pool
        found = await identify(pool, connection.headers, connection.cookies, self.policy)
        if found is None:
            raise NotAuthenticatedError("log in or send a bearer token")
        user, credential = found
        if credential.kind == "session" and connection.scope.get("method", "GET") not in SAFE_METHODS:
            await _check_csrf(connection, credential.csrf)
        return AuthenticationResult(user=user, auth=credential)


async def identify(
    pool: asyncpg.Pool, headers: Mapping[str, str], cookies: Mapping[str, str], policy: SessionPolicy
) -> tuple[CurrentUser, Credential] | None:
    """The user a request's bearer token or session cookie belongs to; None without either. A token
    that is wrong, revoked or expired is refused outright (401): a script should hear why."""
    header = headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = await user_for_token(pool, header[7:].strip())
        if user is None:
            raise NotAuthenticatedError("invalid or revoked token", message_vi=text("auth.bad_token"))
        return user, Credential("token")
    secret = cookies.get(SESSION_COOKIE)
    if secret:
        found = await user_for_session(pool, secret, policy)
        if found is not None:
            return found[0], Credential("session", found[1])
    return None


async def _check_csrf(connection: ASGIConnection[Any, Any, Any, Any], expected: str) -> None:
    """The token must come in the X-CSRF-Token header (the pages' scripts send it). Reading a form body
    here would consume it before the handler, so form fields are not accepted as a carrier."""
    sent = connection.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent, expected):
        raise ForbiddenError("missing or wrong CSRF token", message_vi=text("auth.bad_csrf"))


def auth_middleware(settings: Settings) -> DefineMiddleware:
    return DefineMiddleware(AuthMiddleware, policy=SessionPolicy.of(settings), exclude=PUBLIC_PATHS)


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


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def resolve_client(peer: str, forwarded_for: str, trusted: Sequence[Network]) -> str:
    """The client's address: the peer's own, unless the peer is a trusted proxy; then the right-most
    address of `X-Forwarded-For` that is not a trusted proxy itself (what the proxies before us saw;
    everything left of it is whatever the client chose to write)."""
    if not trusted or not _in(peer, trusted):
        return peer
    client = peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if _address(hop) is None:
            break  # not an address: a proxy would not write this, so the client did
        client = hop
        if not _in(hop, trusted):
            break
    return client


def _address(text_: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text_)
    except ValueError:
        return None


def _in(address: str, networks: Sequence[Network]) -> bool:
    parsed = _address(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_address(request: Request[Any, Any, Any], settings: Settings) -> str:
    peer = request.client.host if request.client else "unknown"
    return resolve_client(peer, request.headers.get("x-forwarded-for", ""), settings.trusted_networks)


async def open_session(
    pool: asyncpg.Pool, settings: Settings, request: Request, username: str, password: str
) -> tuple[Session, Cookie]:
    """Check the password (throttled: 429) and open a browser session; returns it and its cookie."""
    policy = SessionPolicy.of(settings)
    client = client_address(request, settings)
    name = unicodedata.normalize("NFC", username.strip())  # as accounts stores it
    session = await log_in(pool, name, password, client, policy)
    if session is None:
        raise NotAuthenticatedError("wrong username or password", message_vi=text("auth.wrong_password"))
    cookie = Cookie(
        key=SESSION_COOKIE,
        value=session.secret,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="strict",
        max_age=int(policy.lifetime.total_seconds()),
        path="/",
    )
    return session, cookie
