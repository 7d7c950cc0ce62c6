"""The server-rendered web UI: page handlers, Jinja templates and static files, wired by `web_routes()`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from service.i18n import TEMPLATE_FILTERS
from service.web.admin import admin_users_page
from service.web.dashboard import dashboard_page
from service.web.pages import PAGE_HANDLERS

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def _add_filters(engine: JinjaTemplateEngine) -> None:
    engine.engine.filters.update(TEMPLATE_FILTERS)


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=_add_filters)


def web_routes() -> list[Any]:
    """Page handlers plus /static (excluded from auth: CSS and scripts hold no data)."""
    static = create_static_files_router(
        path="/static", directories=[STATIC], opt={"exclude_from_auth": True}, include_in_schema=False
    )
    return [*PAGE_HANDLERS, dashboard_page, admin_users_page, static]
