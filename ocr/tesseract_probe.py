"""Is Tesseract installed, with Vietnamese data? Asked once, separately from running it."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

import msgspec

INSTALL_HINT = "sudo apt-get install -y tesseract-ocr tesseract-ocr-vie"


class TesseractProbe(msgspec.Struct, frozen=True):
    ok: bool
    version: str | None
    languages: tuple[str, ...]
    problem: str | None
    tessdata: str | None = None  # the folder of the language files (`--list-langs`' first line)


@functools.cache
def probe_tesseract(binary: str = "tesseract") -> TesseractProbe:
    path = shutil.which(binary)
    if path is None:
        return TesseractProbe(False, None, (), f"tesseract not found; install it: {INSTALL_HINT}")
    try:
        version_out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=10, check=False
        )
        langs_out = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return TesseractProbe(False, None, (), f"tesseract does not run: {exc}")
    first = (version_out.stdout or version_out.stderr).strip().splitlines()
    version = first[0].removeprefix("tesseract ").strip() if first else None
    listed = langs_out.stdout.splitlines()
    languages = tuple(line.strip() for line in listed[1:] if line.strip())
    folder = re.search(r'"([^"]+)"', listed[0]) if listed else None
    tessdata = folder.group(1) if folder else None
    if tessdata and not tessdata.endswith("/"):
        tessdata += "/"
    if "vie" not in languages:
        return TesseractProbe(
            False, version, languages, f"Vietnamese data (vie) missing; install: {INSTALL_HINT}"
        )
    return TesseractProbe(True, version, languages, None, tessdata)
