"""The second reader's effect on the same pages, paired (issue 13): every page is read by Tesseract
once, then extracted twice, with and without the second reader, and both records are scored by the
strict rules (samples.strict_score) against the truth.

    python -m benchmarks.second_reader_ablation --seeds 3109 --count 15 [--jobs 1] [--docs FILE]

`--docs` reads documents generated before (a JSON list of `samples.bench_gen.Doc`) instead of
generating. The line CER of `benchmarks.second_reader_lines` is measured on the same pages.

Paired, so the difference is the reader's alone (no other run's Tesseract noise); the full ablation
through `hkd extract` and the worker is `benchmarks.accuracy` with and without --no-second-reader.
Reports per tier: field accuracy, silent errors, review rate, and what the reader changed (fields it
sent to review that were right / wrong, fields it confirmed); the reader's CPU time per document.
Dev seeds only.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import msgspec
import numpy as np

from benchmarks.second_reader_lines import Tally as LineTally
from benchmarks.second_reader_lines import print_lines, tally_lines
from ocr.extraction import extract_record
from ocr.pipeline import load_pages, load_second_reader, make_reread, package_page, prepare_page, read_page
from ocr.second_reader.crops import Box, ViewLines
from ocr.second_reader.ctc import LineReading
from rules.record import validate_extraction
from samples.bench_gen import Doc, generate_set
from samples.strict_score import Tally, review_counts, score_document, view_from_json
from schemas.record import Extraction, Record


class TimedLines(ViewLines):
    cpu = 0.0
    lines = 0

    def __call__(self, boxes: list[Box]) -> list[LineReading | None]:
        started = time.process_time()
        try:
            return super().__call__(boxes)
        finally:
            TimedLines.cpu += time.process_time() - started
            TimedLines.lines += len(boxes)


def scored(extraction: Extraction, truth: Record, tally: Tally) -> dict[str, tuple[bool, str]]:
    view = view_from_json(msgspec.to_builtins(extraction))
    units = score_document(view, truth)
    tally.add_units(units)
    tally.documents += 1
    review, counted = review_counts(view, truth)
    tally.review += review
    tally.review_of += counted
    return {u.path: (u.correct, u.status) for u in units}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.second_reader_ablation")
    parser.add_argument("--seeds", default="", help="comma-separated dev seeds (or --docs)")
    parser.add_argument("--count", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--docs", type=Path, help="JSON list of samples.bench_gen.Doc generated before")
    parser.add_argument("--progress", action="store_true", help="print the tables after every document")
    args = parser.parse_args(argv)
    model = load_second_reader(True)
    assert model is not None
    off: dict[str, Tally] = defaultdict(Tally)
    on: dict[str, Tally] = defaultdict(Tally)
    changed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    docs = 0
    line_tallies: dict[str, LineTally] = defaultdict(LineTally)
    line_cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="hkd-ablation-") as tmp:
        for doc in documents(args, Path(tmp)):
            deadline = time.monotonic() + 600
            results, views, greys = [], {}, {}
            for number, image in enumerate(load_pages(Path(doc.path).read_bytes()), start=1):
                prepared, words = read_page(prepare_page(image), deadline)
                views[number], greys[number] = prepared.view, prepared.grey
                results.append(package_page(number, prepared, words))
            name = Path(doc.path).name
            plain = validate_extraction(extract_record(name, results, reread=make_reread(greys, deadline)))
            lines = TimedLines({k: np.asarray(v) for k, v in views.items()}, model)
            second = validate_extraction(
                extract_record(name, results, reread=make_reread(greys, deadline), line_reader=lines)
            )
            docs += 1
            line_cpu += tally_lines(doc.truth, doc.tier, results, views, model, line_tallies)
            was, now = scored(plain, doc.truth, off[doc.tier]), scored(second, doc.truth, on[doc.tier])
            for path, (right, status) in was.items():
                if path not in now or now[path][1] == status:
                    continue
                key = f"{status}→{now[path][1]}, {'right' if right else 'wrong'} value"
                changed[doc.tier][key] += 1
            if args.progress:
                report(args, docs, off, on, changed, line_tallies, line_cpu)
    report(args, docs, off, on, changed, line_tallies, line_cpu)
    return 0


def report(
    args: argparse.Namespace,
    docs: int,
    off: dict[str, Tally],
    on: dict[str, Tally],
    changed: dict[str, dict[str, int]],
    line_tallies: dict[str, LineTally],
    line_cpu: float,
) -> None:
    print(f"seeds {args.seeds or args.docs}, {docs} documents; second reader {TimedLines.cpu / max(docs, 1):.2f} s CPU a "
          f"document, {TimedLines.lines / max(docs, 1):.1f} lines a document")  # fmt: skip
    print()
    print("| tier | docs | fields | accuracy off → on | silent errors off → on | review off → on |")
    print("|---|---|---|---|---|---|")
    for tier in sorted(off):
        a, b = off[tier], on[tier]
        print(f"| {tier} | {a.documents} | {a.units} | {a.accuracy:.2f} % → {b.accuracy:.2f} % | "
              f"{a.silent} ({a.silent_rate:.2f} %) → {b.silent} ({b.silent_rate:.2f} %) | "
              f"{a.review_rate:.1f} % → {b.review_rate:.1f} % |")  # fmt: skip
    print()
    print("Status changes the reader made:")
    for tier in sorted(changed):
        print(f"- {tier}: " + "; ".join(f"{k}: {v}" for k, v in sorted(changed[tier].items())))
    print()
    print_lines(line_tallies, line_cpu, psm7=False)
    print(flush=True)


def documents(args: argparse.Namespace, tmp: Path) -> Iterator[Doc]:
    if args.docs is not None:
        yield from msgspec.json.decode(args.docs.read_bytes(), type=list[Doc])
        return
    for seed in [int(s) for s in args.seeds.split(",")]:
        folder = tmp / str(seed)
        folder.mkdir()
        yield from generate_set(seed, args.count, folder, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
