"""Errors on pages are pages: 401 → the login form (coming back afterwards), others → a short HTML page.

Only for requests a browser makes for a page (not under /api/, Accept includes text/html); everything
else keeps the problem+json shape.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from litestar import MediaType, Request, Response

from service.web.context import base_context

API_PREFIXES = ("/api/", "/healthz", "/readyz", "/static/")


def wants_html(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    if path.startswith(API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def html_error_response(request: Request[Any, Any, Any], status: int, message_vi: str) -> Response[Any]:
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Response(
            content=None, status_code=303, headers={"Location": f"/login?next={quote(target, safe='/')}"}
        )
    user = request.scope.get("user")
    context = base_context(request, user, "")
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
