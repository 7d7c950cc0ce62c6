"""`hkd import --batch FILE` (and large files met by `hkd import DIR`): a scanned stack as a batch,
with its label, and its progress printed live until its documents are read (`--wait`)."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from ocr.pages import Source
from service.batches.model import BatchLabel, BatchStatus, Outcome
from service.batches.progress import Progress, batch_progress, require_batch
from service.batches.uploads import BatchUpload, accept_batch
from service.i18n.messages import text
from service.runtime import Runtime

FINISHED = (BatchStatus.SUCCEEDED, BatchStatus.FAILED, BatchStatus.DEAD)


async def import_batch(
    runtime: Runtime, data: Source, name: str, label: BatchLabel, *, uploaded_by: int | None = None
) -> BatchUpload:
    """Upload one file as a batch (limits checked from headers; the same file finds its batch)."""
    settings = runtime.settings
    return await accept_batch(runtime.pool, runtime.blobs, data, name, label,
                              settings.batch_limits, uploaded_by=uploaded_by, max_attempts=settings.job_attempts)  # fmt: skip


async def follow_batch(runtime: Runtime, batch_id: int, out: TextIO = sys.stderr, *, wait: bool,
                       poll_seconds: float = 2.0, timeout_s: float | None = None) -> int:  # fmt: skip
    """Print the progress line (in place) until the batch is split and its documents are read, or
    once without `wait`; then the outcome. 0 when split, 1 when the batch failed or has no certificate."""
    loop = asyncio.get_running_loop()
    deadline = None if timeout_s is None else loop.time() + timeout_s
    while True:
        batch = await require_batch(runtime.pool, batch_id)
        progress = await batch_progress(runtime.pool, batch)
        out.write("\r" + progress.render())
        out.flush()
        done = batch.status in FINISHED and progress.processed + progress.failed >= progress.found
        if done or not wait or (deadline is not None and loop.time() > deadline):
            break
        await asyncio.sleep(poll_seconds)
    out.write("\n")
    return _report_outcome(batch.status, batch.outcome, batch.error_code, progress, out)


def _report_outcome(status: BatchStatus, outcome: Outcome | None, error: str | None, progress: Progress, out: TextIO) -> int:  # fmt: skip
    if status in (BatchStatus.FAILED, BatchStatus.DEAD):
        out.write(text("batch.failed", reason=error or status.value) + "\n")
        return 1
    if outcome is None:
        return 0
    values = {"found": progress.found, "others": progress.others, "blanks": progress.blanks}
    out.write(text(f"batch.outcome.{outcome.value}", **values) + "\n")
    return 0 if outcome == Outcome.SPLIT else 1
