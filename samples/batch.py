"""Generate a scanned stack with truth: `python -m samples.batch --seed N --out DIR [--tier moderate]`.

A batch is what a commune office's sheet-fed scanner makes of a box of paper: certificates of one to
three pages (samples.generate), blank backs from duplex scanning (noise and bleed-through), sheets fed
upside down, ID-card copies and application forms behind a certificate, and cover sheets with the box
number. It is written as one PDF and one multi-page TIFF (CCITT G4, as scanners save in document mode)
at 300 dpi, one page at a time (a 200-page batch never sits in memory), plus `truth.json`: for every
page its document and kind, and for every document its pages. Same seed → same bytes.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import numpy as np
from PIL import Image, TiffImagePlugin

from ocr.batch.pdf import PdfWriter
from samples.batch_pages import make_application_form, make_blank_back, make_cover_sheet, make_id_card_copy
from samples.degrade import Scan, degrade_scan
from samples.generate import LAYOUTS, build_sample, to_bilevel
from samples.render import available_fonts
from schemas.record import Record

DPI = 300
TIER_STEPS: dict[str, tuple[str, ...]] = {
    "clean": ("clean",),
    "light": ("skew_light", "speckle_light+jpeg_light", "yellowed+skew_light", "skew_light+jpeg_light"),
    "moderate": ("skew+speckle", "blur", "faded", "uneven_light", "folds+yellowed", "jpeg",
                 "faded+uneven_light", "skew", "speckle+jpeg_light"),
}  # fmt: skip
"""Per-page degradations of a sheet-fed scan (always 300 dpi, so no resolution steps)."""
CERT_SHAPES = ("pdf_split", "pdf_annex", "", "pdf_split+pdf_annex")
"""Page markers of successive certificates: 2, 2, 1 and 3 pages (two on average)."""
UPSIDE_DOWN = 0.08


class PageTruth(msgspec.Struct, frozen=True):
    page: int  # 1-based, in the batch
    kind: str  # certificate_first | continuation | blank | id_card | application_form | cover_sheet
    document: int | None  # index into BatchTruth.documents; None for a blank page
    upside_down: bool = False


class DocumentTruth(msgspec.Struct):
    index: int
    kind: str  # certificate | attachment | other
    pages: list[int] = msgspec.field(default_factory=list)
    attached_to: int | None = None  # the certificate an attachment belongs to
    registration_number: str | None = None


class BatchTruth(msgspec.Struct):
    seed: int
    tier: str
    box: int
    commune: str
    pages: list[PageTruth] = msgspec.field(default_factory=list)
    documents: list[DocumentTruth] = msgspec.field(default_factory=list)


@dataclass
class Item:
    """One planned piece of paper: a certificate (its page markers) or a one-page other document."""

    kind: str  # certificate | id_card | application_form | cover_sheet
    shape: str = ""
    blanks_after: list[int] = field(default_factory=list)  # page offsets followed by a blank back


def plan_items(rng: random.Random, certificates: int, blanks: int, others: int) -> list[Item]:
    """Certificates in order, a cover sheet first, the other documents after random certificates,
    and blank backs after random pages (a single-sided sheet in a duplex scan)."""
    items = [Item("certificate", CERT_SHAPES[i % len(CERT_SHAPES)]) for i in range(certificates)]
    extra: list[Item] = []
    for n in range(others):
        kind = "cover_sheet" if n == 0 or rng.random() < 0.2 else rng.choice(("id_card", "application_form"))
        extra.append(Item(kind))
    if extra:
        items.insert(0, extra[0])
    for item in extra[1:]:
        certs = [i for i, it in enumerate(items) if it.kind == "certificate"]
        after = rng.choice(certs) + 1 if certs else len(items)
        while after < len(items) and items[after].kind in ("id_card", "application_form"):
            after += 1  # behind the certificate's other papers
        items.insert(after, item)
    slots = [(i, p) for i, item in enumerate(items) for p in range(expected_pages(item))]
    for i, p in rng.sample(slots, min(blanks, len(slots))):
        items[i].blanks_after.append(p)
    return items


def expected_pages(item: Item) -> int:
    if item.kind != "certificate":
        return 1
    return 1 + ("pdf_split" in item.shape) + ("pdf_annex" in item.shape)


def scan_page(rng: random.Random, image: Image.Image, tier: str) -> Image.Image:
    spec = rng.choice(TIER_STEPS[tier])
    pixels = degrade_scan(Scan(np.asarray(image.convert("RGB"))), spec, rng).pixels
    return Image.fromarray(pixels, "RGB")


def render_item(rng: random.Random, item: Item, tier: str, previous: Record | None) -> tuple[list[Image.Image], Record | None]:  # fmt: skip
    """The item's pages as scanned (certificates through samples.generate), and its record if any."""
    if item.kind == "certificate":
        steps = [s for s in (item.shape, rng.choice(TIER_STEPS[tier])) if s and s != "clean"]
        sample = build_sample(rng, rng.choice(LAYOUTS), "+".join(steps) or "clean")
        return sample.images, sample.record
    record = previous or Record()
    family = rng.choice(available_fonts())
    if item.kind == "id_card":
        page = make_id_card_copy(rng, record.owner, DPI)
    elif item.kind == "application_form":
        page = make_application_form(rng, record, family, DPI)
    else:
        page = make_cover_sheet(rng, rng.randint(1, 400), rng.choice(("Xã Tân Phú", "Phường 3")), 2016, DPI)
    return [scan_page(rng, page, tier)], None


