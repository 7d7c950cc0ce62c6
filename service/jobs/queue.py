"""The job queue: pgqueuer on our PostgreSQL (its tables come from migration 0002).

pgqueuer claims work with `FOR UPDATE SKIP LOCKED`, keeps a heartbeat per running job and re-picks a
job whose heartbeat went stale (its worker died), and re-queues on `RetryRequested` with a delay.
A queue entry carries only the id of its job's row, under its kind's entrypoint. Enqueueing takes the
caller's connection, so a job's row and its queue entry are committed in one transaction: a job is
either fully queued or not there at all.
"""

from __future__ import annotations

import datetime as dt

from pgqueuer.db import AsyncpgDriver
from pgqueuer.qm import QueueManager
from pgqueuer.queries import Queries

from service.db import Conn


async def enqueue(conn: Conn, entrypoint: str, job_id: int, delay: dt.timedelta | None = None) -> None:
    """Put job `job_id` of the kind `entrypoint` on the queue inside the caller's transaction."""
    queries = Queries(AsyncpgDriver(conn))  # type: ignore[arg-type]  # a pooled connection works the same
    await queries.enqueue(entrypoint, str(job_id).encode(), execute_after=delay)


def new_queue_manager(conn: Conn) -> QueueManager:
    """A queue manager on a dedicated connection (it LISTENs for new-job notifications)."""
    return QueueManager(Queries(AsyncpgDriver(conn)))  # type: ignore[arg-type]
