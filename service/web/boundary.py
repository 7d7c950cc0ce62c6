"""What every request must be before a handler sees it: a body type we parse, a JSON body of bounded
size and depth, and no control characters in any text it carries (query, path, JSON, form).

Checked once for every route (the app's `before_request`), so no handler can forget it and no decoder
deep inside meets a value it cannot take: NUL failed inside PostgreSQL's jsonb parser, whose log then
quoted the value (an ID number); 100,000 nested brackets hit Python's recursion limit (a 500).
Chunked bodies (no Content-Length) are checked like the others.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import msgspec
from litestar import Request
from litestar.exceptions import HTTPException

from service.errors import BadRequestError, NotFoundError, refuse_control_characters

ACCEPTED_BODY_TYPES = ("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
MAX_JSON_BYTES = 1024 * 1024  # the largest JSON body (a correction of many members is ~10 KB)
MAX_JSON_DEPTH = 16  # the deepest contract (members[i].field, rotations) is 3


def has_body(request: Request[Any, Any, Any]) -> bool:
    headers = request.headers
    return headers.get("content-length", "0") != "0" or "chunked" in headers.get("transfer-encoding", "")


def media_type(request: Request[Any, Any, Any]) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def refuse_unknown_body_types(request: Request[Any, Any, Any]) -> None:
    """A body we cannot parse is a 415, not a confusing 400 from deep inside a decoder."""
    if request.method in ("POST", "PUT", "PATCH") and has_body(request):
        content_type = media_type(request)
        if content_type not in ACCEPTED_BODY_TYPES:
            raise HTTPException(status_code=415, detail=f"unsupported content type {content_type or 'none'}")


def check_json(body: bytes) -> None:
    """Size, depth and text of a JSON body; a body that is not JSON is left to the handler's decoder
    (a 400 there)."""
    if len(body) > MAX_JSON_BYTES:
        raise HTTPException(status_code=413, detail=f"a JSON body is at most {MAX_JSON_BYTES} bytes")
    try:
        data = msgspec.json.decode(body)
    except RecursionError:
        raise BadRequestError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except msgspec.DecodeError:
        return
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:  # not recursive: the depth is what is checked
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise BadRequestError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, str):
            refuse_control_characters(value, path or "body")
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                refuse_control_characters(str(key), child)
                stack.append((item, child, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))


def refuse_non_ascii_digits(path: str) -> None:
    """Ids and page numbers are ASCII digits: Python's int() also reads "١٢" (Arabic-Indic) as 12,
    so /api/documents/١٢ was document 12, and int("²") fails (a 500 for a page named ².png)."""
    if not path.isascii() and any(c.isdigit() and not c.isascii() for c in path):
        raise NotFoundError(f"no such address: {path!r}")


async def check_request(request: Request[Any, Any, Any]) -> None:
    """The app's `before_request`: the checks above, for every route."""
    refuse_unknown_body_types(request)
    refuse_control_characters(request.url.path, "path")
    refuse_non_ascii_digits(request.url.path)
    for key, value in request.query_params.multi_items():
        refuse_control_characters(key, key)
        refuse_control_characters(value, key)
    if request.method not in ("POST", "PUT", "PATCH") or not has_body(request):
        return
    content_type = media_type(request)
    declared = request.headers.get("content-length", "")
    if (
        content_type != "multipart/form-data"
        and declared.isascii()
        and declared.isdigit()
        and int(declared) > MAX_JSON_BYTES
    ):
        raise HTTPException(status_code=413, detail=f"a JSON or form body is at most {MAX_JSON_BYTES} bytes")
    if content_type == "application/json":
        check_json(await request.body())

    elif content_type == "application/x-www-form-urlencoded":
        body = await request.body()
        if len(body) > MAX_JSON_BYTES:
            raise HTTPException(status_code=413, detail=f"a form is at most {MAX_JSON_BYTES} bytes")
        for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            refuse_control_characters(key, key)
            refuse_control_characters(value, key)
