"""Errors on pages are pages: 401 → the login form (coming back afterwards), others → a short HTML page.

Only for requests a browser makes for a page (not under /api/, Accept includes text/html); everything
else keeps the problem+json shape. An error page is a page like the others: it names the signed-in
user and its "Đăng xuất" carries the session's CSRF token, so logging out works from it (a 404 for an
unknown path never reached the authentication middleware: `identify_error_page_user` looks the
session up for it).
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.types import Scope

from service.auth import Credential, identify
from service.users import SessionPolicy
from service.web.context import base_context, csrf_for

API_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/")


def wants_html(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    if path.startswith(API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page_identity(policy: SessionPolicy) -> Callable[[Exception, Scope], Awaitable[None]]:
    """An `after_exception` hook: a page request that failed before authentication (no route) gets
    its user and credential from the session cookie, as the middleware would have set them."""

    async def identify_error_page_user(_: Exception, scope: Scope) -> None:
        if scope.get("type") != "http" or scope.get("user") is not None:
            return
        request: Request[Any, Any, Any] = Request(scope)
        if not wants_html(request):
            return
        try:
            found = await identify(request.app.state.pool, request.headers, request.cookies, policy)
        except Exception:  # a bad token or a database outage: the page shows no user
            return
        if found is not None and isinstance(found[1], Credential):
            scope["user"], scope["auth"] = found

    return identify_error_page_user


def html_error_response(request: Request[Any, Any, Any], status: int, message_vi: str) -> Response[Any]:
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Response(
            content=None, status_code=303, headers={"Location": f"/login?next={quote(target, safe='/')}"}
        )
    user = request.scope.get("user")
    context = base_context(request, user, csrf_for(request) if user is not None else "")
    t = context["t"]
    message = message_vi
    if context["lang"] == "en":
        message = t(f"error.{status}") if status in (403, 404) else f"Error {status}."
    context.update(status=status, message=message)
    engine = getattr(request.app, "template_engine", None)
    if engine is None:
        body = f"<!doctype html><title>{status}</title><p>{html.escape(message)}</p>"
    else:
        body = engine.get_template("error.html").render(**context)
    return Response(content=body, status_code=status, media_type=MediaType.HTML)
