"""Batch splitting: boundaries and blanks per tier, worker memory, throughput against one by one.

    python -m benchmarks.batch_bench --seed 170917 --tiers clean light moderate      # split accuracy
    python -m benchmarks.batch_bench --seed 170917 --tiers clean --memory-pages 200  # streamed RSS
    python -m benchmarks.batch_bench --seed 170917 --throughput 6                     # batch vs one by one

Accuracy: per tier a batch of `--certificates` certificates, `--blanks` blank backs and `--others`
other papers is generated (samples.batch; cached under `--cache`), and both its PDF and its G4 TIFF
are classified and split the way the worker does (ocr.batch), then scored (benchmarks.batch_score).
Memory: a child process classifies a `--memory-pages` batch (the generated batch's pages repeated) one
page at a time, as the batch job does, and reports its peak RSS. Throughput: the certificates of a small batch
are read by the OCR pipeline once as one file each (one by one), and once as the batch path does it
(classify every page, reading it through the pipeline, split, assemble each child's PDF and extract it
from the kept readings): the ratio is the batch's overhead, in wall and in CPU seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import msgspec
import psutil

from benchmarks.batch_score import score_split
from benchmarks.peak_rss import own_peak_rss_mb
from benchmarks.upload_bench import machine
from ocr.batch.limits import BatchLimits
from ocr.batch.pdf import encode_jpeg, pdf_from_jpegs
from ocr.batch.read import read_batch
from ocr.batch.split import Role, split_pages
from ocr.pages import iter_pages
from ocr.pipeline import read_file, run_document
from samples.batch import BatchTruth, write_batch


def cached_batch(cache: Path, seed: int, tier: str, certificates: int, blanks: int, others: int) -> tuple[Path, BatchTruth]:  # fmt: skip
    out = cache / f"s{seed}-{tier}-{certificates}c{blanks}b{others}o"
    if not (out / "truth.json").exists():
        started = time.monotonic()
        write_batch(seed, out, certificates, blanks, others, tier)
        print(f"  generated {out.name} in {time.monotonic() - started:.0f} s", flush=True)
    return out, msgspec.json.decode((out / "truth.json").read_bytes(), type=BatchTruth)


def measure_split(path: Path, truth: BatchTruth, dump: Path | None = None) -> tuple[str, float]:
    started = time.monotonic()
    pages = [p.page_class for p in read_batch(path.read_bytes(), BatchLimits())]
    seconds = time.monotonic() - started
    score = score_split(split_pages(pages), truth)
    if dump is not None:  # every page's class next to its truth, to look at the misses
        rows = [{"truth": t, "got": g} for t, g in zip(truth.pages, pages, strict=True)]
        dump.write_bytes(msgspec.json.format(msgspec.json.encode({"score": score, "pages": rows}), indent=1))
    return score.line(), seconds / max(1, len(pages))


def _measure_file(job: tuple[str, Path, BatchTruth, Path | None]) -> tuple[str, str, float, str]:
    tier, path, truth, dump = job
    line, per_page = measure_split(path, truth, dump)
    return tier, path.name, per_page, line


def run_accuracy(args: argparse.Namespace) -> None:
    """Every tier's batch (generated first, `--jobs` at a time), then its two files (`--jobs` at a
    time: s/page is each file's own wall time, so with 2 jobs on 2 cores it is one core's speed)."""
    from concurrent.futures import ProcessPoolExecutor

    make = [(args.cache, args.seed, t, args.certificates, args.blanks, args.others) for t in args.tiers]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        batches = list(pool.map(_cached_batch, make))
    jobs = []
    for tier, (folder, truth) in zip(args.tiers, batches, strict=True):
        print(f"{tier}: {len(truth.pages)} pages, {len(truth.documents)} documents", flush=True)
        for name in ("batch.pdf", "batch.tif"):
            dump = folder / f"classes-{name}.json" if args.dump else None
            jobs.append((tier, folder / name, truth, dump))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for tier, name, per_page, line in pool.map(_measure_file, jobs):
            print(f"  {tier} {name}: {line}; {per_page:.2f} s/page; load {_load()}", flush=True)


def _cached_batch(job: tuple[Path, int, str, int, int, int]) -> tuple[Path, BatchTruth]:
    return cached_batch(*job)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_memory(args: argparse.Namespace) -> None:
    """A `--memory-pages` batch made of the generated batch's pages over and over (pdfium copies PDF
    pages as they are; TIFF frames are copied one at a time), classified in a child process."""
    folder, _ = cached_batch(args.cache, args.seed, args.tiers[0] if args.tiers else "clean",
                                 args.certificates, args.blanks, args.others)  # fmt: skip
    for name, build in (("batch.pdf", repeat_pdf), ("batch.tif", repeat_tiff)):
        path = folder / f"memory-{args.memory_pages}-{name}"
        if not path.exists():
            build(folder / name, path, args.memory_pages)
        command = [sys.executable, "-m", "benchmarks.batch_bench", "--rss-of", str(path)]
        if args.memory_stop_after:
            command += ["--memory-stop-after", str(args.memory_stop_after)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        said = result.stdout.strip() if result.returncode == 0 else f"failed: {result.stderr.strip()[-2000:]}"
        print(
            f"memory: {args.memory_pages}-page {name} of {path.stat().st_size / 2**20:.0f} MB: {said}",
            flush=True,
        )


def repeat_pdf(source: Path, target: Path, pages: int) -> None:
    import pypdfium2 as pdfium

    src, out = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(src, list(range(min(len(src), pages - len(out)))))
    out.save(str(target))


def repeat_tiff(source: Path, target: Path, pages: int) -> None:
    from PIL import Image, TiffImagePlugin

    with (
        Image.open(source) as img,
        target.open("w+b") as fh,
        TiffImagePlugin.AppendingTiffWriter(fh, True) as tif,
    ):
        for index in range(pages):
            img.seek(index % getattr(img, "n_frames", 1))
            img.save(tif, "TIFF", compression="group4", dpi=(300, 300))
            tif.newFrame()


class TreeRss:
    """The proportional set size (PSS) of this process plus all its children (Tesseract), sampled
    every 0.1 s in a thread: the peak of the sum is what the machine must hold for the job. PSS, not
    RSS: a child just forked, not yet exec'd, shares all of this process's pages, and RSS would count
    them twice (so does RUSAGE_CHILDREN, whose maximum includes what a child shared before its exec)."""

    def __init__(self) -> None:
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        me = psutil.Process()
        while not self.stop.wait(0.1):
            total = me.memory_full_info().pss
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_full_info().pss
            self.peak = max(self.peak, total)


def rss_of(path: Path, stop_after: int) -> None:
    """Child process: classify the pages as the batch job does, from the file (all, or the first
    `stop_after`, the whole file's headers checked first either way); print the peak RSS, its own and
    with its children's (Tesseract) added, sampled."""
    started = time.monotonic()
    tree = TreeRss()
    tree.thread.start()
    count = 0
    for _ in read_batch(path, BatchLimits()):
        count += 1
        if count == stop_after:
            break
    tree.stop.set()
    tree.thread.join()
    peak = own_peak_rss_mb()
    print(f"peak RSS {peak:.0f} MB, with its children {tree.peak / 2**20:.0f} MB PSS (sampled), over {count} pages "
          f"in {time.monotonic() - started:.0f} s")  # fmt: skip


def run_throughput(args: argparse.Namespace) -> None:
    folder, truth = cached_batch(args.cache, args.seed, "clean", args.throughput, round(args.throughput * 0.75),
                                 max(1, args.throughput // 4))  # fmt: skip
    data = folder / "batch.pdf"  # read from the file, as the batch job does
    certificates = [d for d in truth.documents if d.kind == "certificate"]
    scans = list(iter_pages(data, BatchLimits().file_limits))
    singles = [pdf_from_jpegs([(encode_jpeg(scans[p - 1], 88), *scans[p - 1].size, False) for p in d.pages])
               for d in certificates]  # fmt: skip
    del scans
    started, cpu = time.monotonic(), time.process_time()
    for n, single in enumerate(singles):
        run_document(single, f"one-{n}.pdf", timeout_s=600)
    one_by_one, one_cpu = time.monotonic() - started, time.process_time() - cpu

    started, cpu = time.monotonic(), time.process_time()
    stored = list(read_batch(data, BatchLimits()))
    split = split_pages([p.page_class for p in stored])
    classify, classify_cpu = time.monotonic() - started, time.process_time() - cpu
    reused = 0
    for n, doc in enumerate(d for d in split.documents if d.role == Role.CERTIFICATE):
        chosen = [stored[p - 1] for p in doc.pages]
        child = pdf_from_jpegs([(p.jpeg, p.width, p.height, p.grey) for p in chosen])
        readings = {
            i: (p.reading, p.view_png) for i, p in enumerate(chosen, start=1) if p.reading and p.view_png
        }
        reused += len(readings)  # as the child's OCR job finds them (service.documents.processing)
        read_file(child, f"child-{n}.pdf", second_reader=False, stored=readings, timeout_s=600)
    batch, batch_cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"throughput: {len(certificates)} certificates ({sum(len(d.pages) for d in certificates)} pages) in a "
          f"{len(truth.pages)}-page batch: one by one {one_by_one:.0f} s ({one_cpu:.0f} CPU s), as a batch "
          f"{batch:.0f} s ({batch_cpu:.0f} CPU s; classifying {classify:.0f} s, {classify_cpu:.0f} CPU s; "
          f"{reused} child pages not read again), batch/one-by-one = {batch / one_by_one:.3f} wall, "
          f"{batch_cpu / one_cpu:.3f} CPU")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--tiers", nargs="*", default=[], choices=("clean", "light", "moderate"))
    parser.add_argument("--certificates", type=int, default=40)
    parser.add_argument("--blanks", type=int, default=30)
    parser.add_argument("--others", type=int, default=10)
    parser.add_argument("--memory-pages", type=int, default=0)
    parser.add_argument("--memory-stop-after", type=int, default=0, help="classify only this many pages")
    parser.add_argument("--throughput", type=int, default=0, help="certificates in the throughput batch")
    parser.add_argument("--cache", type=Path, default=Path("var/bench-batches"))
    parser.add_argument("--jobs", type=int, default=1, help="batches generated and files read at a time")
    parser.add_argument("--dump", action="store_true", help="write every page's class to classes-*.json")
    parser.add_argument("--rss-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_of:
        rss_of(args.rss_of, args.memory_stop_after)
        return 0
    print(f"machine: {machine()}; seed {args.seed}; load {_load()}", flush=True)
    if args.tiers and not args.memory_pages:
        run_accuracy(args)
    if args.memory_pages:
        run_memory(args)
    if args.throughput:
        run_throughput(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
