"""Generate the stranger set: `python -m samples.stranger.generate --seed T --count N --out DIR [--jobs 2]`.

N certificates (the three generations in a seeded order, tiers 25 % clean, 25 % light, 25 % moderate,
15 % hard, 10 % phone photo) plus five negatives: a marriage certificate, an English letter, a blank
page (expect `not_a_certificate`) and two blurred, faded two-page certificates (expect a partial
record with `layout_uncertain`; they carry a truth). Per document: the file, `<stem>.truth.json`
(certificates) and a line in `manifest.jsonl` with "expected". Same seed → same bytes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
from dataclasses import dataclass
from pathlib import Path

import msgspec
import numpy as np
from PIL import Image

from samples.degrade import Scan
from samples.generate import encode_images, encode_truth, to_bilevel
from samples.render import InkPage
from samples.stranger import fonts
from samples.stranger.content import make_certificate, truth_record
from samples.stranger.degrade import MIXES, Mix, apply_mix, plan_tiers
from samples.stranger.forms import build_blocks
from samples.stranger.ink import Block, Ink
from samples.stranger.negatives import KINDS, LAYOUT_UNCERTAIN, NOT_A_CERTIFICATE, make_negative
from samples.stranger.sheet import compose
from schemas.record import Record

ERAS = ("2015", "2021", "2025")
DEGRADED = Mix("hard", ("faded_worst", "blur_worst", "scan150", "jpeg_heavy"), security=True)


@dataclass
class Made:
    stem: str
    images: list[Image.Image]
    record: Record | None
    tier: str
    mix: str
    era: str
    form: str
    font: str
    size: float
    dpi: int | None
    quality: int | None
    file_type: str
    expected: str


def document_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"hkd-stranger:{seed}:{index}")


def plan(seed: int, count: int) -> list[tuple[str, str]]:
    """(era, tier) per certificate, in a seeded order with exact shares."""
    rng = random.Random(f"hkd-stranger-plan:{seed}")
    tiers = plan_tiers(rng, count)
    eras = [ERAS[i % 3] for i in range(count)]
    rng.shuffle(eras)
    return list(zip(eras, tiers, strict=True))


def choose_file_type(rng: random.Random, mix: Mix, pages: int) -> str:
    if "fax" in mix.steps:
        return "tif"
    if mix.tier == "photo":
        return "jpg" if pages == 1 else "pdf"
    if pages > 1:
        return rng.choice(("pdf", "pdf", "tif"))
    if any(s.startswith("jpeg") for s in mix.steps):
        return "jpg"
    return rng.choice(("png", "png", "pdf", "jpg") if mix.tier == "clean" else ("png", "jpg", "pdf"))


def render_pages(
    rng: random.Random, blocks: list[Block], family: str, expected: int
) -> tuple[list[InkPage], float]:
    size = round(rng.uniform(11, 14) * 2) / 2
    spacing = rng.uniform(1.2, 1.5)
    margins = (rng.uniform(0.8, 1.2), rng.uniform(0.6, 0.9), rng.uniform(0.5, 0.9))
    inks = Ink(family, size, spacing, margins).render(blocks)
    while len(inks) > expected and size > 11:  # offices shrink the type until it fits
        size, spacing = size - 0.5, max(1.2, spacing - 0.05)
        inks = Ink(family, size, spacing, margins).render(blocks)
    return inks, size


def make_certificate_doc(seed: int, index: int, era: str, mix: Mix, expected: str = "record") -> Made:
    rng = document_rng(seed, index)
    cert = make_certificate(rng, era, household=None)
    split = (mix.tier != "photo" and rng.random() < 0.1) or expected == LAYOUT_UNCERTAIN
    blocks = build_blocks(rng, cert, seal_over_dates=mix.seal_dates, split=split)
    family = rng.choices(list(fonts.FAMILIES), weights=fonts.WEIGHTS)[0]
    inks, size = render_pages(rng, blocks, family, 1 + split)
    images, dpi, quality = [], 300, None
    for ink in inks:
        scan = apply_mix(Scan(np.asarray(compose(rng, ink, mix.security))), mix, rng)
        dpi, quality = scan.dpi, scan.jpeg_quality  # type: ignore[assignment]
        image = Image.fromarray(scan.pixels, "RGB")
        images.append(to_bilevel(image) if "fax" in mix.steps else image)
    file_type = choose_file_type(rng, mix, len(images))
    stem = f"s{index:04d}"
    return Made(stem, images, truth_record(cert), mix.tier if expected == "record" else "degraded", mix.name, era,
                "tt68" if cert.tt68 else "standard", family, size, dpi, quality, file_type, expected)  # fmt: skip


def make_negative_doc(seed: int, index: int, kind: str) -> Made:
    rng = document_rng(seed, index)
    family = rng.choice(list(fonts.FAMILIES))
    image = make_negative(rng, kind, family)
    return Made(f"n{index:04d}", [image], None, "negative", kind, "none", "none", family, 0.0, 300, None, "png",
                NOT_A_CERTIFICATE)  # fmt: skip


def make_one(job: tuple[int, int, str, str]) -> Made:
    """Document `index` of the set (module level, so a process pool can run it)."""
    seed, index, era, tier = job
    fonts.require_fonts()
    if tier in KINDS:
        return make_negative_doc(seed, index, tier)
    if tier == "degraded":
        return make_certificate_doc(seed, index, era, DEGRADED, expected=LAYOUT_UNCERTAIN)
    mixes = MIXES[tier]
    mix = mixes[document_rng(seed, index).randrange(len(mixes))]
    return make_certificate_doc(seed, index, era, mix)


def jobs_for(seed: int, count: int) -> list[tuple[int, int, str, str]]:
    work = [(seed, i, era, tier) for i, (era, tier) in enumerate(plan(seed, count))]
    extra = [*KINDS, "degraded", "degraded"]
    return work + [(seed, count + j, ERAS[j % 3], kind) for j, kind in enumerate(extra)]


def write_made(made: Made, out: Path, seed: int, index: int) -> dict[str, object]:
    name = f"{made.stem}.{made.file_type}"
    (out / name).write_bytes(encode_images(made.images, made.file_type, made.dpi, made.quality))
    truth = None
    if made.record is not None:
        truth = f"{made.stem}.truth.json"
        (out / truth).write_bytes(encode_truth(made.record))
    return {"file": name, "truth": truth, "kind": "certificate" if made.record else "negative", "tier": made.tier,
            "mix": made.mix, "era": made.era, "form": made.form, "font": made.font, "font_size": made.size,
            "dpi": made.dpi, "pages": len(made.images), "expected": made.expected, "seed": seed, "index": index}  # fmt: skip


def write_job(job: tuple[int, int, str, str, str]) -> dict[str, object]:
    seed, index, era, tier, out = job
    return write_made(make_one((seed, index, era, tier)), Path(out), seed, index)


def generate_set(seed: int, count: int, out: Path, jobs: int = 1) -> list[dict[str, object]]:
    """Write the set and its manifest; returns the manifest lines (certificates first, then negatives)."""
    out.mkdir(parents=True, exist_ok=True)
    work = [(*job, str(out)) for job in jobs_for(seed, count)]
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            lines = pool.map(write_job, work, chunksize=1)
    else:
        lines = [write_job(job) for job in work]
    with (out / "manifest.jsonl").open("wb") as fh:
        for line in lines:
            fh.write(msgspec.json.encode(line) + b"\n")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.stranger.generate", description=__doc__)
    parser.add_argument(
        "--seed", type=int, required=True, help="a seed never used before, when a number is quoted"
    )
    parser.add_argument("--count", type=int, default=80, help="certificates (five negatives are added)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    lines = generate_set(args.seed, args.count, args.out, args.jobs)
    print(f"{len(lines)} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
