"""The stranger's ten font families, all with Vietnamese glyphs, from the Debian packages setup.sh installs.

"All with Vietnamese glyphs" means a precomposed glyph for every letter of the alphabet: a family that
lacks some (DejaVu Sans Mono has no ố, ầ, ả, ở …) gets them composed from a base letter and a combining
mark by the layout engine, which that font draws as a spacing accent beside the letter ("Sô´", "Hô`"):
a page no office prints, and whose truth is not what it shows. FreeMono replaced it (2026-12-03).

Condensed, monospaced and display cuts that `samples/` does not use, beside the Times/Arial look-alikes
real offices print with. A missing family is an error, not a silent substitute: the same seed must give
the same pages everywhere.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

FONT_ROOT = Path("/usr/share/fonts/truetype")
FAMILIES: dict[str, tuple[str, str, str]] = {
    "Liberation Serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf",
                         "liberation2/LiberationSerif-Italic.ttf"),
    "Liberation Sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf",
                        "liberation2/LiberationSans-Italic.ttf"),
    "Liberation Mono": ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf",
                        "liberation2/LiberationMono-Italic.ttf"),
    "DejaVu Serif Condensed": ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf",
                               "dejavu/DejaVuSerifCondensed-Italic.ttf"),
    "DejaVu Sans Condensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf",
                              "dejavu/DejaVuSansCondensed-Oblique.ttf"),
    "FreeMono": ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf", "freefont/FreeMonoOblique.ttf"),
    "Noto Serif Display": ("noto/NotoSerifDisplay-Regular.ttf", "noto/NotoSerifDisplay-Bold.ttf",
                           "noto/NotoSerifDisplay-Italic.ttf"),
    "Noto Sans Display": ("noto/NotoSansDisplay-Regular.ttf", "noto/NotoSansDisplay-Bold.ttf",
                          "noto/NotoSansDisplay-Italic.ttf"),
    "Noto Serif": ("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf", "noto/NotoSerif-Italic.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf", "freefont/FreeSerifItalic.ttf"),
}  # fmt: skip
PACKAGES = "fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-freefont-ttf"
SEAL_FAMILY = "DejaVu Sans"  # the seal is cut in its own type, the same on every certificate
WEIGHTS = (3, 1, 1, 1, 1, 1, 1, 1, 1, 1)  # Times-like prints are the most common


def missing_families() -> list[str]:
    return [name for name, files in FAMILIES.items() if not all((FONT_ROOT / f).is_file() for f in files)]


def require_fonts() -> None:
    missing = missing_families()
    if missing:
        raise FileNotFoundError(f"fonts missing: {', '.join(missing)} (apt-get install {PACKAGES})")


@functools.cache
def load(family: str, face: int, size_px: int) -> ImageFont.FreeTypeFont:
    """face 0 regular, 1 bold, 2 italic."""
    return ImageFont.truetype(str(FONT_ROOT / FAMILIES[family][face]), size_px)
