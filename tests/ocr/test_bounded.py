"""The OCR of one file runs in a child process that is killed at its deadline and cannot use more than
its memory limit (ocr.bounded): a page that renders forever or inflates without bound ends as the
file's fault, with the reason, instead of tying up or exhausting the worker."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from ocr import errors
from ocr.bounded import run_bounded
from ocr.pipeline import run_document
from tests import files

pytestmark = pytest.mark.ocr


def test_a_normal_file_is_read_in_the_child_with_its_progress() -> None:
    steps: list[str] = []
    result = run_bounded(
        run_document,
        files.make_jpeg(),
        "scan.jpg",
        kill_after_s=120,
        memory_mb=2048,
        on_progress=lambda step, done, total: steps.append(step),
    )
    assert len(result.pages) == 1 and result.pages[0].image_png.startswith(b"\x89PNG")
    assert steps[:2] == ["load", "preprocess"] and "extract" in steps


@pytest.mark.slow
def test_a_page_that_renders_forever_is_killed_at_the_deadline() -> None:
    data = files.make_slow_pdf()  # 6·10⁵ strokes: well over a minute of rendering at 300 DPI
    assert len(data) < 40_000
    started = time.monotonic()
    with pytest.raises(errors.TimeLimitError) as caught:
        run_bounded(run_document, data, "slow.pdf", kill_after_s=3, memory_mb=2048, timeout_s=2)
    assert time.monotonic() - started < 6
    assert isinstance(caught.value, errors.InputError)  # the file's fault: not retried
    assert "thời gian" in caught.value.message_vi


def test_a_page_that_inflates_past_the_memory_limit_fails_with_the_reason() -> None:
    data = files.make_inflating_png(8000, 10000)  # 80 MP: exactly the per-page limit, 95 KB
    with pytest.raises(errors.MemoryLimitError) as caught:
        run_bounded(run_document, data, "bomb.png", kill_after_s=60, memory_mb=1000)
    assert isinstance(caught.value, errors.InputError)
    assert "bộ nhớ" in caught.value.message_vi


@pytest.mark.parametrize(
    ("sig", "error"),
    [(signal.SIGSEGV, errors.DecoderCrashError), (signal.SIGKILL, errors.WorkerKilledError)],
)
def test_a_child_that_dies_says_whether_the_file_is_to_blame(sig: int, error: type[Exception]) -> None:
    """A crash is what the decoder does on this file (input fault); a SIGKILL from outside (an
    operator, the kernel's OOM killer) is not, and the job is tried again."""
    with pytest.raises(error):
        run_bounded(signal.raise_signal, sig, kill_after_s=10, memory_mb=2048)
    assert issubclass(error, errors.InputError) == (sig == signal.SIGSEGV)


def test_cancelling_kills_the_child_at_once() -> None:
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(errors.WorkerKilledError):
        run_bounded(time.sleep, 60, kill_after_s=120, memory_mb=2048, cancel=cancel)
    assert time.monotonic() - started < 3
