"""Accuracy and speed in one run (issue 13): fresh dev seeds and the stranger set, side by side.

    python -m benchmarks.accuracy --dev-seeds 3107,4211 --stranger-seed 9001 --count 80 --jobs 2
        [--dev-count 100] [--no-second-reader] [--speed-files 20] [--skip-worker] [--write FILE]

1. generates the dev sets (`samples.generate`, via `samples.bench_gen`) and the stranger set
   (`samples.stranger`) in a temporary folder, and decodes every page once (untimed);
2. reads every file with `hkd extract --json` (`--jobs` calls side by side, one chunk of files each) and
   every page with plain `tesseract -l vie` (`--jobs` processes), the latter's words fed to the same
   extractor: accuracy by strict rules (`samples.strict_score`) per set and degradation, silent errors,
   flag recall, review on clean, a reliability table, the negatives' outcomes;
3. speed on the same pages and cores: the accuracy pass vs plain; `--speed-files` stranger files in ONE
   `hkd extract` call vs plain on one process (start-up = time to the first answer); the worker path
   (embedded PostgreSQL, `--jobs` `hkd worker` processes) vs plain on `--jobs` processes; peak RSS.

`--no-second-reader` sets HKD_OCR_SECOND_READER=0 for every extraction run (the ablation). The report is
Markdown for docs/benchmarks.md. Only aggregates are printed; the folder is deleted afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import msgspec

from benchmarks import accuracy_report as report
from benchmarks.accuracy_runs import (
    extract_one_call,
    extract_parallel,
    extract_plain,
    extraction_env,
    map_pool,
    plain_pass,
)
from samples.bench import machine
from samples.strict_score import (
    Tally,
    View,
    is_empty_record,
    legacy_correct,
    outcome_of,
    reliability,
    review_counts,
    score_document,
)
from schemas.record import Record

REPO = Path(__file__).resolve().parents[1]
NEGATIVE_NAMES = {
    "marriage": "marriage certificate",
    "english_letter": "letter in English",
    "blank": "blank page",
}
DEGRADED_NAME = "blurred, faded two-page certificate"


class Doc(msgspec.Struct):
    set: str
    name: str  # unique across sets: what `hkd extract` reports as "file"
    path: str
    truth: Record | None
    tier: str
    pages: int
    expected: str = "record"
    kind: str = "certificate"
    images: list[str] = msgspec.field(default_factory=list)
    sizes: list[tuple[int, int]] = msgspec.field(default_factory=list)


def dev_docs(seed: int, count: int, folder: Path, jobs: int) -> list[Doc]:
    from samples.bench_gen import generate_set

    folder.mkdir(parents=True)
    docs = generate_set(seed, count, folder, jobs)
    return [
        Doc(f"dev {seed}", f"d{seed}_{Path(d.path).name}", d.path, d.truth, d.tier, d.pages) for d in docs
    ]


def stranger_docs(seed: int, count: int, folder: Path, jobs: int) -> list[Doc]:
    from samples.stranger.generate import generate_set

    out = []
    for line in generate_set(seed, count, folder, jobs):
        truth = None
        if line["truth"]:
            truth = msgspec.json.decode((folder / str(line["truth"])).read_bytes(), type=Record)
        kind = "certificate"
        if line["expected"] != "record":
            kind = NEGATIVE_NAMES.get(str(line["mix"]), DEGRADED_NAME)
        out.append(Doc(f"stranger {seed}", f"t{seed}_{line['file']}", str(folder / str(line["file"])), truth,
                       str(line["tier"]), int(str(line["pages"])), str(line["expected"]), kind))  # fmt: skip
    return out


def decode_pages(job: tuple[str, str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Decode once, as the pipeline does, and write PNGs for plain Tesseract (not timed)."""
    from ocr.pages import Limits, load_pages

    path, prefix = job
    images, sizes = [], []
    for i, page in enumerate(load_pages(Path(path).read_bytes(), Limits()), start=1):
        target = f"{prefix}-p{i}.png"
        page.save(target, compress_level=1)
        images.append(target)
        sizes.append(page.size)
    return images, sizes


