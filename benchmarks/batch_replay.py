"""The batch pass's CPU without Tesseract's: every page's reading is made once and kept in a pickle, then
replayed into `ocr.batch.read.read_batch`, and the kept readings are decoded as the child's OCR job
does (`ocr.reading.decode_reading`). What is timed is decoding, the ink test, the encodings and the
child's decode: the part a batch adds to one by one, whose changes are smaller than the ±3 CPU s a whole
throughput run moves by on a loaded machine. Compare two checkouts with the same pickle.

    python -m benchmarks.batch_replay make BATCH.pdf readings.pkl
    python -m benchmarks.batch_replay run BATCH.pdf readings.pkl --repeat 2
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path
from typing import Any

import ocr.batch.read as batch_read
from ocr.batch import classify
from ocr.batch.limits import BatchLimits
from ocr.reading import decode_reading

CHILD_KINDS = (classify.PageKind.CERTIFICATE_FIRST, classify.PageKind.CONTINUATION)


def make(path: Path, cache: Path) -> None:
    from ocr.pages import iter_pages
    from ocr.pipeline import read_whole_page

    pages = iter_pages(path, BatchLimits().file_limits)
    readings = {n: read_whole_page(page, time.monotonic() + 300) for n, page in enumerate(pages, 1)}
    cache.write_bytes(pickle.dumps(readings))  # a development file made here: only ever read back here
    print(f"{len(readings)} readings kept in {cache}")


def run(path: Path, cache: Path, repeat: int) -> None:
    readings: dict[int, Any] = pickle.loads(cache.read_bytes())  # noqa: S301 - our own file, just made
    classify_and_read = classify.classify_and_read
    number = 0

    def replayed(page: Any, timeout_s: float = classify.PAGE_READ_TIMEOUT_S) -> Any:
        nonlocal number
        number += 1
        kept = readings[number]
        classify.read_whole_page = lambda page, deadline, on_step=None: kept
        return classify_and_read(page, timeout_s)

    batch_read.classify_and_read = replayed
    for rep in range(repeat):
        number = 0
        started = time.process_time()
        pages = list(batch_read.read_batch(path, BatchLimits()))
        batch = time.process_time() - started
        started = time.process_time()
        kept = [
            decode_reading(p.reading, p.view_png)
            for p in pages
            if p.reading and p.view_png and p.page_class.kind in CHILD_KINDS
        ]
        child = time.process_time() - started
        print(f"rep {rep}: batch pass without the reading {batch:.2f} CPU s ({len(pages)} pages), "
              f"the child's decode {child:.2f} CPU s ({len(kept)} readings)", flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_replay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("mode", choices=("make", "run"))
    parser.add_argument("path", type=Path, help="a batch file (PDF or TIFF)")
    parser.add_argument("cache", type=Path, help="the pickle of the pages' readings")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    if args.mode == "make":
        make(args.path, args.cache)
    else:
        run(args.path, args.cache, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
