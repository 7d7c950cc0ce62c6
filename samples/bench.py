"""OCR benchmark: our pipeline vs plain `tesseract -l vie` on a freshly generated set.

    python -m samples.bench --seed 4242 --count 100 --jobs 2 [--write docs/benchmarks-ocr.md]

Both sides read the same page images and their words go through the same label-anchor extractor, so
the comparison is preprocessing + targeted re-reading vs raw OCR. Prints field accuracy overall, per
degradation tier and per field, silent errors (wrong and not sent to review), the share sent to
review, pages per minute for both and their ratio, and the workers' peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

import msgspec

from ocr.extraction import extract_record
from ocr.pages import Limits, load_pages
from ocr.pipeline import run_document
from ocr.results import PageResult
from ocr.tesseract import read_words_plain
from samples.bench_gen import Doc, generate_set
from samples.bench_score import FieldOutcome, Tally, score_extraction, tally
from schemas.record import Extraction

TIERS = ("clean", "light", "moderate", "photo")
TARGETS = {"clean": 99.0, "light": 99.0, "moderate": 97.0, "photo": 93.0}


class RunResult(msgspec.Struct):
    name: str
    elapsed: float
    pages: int
    extraction: Extraction | None
    error: str | None
    rss_kb: int
    child_rss_kb: int
    cpu: float = 0.0


def _cpu_seconds() -> float:
    """User + system CPU of this worker and its finished Tesseract children: unlike wall time, it
    does not grow when other jobs share the cores, so it backs up the wall-clock ratio."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rss() -> tuple[int, int]:
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )


def run_pipeline_one(doc: Doc) -> RunResult:
    data = Path(doc.path).read_bytes()
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    try:
        result = run_document(data, Path(doc.path).name)
        extraction, error, pages = result.extraction, None, len(result.pages)
    except Exception as exc:
        extraction, error, pages = None, f"{type(exc).__name__}: {exc}", doc.pages
    elapsed = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_start
    return RunResult(Path(doc.path).name, elapsed, pages, extraction, error, *_rss(), cpu=cpu)


def run_plain_one(doc: Doc) -> RunResult:
    """Plain CLI on each page image (written beforehand, untimed), then the same extractor."""
    pages: list[PageResult] = []
    elapsed = cpu = 0.0
    error = None
    for number, image_path in enumerate(doc.page_images, start=1):
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        try:
            words = read_words_plain(image_path)
        except Exception as exc:
            error, words = f"{type(exc).__name__}: {exc}", []
        elapsed += time.perf_counter() - start
        cpu += _cpu_seconds() - cpu_start
        w, h = doc.page_sizes[number - 1]
        pages.append(PageResult(number=number, width=w, height=h, rotation=0, image_png=b"", words=words))
    extraction = extract_record(Path(doc.path).name, pages)
    return RunResult(Path(doc.path).name, elapsed, len(pages), extraction, error, *_rss(), cpu=cpu)


def write_page_images(docs: list[Doc], folder: Path) -> None:
    """Decode each document's pages once so plain tesseract reads exactly what our pipeline gets."""
    for doc in docs:
        images = load_pages(Path(doc.path).read_bytes(), Limits())
        doc.page_images, doc.page_sizes = [], []
        for i, image in enumerate(images, start=1):
            target = folder / f"{Path(doc.path).stem}-p{i}.png"
            image.save(target)
            doc.page_images.append(str(target))
            doc.page_sizes.append(image.size)


def run_side(fn: Callable[[Doc], RunResult], docs: list[Doc], jobs: int) -> tuple[list[RunResult], float]:
    start = time.perf_counter()
    with Pool(jobs) as pool:
        results = pool.map(fn, docs, chunksize=1)
    return results, time.perf_counter() - start


def outcomes_of(docs: list[Doc], results: list[RunResult]) -> list[tuple[str, list[FieldOutcome]]]:
    out = []
    for doc, res in zip(docs, results, strict=True):
        if res.extraction is None:
            res.extraction = Extraction(file=res.name, pages=res.pages, layout="unrecognised")  # type: ignore[arg-type]
        out.append((doc.tier, score_extraction(res.extraction, doc.truth)))
    return out


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores (nproc), {model}, {system}"


