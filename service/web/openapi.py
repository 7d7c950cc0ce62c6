"""The OpenAPI document says what the API does, beyond what Litestar infers from the handlers.

Litestar lists 200/201 and a JSON 400; the API also answers every error as RFC 9457 problem details
(service/web/problems.py) with the statuses below, streams CSV, xlsx and PNG, ends a session with an
empty 204, takes ids up to bigint (an integer, not the float Litestar writes) and refuses control
characters in any text (service/web/boundary.py). `/api/schema/openapi.json` is rendered through
`DocumentedJson`, which adds that once to the generated document.

What a request may carry is stricter than what a response may: a response echoes what it refuses
(a problem names the field or path with the control character in it). So the text patterns and
the register's bounds (service/review/bounds.py) go on the request side only; a component that
both sides use gets a request copy, `<Name>Input`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin

from schemas.record import RECORD_FIELD_PATHS
from service.communes import commune_names
from service.deps import PG_BIGINT_MAX
from service.errors import CONTROL
from service.review.bounds import MAX_ITEMS, int_limit, text_limit
from service.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

REF = "#/components/schemas/"
PROBLEM_JSON = "application/problem+json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The characters boundary.CONTROL refuses, as a class of what is allowed (a positive class is what
# Hypothesis generates from; it needs no look-ahead and no negation of a negation)
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
READINESS = "/readyz"
NOT_READY = "Not ready: `ready` is false (what is wrong, for an admin only)"
UPLOADS = ("/api/documents", "/api/batches")  # 200 when every file was known already, 507 when full
MEDIA_TYPES = {  # path suffix → what a 200 carries
    "/register.csv": ("text/csv",),
    "/register.xlsx": (XLSX,),
    "/{export_id}/file": ("text/csv", XLSX),
    "/pages/{page_file}": ("image/png",),
}
PASSWORD_POLICY = (
    f"{MIN_PASSWORD_LENGTH}–{MAX_PASSWORD_LENGTH} characters; also refused with a 422: a password "
    "that contains the username, or one of fewer than 5 different characters"
)
NEW_PASSWORDS = {"NewAccount": "password", "PasswordChange": "password"}
RECORD_PARTS = {"Record": "", "Person": "owner.", "Member": "members.", "BusinessLine": "business_lines."}
# What Litestar leaves out of a request component (it drops msgspec.Meta inside a list or a dict key)
MORE_BOUNDS: dict[tuple[str, str], dict[str, Any]] = {
    ("EventIn", "document_ids"): {"items": {"type": "integer", "minimum": 1, "maximum": PG_BIGINT_MAX}},
    ("SplitEdit", "overrides"): {"propertyNames": {"pattern": "^(0|-?[1-9][0-9]{0,17})$"}},  # page numbers
    ("RerunCreate", "rotations"): {"propertyNames": {"pattern": "^[1-9][0-9]{0,4}$"}},
    ("CorrectionCreate", "field"): {"enum": list(RECORD_FIELD_PATHS)},
}
COMMUNE_CODE = "CommuneCodeInput"  # a 2025 commune's code: what service.communes.clean_communes takes
COMMUNE_LISTS = {("CommunesChange", "communes")}
JSON_VALUE = "JsonValueInput"  # what a request's `Any` may be: JSON without control characters
JSON_VALUE_SCHEMA = {
    "anyOf": [
        {"type": ["null", "boolean", "number"]},
        {"type": "string", "pattern": NO_CONTROL_CHARACTERS},
        {"type": "array", "items": {"$ref": REF + JSON_VALUE}},
        {
            "type": "object",
            "propertyNames": {"pattern": NO_CONTROL_CHARACTERS},
            "additionalProperties": {"$ref": REF + JSON_VALUE},
        },
    ]
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
    """The generated document with the problem responses, media types, bigint ids and the
    request side's patterns and bounds."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    components[JSON_VALUE] = JSON_VALUE_SCHEMA
    components[COMMUNE_CODE] = {"type": "string", "enum": sorted(commune_names())}
    integer_bounds(components)
    operations = [
        (path, method, operation)
        for path, item in schema.get("paths", {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "responses" in operation
    ]
    bodies = [op["requestBody"] for _, _, op in operations if "requestBody" in op]
    requested = reachable(components, refs(bodies))
    shared = requested & reachable(components, refs([op["responses"] for _, _, op in operations]))
    inputs = {name: name + "Input" if name in shared else name for name in requested}
    for name in shared:
        components[inputs[name]] = copy.deepcopy(components[name])
        components[inputs[name]]["title"] = inputs[name]
    rename_refs(bodies, inputs)
    for name in refs(bodies):  # request Structs (and forms) forbid unknown fields, before `restrict`
        components[name]["additionalProperties"] = False
    for name in set(inputs.values()):
        rename_refs(components[name], inputs)
        restrict(components[name], name.removesuffix("Input"))
    for path, method, operation in operations:
        document_operation(path, method, operation)
    return schema


def nodes(schema: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON tree, parents first; a node's children are read after the caller has
    seen (and perhaps changed) it."""
    if isinstance(schema, list):
        for item in schema:
            yield from nodes(item)
    elif isinstance(schema, dict):
        yield schema
        for value in list(schema.values()):
            yield from nodes(value)


def refs(schema: Any) -> set[str]:
    """The component names `schema` refers to directly."""
    found: set[str] = set()
    for node in nodes(schema):
        ref = node.get("$ref", "")
        if isinstance(ref, str) and ref.startswith(REF):
            found.add(ref.removeprefix(REF))
    return found


def reachable(components: dict[str, Any], names: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in seen and name in components:
            seen.add(name)
            todo.extend(refs(components[name]))
    return seen


def rename_refs(schema: Any, names: dict[str, str]) -> None:
    for node in nodes(schema):
        ref = node.get("$ref", "")
        if isinstance(ref, str) and ref.removeprefix(REF) in names:
            node["$ref"] = REF + names[ref.removeprefix(REF)]


def restrict(component: dict[str, Any], name: str) -> None:
    """A request component: the register's bounds on a record's fields, the password policy, and
    no control characters in any text."""
    properties = component.get("properties", {})
    for prop in properties.values():
        bounds_into_branch(prop)
    if name in RECORD_PARTS:
        for field, prop in properties.items():
            bound_field(RECORD_PARTS[name] + field, prop)
    if name in NEW_PASSWORDS:
        password = properties[NEW_PASSWORDS[name]]
        password.update(minLength=MIN_PASSWORD_LENGTH, maxLength=MAX_PASSWORD_LENGTH)
        password["description"] = PASSWORD_POLICY
    for (owner, field), bounds in MORE_BOUNDS.items():
        if owner == name and field in properties:
            properties[field].update(copy.deepcopy(bounds))
    for owner, field in COMMUNE_LISTS:
        if owner == name and field in properties:
            for branch in properties[field].get("oneOf", [properties[field]]):
                if branch.get("type") == "array":
                    branch["items"] = {"$ref": REF + COMMUNE_CODE}
    no_control_characters(component)


def bound_field(path: str, schema: dict[str, Any]) -> None:
    """What service/review/bounds.py lets the register store at `path`, on each branch of the
    field's schema (`oneOf: [string, null]`)."""
    for branch in schema.get("oneOf", [schema]):
        kind = branch.get("type")
        if kind == "string" and "format" not in branch and "enum" not in branch:
            branch["maxLength"] = text_limit(path)
        elif kind == "integer":
            branch.update(minimum=0, maximum=int_limit(path))
        elif kind == "array":
            branch["maxItems"] = MAX_ITEMS


def no_control_characters(schema: Any) -> None:
    for node in nodes(schema):
        if node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(node):
            node["pattern"] = NO_CONTROL_CHARACTERS
        if node.get("type") == "object" and "propertyNames" not in node:
            node["propertyNames"] = {"pattern": NO_CONTROL_CHARACTERS}  # keys are text too
        if node.get("type") == "object" and "additionalProperties" not in node:
            node["additionalProperties"] = {}  # ignored, but read: JSON without control characters
        for key, value in node.items():
            if value == {} and key in ("additionalProperties", "items"):
                node[key] = {"$ref": REF + JSON_VALUE}
            elif isinstance(value, dict) and key == "properties":
                for field, inner in value.items():
                    if inner == {}:
                        value[field] = {"$ref": REF + JSON_VALUE}


def integer_bounds(schema: Any) -> None:
    """Integers' float bounds (Litestar writes 9.2e18) as integers within bigint."""
    for node in nodes(schema):
        if node.get("type") == "integer":
            for key in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
                if isinstance(node.get(key), float):
                    node[key] = min(int(node[key]), PG_BIGINT_MAX)
        if node.get("type") == "array" and node.get("items", {}).get("format") == "binary":
            node.setdefault("minItems", 1)  # an upload holds at least one file


def bounds_into_branch(schema: dict[str, Any]) -> None:
    """Litestar writes an optional value's bounds beside its `oneOf: [X, null]`, where they bind
    neither branch (a `maximum` beside a string's `oneOf`, a `minItems` beside a list's): they
    belong to X."""
    branches = [b for b in schema.get("oneOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        for key in [k for k in schema if k not in ("oneOf", "default", "description", "title")]:
            branches[0].setdefault(key, schema.pop(key))


def parameter_bounds(schema: dict[str, Any]) -> None:
    """A parameter's bounds in its branch (the null branch stays: Litestar reads the text "null"
    as None), within bigint, and no control characters."""
    bounds_into_branch(schema)
    integer_bounds(schema)
    no_control_characters(schema)


def document_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    statuses = [*EVERY_OPERATION]
    if "requestBody" in operation:
        statuses += WITH_A_BODY
    if method == "post" and path in UPLOADS:
        statuses.append(507)
        if "201" in responses:
            responses["200"] = {**responses["201"], "description": "Every file was known already"}
    if path.endswith("/file"):
        statuses.append(410)
    for status in statuses:
        responses[str(status)] = {
            "description": REASONS[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": REF + "Problem"}}},
        }
    if "204" in responses:
        responses["204"].pop("content", None)  # logout: nothing follows
    for suffix, media_types in MEDIA_TYPES.items():
        if path.endswith(suffix) and "200" in responses:
            responses["200"]["content"] = {
                m: {"schema": {"type": "string", "format": "binary"}} for m in media_types
            }
    for code in ("200", "201"):
        for content in responses.get(code, {}).get("content", {}).values():
            either = content.get("schema", {})
            if "oneOf" in either:  # /readyz: a stranger's shape is part of an admin's
                either["anyOf"] = either.pop("oneOf")
    if path == READINESS and "200" in responses:  # not ready is the same shape as ready, not a problem
        responses["503"] = {"description": NOT_READY, "content": copy.deepcopy(responses["200"]["content"])}
    for parameter in operation.get("parameters", []):
        parameter_bounds(parameter.get("schema", {}))


class DocumentedJson(JsonRenderPlugin):
    """`/api/schema/openapi.json`, completed by `document_api` (once: the schema dict is cached)."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        if not openapi_schema.get("x-documented"):
            document_api(openapi_schema)
            openapi_schema["x-documented"] = True
        return super().render(request, openapi_schema)
