"""/admin/users: users and API tokens for the admin (the JSON API behind it is service.api.accounts).

The page is rendered on the server with the current lists; its forms are sent by admin.js to the
admin API with the CSRF header, and the page reloads with `?done=<what>` to say what happened (a
fixed key: nothing the address bar holds is shown as text).
"""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from service.accounts import list_accounts, list_tokens
from service.auth import require_roles
from service.deps import DbPool
from service.i18n import ROLE_LABELS
from service.users import Role
from service.web.context import render_page, request_lang

DONE = frozenset({"created", "role", "communes", "disabled", "enabled", "password", "revoked"})


@get("/admin/users", guards=[require_roles()], include_in_schema=False)  # admin only
async def admin_users_page(request: Request, pool: DbPool, done: FromQuery[str | None] = None) -> Template:
    lang = request_lang(request)
    return await render_page(
        request,
        pool,
        "admin_users.html",
        accounts=await list_accounts(pool),
        tokens=await list_tokens(pool),
        roles=[(role.value, ROLE_LABELS[role][1 if lang == "en" else 0]) for role in Role],
        done=done if done in DONE else "",
    )
