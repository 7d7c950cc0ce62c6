"""Regenerate the committed fixed set: `python -m samples.fixed_set --out samples/fixed`.

Twelve certificates covering all three eras and the main degradations (180° rotation, phone photos,
100 DPI, a multi-page PDF and a multi-page TIFF) plus three negatives. Single pages that would be PNG
are saved as JPEG (quality 85) to keep the set under 20 MB; the 100 DPI page stays PNG.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import msgspec

from samples.generate import build_sample, document_rng, slug, write_manifest, write_sample
from samples.negatives import make_blank_page, make_english_letter, make_photo_like

FIXED_SEED = 20251128
FIXED_PLAN: tuple[tuple[str, str, str | None, str], ...] = (
    ("2015", "clean", "jpg", "Liberation Serif"),
    ("2021", "clean", "jpg", "DejaVu Sans"),
    ("2025", "clean", "jpg", "Noto Serif"),
    ("2021", "skew_light+speckle_light+jpeg_light", None, "FreeSerif"),
    ("2015", "rotate180", "jpg", "Liberation Sans"),
    ("2025", "photo", None, "Noto Sans"),
    ("2015", "dpi100+skew_light", "png", "DejaVu Serif"),
    ("2025", "dpi150+blur", "jpg", "FreeSans"),
    ("2021", "faded+uneven_light", "jpg", "Liberation Serif"),
    ("2015", "rotate90+folds+yellowed", "jpg", "Noto Serif"),
    ("2021", "pdf_annex", None, "DejaVu Sans"),
    ("2025", "tiff_annex", None, "FreeSerif"),
)
"""(layout, degradation, forced file type, font) per document; type None keeps the degradation's own."""


def write_negatives(out: Path, seed: int) -> list[dict[str, object]]:
    rng = random.Random(f"hkd-negatives:{seed}")
    lines: list[dict[str, object]] = []
    for name, image, fmt in (
        ("neg_blank_page.png", make_blank_page(rng, dpi=150), "PNG"),
        ("neg_photo.jpg", make_photo_like(rng), "JPEG"),
        ("neg_english_letter.png", make_english_letter(rng, dpi=200), "PNG"),
    ):
        extra = {} if fmt == "JPEG" else {"dpi": (150, 150) if "blank" in name else (200, 200)}
        image.save(out / name, fmt, **({"quality": 85} if fmt == "JPEG" else {}), **extra)
        lines.append({"file": name, "truth": None, "layout": "unrecognised", "degradation": "negative",
                      "tier": "negative", "font": None, "font_size": None, "dpi": extra.get("dpi", (None,))[0],
                      "pages": 1, "seed": seed, "index": None})  # fmt: skip
    return lines


def write_fixed_set(out: Path, seed: int = FIXED_SEED) -> list[dict[str, object]]:
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for index, (layout, spec, file_type, font) in enumerate(FIXED_PLAN):
        sample = build_sample(document_rng(seed, index), layout, spec, font=font)
        stem = f"{index:02d}_{layout}_{slug(spec)}"
        lines.append(
            write_sample(sample, out, stem, seed=seed, index=index, file_type=file_type, jpeg_quality=85)
        )
        print(stem, sample.font, len(sample.images), flush=True)
    lines += write_negatives(out, seed)
    write_manifest(out, lines)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.fixed_set", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "fixed")
    parser.add_argument("--seed", type=int, default=FIXED_SEED)
    args = parser.parse_args()
    lines = write_fixed_set(args.out, args.seed)
    print(msgspec.json.encode({"documents": len(lines)}).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
