"""The job machine every kind of background job runs on: fenced attempts, leases, back-off, dead letters.

pgqueuer hands a job to one worker (`FOR UPDATE SKIP LOCKED`) and keeps a heartbeat for it; a worker
that dies stops heart-beating, and after the lease (`HKD_JOB_LEASE_SECONDS`) another worker is given
the job again. Each kind keeps its jobs in a table of its own (OCR: `jobs`, exports: `exports`), and
every start there is a numbered attempt: the number is the fencing token of every later write of that
attempt (`where id = $1 and attempts = $2 and status = 'running'`, `write_fenced`), so a worker that
was presumed dead and comes back late changes nothing, and a job completes at most once.

What happens to an attempt is decided here, the same for every kind (`JobRunner.run_attempt`):

    started more often than allowed (its workers kept dying)  → given up: "worker_lost"
    the work succeeds                                         → the kind records it (fenced)
    a newer attempt took over (AttemptSupersededError)        → stop quietly
    it fails, and retrying cannot help (the input's fault)    → given up (failed)
    it fails, the kind retries, attempts are left             → retrying; pgqueuer re-queues it
                                                                 after `backoff` (5 s, 20 s, 80 s …)
    it fails, no attempts left (or the kind does not retry)   → given up (dead-lettered / failed)

A kind (`JobKind`) says how to start an attempt, what the work is, what a failure means, and how to
record giving up or a retry. A new kind is a class with those five parts and one line in the worker
process (service.worker).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

import msgspec
from pgqueuer.errors import RetryRequested
from pgqueuer.models import Job as QueueJob

from service.db import Executor
from service.errors import ConflictError

__all__ = [
    "AttemptLike",
    "AttemptSupersededError",
    "JobFailure",
    "JobKind",
    "JobRunner",
    "Outcome",
    "backoff",
    "write_fenced",
]

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600.0


class AttemptLike(Protocol):
    """What the machine reads of a kind's attempt."""

    @property
    def job_id(self) -> int: ...
    @property
    def number(self) -> int: ...
    @property
    def max_attempts(self) -> int: ...


A = TypeVar("A", bound=AttemptLike)


class AttemptSupersededError(ConflictError):
    """A newer attempt took the job over (this worker was presumed dead): stop quietly."""


class JobFailure(msgspec.Struct, frozen=True):
    """Why an attempt failed: a code for the job row, a detail for operators, and whether the input
    itself is unusable (then retrying cannot help)."""

    code: str
    detail: str
    input_fault: bool = False


WORKER_LOST = JobFailure("worker_lost", "the worker stopped during every attempt")


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    GAVE_UP = "gave_up"
    SUPERSEDED = "superseded"


class JobKind(Protocol[A]):
    entrypoint: str  # the pgqueuer entrypoint its queue entries carry
    retries: bool  # failures not of the input's making are retried with back-off

    async def start(self, job_id: int, worker: str) -> A | None:
        """Begin a new attempt (fenced: attempts + 1); None when the job is finished or gone."""

    async def run(self, attempt: A) -> None:
        """The work; records its own success with a fenced write, or raises."""

    def classify(self, exc: Exception) -> JobFailure:
        """What an exception out of `run` means."""

    async def give_up(self, attempt: A, failure: JobFailure) -> None:
        """Record the final failure (fenced)."""

    async def retry_later(self, attempt: A, failure: JobFailure) -> None:
        """Record that the job waits for its next attempt (fenced); only for kinds that retry."""


def backoff(attempt: int, base_seconds: float) -> dt.timedelta:
    """base, 4×base, 16×base, … capped at 10 minutes (5 s, 20 s, 80 s with the default base)."""
    return dt.timedelta(seconds=min(MAX_BACKOFF_SECONDS, base_seconds * 4 ** (attempt - 1)))


async def write_fenced(db: Executor, sql: str, attempt: AttemptLike, *args: object) -> bool:
    """Run a write of a running attempt ($1 job id, $2 attempt number, then `args`); False when a newer
    attempt has taken the job over, or it is no longer running."""
    result = await db.execute(sql, attempt.job_id, attempt.number, *args)
    return result.endswith(" 1")


def queue_job_id(queue_job: QueueJob) -> int:
    """Our job id, which is all a queue entry carries."""
    return int((queue_job.payload or b"0").decode())


class JobRunner(Generic[A]):
    """One kind's pgqueuer entrypoint in one worker process: one attempt at a time."""

    def __init__(self, kind: JobKind[A], worker: str, retry_base_seconds: float) -> None:
        self.kind = kind
        self.worker = worker
        self.retry_base_seconds = retry_base_seconds
        self._one_at_a_time = asyncio.Semaphore(1)

    async def handle(self, queue_job: QueueJob) -> None:
        """The entrypoint: start one attempt of the job the entry names, and run it."""
        await self.run_job(queue_job_id(queue_job))

    async def run_job(self, job_id: int) -> Outcome | None:
        """None when there was nothing to do (finished already: a re-pick after the result was committed)."""
        async with self._one_at_a_time:
            attempt = await self.kind.start(job_id, self.worker)
            if attempt is None:
                return None
            return await self.run_attempt(attempt)

    async def run_attempt(self, attempt: A) -> Outcome:
        name = self.kind.entrypoint
        if attempt.number > attempt.max_attempts:
            await self.kind.give_up(attempt, WORKER_LOST)
            return Outcome.GAVE_UP
        log.info("%s %s attempt %s/%s started", name, attempt.job_id, attempt.number, attempt.max_attempts)
        try:
            await self.kind.run(attempt)
        except AttemptSupersededError:
            log.warning(
                "%s %s attempt %s was taken over by a newer one", name, attempt.job_id, attempt.number
            )
            return Outcome.SUPERSEDED
        except Exception as exc:
            failure = self.kind.classify(exc)
            log.warning("%s %s attempt %s failed: %s", name, attempt.job_id, attempt.number, failure.code)
            if failure.input_fault or not self.kind.retries or attempt.number >= attempt.max_attempts:
                await self.kind.give_up(attempt, failure)
                return Outcome.GAVE_UP
            await self.kind.retry_later(attempt, failure)
            delay = backoff(attempt.number, self.retry_base_seconds)
            raise RetryRequested(delay=delay, reason=failure.code) from exc
        return Outcome.SUCCEEDED
