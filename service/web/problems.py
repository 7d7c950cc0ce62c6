"""Every error a client sees, in one place: problem details (RFC 9457) for the API, a page for a browser.

The error hierarchy is service.errors; this maps it, Litestar's own HTTP errors (404 route, 405, 413,
415, 422 body validation), a database outage (503, retry) and anything unexpected (500, logged
without the request body) to one shape: type, title, status, detail, message_vi, instance.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from service.errors import AppError, BadRequestError, InvalidInputError, UnavailableError, problem_body
from service.i18n.messages import text
from service.web.errors import html_error_response, wants_html
from service.web.security import SECURITY_HEADERS

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
# msgspec's words for a key a Struct with forbid_unknown_fields does not declare (a JSON field or a
# multipart part), optionally followed by " - at `$.path`"
UNKNOWN_FIELD = re.compile(
    r"Object contains unknown field `(?P<name>.*?)`(?: - at `\$\.?(?P<at>[^`]*)`)?$", re.S
)


def _is_database_outage(exc: BaseException) -> bool:
    """Connection lost, server restarting or refusing: the client should retry, nothing was saved."""
    outage = (
        asyncpg.PostgresConnectionError,
        asyncpg.InterfaceError,
        asyncpg.InternalClientError,  # the protocol state left behind by a dropped connection
        asyncpg.CannotConnectNowError,
        asyncpg.AdminShutdownError,
        OSError,  # socket refused/missing while the server restarts (ConnectionError is one), disk I/O
        TimeoutError,
    )
    return isinstance(exc, outage)


def _is_unreadable_part(exc: BaseException) -> bool:
    """A multipart part Litestar decodes as text: not in its charset (a file part with an empty file
    name), or a charset Python does not know (LookupError itself, not its KeyError or IndexError)."""
    return isinstance(exc, UnicodeError) or type(exc) is LookupError


def problem_response(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The single exception handler: every error becomes problem+json (API) with the same keys."""
    headers = dict(SECURITY_HEADERS)
    if isinstance(exc, AppError):
        body = problem_body(exc.status, exc.type, exc.title, exc.detail, exc.message_vi, **exc.extra)
        if "retry_after" in exc.extra:  # a throttled login or search: when to come back (RFC 9110)
            headers["Retry-After"] = str(exc.extra["retry_after"])
    elif _is_database_outage(exc):
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        body = problem_body(
            503,
            UnavailableError.type,
            UnavailableError.title,
            "the database is not reachable right now",
            text("problem.database_down"),
        )
        headers["Retry-After"] = "5"
    elif isinstance(exc, asyncpg.DataError):  # a value the database cannot take (out of range, bad text)
        body = problem_body(
            422,
            InvalidInputError.type,
            InvalidInputError.title,
            "a value is out of range",
            InvalidInputError.message_vi,
        )
    elif _is_unreadable_part(exc):
        body = problem_body(
            400,
            BadRequestError.type,
            BadRequestError.title,
            "a part of the form has no usable file name or an unknown charset",
            text("problem.unreadable_part"),
        )
    elif isinstance(exc, HTTPException):
        body = _http_problem(exc)
        headers.update(exc.headers or {})
    else:
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc)
        body = problem_body(500, AppError.type, AppError.title, "unexpected error", AppError.message_vi)
    body["instance"] = request.url.path
    if wants_html(request):  # pages get pages, not JSON
        page = html_error_response(request, body["status"], body["message_vi"])
        page.headers.update(headers)
        return page
    return Response(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


_HTTP_MESSAGES = {
    400: "problem.bad_request",
    401: "problem.not_authenticated",
    403: "problem.forbidden",
    404: "problem.route_not_found",
    405: "problem.method_not_allowed",
    409: "problem.http_conflict",
    413: "problem.too_large",
    415: "problem.unsupported_media_type",
    422: "problem.invalid_input",
    429: "problem.too_many_requests",
}


def _http_problem(exc: HTTPException) -> dict[str, Any]:
    status = exc.status_code
    slug = {
        404: "not-found",
        405: "method-not-allowed",
        413: "request-too-large",
        415: "unsupported-media-type",
    }
    type_ = f"/problems/{slug.get(status, 'http-' + str(status))}"
    if status == 400 and isinstance(exc, ValidationException):
        status, type_ = 422, "/problems/invalid-input"
    extra: dict[str, Any] = {}
    if isinstance(exc.extra, list) and exc.extra:
        extra["errors"] = exc.extra
    title = _REASONS.get(status, "Error")
    message_vi = text(_HTTP_MESSAGES[status]) if status in _HTTP_MESSAGES else AppError.message_vi
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        return problem_body(status, "/problems/internal", title, "unexpected error", message_vi)
    unknown = unknown_field(extra.get("errors", []))
    if status == 422 and unknown is not None:
        shown = unknown if unknown.isprintable() else unknown.encode("unicode_escape").decode("ascii")
        detail, message_vi = f"unknown field {shown}", text("problem.unknown_field", field=shown)
        return problem_body(status, type_, title, detail, message_vi, field=unknown, **extra)
    return problem_body(status, type_, title, str(exc.detail), message_vi, **extra)


def unknown_field(errors: list[Any]) -> str | None:
    """The key a body holds that its Struct does not declare (a JSON field, or a multipart part:
    forbid_unknown_fields), as a path from the body (`members[0].x`), so the problem names it."""
    for error in errors:
        found = UNKNOWN_FIELD.match(str(error.get("message", ""))) if isinstance(error, dict) else None
        if found:
            return f"{found['at']}.{found['name']}" if found["at"] else found["name"]
    return None


_REASONS = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    503: "Service unavailable",
}

EXCEPTION_HANDLERS = {Exception: problem_response}
__all__ = ["EXCEPTION_HANDLERS", "problem_response"]
