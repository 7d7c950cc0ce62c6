"""API tokens: the user behind a token, and last_used_at written at most once a minute."""

from __future__ import annotations

import asyncpg
import pytest

from service.auth import Role
from service.users import create_token, create_user, user_for_token

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def last_used(pool: asyncpg.Pool, user_id: int) -> object:
    return await pool.fetchval("select last_used_at from api_tokens where user_id = $1", user_id)


async def test_token_finds_its_user_and_touches_last_used_once_a_minute(pool: asyncpg.Pool) -> None:
    user = await create_user(pool, "script1", Role.PLANNER, None)
    token = await create_token(pool, user.id, "nightly export")
    assert await last_used(pool, user.id) is None

    found = await user_for_token(pool, token)
    assert found is not None and (found.id, found.username, found.role) == (user.id, "script1", Role.PLANNER)
    first = await last_used(pool, user.id)
    assert first is not None

    assert await user_for_token(pool, token) is not None
    assert await last_used(pool, user.id) == first  # within the minute: no write

    await pool.execute(
        "update api_tokens set last_used_at = now() - interval '2 minutes' where user_id = $1", user.id
    )
    assert await user_for_token(pool, token) is not None
    assert await last_used(pool, user.id) > first  # type: ignore[operator]


async def test_revoked_token_or_inactive_user_finds_nobody(pool: asyncpg.Pool) -> None:
    user = await create_user(pool, "script2", Role.CLERK, None)
    token = await create_token(pool, user.id, "t")
    assert await user_for_token(pool, "hkd_not-a-token") is None
    await pool.execute("update users set active = false where id = $1", user.id)
    assert await user_for_token(pool, token) is None
    await pool.execute("update users set active = true where id = $1", user.id)
    await pool.execute("update api_tokens set revoked_at = now() where user_id = $1", user.id)
    assert await user_for_token(pool, token) is None
