"""The OCR and batch job kinds share one frame (service.jobs.kinds): what an exception means stays what
it was for each (the clerk reads an OCR input fault in Vietnamese first; a batch's carries the detail)."""

from __future__ import annotations

import pytest

from ocr.errors import CorruptFileError, TimeLimitError, WorkerKilledError
from service.batches.processing import BatchJobs
from service.documents.processing import OcrJobs
from service.jobs.core import JobFailure
from service.jobs.ocr import OCR_ENTRYPOINT


def kinds() -> tuple[OcrJobs, BatchJobs]:
    # classify reads no state: skip __init__ (OcrJobs starts the OCR children's forkserver there)
    return OcrJobs.__new__(OcrJobs), BatchJobs.__new__(BatchJobs)


def test_an_input_fault_is_final_for_both_kinds_with_each_ones_detail() -> None:
    ocr, batch = kinds()
    exc = CorruptFileError("page 3 does not decode")
    assert ocr.classify(exc) == JobFailure(
        "corrupt_file", f"{CorruptFileError.message_vi} (page 3 does not decode)", input_fault=True
    )
    assert batch.classify(exc) == JobFailure("corrupt_file", "page 3 does not decode", input_fault=True)
    slow = TimeLimitError("took 300 s")  # the file's fault too: the same file would do it again
    assert ocr.classify(slow).input_fault and batch.classify(slow) == JobFailure(
        "time_limit", "took 300 s", True
    )


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (WorkerKilledError("killed"), "worker_killed"),
        (RuntimeError("x" * 600), "internal_error"),
    ],
)
def test_other_failures_are_retried_the_same_way_by_both_kinds(exc: Exception, code: str) -> None:
    for kind in kinds():
        failure = kind.classify(exc)
        assert failure.code == (exc.code if hasattr(exc, "code") else code)
        assert not failure.input_fault
        assert failure.detail == f"{type(exc).__name__}: {exc}"[:500]


def test_both_kinds_retry_and_keep_their_entrypoints() -> None:
    ocr, batch = kinds()
    assert ocr.retries and batch.retries
    assert ocr.entrypoint == OCR_ENTRYPOINT and batch.entrypoint == "split_batch"
