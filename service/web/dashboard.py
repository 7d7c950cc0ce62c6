"""/dashboard: the export's summary as server-rendered SVG bars (CSP-safe: no script, no inline style)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Request, get
from litestar.params import FromQuery, QueryParameter
from litestar.response import Template

from service.auth import Role, require_roles
from service.deps import DbPool
from service.export.summary import summarize
from service.web.context import render_page

Code = Annotated[str | None, QueryParameter(max_length=12, pattern=r"^[0-9A-Za-z]*$")]


@get("/dashboard", guards=[require_roles(Role.PLANNER, Role.REVIEWER)], include_in_schema=False)
async def dashboard_page(
    request: Request,
    pool: DbPool,
    commune: Code = None,
    section: Code = None,
    as_of: FromQuery[dt.date | None] = None,
) -> Template:  # `object` made Litestar send the page as text/plain
    day = as_of or dt.date.today()
    summary = await summarize(pool, day, commune or None, section or None)
    filters = {"commune": commune or "", "section": section or "", "as_of": day.isoformat()}
    return await render_page(request, pool, "dashboard.html", summary=summary, filters=filters)
