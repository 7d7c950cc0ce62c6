"""One error hierarchy for the service (sent as RFC 9457 problem details by service.web.problems).

    AppError                         status  type
    ├── BadRequestError              400     /problems/bad-request
    ├── NotAuthenticatedError        401     /problems/not-authenticated
    ├── ForbiddenError               403     /problems/forbidden
    ├── NotFoundError                404     /problems/not-found
    ├── ConflictError                409     /problems/conflict
    ├── UploadRejectedError          4xx     /problems/upload-<code>   (from ocr.errors.InputError)
    ├── InvalidInputError            422     /problems/invalid-input
    └── UnavailableError             503     /problems/unavailable

Every error the service raises on purpose is one of these (or a subclass defined beside the code
that raises it: a missing stored file is a NotFoundError, a weak password an InvalidInputError, a
pending migration an UnavailableError, …); the OCR library has its own (ocr.errors), which the
service wraps (UploadRejectedError) or stores on the job. The Vietnamese messages come from the
catalogue (service.i18n.messages). Mapping to HTTP is service.web.problems: every error a client sees
has the same keys: type, title, status, detail, message_vi. No HTTP here, so any layer may raise.
"""

from __future__ import annotations

import re
from typing import Any

from ocr import errors as ocr_errors
from service.i18n.messages import text


class AppError(Exception):
    status: int = 500
    type: str = "/problems/internal"
    title: str = "Internal error"
    message_vi: str = text("problem.internal")

    def __init__(self, detail: str | None = None, *, message_vi: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if message_vi is not None:
            self.message_vi = message_vi
        self.extra = extra


class BadRequestError(AppError):
    status, type, title = 400, "/problems/bad-request", "Bad request"
    message_vi = text("problem.bad_request")


class NotAuthenticatedError(AppError):
    status, type, title = 401, "/problems/not-authenticated", "Not authenticated"
    message_vi = text("problem.not_authenticated")


class ForbiddenError(AppError):
    status, type, title = 403, "/problems/forbidden", "Forbidden"
    message_vi = text("problem.forbidden")


class NotFoundError(AppError):
    status, type, title = 404, "/problems/not-found", "Not found"
    message_vi = text("problem.not_found")


class ConflictError(AppError):
    status, type, title = 409, "/problems/conflict", "Conflict"
    message_vi = text("problem.conflict")


class InvalidInputError(AppError):
    status, type, title = 422, "/problems/invalid-input", "Invalid input"
    message_vi = text("problem.invalid_input")


class UnavailableError(AppError):
    status, type, title = 503, "/problems/unavailable", "Service unavailable"
    message_vi = text("problem.unavailable")


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
    """The problem-details object (RFC 9457) with our `message_vi`; service.web.problems sends it."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "message_vi": message_vi,
    }
    body.update(extra)
    return body


# C0 controls but tab, newline and carriage return; DEL; C1 controls
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_control_characters_in(form: object) -> None:
    """Every text field of a form Struct (multipart parts: the boundary reads JSON and URL-encoded
    bodies, not multipart, whose files it leaves to the upload)."""
    for name in getattr(form, "__struct_fields__", ()):
        value = getattr(form, name)
        if isinstance(value, str):
            refuse_control_characters(value, name)


def refuse_control_characters(value: str, field: str) -> None:
    """A 422 naming `field` when `value` holds a control character (service/web/boundary.py checks
    every query, path and JSON text; a handler checks the form parts it reads)."""
    if CONTROL.search(value):
        raise InvalidInputError(
            f"{field} contains a control character",
            message_vi=text("problem.control_character", field=field),
            field=field,
        )
