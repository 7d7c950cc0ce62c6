"""The server-rendered web UI: page handlers, Jinja templates and static files, wired by `web_routes()`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from service.i18n import TEMPLATE_FILTERS, format_date
from service.web.admin import admin_users_page
from service.web.dashboard import dashboard_page
from service.web.pages import PAGE_HANDLERS

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@pass_context
def date_in_zone(context: Context, value: Any, with_time: bool = False) -> str:
    """`date_vn` in templates: a moment is shown in the page's zone (HKD_TIMEZONE, base_context)."""
    return format_date(value, with_time, context.get("zone"))


def _add_filters(engine: JinjaTemplateEngine) -> None:
    engine.engine.filters.update(TEMPLATE_FILTERS)
    engine.engine.filters["date_vn"] = date_in_zone


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=_add_filters)


def web_routes() -> list[Any]:
    """Page handlers plus /static (excluded from auth: CSS and scripts hold no data)."""
    static = create_static_files_router(
        path="/static", directories=[STATIC], opt={"exclude_from_auth": True}, include_in_schema=False
    )
    return [*PAGE_HANDLERS, dashboard_page, admin_users_page, static]
