"""The README's pictures, made the way people see the screens: the browser tests drive Debian's
Chromium through Playwright (the clerk's folder, the reviewer's keyboard flow) and LibreOffice prints
the exported workbook, each with HKD_SCREENSHOTS=1 so they write into docs/screenshots; then every
PNG there is shrunk below `LIMIT` (a 256-colour palette: the screens are flat colours and text).

    .venv/bin/python scripts/screenshots.py               # run the tests below, then shrink
    .venv/bin/python scripts/screenshots.py --shrink-only # only shrink what is there

The tests run one file at a time (the machine has two cores), each on its own fresh server.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs" / "screenshots"
LIMIT = 300_000
"""Bytes a README picture may take: the repository carries every version of each one."""

TESTS = {
    "tests/e2e/test_clerk_page.py": ["upload.png"],
    "tests/e2e/test_review_keyboard.py": ["review.png"],
    "tests/e2e/test_review.py": ["review-queue.png", "register.png"],
    "tests/e2e/test_export_ui.py": ["export-background.png"],
    "tests/e2e/test_admin_page.py": ["admin-users.png"],
    "tests/db/test_workbook_print.py": ["workbook-page1.png", "workbook-chart.png"],
}
"""Which test file writes which picture (the clerk page, the review screen and the printed workbook's
first page are what issue 15 asks the README to show)."""


def shrink_png(path: Path, limit: int = LIMIT) -> int:
    """Re-encode `path` as a palette PNG when it is larger than `limit`; its new size in bytes."""
    size = path.stat().st_size
    if size <= limit:
        return size
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    for colours in (256, 128, 64):
        buf = io.BytesIO()
        rgb.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(buf, "PNG", optimize=True)
        if buf.tell() <= limit:
            break
    path.write_bytes(buf.getvalue())
    return buf.tell()


def run_tests(files: list[str]) -> None:
    env = {**os.environ, "HKD_SCREENSHOTS": "1"}
    for test_file in files:
        print(f"== {test_file}", flush=True)
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_file],
                       cwd=ROOT, env=env, check=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shrink-only", action="store_true", help="do not run the tests")
    parser.add_argument("tests", nargs="*", help=f"test files to run (default: {', '.join(TESTS)})")
    args = parser.parse_args(argv)
    if not args.shrink_only:
        run_tests(args.tests or list(TESTS))
    too_big = []
    for path in sorted(FOLDER.glob("*.png")):
        size = shrink_png(path)
        print(f"{path.relative_to(ROOT)}  {size // 1000} KB")
        if size > LIMIT:
            too_big.append(path.name)
    if too_big:
        print(f"still larger than {LIMIT // 1000} KB: {', '.join(too_big)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
