"""The OpenAPI document says what the API does, beyond what Litestar infers from the handlers.

Litestar lists 200/201 and a JSON 400; the API also answers every error as RFC 9457 problem details
(service/web/problems.py) with the statuses below, streams CSV, xlsx and PNG, ends a session with an
empty 204, takes ids up to bigint (an integer, not the float Litestar writes) and refuses control
characters in any text (service/web/boundary.py). `/api/schema/openapi.json` is rendered through
`DocumentedJson`, which adds that once to the generated document.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin

from service.deps import PG_BIGINT_MAX
from service.web.boundary import CONTROL

PROBLEM_JSON = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_CONTROL_CHARACTERS = "^[^" + CONTROL.pattern[1:-1] + "]*$"
REASONS = {
    400: "Bad request (unreadable body, JSON nested too deep, an unusable form part)",
    401: "Not signed in, or the token or session has ended",
    403: "The role may not do this",
    404: "No such thing, or no such address",
    409: "Changed or claimed by somebody else meanwhile, or not ready yet",
    410: "Expired",
    413: "Body too large",
    415: "Body of a type the API does not read",
    422: "Invalid input (the field is named)",
    429: "Too many requests (login, search, autocomplete); see Retry-After",
    503: "The database is not reachable; see Retry-After",
    507: "Storage is full; nothing was stored; see Retry-After",
}
EVERY_OPERATION = (400, 401, 403, 404, 409, 422, 429, 503)
WITH_A_BODY = (413, 415)
MEDIA_TYPES = {  # path suffix → what a 200 carries
    "/register.csv": ("text/csv",),
    "/register.xlsx": (XLSX,),
    "/{export_id}/file": ("text/csv", XLSX),
    "/pages/{page_file}": ("image/png",),
}
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "message_vi"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "message_vi": {"type": "string"},
        "instance": {"type": "string"},
        "field": {"type": "string"},
    },
}


def document_api(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated document with the problem responses, media types, bigint ids and text patterns."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                document_operation(path, method, operation)
    for component in schema["components"]["schemas"].values():
        bound_texts(component)
    return schema


def document_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    statuses = [*EVERY_OPERATION]
    if "requestBody" in operation:
        statuses += WITH_A_BODY
    if method == "post" and path in ("/api/documents", "/api/batches"):
        statuses.append(507)
    if path.endswith("/file"):
        statuses.append(410)
    for status in statuses:
        responses[str(status)] = {
            "description": REASONS[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    for status, response in responses.items():
        if status == "204":
            response.pop("content", None)  # logout: nothing follows
    for suffix, media_types in MEDIA_TYPES.items():
        if path.endswith(suffix) and "200" in responses:
            responses["200"]["content"] = {
                m: {"schema": {"type": "string", "format": "binary"}} for m in media_types
            }
        elif status in ("200", "201"):
            for content in response.get("content", {}).values():
                either = content.get("schema", {})
                if "oneOf" in either:  # /readyz: a stranger's shape is part of an admin's
                    either["anyOf"] = either.pop("oneOf")
    for parameter in operation.get("parameters", []):
        bound_texts(parameter.get("schema", {}))


def bound_texts(schema: Any) -> None:
    """Integers' float bounds as integers within bigint; strings without control characters."""
    if isinstance(schema, list):
        for item in schema:
            bound_texts(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "integer":
        for key in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
            if isinstance(schema.get(key), float):
                schema[key] = min(int(schema[key]), PG_BIGINT_MAX)
    if schema.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(schema):
        schema["pattern"] = NO_CONTROL_CHARACTERS
    if schema.get("type") == "array" and schema.get("items", {}).get("format") == "binary":
        schema.setdefault("minItems", 1)  # an upload holds at least one file
    for value in schema.values():
        if isinstance(value, dict | list):
            bound_texts(value)


class DocumentedJson(JsonRenderPlugin):
    """`/api/schema/openapi.json`, completed by `document_api` (once: the schema dict is cached)."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        if not openapi_schema.get("x-documented"):
            document_api(openapi_schema)
            openapi_schema["x-documented"] = True
        return super().render(request, openapi_schema)
