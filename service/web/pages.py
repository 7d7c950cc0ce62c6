"""HTML pages: login/logout/language, upload, review queue and screen, register and business pages.

Handlers only pick a template and the few server-side values it needs; the data behind the
interactive parts comes from the JSON API (the same routes scripts use), so the page and the API
cannot disagree about who may see what: every page repeats the role guard of the API it calls. A
page with an id in its path first looks its row up on the request's pool: another commune's row is
hidden there by row-level security (service/db/scope.py), so its page is the 404 page of an id that
does not exist, not an empty shell that tells the id is taken.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from service.auth import SESSION_COOKIE, open_session, require_roles
from service.communes import commune_names
from service.deps import PG_BIGINT_MAX, AppSettings, DbPool
from service.documents.origin import batch_origin
from service.documents.outcomes import Outcome
from service.errors import AppError, NotFoundError
from service.i18n import FIELD_LABELS, LANG_COOKIE, LANGS
from service.i18n.messages import text
from service.i18n.sheets import SECTION_NAMES, section_title
from service.i18n.workflow import REJECT_REASONS
from service.users import MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, CurrentUser, Role, log_out
from service.web.context import base_context, home_for, redirect, render_page, request_lang, safe_next

ANY_ROLE = (Role.CLERK, Role.REVIEWER, Role.PLANNER)
UPLOADERS = (Role.CLERK, Role.REVIEWER)
REVIEWERS = (Role.REVIEWER,)
REGISTER_READERS = (Role.PLANNER, Role.REVIEWER)
EXPORTERS = frozenset({*REGISTER_READERS, Role.ADMIN})
"""The roles the export API admits (service/api/exports.py): the buttons show for exactly these."""
BUSINESS_STATUSES = ("active", "suspended", "terminated", "revoked")
PAGE_ROWS = {  # the row behind a page with an id in its path: (does it exist for this pool, message)
    "batch": ("select exists (select from batches where id = $1)", "batch.not_found"),
    "document": ("select exists (select from documents where id = $1)", "document.not_found"),
    "business": ("select exists (select from businesses where id = $1)", "business.not_found"),
}


async def require_page_row(pool: DbPool, kind: str, row_id: int) -> None:
    """A 404 (the error page) unless the row exists and the request's scope sees it; an id beyond
    bigint is one no row has."""
    statement, message = PAGE_ROWS[kind]
    if not 1 <= row_id <= PG_BIGINT_MAX or not await pool.fetchval(statement, row_id):
        raise NotFoundError(f"{kind} {row_id} does not exist", message_vi=text(message))


def vsic_sections(lang: str) -> list[tuple[str, str]]:
    """(letter, "G – name") of the sections the register files businesses under (register.model
    .section_of: VSIC 2018's letters, which differ from 2025's after I), for the sector filter."""
    return [(code, section_title(code, lang)) for code in SECTION_NAMES]


class LoginForm(msgspec.Struct):
    """Bounded like the accounts; a longer name or password is no account's (a 422, never a 500)."""

    username: Annotated[str, msgspec.Meta(max_length=MAX_USERNAME_LENGTH)] = ""
    password: Annotated[str, msgspec.Meta(max_length=MAX_PASSWORD_LENGTH)] = ""
    next: Annotated[str, msgspec.Meta(max_length=2000)] = ""


@get("/", guards=[require_roles(*ANY_ROLE)], include_in_schema=False)
async def home(request: Request) -> Redirect:
    return redirect(home_for(request.user))


@get("/login", opt={"exclude_from_auth": True}, include_in_schema=False)
async def login_page(request: Request, next: FromQuery[str | None] = None) -> Template:
    context = base_context(request, None, "")
    context.update(next=safe_next(next, ""), error="", username="")
    return Template(template_name="login.html", context=context)


@post("/login", opt={"exclude_from_auth": True}, include_in_schema=False, status_code=303)
async def login_submit(
    request: Request, pool: DbPool, settings: AppSettings, data: URLEncodedBody[LoginForm]
) -> Response[Any]:
    """The form needs no CSRF token (there is no session yet); SameSite=strict guards the cookie."""
    try:
        session, cookie = await open_session(pool, settings, request, data.username, data.password)
    except AppError as exc:
        context = base_context(request, None, "")
        lang = context["lang"]
        message = exc.message_vi if lang == "vi" else exc.detail.capitalize() + "."
        context.update(next=safe_next(data.next, ""), error=message, username=data.username)
        return Template(template_name="login.html", context=context, status_code=exc.status)
    target = safe_next(data.next, home_for(session.user))
    return Redirect(path=target, status_code=303, cookies=[cookie])


