"""One error hierarchy for the service, mapped to RFC 9457 problem details in one place.

    AppError                         status  type
    ├── BadRequestError              400     /problems/bad-request
    ├── NotAuthenticatedError        401     /problems/not-authenticated
    ├── ForbiddenError               403     /problems/forbidden
    ├── NotFoundError                404     /problems/not-found
    ├── ConflictError                409     /problems/conflict
    ├── UploadRejectedError          4xx     /problems/upload-<code>   (from ocr.errors.InputError)
    ├── InvalidInputError            422     /problems/invalid-input
    └── UnavailableError             503     /problems/unavailable

Lower layers (ocr, storage, queries) raise their own errors; handlers and use cases translate them
into these. Litestar's own HTTP errors (404 route, 405, 413, 415, 422 body validation) and anything
unexpected (500, logged without the request body) go through the same `problem_response`, so every
error a client sees has the same keys: type, title, status, detail, message_vi.
"""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from ocr import errors as ocr_errors
from service.security import SECURITY_HEADERS

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class AppError(Exception):
    status: int = 500
    type: str = "/problems/internal"
    title: str = "Internal error"
    message_vi: str = "Đã có lỗi ở máy chủ. Vui lòng thử lại sau."

    def __init__(self, detail: str | None = None, *, message_vi: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if message_vi is not None:
            self.message_vi = message_vi
        self.extra = extra


class BadRequestError(AppError):
    status, type, title = 400, "/problems/bad-request", "Bad request"
    message_vi = "Yêu cầu không hợp lệ."


class NotAuthenticatedError(AppError):
    status, type, title = 401, "/problems/not-authenticated", "Not authenticated"
    message_vi = "Bạn cần đăng nhập."


class ForbiddenError(AppError):
    status, type, title = 403, "/problems/forbidden", "Forbidden"
    message_vi = "Bạn không có quyền thực hiện thao tác này."


class NotFoundError(AppError):
    status, type, title = 404, "/problems/not-found", "Not found"
    message_vi = "Không tìm thấy."


class ConflictError(AppError):
    status, type, title = 409, "/problems/conflict", "Conflict"
    message_vi = "Dữ liệu đã bị người khác thay đổi. Hãy tải lại rồi thử lại."


class InvalidInputError(AppError):
    status, type, title = 422, "/problems/invalid-input", "Invalid input"
    message_vi = "Dữ liệu gửi lên không hợp lệ."


class UnavailableError(AppError):
    status, type, title = 503, "/problems/unavailable", "Service unavailable"
    message_vi = "Dịch vụ tạm thời không sẵn sàng."


_UPLOAD_STATUS = {
    "empty_file": 400,
    "unsupported_type": 415,
    "corrupt_file": 422,
    "encrypted_pdf": 422,
    "file_too_large": 413,
    "too_many_pixels": 413,
    "too_many_pages": 413,
}


class UploadRejectedError(AppError):
    title = "Upload rejected"

    def __init__(self, error: ocr_errors.InputError, file_name: str = "") -> None:
        super().__init__(str(error.detail), message_vi=error.message_vi, code=error.code, file=file_name)
        self.code = error.code
        self.status = _UPLOAD_STATUS.get(error.code, 422)
        self.type = f"/problems/upload-{error.code.replace('_', '-')}"


def problem_body(
    status: int, type_: str, title: str, detail: str, message_vi: str, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "message_vi": message_vi,
    }
    body.update(extra)
    return body


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


def problem_response(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The single exception handler: every error becomes problem+json (API) with the same keys."""
    headers = dict(SECURITY_HEADERS)
    if isinstance(exc, AppError):
        body = problem_body(exc.status, exc.type, exc.title, exc.detail, exc.message_vi, **exc.extra)
    elif _is_database_outage(exc):
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        body = problem_body(
            503,
            UnavailableError.type,
            UnavailableError.title,
            "the database is not reachable right now",
            "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.",
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
    elif isinstance(exc, HTTPException):
        body = _http_problem(exc)
        headers.update(exc.headers or {})
    else:
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc)
        body = problem_body(500, AppError.type, AppError.title, "unexpected error", AppError.message_vi)
    body["instance"] = request.url.path
    from service.web.errors import html_error_response, wants_html  # pages get pages, not JSON

    if wants_html(request):
        page = html_error_response(request, body["status"], body["message_vi"])
        page.headers.update(headers)
        return page
    return Response(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


_HTTP_VI = {
    400: "Yêu cầu không hợp lệ.",
    401: "Bạn cần đăng nhập.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy địa chỉ này.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
    409: "Xung đột dữ liệu.",
    413: "Dữ liệu gửi lên quá lớn.",
    415: "Loại nội dung không được hỗ trợ.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    429: "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
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
    message_vi = _HTTP_VI.get(status, AppError.message_vi)
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        return problem_body(status, "/problems/internal", title, "unexpected error", message_vi)
    return problem_body(status, type_, title, str(exc.detail), message_vi, **extra)


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
__all__ = ["EXCEPTION_HANDLERS", "MediaType", "problem_response"]
