"""Line CER of the two readers on value lines cut from fresh dev pages (issue 13, the second reader).

    python -m benchmarks.second_reader_lines --seeds 3107 --count 30 [--jobs 1] [--psm7]

For every one-line value whose truth is its printed text (names, business name, ethnicity,
nationality, ID number, phone, e-mail), the line box from Tesseract's page reading is cut from the
view (as extraction cuts it) and read by the second reader; Tesseract's side is its page reading of
the same words (what extraction uses) and, with --psm7, Tesseract psm 7 on the same crop. Reported per
degradation tier: CER against the truth, exact lines, and how often the readers agree and are then
right (agreement precision). Dev seeds only: the stranger set is never used to tune the reader.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein

from ocr.extraction import fields, read_fields
from ocr.extraction.cross_reading import line_boxes
from ocr.extraction.lines import build_lines
from ocr.pipeline import load_pages, load_second_reader, package_page, prepare_page, read_page
from ocr.results import PageResult
from ocr.second_reader.crops import cut_line
from ocr.second_reader.model import LineModel
from ocr.second_reader.vote import comparable
from ocr.tesseract import read_words
from samples.bench_gen import generate_set
from schemas.record import Record

PRINTED = ("owner.full_name", "business_name", "owner.ethnicity", "owner.nationality",
           "owner.id_number", "phone", "email")  # fmt: skip


class Tally:
    def __init__(self) -> None:
        self.lines = 0
        self.chars = 0
        self.errors: dict[str, int] = defaultdict(int)
        self.exact: dict[str, int] = defaultdict(int)
        self.agree = 0
        self.agree_right = 0

    def add(self, truth: str, readings: dict[str, str]) -> None:
        t = comparable(truth)
        self.lines += 1
        self.chars += len(t)
        for name, text in readings.items():
            self.errors[name] += Levenshtein.distance(t, comparable(text))
            self.exact[name] += comparable(text) == t
        if comparable(readings["tesseract"]) == comparable(readings["second"]):
            self.agree += 1
            self.agree_right += comparable(readings["second"]) == t


def truth_of(record: object, path: str) -> object:
    value = record
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


def tally_lines(
    truth: Record,
    tier: str,
    results: list[PageResult],
    views: dict[int, np.ndarray],
    model: LineModel,
    tallies: dict[str, Tally],
    psm7: bool = False,
) -> float:
    """Add one document's value lines to `tallies[tier]`; the second reader's CPU seconds."""
    cpu = 0.0
    cands = read_fields(fields.read_document(build_lines(results)), {p.number: p.width for p in results})
    for path in PRINTED:
        want, cand = truth_of(truth, path), cands.get(path)
        boxes = line_boxes(cand) if cand is not None else []
        if not isinstance(want, str) or not want or len(boxes) != 1 or cand is None or cand.span is None:
            continue
        page, box = boxes[0]
        crop = cut_line(views[page], box)
        if crop is None:
            continue
        started = time.process_time()
        second = model.read_lines([crop])[0].text
        cpu += time.process_time() - started
        readings = {"tesseract": " ".join(t.word.text for t in cand.span.tokens), "second": second}
        if psm7:
            readings["psm7"] = " ".join(w.text for w in read_words(np.ascontiguousarray(crop), psm=7))
        tallies[tier].add(want, readings)
    return cpu


def print_lines(tallies: dict[str, Tally], cpu: float, psm7: bool) -> None:
    names = ["tesseract", "second"] + (["psm7"] if psm7 else [])
    lines = sum(t.lines for t in tallies.values())
    print(f"second reader {1000 * cpu / max(1, lines):.0f} ms CPU a line ({lines} lines)")
    print("| tier | lines | " + " | ".join(f"CER {n}" for n in names) + " | "
          + " | ".join(f"exact {n}" for n in names) + " | readers agree | right when they agree |")  # fmt: skip
    print("|---" * (3 + 2 * len(names)) + "|---|")
    for tier in sorted(tallies):
        t = tallies[tier]
        cer = " | ".join(f"{100 * t.errors[n] / max(1, t.chars):.2f} %" for n in names)
        exact = " | ".join(f"{t.exact[n]}/{t.lines}" for n in names)
        right = f"{100 * t.agree_right / t.agree:.1f} %" if t.agree else "-"
        print(f"| {tier} | {t.lines} | {cer} | {exact} | {t.agree}/{t.lines} | {right} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.second_reader_lines")
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--psm7", action="store_true")
    args = parser.parse_args(argv)
    model = load_second_reader(True)
    assert model is not None
    tallies: dict[str, Tally] = defaultdict(Tally)
    cpu = 0.0
    with tempfile.TemporaryDirectory(prefix="hkd-lines-") as tmp:
        for seed in [int(s) for s in args.seeds.split(",")]:
            folder = Path(tmp) / str(seed)
            folder.mkdir()
            for doc in generate_set(seed, args.count, folder, args.jobs):
                results, views = [], {}
                for number, image in enumerate(load_pages(Path(doc.path).read_bytes()), start=1):
                    prepared, words = read_page(prepare_page(image), time.monotonic() + 300)
                    views[number] = prepared.view
                    results.append(package_page(number, prepared, words))
                cpu += tally_lines(doc.truth, doc.tier, results, views, model, tallies, args.psm7)
    print(f"seeds {args.seeds}, {args.count} documents each")
    print_lines(tallies, cpu, args.psm7)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
