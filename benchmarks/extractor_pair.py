"""Two extractors on the same OCR words: dev documents planned as `samples.bench_gen` plans them, read
once by the pipeline of the checkout on PYTHONPATH (cached), then scored by `samples.strict_score` with
whichever checkout's extractor is on PYTHONPATH. A before/after that OCR cannot move, for a busy machine
where the full `benchmarks.accuracy` run does not fit.

    PYTHONPATH=<tree> python -m benchmarks.extractor_pair ocr   --seeds 204483,869963 --count 12 --cache DIR
    PYTHONPATH=<tree> python -m benchmarks.extractor_pair score --seeds 204483,869963 --count 12 --cache DIR

`--specs` replaces the degradation mixes (e.g. `tiff_annex`, which always prints a member table). No
second reader and no digit re-reads (the words only); aggregates only.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

PEOPLE = ("owner.", "members")
GROUPS = ("clean", "light", "moderate", "photo", "all", "people")

Job = tuple[int, int, str, str, str]


def read_one(job: Job) -> str:
    seed, index, layout, spec, cache = job
    path = Path(cache) / f"{seed}_{index}_{spec}.pkl"
    if not path.exists():
        from ocr.pipeline import run_document
        from samples.generate import encode_sample, generate_sample

        sample = generate_sample(seed, index, layout, spec)
        result = run_document(encode_sample(sample), f"{index}.png")
        path.write_bytes(pickle.dumps((sample.record, sample.tier, result.pages)))
    return str(path)


def plan(seeds: list[int], count: int, specs: list[str] | None, cache: str) -> list[Job]:
    from samples.bench_gen import available_specs
    from samples.generate import LAYOUTS, plan_documents

    mixes = specs or available_specs()
    return [
        (seed, i, layout, spec, cache)
        for seed in seeds
        for i, (layout, spec) in enumerate(plan_documents(count, LAYOUTS, mixes))
    ]


def score(jobs: list[Job]) -> list[str]:
    import ocr
    from ocr.extraction import extract_record
    from samples.strict_score import View, review_counts, score_document

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    review: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for job in jobs:
        truth, tier, pages = pickle.loads(Path(read_one(job)).read_bytes())  # noqa: S301 (our own cache)
        ex = extract_record("x.png", pages)
        statuses = {k: str(getattr(v.status, "value", v.status)) for k, v in ex.fields.items()}
        view = View(layout=str(ex.layout), record=ex.record, statuses=statuses)
        seen, counted = review_counts(view, truth)
        review[tier] += seen
        shown[tier] += counted
        for unit in score_document(view, truth):
            people = unit.path.startswith(PEOPLE)
            for group in (tier, "all", *(("people",) if people else ())):
                total[group] += 1
                right[group] += unit.correct
                silent[group] += unit.silent
            if not unit.correct and people:
                wrong[f"{unit.path} ({'silent' if unit.silent else 'flagged'})"] += 1
    out = [f"extractor: {Path(ocr.__file__).parents[1]}"]
    for g in GROUPS:
        if total[g]:
            line = f"{g}: exact {right[g]}/{total[g]} = {100 * right[g] / total[g]:.1f} %, silent {silent[g]}"
            if shown[g]:
                line += f", review {review[g]}/{shown[g]} = {100 * review[g] / shown[g]:.1f} %"
            out.append(line)
    out.append("wrong people units: " + (", ".join(f"{k} {n}" for k, n in wrong.most_common()) or "none"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("ocr", "score"))
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--specs", default="")
    parser.add_argument("--cache", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    specs = [s for s in args.specs.split(",") if s] or None
    jobs = plan([int(s) for s in args.seeds.split(",")], args.count, specs, args.cache)
    if args.mode == "ocr":
        with Pool(args.jobs) as pool:
            pool.map(read_one, jobs, chunksize=1)
        return
    print("\n".join(score(jobs)))


if __name__ == "__main__":
    main()
