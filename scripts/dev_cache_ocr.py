"""Dev-seed diagnostics (stop 22, business lines): generate a dev set, OCR each page once into a cache
folder, then extract from the cached words and print every document whose trade list is wrong.

    python scripts/dev_cache_ocr.py SEED COUNT [REGEX on "layout_degradation"]

The cache ($HKD_DIAG_DIR, default /tmp/trd) lets `scripts/dev_cache_score.py` re-score any checkout's
extractor on the same words in seconds. No second reader and no digit re-reads: a diagnostic, not
the accuracy benchmark (`benchmarks.accuracy`).
"""

import os
import re
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path

import msgspec

from ocr.results import PageResult
from samples.bench_gen import available_specs
from samples.generate import LAYOUTS, generate_sample, plan_documents, write_sample
from schemas.record import Record

ROOT = Path(os.environ.get("HKD_DIAG_DIR", Path(tempfile.gettempdir()) / "trd"))


def ocr_one(job):
    seed, i, layout, spec = job
    d = ROOT / f"s{seed}"
    d.mkdir(exist_ok=True)
    stem = f"{i:04d}_{layout}_{spec.replace('+', '-')}"
    cache = d / f"{stem}.pages.json"
    if cache.exists():
        return stem
    sample = generate_sample(seed, i, layout, spec)
    line = write_sample(sample, d, stem, seed=seed, index=i)
    from ocr.pipeline import run_document

    res = run_document((d / str(line["file"])).read_bytes(), str(line["file"]))
    cache.write_bytes(msgspec.json.encode(res.pages))
    (d / f"{stem}.full.json").write_bytes(msgspec.json.encode(res.extraction))
    return stem


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    filt = sys.argv[3] if len(sys.argv) > 3 else ""
    plan = plan_documents(count, LAYOUTS, available_specs())
    jobs = [(seed, i, lay, spec) for i, (lay, spec) in enumerate(plan) if re.search(filt, f"{lay}_{spec}")]
    with Pool(2) as p:
        stems = p.map(ocr_one, jobs, chunksize=1)
    from ocr.extraction import extract_record

    bad = tot = 0
    for stem in stems:
        d = ROOT / f"s{seed}"
        pages = msgspec.json.decode((d / f"{stem}.pages.json").read_bytes(), type=list[PageResult])
        truth = msgspec.json.decode((d / f"{stem}.truth.json").read_bytes(), type=Record)
        ex = extract_record(stem, pages)
        got = ex.record.business_lines if ex.record else []
        st = ex.fields.get("business_lines") if hasattr(ex, "fields") else None
        want = [(b.code, b.name) for b in truth.business_lines]
        have = [(b.code, b.name) for b in got]
        tot += len(want)
        miss = [w for w in want if w not in have]
        bad += len(miss)
        status = getattr(st, "status", st)
        if miss or len(have) != len(want):
            print(f"== {stem} status={status}")
            for w in want:
                print("  T", w)
            for h in have:
                print("  G", h)
    print(f"seed {seed}: trade units wrong {bad}/{tot}")


if __name__ == "__main__":
    main()
