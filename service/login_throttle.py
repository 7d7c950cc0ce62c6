"""Login throttling: each failed password slows the next try from the same client for the same username.

The first `FREE_FAILURES` failures cost nothing (typing mistakes); after that the next attempt must wait
`FIRST_DELAY_SECONDS` (counted from the end of the failed check), doubling with every failure up to
`MAX_DELAY_SECONDS`; a success, or a day without attempts, forgets them. An attempt is reserved *before* the password is checked, by one upsert
that only updates when the wait is over: parallel guesses queue on that row, so no more of them are
checked than the rule allows (a count followed by an insert let 15 parallel guesses through a limit of
5). The key is (username, client address), never one of them alone: an attacker slows down only their
own guesses, and can neither lock the owner out of an account nor a whole office out of its address.
"""

from __future__ import annotations

import datetime as dt
import math

from service.db import Executor
from service.errors import AppError
from service.i18n.messages import text

FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 15 * 60.0
FORGET_AFTER = dt.timedelta(days=1)

# The wait after `t.failures` failures, in seconds ($3 free failures, $4 first delay, $5 the cap;
# the exponent is bounded so that years of slow guessing cannot overflow a float).
_WAIT = "least($4::float8 * power(2, least(t.failures - $3, 30)), $5::float8)"
RESERVE_ATTEMPT = f"""
insert into login_throttle as t (username, client, failures, last_attempt_at) values ($1, $2, 1, now())
on conflict (username, client) do update set
    failures = case when t.last_attempt_at < now() - $6::interval then 1 else t.failures + 1 end,
    last_attempt_at = now()
where t.failures < $3
   or t.last_attempt_at < now() - $6::interval
   or t.last_attempt_at + make_interval(secs => {_WAIT}) <= now()
returning failures
"""
SECONDS_TO_WAIT = f"""
select extract(epoch from t.last_attempt_at + make_interval(secs => {_WAIT}) - now())
from login_throttle t where t.username = $1 and t.client = $2
"""
_RULE = (FREE_FAILURES, FIRST_DELAY_SECONDS, MAX_DELAY_SECONDS)
RECORD_FAILURE = (
    "update login_throttle set last_attempt_at = clock_timestamp() where username = $1 and client = $2"
)
FORGET_FAILURES = "delete from login_throttle where username = $1 and client = $2"
FORGET_OLD = "delete from login_throttle where last_attempt_at < now() - $1::interval"


class LoginRateLimitedError(AppError):
    """Too many failed logins for this username from this client: wait `retry_after` seconds (429)."""

    status, type, title = 429, "/problems/too-many-logins", "Too many failed logins"

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"too many failed logins for this user from this address; try again in {seconds} seconds",
            message_vi=text("auth.too_many_logins", seconds=seconds),
            retry_after=seconds,
        )


def wait_after(failures: int) -> float:
    """Seconds the next attempt waits after `failures` failures in a row (the SQL's rule, for docs
    and tests)."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(FIRST_DELAY_SECONDS * 2 ** min(failures - FREE_FAILURES, 30), MAX_DELAY_SECONDS)


async def reserve_attempt(db: Executor, username: str, client: str) -> None:
    """Count this attempt as a failure before the password is checked, or raise the 429 with the wait."""
    reserved = await db.fetchval(RESERVE_ATTEMPT, username, client, *_RULE, FORGET_AFTER)
    if reserved is None:
        wait = await db.fetchval(SECONDS_TO_WAIT, username, client, *_RULE)
        raise LoginRateLimitedError(max(1, math.ceil(float(wait or 1))))


async def record_failure(db: Executor, username: str, client: str) -> None:
    """The wait runs from when the failure is known, after the password check, not from when the
    attempt was reserved before it: an Argon2 check on a loaded machine takes up to a second or more,
    which used up the 2 s wait before the client even heard of its fifth failure."""
    await db.execute(RECORD_FAILURE, username, client)


async def forget_failures(db: Executor, username: str, client: str) -> None:
    """After a success: this client's earlier failures for this user no longer count, nor day-old rows."""
    await db.execute(FORGET_FAILURES, username, client)
    await db.execute(FORGET_OLD, FORGET_AFTER)
