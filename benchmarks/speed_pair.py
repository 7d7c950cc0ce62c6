"""Speed of two checkouts side by side with plain Tesseract, on the same dev pages and cores (issue 13).

    flock /tmp/hkd-bench.lock python -m benchmarks.speed_pair --seed 73019 --count 20 \\
        --before /work/main --after . [--skip-worker]

1. generates `--count` dev certificates (`samples.bench_gen`) and decodes their pages once (untimed);
2. for each checkout (PYTHONPATH first, so the shared environment's `hkd` runs that code): all files
   in ONE `hkd extract --json` call; then plain `tesseract -l vie` on the same pages, one process;
3. unless `--skip-worker`: the worker path of each checkout (embedded PostgreSQL, `--jobs` workers)
   and plain Tesseract on `--jobs` processes;
4. compares the two checkouts' JSON answers file by file (identical, or which files differ).

CPU is user + system of the process and its children (wait4; for the worker path, each worker's
whole tree, its forkserver's OCR children included); the load average is printed with every row. Prints Markdown for docs/benchmarks.md; the folder is deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import msgspec

from benchmarks.accuracy_runs import Side, hkd_command, plain_pass, run_call


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def env_for(checkout: Path) -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "HKD_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(checkout.resolve())}  # fmt: skip


def row(side: Side, plain: Side, where: str, note: str = "") -> str:
    ratio_wall = side.pages_per_minute / plain.pages_per_minute if plain.pages_per_minute else 0.0
    ratio_cpu = plain.cpu_per_page / side.cpu_per_page if side.cpu_per_page else 0.0
    rss = f"{side.peak_rss_kb / 1024:.0f} MB" + (
        f"; largest child {side.child_peak_rss_kb / 1024:.0f} MB" if side.child_peak_rss_kb else ""
    )
    return (f"| {where} {side.name} | {side.pages} | {side.jobs} | {side.wall:.1f} | {side.pages_per_minute:.1f} | "
            f"{side.cpu_per_page:.2f} | {rss} | {plain.wall:.1f} / {plain.cpu_per_page:.2f} | "
            f"{ratio_wall:.2f}× / {ratio_cpu:.2f}× | {note} |")  # fmt: skip


def one_call(checkout: Path, files: list[Path], pages: int) -> tuple[Side, dict[str, bytes]]:
    """All files in ONE `hkd extract --json` call (as `accuracy_runs.extract_one_call`), with each
    file's JSON answer kept for the identity check."""
    call = run_call([*hkd_command(), "extract", *map(str, files), "--json"], env_for(checkout))
    out: dict[str, bytes] = {}
    for _, line in call.lines:
        if line.strip():
            obj = msgspec.json.decode(line)
            out[str(obj.get("file"))] = msgspec.json.encode(obj)
    side = Side("hkd extract, one call", pages, call.wall, call.cpu, 1, call.peak_rss_kb, call.child_peak_rss_kb,
                crashes=int(call.returncode not in (0, 1)))  # fmt: skip
    return side, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.speed_pair", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--seed", type=int, required=True, help="a fresh dev seed")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--before", type=Path, required=True, help="checkout measured first")
    parser.add_argument("--after", type=Path, required=True, help="checkout measured second")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-worker", action="store_true")
    args = parser.parse_args(argv)

    from benchmarks.accuracy import decode_pages
    from samples.bench_gen import generate_set

    with tempfile.TemporaryDirectory(prefix="hkd-speed-pair-") as tmp:
        folder = Path(tmp) / "dev"
        folder.mkdir()
        docs = generate_set(args.seed, args.count, folder, args.jobs)
        files = [Path(d.path) for d in docs]
        images: list[str] = []
        for i, d in enumerate(docs):
            images += decode_pages((d.path, str(Path(tmp) / f"p{i:04d}")))[0]
        pages = len(images)
        lines = [f"Dev seed {args.seed}, {len(files)} files, {pages} pages; load at the start {load()}.", "",
                 "| measure | pages | processes | wall s | pages/min | CPU s/page | peak RSS | plain: wall s / CPU s/page | ratio to plain (pages/min / CPU) | load |",
                 "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        said: dict[str, dict[str, bytes]] = {}
        for name, checkout in (("before", args.before), ("after", args.after)):
            one, said[name] = one_call(checkout, files, pages)
            _, plain = plain_pass(images, 1, "plain")
            lines.append(row(one, plain, name, load()))
            print(lines[-1], flush=True)
        if not args.skip_worker:
            from benchmarks.accuracy_worker import measure_worker

            for name, checkout in (("before", args.before), ("after", args.after)):
                worker, failed = measure_worker(
                    [f.resolve() for f in files], pages, args.jobs, env_for(checkout)
                )
                _, plain_j = plain_pass(images, args.jobs, "plain")
                tree = worker.tree
                note = f"{load()}; {failed} failed" + (
                    f"; one worker's tree at peak: RSS summed {tree.rss_sum // 1024} MB, PSS summed "
                    f"{tree.pss_sum // 1024} MB, largest USS {tree.uss_max // 1024} MB"
                    if tree
                    else ""
                )
                lines.append(row(worker, plain_j, name, note))
                print(lines[-1], flush=True)
        before, after = said["before"], said["after"]
        differing = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
        lines += ["", f"Answers (`hkd extract --json`, byte for byte): {len(files) - len(differing)} of "
                  f"{len(files)} files identical" + (f"; differing: {', '.join(differing)}" if differing else ""),
                  f"Load at the end: {load()}."]  # fmt: skip
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
