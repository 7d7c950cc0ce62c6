"""Benchmark input: a freshly generated set (via `samples.generate`) in a temporary folder.

Documents are generated in parallel (generation is as slow as OCR); each carries its truth record,
degradation tier and the page images the plain-Tesseract side reads.
"""

from __future__ import annotations

import importlib.util
from multiprocessing import Pool
from pathlib import Path

import msgspec

from samples.degrade import TIER_MIXES, TIERS
from samples.generate import LAYOUTS, generate_sample, plan_documents, write_sample
from schemas.record import Record


class Doc(msgspec.Struct):
    path: str
    truth: Record
    tier: str
    degradation: str
    layout: str
    pages: int
    page_images: list[str] = msgspec.field(default_factory=list)
    page_sizes: list[tuple[int, int]] = msgspec.field(default_factory=list)


def available_specs() -> list[str]:
    """Every degradation mix, interleaved across tiers so that a small set still meets all of them;
    photo specs only when the photo simulation module is present."""
    has_photo = importlib.util.find_spec("samples.photo") is not None
    by_tier = [[s for s in TIER_MIXES[tier] if has_photo or "photo" not in s] for tier in TIERS]
    longest = max(len(specs) for specs in by_tier)
    return [specs[i] for i in range(longest) for specs in by_tier if i < len(specs)]


def _make_one(job: tuple[int, int, str, str, str]) -> dict[str, object]:
    seed, index, layout, spec, folder = job
    sample = generate_sample(seed, index, layout, spec)
    stem = f"{index:04d}_{layout}_{spec.replace('+', '-')}"
    return write_sample(sample, Path(folder), stem, seed=seed, index=index)


def generate_set(seed: int, count: int, folder: Path, jobs: int = 2) -> list[Doc]:
    plan = plan_documents(count, LAYOUTS, available_specs())
    work = [(seed, i, layout, spec, str(folder)) for i, (layout, spec) in enumerate(plan)]
    with Pool(jobs) as pool:
        lines = pool.map(_make_one, work, chunksize=1)
    docs = []
    for line in lines:
        truth = msgspec.json.decode((folder / str(line["truth"])).read_bytes(), type=Record)
        docs.append(
            Doc(
                path=str(folder / str(line["file"])),
                truth=truth,
                tier=str(line["tier"]),
                degradation=str(line["degradation"]),
                layout=str(line["layout"]),
                pages=int(line["pages"]),  # type: ignore[call-overload]
            )
        )
    return docs
