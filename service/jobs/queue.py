"""The job queue: pgqueuer on our PostgreSQL (its tables come from migration 0002).

pgqueuer claims work with `FOR UPDATE SKIP LOCKED`, keeps a heartbeat per running job and re-picks a
job whose heartbeat went stale (its worker died), and re-queues on `RetryRequested` with a delay.
A queue entry carries only the id of its job's row, under its kind's entrypoint. Enqueueing takes the
caller's connection, so a job's row and its queue entry are committed in one transaction: a job is
either fully queued or not there at all.

A worker runs one job of each kind at a time, and picks only what it can run now
(`OneJobPerKind`): a job picked while another of its kind runs would wait behind it (a long OCR job
ties it up for minutes) while an idle worker could not take it — pgqueuer's own caps are either
fleet-wide (`concurrency_limit`) or at least two jobs per worker (`max_concurrent_tasks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator

from pgqueuer import models, types
from pgqueuer.db import AsyncpgDriver
from pgqueuer.qm import QueueManager
from pgqueuer.queries import Queries

from service.db import Conn


async def enqueue(conn: Conn, entrypoint: str, job_id: int, delay: dt.timedelta | None = None) -> None:
    """Put job `job_id` of the kind `entrypoint` on the queue inside the caller's transaction."""
    queries = Queries(AsyncpgDriver(conn))  # type: ignore[arg-type]  # a pooled connection works the same
    await queries.enqueue(entrypoint, str(job_id).encode(), execute_after=delay)


BUSY_POLL = dt.timedelta(seconds=1)
"""While a kind is busy, how soon a freed slot is noticed at the latest (pgqueuer's notification of
the finished job usually wakes the loop at once)."""


class OneJobPerKind(QueueManager):
    """Dequeues only for the kinds (entrypoints) that have no job running in this worker."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.running: dict[types.JobId, types.QueueEntrypoint] = {}

    def entrypoints_below_capacity_limits(self) -> set[types.QueueEntrypoint]:
        return set(self.entrypoint_registry) - set(self.running.values())

    async def fetch_jobs(
        self, batch_size: int, global_concurrency_limit: int | None, heartbeat_timeout: dt.timedelta
    ) -> AsyncGenerator[models.Job, None]:
        async for job in super().fetch_jobs(batch_size, global_concurrency_limit, heartbeat_timeout):
            self.running[job.id] = job.entrypoint  # before the next dequeue of this same batch loop
            yield job

    def forget_job(self, job_id: types.JobId, context: models.Context, task: object) -> None:
        super().forget_job(job_id, context, task)  # type: ignore[arg-type]
        self.running.pop(job_id, None)

    async def _effective_dequeue_timeout(self, dequeue_timeout: dt.timedelta) -> dt.timedelta:
        """pgqueuer re-polls every 0.1 s while any job is eligible; a job of a busy kind is not
        eligible here, so poll at most once a second then."""
        if self.running:
            return min(dequeue_timeout, BUSY_POLL)
        return await super()._effective_dequeue_timeout(dequeue_timeout)


def new_queue_manager(conn: Conn) -> QueueManager:
    """A queue manager on a dedicated connection (it LISTENs for new-job notifications)."""
    return OneJobPerKind(Queries(AsyncpgDriver(conn)))  # type: ignore[arg-type]