def format_report(
    args: argparse.Namespace,
    docs: list[Doc],
    ours: list[RunResult],
    ours_wall: float,
    plain: list[RunResult],
    plain_wall: float,
) -> str:
    o_all, o_tiers, o_fields = tally(outcomes_of(docs, ours))
    p_all, p_tiers, p_fields = tally(outcomes_of(docs, plain))
    pages = sum(r.pages for r in ours)
    ours_ppm = 60 * pages / ours_wall
    plain_ppm = 60 * sum(r.pages for r in plain) / plain_wall
    ours_cpu = sum(r.cpu for r in ours) / pages
    plain_cpu = sum(r.cpu for r in plain) / max(1, sum(r.pages for r in plain))
    lines = [
        f"Command: `python -m samples.bench --seed {args.seed} --count {args.count} --jobs {args.jobs}`",
        f"Machine: {machine()}",
        f"Documents: {len(docs)} ({pages} pages); tiers: "
        + ", ".join(f"{t} {sum(d.tier == t for d in docs)}" for t in TIERS),
        "",
        "| tier | docs | ours: accuracy | ours: silent errors | ours: sent to review "
        "| plain tesseract: accuracy | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for tier in (*TIERS, "all"):
        o = o_all if tier == "all" else o_tiers.get(tier, Tally())
        p = p_all if tier == "all" else p_tiers.get(tier, Tally())
        n = len(docs) if tier == "all" else sum(d.tier == tier for d in docs)
        target = f"≥ {TARGETS[tier]:.0f}%" if tier in TARGETS else "silent ≤ 0.5%"
        lines.append(
            f"| {tier} | {n} | {o.pct(o.correct):.2f}% | {o.pct(o.silent):.2f}% | {o.pct(o.review):.2f}% "
            f"| {p.pct(p.correct):.2f}% | {target} |"
        )
    lines += [
        "",
        "| speed | pages/min | wall s |",
        "|---|---|---|",
        f"| ours (`run_document`, {args.jobs} workers) | {ours_ppm:.1f} | {ours_wall:.1f} |",
        f"| plain `tesseract -l vie` ({args.jobs} workers) | {plain_ppm:.1f} | {plain_wall:.1f} |",
        f"| ratio ours/plain | {ours_ppm / plain_ppm:.2f}× (target ≥ 0.8×) | |",
        "",
        f"CPU seconds per page (worker + Tesseract children, not disturbed by other load): ours "
        f"{ours_cpu:.2f}, plain {plain_cpu:.2f}; pages per CPU-second ratio ours/plain "
        f"{plain_cpu / ours_cpu if ours_cpu else 0:.2f}×.",
        "",
        f"Peak RSS per worker process: {max(r.rss_kb for r in ours) / 1024:.0f} MB (Python); "
        f"Tesseract child peak {max(r.child_rss_kb for r in ours) / 1024:.0f} MB (target < 400 MB).",
        f"Errors: ours {sum(r.error is not None for r in ours)}, "
        f"plain {sum(r.error is not None for r in plain)}.",
        "",
        "| field | ours: accuracy | ours: silent | ours: review | plain: accuracy |",
        "|---|---|---|---|---|",
    ]
    for path, t in o_fields.items():
        p = p_fields[path]
        lines.append(
            f"| {path} | {t.pct(t.correct):.1f}% | {t.pct(t.silent):.1f}% | {t.pct(t.review):.1f}% "
            f"| {p.pct(p.correct):.1f}% |"
        )
    return "\n".join(lines)


def list_errors(docs: list[Doc], results: list[RunResult], limit: int) -> str:
    out: list[str] = []
    for (tier, items), res in zip(outcomes_of(docs, results), results, strict=True):
        for o in items:
            if not o.correct and len(out) < limit:
                out.append(
                    f"{res.name} [{tier}] {o.path} ({o.status} {o.confidence:.2f}): want {o.truth!r} got {o.got!r}"
                )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", help="also write the report (markdown) to this file")
    parser.add_argument("--errors", type=int, default=0, help="list up to N wrong fields of our pipeline")
    parser.add_argument("--skip-plain", action="store_true", help="only run our pipeline (development)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="hkd-bench-"))
    try:
        docs = generate_set(args.seed, args.count, folder, args.jobs)
        write_page_images(docs, folder)
        ours, ours_wall = run_side(run_pipeline_one, docs, args.jobs)
        if args.skip_plain:
            plain, plain_wall = ours, ours_wall
        else:
            plain, plain_wall = run_side(run_plain_one, docs, args.jobs)
        report = format_report(args, docs, ours, ours_wall, plain, plain_wall)
        print(report)
        if args.errors:
            print("\nWrong fields (ours):\n" + list_errors(docs, ours, args.errors))
        if args.write:
            Path(args.write).write_text(report + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
