"""Generate synthetic certificates with ground truth: `python -m samples.generate --seed N --count K --out DIR`.

Per document: the image file (.png/.jpg/.tif/.pdf), `<name>.truth.json` (the `schemas.record.Record`,
msgspec JSON) and a line in `manifest.jsonl`. Same seed → identical bytes. The benchmark can stay in
memory with `generate_document(rng, layout, degradation)` or `generate_sample(seed, index, …)`.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec
import numpy as np
from PIL import Image

from samples.content import make_certificate
from samples.degrade import Scan, degrade_scan, expand_specs, parse_spec, tier_of
from samples.forms import build_document
from samples.messy import apply_anomaly, possible_anomalies
from samples.owner_print import restyle
from samples.paper import compose_page
from samples.render import Renderer, available_fonts
from schemas.record import Record

LAYOUTS = ("2015", "2021", "2025")
FILE_TYPES = ("png", "jpg", "tif", "pdf")
BILEVEL_THRESHOLD = 150
PDF_DATE = time.gmtime(1767225600)  # 2026-01-01, fixed, or Pillow stamps "now" and bytes change


@dataclass
class Sample:
    """One generated document: its pages, its truth and how it was made."""

    layout: str
    degradation: str
    font: str
    font_size: float
    images: list[Image.Image]
    record: Record
    dpi: int | None
    jpeg_quality: int | None
    file_type: str
    anomaly: str | None = None  # samples.messy name, when a deliberate mistake was printed

    @property
    def tier(self) -> str:
        return tier_of(self.degradation)


def document_rng(seed: int, index: int) -> random.Random:
    """Independent, reproducible stream per document (string seeds hash the same on every run)."""
    return random.Random(f"hkd-samples:{seed}:{index}")


def choose_file_type(steps: list[str], jpeg_quality: int | None) -> str:
    if "tiff_annex" in steps:
        return "tif"
    if "pdf_split" in steps or "pdf_annex" in steps:
        return "pdf"
    return "jpg" if jpeg_quality is not None else "png"


def to_bilevel(image: Image.Image) -> Image.Image:
    """Office scanners in "document" mode save 1-bit pages (CCITT G4 in TIFF)."""
    return image.convert("L").point(lambda v: 255 if v > BILEVEL_THRESHOLD else 0).convert("1")


def build_sample(
    rng: random.Random,
    layout: str,
    degradation: str = "clean",
    font: str | None = None,
    messy: random.Random | None = None,
) -> Sample:
    """Content → blocks → ink → paper → degradation, all drawn from `rng`; `messy` adds one anomaly."""
    steps = parse_spec(degradation)
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    annex = "pdf_annex" in steps or "tiff_annex" in steps
    cert = make_certificate(rng, layout, with_members=True if annex else None)
    anomaly = None
    if messy is not None and (choices := possible_anomalies(cert)):
        anomaly = messy.choice(choices)
        cert = apply_anomaly(messy, cert, anomaly)
    cert = restyle(cert)  # the people's truth as the people plan prints them (samples.owner_print)
    blocks, _ = build_document(rng, cert, split_page="pdf_split" in steps, annex=annex)
    family = font or rng.choice(available_fonts())
    size = rng.choice((12.0, 12.5, 13.0, 13.0, 13.5, 14.0))
    spacing = rng.uniform(1.25, 1.45)
    expected = 1 + annex + ("pdf_split" in steps)
    inks = Renderer(family, size, spacing=spacing).render(blocks)
    while len(inks) > expected and size > 10:  # offices shrink the type until it fits the sheet
        size, spacing = size - 0.5, max(1.22, spacing - 0.03)
        inks = Renderer(family, size, spacing=spacing).render(blocks)
    images = []
    dpi: int | None = 300
    quality: int | None = None
    for ink in inks:
        page = np.asarray(compose_page(rng, ink, family))
        scan = degrade_scan(Scan(page), degradation, rng)
        dpi, quality = scan.dpi, scan.jpeg_quality
        image = Image.fromarray(scan.pixels, "RGB")
        if "tiff_annex" in steps:
            image = to_bilevel(image)
        if dpi:
            image.info["dpi"] = (dpi, dpi)
        images.append(image)
    file_type = choose_file_type(steps, quality)
    return Sample(layout, degradation, family, size, images, cert.record, dpi, quality, file_type, anomaly)


def generate_document(
    rng: random.Random, layout: str, degradation: str = "clean", *, font: str | None = None
) -> tuple[list[Image.Image], Record]:
    """Page images and ground truth of one synthetic certificate, in memory."""
    sample = build_sample(rng, layout, degradation, font)
    return sample.images, sample.record


def generate_sample(
    seed: int, index: int, layout: str, degradation: str = "clean", messy: float = 0.0
) -> Sample:
    """Document `index` of a set; with `messy` > 0 that share of documents carries one anomaly.

    The anomaly draw uses its own stream, so documents without one are identical to `messy=0`.
    """
    roll = random.Random(f"hkd-messy:{seed}:{index}")
    return build_sample(
        document_rng(seed, index), layout, degradation, messy=roll if roll.random() < messy else None
    )


def encode_images(
    images: Sequence[Image.Image], file_type: str, dpi: int | None, jpeg_quality: int | None = None
) -> bytes:
    """Pages → file bytes; multi-page only for TIFF and PDF. No timestamps, so bytes are reproducible."""
    buf = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    first, rest = images[0], list(images[1:])
    if file_type == "png":
        first.save(buf, "PNG", compress_level=6, **extra)
    elif file_type == "jpg":
        first.convert("RGB").save(buf, "JPEG", quality=jpeg_quality or 90, **extra)
    elif file_type == "tif":
        compression = "group4" if first.mode == "1" else "tiff_deflate"
        first.save(buf, "TIFF", save_all=True, append_images=rest, compression=compression, **extra)
    elif file_type == "pdf":
        pages = [im.convert("RGB") for im in images]
        pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi or 300),
                      quality=jpeg_quality or 85, creationDate=PDF_DATE, modDate=PDF_DATE)  # fmt: skip
    else:
        raise ValueError(f"file type must be one of {FILE_TYPES}")
    return buf.getvalue()


def encode_sample(sample: Sample, file_type: str | None = None, jpeg_quality: int | None = None) -> bytes:
    chosen = file_type or sample.file_type
    if len(sample.images) > 1 and chosen not in ("tif", "pdf"):
        chosen = "pdf"
    return encode_images(sample.images, chosen, sample.dpi, jpeg_quality or sample.jpeg_quality)


def encode_truth(record: Record) -> bytes:
    return msgspec.json.format(msgspec.json.encode(record), indent=2) + b"\n"


def slug(spec: str) -> str:
    return spec.replace("+", "-")


def write_sample(sample: Sample, out: Path, stem: str, *, seed: int, index: int,
                 file_type: str | None = None, jpeg_quality: int | None = None) -> dict[str, object]:  # fmt: skip
    """Write the file and its truth JSON; return the manifest line."""
    chosen = file_type or sample.file_type
    if len(sample.images) > 1 and chosen not in ("tif", "pdf"):
        chosen = "pdf"
    name = f"{stem}.{chosen}"
    (out / name).write_bytes(encode_sample(sample, chosen, jpeg_quality))
    (out / f"{stem}.truth.json").write_bytes(encode_truth(sample.record))
    return {
        "file": name,
        "truth": f"{stem}.truth.json",
        "layout": sample.layout,
        "degradation": sample.degradation,
        "tier": sample.tier,
        "font": sample.font,
        "font_size": sample.font_size,
        "dpi": sample.dpi,
        "pages": len(sample.images),
        "seed": seed,
        "index": index,
        "anomaly": sample.anomaly,
    }


def plan_documents(count: int, layouts: Sequence[str], specs: Sequence[str]) -> list[tuple[str, str]]:
    """(layout, degradation) per index: layouts cycle fastest, so every spec meets every era."""
    return [(layouts[i % len(layouts)], specs[(i // len(layouts)) % len(specs)]) for i in range(count)]


def write_manifest(out: Path, lines: list[dict[str, object]]) -> None:
    with (out / "manifest.jsonl").open("wb") as fh:
        for line in lines:
            fh.write(msgspec.json.encode(line) + b"\n")


Job = tuple[int, int, str, str, str, str | None, float]


def write_one(job: Job) -> dict[str, object]:
    """Generate and write document `index` (module level, so a process pool can run it)."""
    seed, index, layout, spec, out, file_type, messy = job
    sample = generate_sample(seed, index, layout, spec, messy)
    stem = f"{index:04d}_{layout}_{slug(spec)}"
    line = write_sample(sample, Path(out), stem, seed=seed, index=index, file_type=file_type)
    print(f"{stem}: {sample.font} {sample.font_size}pt, {len(sample.images)} page(s)", flush=True)
    return line


def generate_set(seed: int, count: int, out: Path, specs: Sequence[str], layouts: Sequence[str] = LAYOUTS,
                 file_type: str | None = None, messy: float = 0.0, jobs: int = 1) -> list[dict[str, object]]:  # fmt: skip
    """Write `count` documents and the manifest; `jobs` > 1 uses that many processes (same bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    work = [(seed, i, layout, spec, str(out), file_type, messy)
            for i, (layout, spec) in enumerate(plan_documents(count, layouts, specs))]  # fmt: skip
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            lines = pool.map(write_one, work, chunksize=1)
    else:
        lines = [write_one(job) for job in work]
    write_manifest(out, lines)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--degradations", nargs="+", default=["clean"],
                        help="specs like skew_light+jpeg_light, tier names (clean light moderate photo) or all")  # fmt: skip
    parser.add_argument("--layouts", nargs="+", default=list(LAYOUTS), choices=LAYOUTS)
    parser.add_argument(
        "--jobs", type=int, default=1, help="worker processes (the machine is shared: keep it small)"
    )
    parser.add_argument(
        "--messy", type=float, default=0.0, help="share of documents with one deliberate mistake"
    )
    parser.add_argument(
        "--format", choices=FILE_TYPES, default=None, help="force a file type (default: by degradation)"
    )
    args = parser.parse_args(argv)
    specs = expand_specs(args.degradations)
    generate_set(args.seed, args.count, args.out, specs, args.layouts, args.format, args.messy, args.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