def link_all(docs: list[Doc], folder: Path) -> None:
    """One flat folder of uniquely named links, so every answer maps back to its document."""
    folder.mkdir()
    for doc in docs:
        link = folder / doc.name
        link.symlink_to(doc.path)
        doc.path = str(link)


def score_sets(docs: list[Doc], ours: dict[str, View], plain: dict[str, View]) -> list[report.SetScore]:
    groups: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        groups[doc.set].append(doc)
    if sum(name.startswith("dev") for name in groups) > 1:
        groups["dev, all seeds"] = [d for d in docs if d.set.startswith("dev")]
    scores = []
    for name, members in groups.items():
        s = report.SetScore(name, Tally(), {}, Tally(), {}, [])
        units_all = []
        legacy = [0, 0]
        for doc in members:
            view = ours.get(doc.name)
            if doc.kind != "certificate":
                s.outcomes.setdefault(doc.kind, Counter())[outcome_of(view)] += 1
                s.expected[doc.kind] = doc.expected
            if doc.truth is None:
                continue
            units = score_document(view, doc.truth)
            plain_units = score_document(plain.get(doc.name), doc.truth)
            review, of = review_counts(view, doc.truth)
            for tally, pl in (
                (s.all, s.plain_all),
                (s.tiers.setdefault(doc.tier, Tally()), s.plain_tiers.setdefault(doc.tier, Tally())),
            ):
                tally.add_units(units)
                pl.add_units(plain_units)
                tally.review += review
                tally.review_of += of
                tally.documents += 1
                tally.empty += is_empty_record(view)
            units_all += units
            right, total = legacy_correct(view, doc.truth)
            legacy = [legacy[0] + right, legacy[1] + total]
        s.bins = reliability(units_all)
        s.legacy = (legacy[0], legacy[1]) if name.startswith("dev") else (0, 0)
        scores.append(s)
    return scores