@post("/logout", guards=[require_roles(*ANY_ROLE)], include_in_schema=False, status_code=303)
async def logout_submit(request: Request, pool: DbPool) -> Redirect:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        await log_out(pool, secret)
    return Redirect(
        path="/login", status_code=303, cookies=[Cookie(key=SESSION_COOKIE, value="", max_age=0, path="/")]
    )


@get("/lang/{code:str}", opt={"exclude_from_auth": True}, include_in_schema=False)
async def switch_lang(code: FromPath[str], next: FromQuery[str | None] = None) -> Redirect:
    chosen = code if code in LANGS else "vi"
    cookie = Cookie(key=LANG_COOKIE, value=chosen, max_age=365 * 86400, path="/", samesite="lax")
    return Redirect(path=safe_next(next, "/"), status_code=303, cookies=[cookie])


@get("/upload", guards=[require_roles(*UPLOADERS)], include_in_schema=False)
async def upload_page(request: Request, pool: DbPool) -> Template:
    """The batch and the list of one's uploads come from /api/documents/uploads (static/upload.js,
    static/uploads_list.js); links only to pages the role may open."""
    role = request.user.role
    return await render_page(
        request,
        pool,
        "upload.html",
        outcomes=[o.value for o in Outcome],
        communes=[(c, commune_names().get(c, c)) for c in request.user.communes or ()],
        can_review=role in (*REVIEWERS, Role.ADMIN),
        can_open_business=role in (*REGISTER_READERS, Role.ADMIN),
    )


@get("/batches/{batch_id:int}", guards=[require_roles(*UPLOADERS)], include_in_schema=False)
async def batch_page(request: Request, pool: DbPool, batch_id: FromPath[int]) -> Template:
    """The split editor: the page's script reads GET /api/batches/{id} and posts the clerk's edits."""
    await require_page_row(pool, "batch", batch_id)
    can_review = request.user.role in (Role.REVIEWER, Role.ADMIN)
    return await render_page(request, pool, "batch.html", batch_id=batch_id, can_review=can_review)


@get("/review", guards=[require_roles(*REVIEWERS)], include_in_schema=False)
async def queue_page(request: Request, pool: DbPool) -> Template:
    return await render_page(request, pool, "queue.html")


@get("/review/{document_id:int}", guards=[require_roles(*REVIEWERS)], include_in_schema=False)
async def review_page(request: Request, pool: DbPool, document_id: FromPath[int]) -> Template:
    await require_page_row(pool, "document", document_id)
    return await render_page(
        request,
        pool,
        "review.html",
        document_id=document_id,
        origin=await batch_origin(pool, document_id),
        field_order=list(FIELD_LABELS),
        reject_reasons=list(REJECT_REASONS),
    )


@get("/register", guards=[require_roles(*REGISTER_READERS)], include_in_schema=False)
async def register_page(
    request: Request,
    pool: DbPool,
    q: FromQuery[str | None] = None,
    commune: FromQuery[str | None] = None,
    province: FromQuery[str | None] = None,
    status: FromQuery[str | None] = None,
    section: FromQuery[str | None] = None,
) -> Template:
    user: CurrentUser = request.user
    return await render_page(
        request,
        pool,
        "register.html",
        filters={
            "q": q or "",
            "commune": commune or "",
            "province": province or "",
            "status": status or "",
            "section": section or "",
        },
        statuses=BUSINESS_STATUSES,
        sections=vsic_sections(request_lang(request)),
        can_export=user.role in EXPORTERS,
    )


@get("/businesses/{business_id:int}", guards=[require_roles(*REGISTER_READERS)], include_in_schema=False)
async def business_page(request: Request, pool: DbPool, business_id: FromPath[int]) -> Template:
    await require_page_row(pool, "business", business_id)
    can_edit = request.user.role in (Role.REVIEWER, Role.ADMIN)
    return await render_page(request, pool, "business.html", business_id=business_id, can_edit=can_edit)


PAGE_HANDLERS = [
    home,
    login_page,
    login_submit,
    logout_submit,
    switch_lang,
    upload_page,
    batch_page,
    queue_page,
    review_page,
    register_page,
    business_page,
]
__all__ = ["PAGE_HANDLERS", "request_lang"]
