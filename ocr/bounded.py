"""Run one document's decoding and reading in a child process, killed at a deadline, with a memory limit.

A hostile file costs whatever it makes the decoder do: a 66 KB PDF page of 1.5 M drawing operators
renders for a quarter of an hour, an image can inflate far past what its headers admit. The header
checks (ocr.pages) bound what the file says about itself; this bounds what reading it does:

- the child is forked from a forkserver that has the OCR modules loaded (a start costs milliseconds,
  not the second of importing OpenCV), so the caller's threads and connections are never forked;
- it limits its own address space (RLIMIT_AS, inherited by Tesseract) and dies with its parent
  (PR_SET_PDEATHSIG; the forkserver itself exits when its parent does);
- it runs in a process group of its own, and at the deadline the whole group is killed, Tesseract too;
- it sends its progress and then its result (or its error) back through a pipe.

Running out of time or memory is the file's fault (`TimeLimitError`, `MemoryLimitError`): the same
file would do it again. A child killed by someone else (`WorkerKilledError`) is not: that is retried.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ocr.errors import (
    DecoderCrashError,
    MemoryLimitError,
    OcrError,
    TimeLimitError,
    WorkerKilledError,
)

T = TypeVar("T")
Progress = Callable[[str, int, int], None]

PRELOAD = ["ocr.preload"]
"""Imported once by the forkserver, so that every child starts with the OCR modules, the reference data
and (when `prepare_children` asked for it) the second reader's model loaded."""

PRELOAD_READER_VAR = "HKD_OCR_PRELOAD_SECOND_READER"
"""'1': the forkserver loads the second reader's model (set by `prepare_children`, read by ocr.preload)."""
PRELOAD_MODELS_VAR = "HKD_OCR_PRELOAD_MODELS_DIR"

_OUT_OF_MEMORY_WORDS = ("insufficient memory", "failed to allocate", "out of memory", "cannot allocate")
_PR_SET_PDEATHSIG = 1
CANCEL_POLL_SECONDS = 0.25


def run_bounded(
    fn: Callable[..., T],
    *args: Any,
    kill_after_s: float,
    memory_mb: int,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    **kwargs: Any,
) -> T:
    """`fn(*args, **kwargs)` in a child process (with `on_progress=…` when given one); its result, or its error raised here.
    `fn` and its arguments must be picklable (a module-level function of plain values). Setting
    `cancel` (from another thread: the caller was cancelled) kills the child within a quarter second."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main,
        args=(sender, fn, args, kwargs, memory_mb * 1024 * 1024, on_progress is not None),
        daemon=True,
    )
    deadline = time.monotonic() + kill_after_s
    child.start()
    sender.close()  # ours: without closing it, the child's death would never read as end of file
    finished = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeLimitError(f"reading the file took longer than {kill_after_s:.0f} s; stopped")
            if cancel is not None and cancel.is_set():
                raise WorkerKilledError("the job was stopped")
            if not receiver.poll(min(left, CANCEL_POLL_SECONDS)):
                continue
            try:
                kind, payload = receiver.recv()
            except EOFError:
                child.join(5)
                raise _death_error(child.exitcode, memory_mb) from None
            if kind == "progress":
                if on_progress is not None:
                    on_progress(*payload)
            elif kind == "result":
                finished = True
                return payload
            else:
                finished = True
                raise payload
    finally:
        if finished:
            child.join(2)  # it has said its last word and is exiting
        if child.exitcode is None:
            _kill_group(child.pid)
        child.join()
        receiver.close()


def prepare_children(*, second_reader: bool, models_dir: str | None) -> None:
    """Start the forkserver now, with the second reader loaded when it is on: a worker calls this once
    at start, so that no job pays for loading and every child shares one copy (fork, copy-on-write).
    Only the first call counts (the forkserver lives as long as this process); children of a
    forkserver started otherwise load what they need themselves."""
    from multiprocessing import forkserver

    os.environ[PRELOAD_READER_VAR] = (
        "1" if second_reader else "0"
    )  # the forkserver starts with our environment
    os.environ[PRELOAD_MODELS_VAR] = models_dir or ""
    _context()
    forkserver.ensure_running()  # when called from another thread


def _context() -> Any:
    """The forkserver context, its server started with SIGINT ignored: Ctrl-C reaches every process of
    `hkd serve`'s group, and a forkserver that is still importing `site` (before any of our code can
    ignore it) died printing a KeyboardInterrupt traceback (seen in CI). An ignored signal stays ignored
    across exec, and Python installs no handler of its own over it; the forkserver ignores SIGINT once
    running anyway, and its children are stopped by their parent (`_kill_group`), never by Ctrl-C."""
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    if threading.current_thread() is not threading.main_thread():
        return context  # only the main thread may change handlers; it is the one that starts workers
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
    return context


def _child_main(
    sender: Connection,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    limit: int,
    with_progress: bool,
) -> None:
    os.setpgid(0, 0)  # a group of our own: the deadline kills Tesseract with us, Ctrl-C does not reach us
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    _die_with_parent()
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def progress(step: str, done: int, total: int) -> None:
        sender.send(("progress", (step, done, total)))

    if with_progress:
        kwargs = {**kwargs, "on_progress": progress}
    try:
        result = fn(*args, **kwargs)
    except MemoryError:
        _send_error(sender, MemoryLimitError(f"needed more than {limit // 2**20} MiB"))
    except OcrError as exc:
        _send_error(sender, exc)
    except Exception as exc:
        if any(word in str(exc).lower() for word in _OUT_OF_MEMORY_WORDS):  # OpenCV, pdfium
            _send_error(sender, MemoryLimitError(f"needed more than {limit // 2**20} MiB: {exc}"))
        else:
            _send_error(sender, RuntimeError(f"{type(exc).__name__}: {exc}"[:500]))
    else:
        try:
            sender.send(("result", result))
        except MemoryError:
            _send_error(sender, MemoryLimitError(f"the result needed more than {limit // 2**20} MiB"))
    sender.close()


def _send_error(sender: Connection, exc: Exception) -> None:
    try:
        sender.send(("error", exc))
    except Exception:  # an error that does not pickle: its text still does
        sender.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}"[:500])))


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _death_error(exitcode: int | None, memory_mb: int) -> OcrError:
    """The child ended without a word. SIGKILL is someone else's doing (an operator, the kernel's OOM
    killer): worth another try. A crash (SIGSEGV, SIGABRT, …) under the memory limit is what a decoder
    does on this file, and would do again."""
    if exitcode == -signal.SIGKILL:
        return WorkerKilledError("the process reading the file was killed")
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return DecoderCrashError(f"the decoder crashed ({name}) within {memory_mb} MiB")
    return DecoderCrashError(f"the process reading the file exited ({exitcode}) without a result")


def _kill_group(pid: int | None) -> None:
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
