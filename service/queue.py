"""The job queue: pgqueuer on our PostgreSQL (its tables come from migration 0002).

pgqueuer claims work with `FOR UPDATE SKIP LOCKED`, keeps a heartbeat per running job and re-picks a
job whose heartbeat went stale (its worker died), and re-queues on `RetryRequested` with a delay.
Enqueueing takes the caller's connection so a document, its job row and its queue entry are
committed in one transaction: an upload is either fully queued or not there at all.
"""

from __future__ import annotations

import datetime as dt

from pgqueuer.db import AsyncpgDriver
from pgqueuer.qm import QueueManager
from pgqueuer.queries import Queries

from service.db import Conn, Executor

OCR_ENTRYPOINT = "ocr_document"
EXPORT_ENTRYPOINT = "export_register"  # background exports (service.export.background)


async def enqueue_ocr(conn: Conn, job_id: int, delay: dt.timedelta | None = None) -> None:
    """Put job `job_id` on the queue inside the caller's transaction."""
    queries = Queries(AsyncpgDriver(conn))  # type: ignore[arg-type]  # a pooled connection works the same
    await queries.enqueue(OCR_ENTRYPOINT, str(job_id).encode(), execute_after=delay)


async def enqueue_export(conn: Conn, export_id: int) -> None:
    """Put background export `export_id` on the queue inside the caller's transaction."""
    queries = Queries(AsyncpgDriver(conn))  # type: ignore[arg-type]
    await queries.enqueue(EXPORT_ENTRYPOINT, str(export_id).encode())


def new_queue_manager(conn: Conn) -> QueueManager:
    """A queue manager on a dedicated connection (it LISTENs for new-job notifications)."""
    return QueueManager(Queries(AsyncpgDriver(conn)))  # type: ignore[arg-type]


async def queue_depth(conn: Executor) -> dict[str, int]:
    rows = await conn.fetch("select status::text as status, count(*) as n from pgqueuer group by status")
    return {row["status"]: int(row["n"]) for row in rows}