def generate_batch(seed: int, certificates: int, blanks: int, others: int, tier: str = "clean") -> tuple[BatchTruth, Iterator[Image.Image]]:  # fmt: skip
    """The truth (filled in as pages are made) and the pages, one at a time, in scanning order."""
    if tier not in TIER_STEPS:
        raise ValueError(f"tier must be one of {tuple(TIER_STEPS)}")
    rng = random.Random(f"hkd-batch:{seed}")
    items = plan_items(rng, certificates, blanks, others)
    truth = BatchTruth(seed=seed, tier=tier, box=rng.randint(1, 400), commune="Xã Tân Phú")

    def pages() -> Iterator[Image.Image]:
        record: Record | None = None
        last_cert: int | None = None
        for item in items:
            images, made = render_item(rng, item, tier, record)
            doc = DocumentTruth(index=len(truth.documents), kind=document_kind(item.kind))
            if made is not None:
                record, last_cert, doc.registration_number = made, doc.index, made.registration_number
            elif doc.kind == "attachment":
                doc.attached_to = last_cert
            else:
                last_cert = None  # a cover sheet starts a new folder
            truth.documents.append(doc)
            upside_down = rng.random() < UPSIDE_DOWN
            for offset, image in enumerate(images):
                yield from _emit(truth, doc, page_kind(item.kind, offset), image, upside_down)
                last = offset == len(images) - 1
                for _ in range(sum(1 for p in item.blanks_after if p == offset or (last and p > offset))):
                    back = scan_page(rng, make_blank_back(rng, image, DPI), tier)
                    yield from _emit(truth, None, "blank", back, upside_down)

    return truth, pages()


def _emit(truth: BatchTruth, doc: DocumentTruth | None, kind: str, image: Image.Image, upside_down: bool) -> Iterator[Image.Image]:  # fmt: skip
    number = len(truth.pages) + 1
    truth.pages.append(PageTruth(number, kind, doc.index if doc else None, upside_down))
    if doc is not None:
        doc.pages.append(number)
    yield image.rotate(180) if upside_down else image


def document_kind(item_kind: str) -> str:
    return {"certificate": "certificate", "cover_sheet": "other"}.get(item_kind, "attachment")


def page_kind(item_kind: str, offset: int) -> str:
    if item_kind == "certificate":
        return "certificate_first" if offset == 0 else "continuation"
    return item_kind


def write_batch(seed: int, out: Path, certificates: int = 4, blanks: int = 3, others: int = 1,
                tier: str = "clean", formats: Sequence[str] = ("pdf", "tif")) -> BatchTruth:  # fmt: skip
    """Write `batch.pdf` and/or `batch.tif` and `truth.json` into `out`, one page at a time."""
    out.mkdir(parents=True, exist_ok=True)
    truth, pages = generate_batch(seed, certificates, blanks, others, tier)
    with (out / "batch.pdf").open("wb") as pdf_file, (out / "batch.tif").open("w+b") as tif_file:
        pdf = PdfWriter(pdf_file) if "pdf" in formats else None
        with TiffImagePlugin.AppendingTiffWriter(tif_file, True) as tif:
            for image in pages:
                if pdf is not None:
                    pdf.add_page(image)
                if "tif" in formats:
                    to_bilevel(image).save(tif, "TIFF", compression="group4", dpi=(DPI, DPI))
                    tif.newFrame()
        if pdf is not None:
            pdf.close()
    for fmt in ("pdf", "tif"):
        if fmt not in formats:
            (out / f"batch.{fmt}").unlink()
    (out / "truth.json").write_bytes(msgspec.json.format(msgspec.json.encode(truth), indent=1) + b"\n")
    return truth


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.batch", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--certificates", type=int, default=40)
    parser.add_argument("--blanks", type=int, default=30)
    parser.add_argument("--others", type=int, default=10)
    parser.add_argument("--tier", choices=tuple(TIER_STEPS), default="clean")
    parser.add_argument("--formats", nargs="+", choices=("pdf", "tif"), default=["pdf", "tif"])
    args = parser.parse_args(argv)
    truth = write_batch(
        args.seed, args.out, args.certificates, args.blanks, args.others, args.tier, args.formats
    )
    print(f"{len(truth.pages)} pages, {len(truth.documents)} documents → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
