"""What every page template gets: the user, the CSRF token, the language, the translator, the menu."""

from __future__ import annotations

import json
from collections.abc import Set
from typing import Any

import asyncpg
from litestar import Request
from litestar.response import Redirect, Template

from service.auth import Credential
from service.i18n import LANG_COOKIE, ROLE_LABELS, make_translator, pick_lang, script_messages
from service.runtime.settings import DEFAULTS, Settings
from service.users import CurrentUser, Role

# (key, url, roles that see it); admin sees everything.
NAV: tuple[tuple[str, str, Set[Role]], ...] = (
    ("nav.upload", "/upload", {Role.CLERK, Role.REVIEWER}),
    ("nav.review", "/review", {Role.REVIEWER}),
    ("nav.register", "/register", {Role.PLANNER, Role.REVIEWER}),
    ("nav.dashboard", "/dashboard", {Role.PLANNER, Role.REVIEWER}),  # the same guard as /dashboard
    ("nav.admin", "/admin/users", frozenset()),  # admin only
)
HOME = {Role.CLERK: "/upload", Role.REVIEWER: "/review", Role.PLANNER: "/register", Role.ADMIN: "/review"}


def request_lang(request: Request[Any, Any, Any]) -> str:
    return pick_lang(request.cookies.get(LANG_COOKIE))


def home_for(user: CurrentUser) -> str:
    return HOME.get(user.role, "/upload")


def safe_next(target: str | None, fallback: str) -> str:
    """Only local paths: `next=//evil.example` or `https://…` would be an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def csrf_for(request: Request[Any, Any, Any]) -> str:
    """The session's CSRF token, as the auth middleware found it (no second look-up); none for tokens."""
    credential = request.scope.get("auth")
    return credential.csrf if isinstance(credential, Credential) else ""


def base_context(request: Request[Any, Any, Any], user: CurrentUser | None, csrf: str) -> dict[str, Any]:
    lang = request_lang(request)
    nav = []
    if user is not None:
        nav = [
            {"label": make_translator(lang)(key), "url": url, "active": request.url.path.startswith(url)}
            for key, url, roles in NAV
            if user.role in roles or user.role == Role.ADMIN
        ]
    role_label = ""
    if user is not None:
        vi, en = ROLE_LABELS.get(user.role, (user.role, user.role))
        role_label = en if lang == "en" else vi
    zone = settings_of(request).zone
    return {
        "zone": zone,
        "timezone": zone.key,
        "lang": lang,
        "t": make_translator(lang),
        "user": user,
        "role_label": role_label,
        "csrf": csrf,
        "nav": nav,
        "path": request.url.path,
        "query": request.url.query,
        "messages_json": json.dumps(script_messages(lang), ensure_ascii=False).replace("</", "<\\/"),
    }


async def render_page(
    request: Request[Any, Any, Any], pool: asyncpg.Pool, template: str, **extra: Any
) -> Template:
    """The page with the base context. (`pool` is no longer read: the CSRF token comes with the
    request's credential; the page handlers still pass it.)"""
    user: CurrentUser = request.user
    context = base_context(request, user, csrf_for(request))
    context.update(extra)
    return Template(template_name=template, context=context)


def settings_of(request: Request[Any, Any, Any]) -> Settings:
    """The app's settings (create_app puts them in the state), for code without the dependency."""
    settings = request.app.state.get("settings")
    return settings if isinstance(settings, Settings) else DEFAULTS


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)
