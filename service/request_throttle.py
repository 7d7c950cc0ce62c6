"""Per-user rate limits for the requests that can be used as an oracle: register search and autocomplete.

A token bucket per (user, action) in PostgreSQL, so every API process shares it: `capacity` requests at
once, refilled at `capacity` per minute. Taking a token is one upsert that refills, checks and takes in
the same statement (parallel requests queue on the row; none passes a check another has already
spent), like the login throttle (service/login_throttle.py). An empty bucket is a 429 with the seconds
to wait in Retry-After (service/web/problems.py sends `retry_after` as that header).
"""

from __future__ import annotations

import math
from enum import StrEnum

from service.db import Executor
from service.errors import AppError
from service.i18n.messages import text


class Action(StrEnum):
    SEARCH = "search"  # GET /api/businesses with q
    AUTOCOMPLETE = "autocomplete"  # GET /api/refdata/units, /api/refdata/vsic


# $3 capacity, $4 tokens per second; the refill is capped at the capacity
_REFILLED = "least($3::float8, b.tokens + extract(epoch from now() - b.refilled_at) * $4::float8)"
TAKE_TOKEN = f"""
insert into request_buckets as b (user_id, action, tokens, refilled_at) values ($1, $2, $3::float8 - 1, now())
on conflict (user_id, action) do update set tokens = {_REFILLED} - 1, refilled_at = now()
where {_REFILLED} >= 1
returning tokens
"""
SECONDS_TO_WAIT = f"""
select (1 - {_REFILLED}) / $4::float8 from request_buckets b where b.user_id = $1 and b.action = $2
"""


class RequestRateLimitedError(AppError):
    """Too many searches (or autocomplete look-ups) by this user in a short time: wait (429)."""

    status, type, title = 429, "/problems/too-many-requests", "Too many requests"

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"too many searches; try again in {seconds} seconds",
            message_vi=text("problem.too_many_searches", seconds=seconds),
            retry_after=seconds,
        )


async def take_token(db: Executor, user_id: int, action: Action, per_minute: int) -> None:
    """Spend one of the user's requests for `action`, or raise the 429 with the seconds to wait."""
    rate = per_minute / 60.0
    if await db.fetchval(TAKE_TOKEN, user_id, action.value, float(per_minute), rate) is None:
        wait = await db.fetchval(SECONDS_TO_WAIT, user_id, action.value, float(per_minute), rate)
        raise RequestRateLimitedError(max(1, math.ceil(float(wait or 1))))
