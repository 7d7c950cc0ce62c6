"""Strict score (`samples.strict_score`) of extractions from the words `scripts/dev_cache_ocr.py`
cached: business lines apart from all other fields. Run it with PYTHONPATH set to the checkout whose
extractor is measured.

    python scripts/dev_cache_score.py SEED[,SEED...]
"""

import glob
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import msgspec

from ocr.extraction import extract_record
from ocr.results import PageResult
from samples.strict_score import score_document, view_from_json
from schemas.record import Record

tot: Counter[tuple[str, str]] = Counter()
for seed in sys.argv[1].split(","):
    for f in sorted(
        glob.glob(
            os.path.join(
                os.environ.get("HKD_DIAG_DIR", os.path.join(tempfile.gettempdir(), "trd")),
                f"s{seed}",
                "*.pages.json",
            )
        )
    ):
        stem = f[: -len(".pages.json")]
        pages = msgspec.json.decode(Path(f).read_bytes(), type=list[PageResult])
        truth = msgspec.json.decode(Path(stem + ".truth.json").read_bytes(), type=Record)
        ex = extract_record(stem, pages)
        units = score_document(view_from_json(msgspec.to_builtins(ex)), truth)
        for u in units:
            k = "bl" if u.path == "business_lines" else "other"
            tot[k, "n"] += 1
            tot[k, "ok"] += u.correct
            tot[k, "silent"] += u.silent
            tot[k, "review"] += u.status in ("needs_review", "missing")
            tot[k, "invented"] += u.invented
for k in ("bl", "other"):
    n = tot[k, "n"]
    print(
        f"{k}: units {n} exact {tot[k, 'ok']} ({100 * tot[k, 'ok'] / n:.1f} %) silent {tot[k, 'silent']} invented {tot[k, 'invented']} review {tot[k, 'review']} ({100 * tot[k, 'review'] / n:.1f} %)"
    )
n = tot["bl", "n"] + tot["other", "n"]
ok = tot["bl", "ok"] + tot["other", "ok"]
si = tot["bl", "silent"] + tot["other", "silent"]
print(f"all: units {n} exact {ok} ({100 * ok / n:.2f} %) silent {si} ({100 * si / n:.2f} %)")
