"""Which communes a user works for, and which commune a new upload belongs to.

A user works for one or more communes (their 2025 unit codes) or, with none, for the whole province.
The scope itself is enforced in the database (service.db.scope); this module checks the codes against
the 2025 reference units, decides an upload's commune, and lets an administrator change a user's
communes (audited, like every account change).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import asyncpg

from schemas.reference import load_units_2025
from service.accounts import Account, Actor, get_account
from service.audit import write_audit
from service.errors import BadRequestError, InvalidInputError, NotFoundError
from service.i18n.messages import text
from service.users import CurrentUser

SET_COMMUNES = "update users set communes = $2 where id = $1 returning username, communes"
OLD_COMMUNES = "select communes from users where id = $1 for update"


@functools.cache
def commune_names() -> dict[str, str]:
    """2025 commune code → its name ("Phường Hải Châu"): the codes a scope may name."""
    return {u.code: u.name for u in load_units_2025() if u.kind == "commune"}


def clean_communes(codes: Sequence[str]) -> tuple[str, ...]:
    """The codes, stripped, deduplicated and sorted; every one must be a 2025 commune."""
    cleaned = tuple(sorted({c.strip() for c in codes if c.strip()}))
    if not cleaned:
        raise InvalidInputError("name at least one commune, or the whole province",
                                message_vi=text("communes.none"))  # fmt: skip
    unknown = [c for c in cleaned if c not in commune_names()]
    if unknown:
        raise InvalidInputError(
            f"not 2025 commune codes: {', '.join(unknown)}",
            message_vi=text("communes.unknown", codes=", ".join(unknown)),
        )
    return cleaned


def upload_commune(user: CurrentUser, chosen: str | None) -> str | None:
    """The commune of what `user` uploads: the one chosen (one of the user's), else the user's only
    commune. A user of several communes must choose; a province-wide user may (else: no commune,
    seen by province-wide users only)."""
    chosen = (chosen or "").strip() or None
    if chosen is not None:
        if user.communes is None:
            return clean_communes([chosen])[0]
        if chosen not in user.communes:
            raise BadRequestError(f"commune {chosen} is not one of yours",
                                  message_vi=text("communes.not_yours", code=chosen))  # fmt: skip
        return chosen
    if user.communes is None:
        return None
    if len(user.communes) == 1:
        return user.communes[0]
    raise BadRequestError("you work for several communes: choose the upload's commune (field `commune`)",
                          message_vi=text("communes.choose"))  # fmt: skip


async def set_communes(
    pool: asyncpg.Pool, actor: Actor, user_id: int, communes: Sequence[str] | None
) -> Account:
    """Give a user these communes, or (None) the whole province; the change is audited with old and
    new. It applies from the user's next request (the scope is read with the user on each request)."""
    new = None if communes is None else list(clean_communes(communes))
    async with pool.acquire() as conn, conn.transaction():
        old = await conn.fetchrow(OLD_COMMUNES, user_id)
        if old is None:
            raise NotFoundError(f"user {user_id} does not exist", message_vi=text("account.not_found"))
        row = await conn.fetchrow(SET_COMMUNES, user_id, new)
        assert row is not None
        await write_audit(conn, actor.id, "user.set_communes", "user", user_id, {
            "via": actor.via, "username": row["username"], "old": old["communes"], "new": new,
        })  # fmt: skip
    return await get_account(pool, user_id)
