"""The README's pictures are there and small (scripts/screenshots.py makes and shrinks them): the
clerk page, the review screen and the printed workbook's first page among them (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 300_000


def test_every_readme_picture_exists_is_a_png_and_is_small() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((docs/screenshots/[^)]+\.png)\)", readme)
    assert {"docs/screenshots/upload.png", "docs/screenshots/review.png"} <= set(pictures)
    assert "docs/screenshots/workbook-page1.png" in pictures
    for picture in pictures:
        path = ROOT / picture
        assert path.is_file(), picture
        assert path.stat().st_size < LIMIT, (picture, path.stat().st_size)
        with Image.open(path) as image:
            assert image.format == "PNG" and image.width >= 800, (picture, image.format, image.size)