def git_state() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = (
        " (with uncommitted changes)"
        if git("status", "--porcelain", "--", "ocr", "service", "schemas")
        else ""
    )
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def second_reader_note(enabled: bool) -> str:
    readers = [str(p.relative_to(REPO)) for top in ("ocr", "service") for p in sorted((REPO / top).rglob("*.py"))
               if "HKD_OCR_SECOND_READER" in p.read_text(encoding="utf-8")]  # fmt: skip
    mode = "on (HKD_OCR_SECOND_READER unset)" if enabled else "off (HKD_OCR_SECOND_READER=0)"
    seen = f"read by {', '.join(readers)}" if readers else "no code reads the variable at this commit"
    return f"{mode}; {seen}"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.accuracy", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--dev-seeds", required=True, help="comma-separated seeds of the dev generator")
    parser.add_argument("--stranger-seed", type=int, required=True, help="a seed never generated before")
    parser.add_argument("--count", type=int, default=80, help="stranger certificates (plus five negatives)")
    parser.add_argument("--dev-count", type=int, default=100, help="documents per dev seed")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--speed-files", type=int, default=20)
    parser.add_argument("--no-second-reader", action="store_true")
    parser.add_argument("--skip-worker", action="store_true", help="no worker-path timing (no PostgreSQL)")
    parser.add_argument("--write", type=Path, help="also write the Markdown to this file")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.dev_seeds.split(",") if s]
    env = extraction_env(not args.no_second_reader)
    started, load_before = time.perf_counter(), load()
    folder = Path(tempfile.mkdtemp(prefix="hkd-accuracy-"))
    try:
        docs: list[Doc] = []
        for seed in seeds:
            docs += dev_docs(seed, args.dev_count, folder / f"dev{seed}", args.jobs)
        docs += stranger_docs(args.stranger_seed, args.count, folder / "stranger", args.jobs)
        link_all(docs, folder / "run")
        (folder / "pages").mkdir()
        decoded = map_pool(decode_pages, [(d.path, str(folder / "pages" / d.name)) for d in docs], args.jobs)
        for doc, (images, sizes) in zip(docs, decoded, strict=True):
            doc.images, doc.sizes, doc.pages = images, sizes, len(images)
        generated = time.perf_counter() - started
        ours, ours_side = extract_parallel([(Path(d.path), d.pages) for d in docs], env, args.jobs,
                                           f"`hkd extract --json`, {args.jobs} calls, every file")  # fmt: skip
        words, plain_side = plain_pass([i for d in docs for i in d.images], args.jobs, "plain")
        jobs, at = [], 0
        for doc in docs:
            jobs.append((doc.name, words[at : at + doc.pages], doc.sizes))
            at += doc.pages
        plain_views = dict(zip([d.name for d in docs], map_pool(extract_plain, jobs, args.jobs), strict=True))
        speed_docs = [d for d in docs if d.set.startswith("stranger") and d.kind == "certificate"][
            : args.speed_files
        ]
        speed_pages = sum(d.pages for d in speed_docs)
        speed_images = [i for d in speed_docs for i in d.images]
        one = extract_one_call([Path(d.path) for d in speed_docs], speed_pages, env)
        _, plain_one = plain_pass(speed_images, 1, "plain")
        rows = [(ours_side, plain_side), (one, plain_one)]
        worker_note = "worker path: skipped (--skip-worker)"
        if not args.skip_worker:
            from benchmarks.accuracy_worker import measure_worker

            worker, failed = measure_worker(
                [Path(d.path).resolve() for d in speed_docs], speed_pages, args.jobs, env
            )
            _, plain_j = plain_pass(speed_images, args.jobs, "plain")
            rows.append((worker, plain_j))
            steady = 60 * speed_pages / (worker.per_file_s * len(speed_docs)) if worker.per_file_s else 0.0
            worker_note = (f"worker path: {len(speed_docs)} files on {args.jobs} `hkd worker` processes, {failed} jobs not "
                           f"succeeded; {worker.first_output_s:.1f} s of the wall time is start-up and queue "
                           f"(first job start − spawn, last finish − end), steady {steady:.1f} pages/min")  # fmt: skip
            if worker.tree is not None:
                t = worker.tree
                worker_note += (f". One worker with its forkserver and OCR children at their peak: RSS summed "
                                f"{t.rss_sum / 1024:.0f} MB (shared pages counted in every process), PSS summed "
                                f"{t.pss_sum / 1024:.0f} MB (each shared page divided among its sharers), largest "
                                f"USS {t.uss_max / 1024:.0f} MB")  # fmt: skip
        scores = score_sets(docs, ours, plain_views)
        lines = [
            f"Command: `python -m benchmarks.accuracy --dev-seeds {args.dev_seeds} --stranger-seed {args.stranger_seed} "
            f"--count {args.count} --dev-count {args.dev_count} --jobs {args.jobs}"
            f"{' --no-second-reader' if args.no_second_reader else ''}`",
            f"Commit {git_state()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {machine()}; "
            f"load average before {load_before}, after {load()}.",
            f"Second reader: {second_reader_note(not args.no_second_reader)}.",
            f"Documents: {len(docs)} ({sum(d.pages for d in docs)} pages); generation and decoding {generated:.0f} s, "
            f"whole run {time.perf_counter() - started:.0f} s.",
            "",
            *report.summary_table([s for s in scores if s.name != "dev, all seeds"] + [s for s in scores if s.name == "dev, all seeds"]),
            "",
        ]  # fmt: skip
        for s in scores:
            lines += [*report.tier_table(s), ""]
        rel = [s for s in scores if s.name == "dev, all seeds" or s.name.startswith("stranger")] or scores
        lines += [
            "Reliability (every scored field with a confidence):",
            "",
            *report.reliability_table(rel),
            "",
        ]
        for s in scores:
            if s.outcomes:
                lines += [f"Outcomes on the {s.name} negatives:", "", *report.outcome_table(s), ""]
        lines += ["Speed (same pages, same cores, one after the other):", "", *report.speed_table(rows), "",
                  f"One call: first answer after {one.first_output_s or 0:.2f} s, then {one.per_file_s or 0:.2f} s a file. "
                  f"{worker_note}. Crashed `hkd extract` calls: {ours_side.crashes + one.crashes}."]  # fmt: skip
        text = "\n".join(lines)
        print(text)
        if args.write:
            args.write.write_text(text + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
