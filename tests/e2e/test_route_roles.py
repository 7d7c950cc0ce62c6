"""Every route × every role against the running server: the outcome matches the route's declared guard.

Routes come from the app itself (`app.routes`), so a new route is covered the day it is
added; a route without `require_roles` (and not explicitly public) fails this test.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from typing import Any

import pytest

from service.app import create_app
from service.auth import PUBLIC_PATHS as PUBLIC_PATTERNS
from service.auth import Role
from service.runtime.settings import Settings
from tests.e2e.conftest import USERS, Server

pytestmark = pytest.mark.e2e
ROLE_USER = {role: name for name, role in reversed(list(USERS.items()))}  # one user per role
PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")
PUBLIC_PATHS = [re.compile(p) for p in PUBLIC_PATTERNS]  # e.g. the OpenAPI schema
SAMPLE = {"int": "999999", "str": "1.png", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def routes() -> list[tuple[str, str, Any]]:
    app = create_app(Settings(database_url="postgresql://unused/unused"))
    out = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(getattr(handler, "http_methods", ())):
                if method in ("OPTIONS", "HEAD") or route.path.startswith("/static"):
                    continue
                out.append((route.path, method, handler))
    return sorted(out, key=lambda r: (r[0], r[1]))


def allowed_roles(handler: Any) -> frozenset[str] | None:
    """Roles every guard on the route admits (guards of all layers must pass); None = no role guard."""
    guards = [getattr(g, "func", g) for g in handler.resolve_guards()]  # Litestar wraps them
    sets = [g.roles for g in guards if hasattr(g, "roles")]
    if not sets:
        return None
    allowed = frozenset(Role)
    for s in sets:
        allowed &= frozenset(s)
    return frozenset(r.value for r in allowed)


def concrete(path: str) -> str:
    return PARAM.sub(lambda m: SAMPLE.get(m.group(2) or "str", "1"), path)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(server: Server, method: str, path: str, token: str | None) -> tuple[int, str]:
    is_page = not path.startswith("/api/")
    headers = {"Accept": "text/html" if is_page else "application/json"}
    body = None
    if method in ("POST", "PUT", "PATCH"):
        headers["Content-Type"] = "application/json"
        body = b"{}"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(server.base_url + path, data=body, headers=headers, method=method)  # noqa: S310
    try:
        with OPENER.open(request, timeout=60) as r:
            return r.status, r.headers.get("location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("location", "")


ROUTES = routes()


def test_route_list_is_not_empty_and_includes_pages_and_api() -> None:
    paths = {p for p, _, _ in ROUTES}
    assert {"/upload", "/review", "/register", "/api/documents"} <= paths


@pytest.mark.parametrize(("path", "method", "handler"), ROUTES, ids=[f"{m} {p}" for p, m, _ in ROUTES])
def test_route_guard_matches_outcome_for_every_role(
    hkd_server: Server, path: str, method: str, handler: Any
) -> None:
    url = concrete(path)
    if handler.opt.get("exclude_from_auth") or any(p.search(path) for p in PUBLIC_PATHS):
        status, _ = call(hkd_server, method, url, None)
        if method == "GET":
            assert status < 400 or (status == 404 and "{" in path), (
                f"public {path} refused anonymous: {status}"
            )
        else:  # e.g. POST /login with no credentials: 401 "wrong password" from the handler, never 403
            assert status != 403 and status < 500, f"public route {method} {path}: {status}"
        return
    roles = allowed_roles(handler)
    assert roles is not None, f"{method} {path} has no require_roles guard"

    status, location = call(hkd_server, method, url, None)
    if path.startswith("/api/"):
        assert status == 401, f"anonymous {method} {path}: {status}"
    else:
        assert status == 303 and location.startswith("/login?next="), f"anonymous {method} {path}: {status}"

    for role, username in ROLE_USER.items():
        status, _ = call(hkd_server, method, url, hkd_server.token(username))
        if role in roles:
            assert status not in (401, 403), f"{role} refused on {method} {path} ({status})"
        else:
            assert status == 403, f"{role} got {status} on {method} {path}, expected 403"
