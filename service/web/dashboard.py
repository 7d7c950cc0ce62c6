"""/dashboard: the export's summary as server-rendered SVG bars (CSP-safe: no script, no inline style).

The filters take what people type, like the register's: a commune or province by name in either
scheme (rules.place_filter), a VSIC section from a list of names, a date typed dd/mm/yyyy or picked.
Whatever is typed, the answer is this page, never a 4xx: a name that is no unit or a date that is no
date is said on the page, and the figures are shown without that filter.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Request, get
from litestar.params import QueryParameter
from litestar.response import Template

from service.auth import Role, require_roles
from service.deps import AppSettings, DbPool
from service.export.summary import summarize
from service.i18n import local_today
from service.i18n.sheets import SECTION_NAMES, section_title
from service.register.search import place_of
from service.web.context import render_page, request_lang

Typed = Annotated[str | None, QueryParameter(max_length=200)]


def parse_day(text: str | None) -> dt.date | None:
    """ISO (the date picker) or dd/mm/yyyy (typed); None when it is neither."""
    value = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


@get("/dashboard", guards=[require_roles(Role.PLANNER, Role.REVIEWER)], include_in_schema=False)
async def dashboard_page(
    request: Request,
    pool: DbPool,
    settings: AppSettings,
    commune: Typed = None,
    province: Typed = None,
    section: Typed = None,
    as_of: Typed = None,
) -> Template:  # `object` made Litestar send the page as text/plain
    lang = request_lang(request)
    notices: list[tuple[str, dict[str, str]]] = []
    day = parse_day(as_of)
    if as_of and day is None:
        notices.append(("dash.bad_date", {"value": as_of}))
    day = day or local_today(settings.zone)
    place = place_of(commune, province)
    if place is not None and not place.found:
        notices.append(("dash.no_place", {"value": ", ".join(v for v in (commune, province) if v)}))
    letter = (section or "").strip().upper() or None
    if letter is not None and letter not in SECTION_NAMES:
        notices.append(("dash.bad_section", {"value": section or ""}))
        letter = None
    communes = list(place.communes) if place is not None and place.found else None
    summary = await summarize(pool, day, communes, letter)
    filters = {
        "commune": commune or "", "province": province or "", "section": letter or "",
        "as_of": day.isoformat(),
    }  # fmt: skip
    return await render_page(
        request, pool, "dashboard.html", summary=summary, filters=filters, notices=notices,
        places=list(place.names) if place is not None and place.found else [],
        sections=[(code, section_title(code, lang)) for code in SECTION_NAMES],
        section_name=lambda code: section_title(code, lang),
    )  # fmt: skip
