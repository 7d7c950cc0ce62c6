"""`hkd user set-communes NAME CODE...|--province`: the scope of a user, checked against the 2025 units,
audited with old and new, and in force from the user's next request."""

from __future__ import annotations

import asyncpg
import pytest

from service.communes import commune_names
from service.users import Role, create_token, create_user, user_for_token
from tests.db.test_accounts_cli import hkd

pytestmark = pytest.mark.asyncio(loop_scope="session")
__all__ = ["hkd"]


async def test_set_communes_scopes_the_user_and_is_audited(hkd, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    user = await create_user(pool, "lan.motcua", Role.CLERK, "mật khẩu một cửa 1")
    token = await create_token(pool, user.id, "t")
    assert (await user_for_token(pool, token)).communes is None  # type: ignore[union-attr]  # province
    hai_chau, da_bac = (next(c for c, n in commune_names().items() if n == name)
                        for name in ("Phường Hải Châu", "Xã Đà Bắc"))  # fmt: skip
    code, out, _ = await hkd("user", "set-communes", "lan.motcua", da_bac, hai_chau)
    assert code == 0 and "Phường Hải Châu" in out and "Xã Đà Bắc" in out
    assert (await user_for_token(pool, token)).communes == tuple(sorted([hai_chau, da_bac]))  # type: ignore[union-attr]
    code, out, err = await hkd("user", "set-communes", "lan.motcua", "99999")
    assert code == 2 and "99999" in err
    code, _, _ = await hkd("user", "set-communes", "lan.motcua", "--province")
    assert code == 0
    assert (await user_for_token(pool, token)).communes is None  # type: ignore[union-attr]
    code, out, _ = await hkd("user", "list")
    assert "province" in out
    rows = await pool.fetch(
        "select detail from audit_log where action = 'user.set_communes' and entity_id = $1 order by id",
        str(user.id),
    )
    assert [(r["detail"]["old"], r["detail"]["new"]) for r in rows] == [
        (None, sorted([hai_chau, da_bac])),
        (sorted([hai_chau, da_bac]), None),
    ]
    assert rows[0]["detail"]["via"].startswith("cli:")
