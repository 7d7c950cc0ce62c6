"""Where the batch pass spends its CPU: each stage of `ocr.batch.read.prepare_batch_page` timed in CPU
seconds (`time.process_time`: Tesseract runs in this process, by ctypes), page by page, on one file.

    python -m benchmarks.batch_profile var/bench-batches/s974953-clean-10c8b2o/batch.pdf

The stages are timed by wrapping the functions the batch pass calls (nested ones, such as Tesseract
inside the reading, are indented and also counted in their parent); the per-page lines show each
page's class and its CPU. A development tool: it changes nothing the batch job does.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocr import pipeline
from ocr.batch import classify, read
from ocr.batch.limits import BatchLimits
from ocr.pages import iter_pages

COSTS: defaultdict[str, float] = defaultdict(float)

STAGES: list[tuple[Any, str, str]] = [
    (classify, "_grey", "ink: grey page, colour marks dropped"),
    (classify, "flat_small", "ink: 100-dpi flattened copy"),
    (classify, "letter_boxes", "ink: blobs (one or two levels)"),
    (classify, "in_rows", "ink: blobs in rows"),
    (classify, "read_whole_page", "reading (pipeline)"),
    (pipeline, "prepare_page", "  prepare_page"),
    (pipeline, "read_words", "  Tesseract"),
    (read, "encode_reading", "reading: grey PNG + msgpack"),
    (read.images, "encode_png", "PNGs (view and grey)"),
    (read, "encode_jpeg", "page JPEG"),
]


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrap(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            COSTS[name] += time.process_time() - started

    return wrap


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_profile", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("path", type=Path, help="a batch file (PDF or TIFF)")
    args = parser.parse_args(argv)
    for module, attr, name in STAGES:
        if hasattr(module, attr):
            setattr(module, attr, timed(name, getattr(module, attr)))
    started, number = time.process_time(), 0
    pages = iter_pages(args.path, BatchLimits().file_limits)
    while True:
        before = time.process_time()
        page = next(pages, None)
        COSTS["decode page"] += time.process_time() - before
        if page is None:
            break
        number += 1
        before = time.process_time()
        stored = read.prepare_batch_page(number, page)
        spent = time.process_time() - before
        COSTS["prepare_batch_page (all but decode)"] += spent
        c = stored.page_class
        kind = c.kind.value + (f"/{c.other.value}" if c.other else "")
        print(
            f"  page {number:3d} {kind:30s} blobs {c.text_blobs:5d} {spent:5.2f} CPU s  {c.reasons}",
            flush=True,
        )
    total = time.process_time() - started
    print(f"{args.path}: {number} pages, {total:.1f} CPU s")
    for name, seconds in COSTS.items():
        print(f"  {name:40s} {seconds:7.2f} CPU s  {seconds / max(1, number):.3f} a page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
