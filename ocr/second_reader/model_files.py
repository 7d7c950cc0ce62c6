"""Where the second reader's model lives and what it must be: the pinned asterocr wheel from PyPI and
the sha256 of the wheel and of the two files taken from it.

Only `asternet.onnx` and `vocab.json` are taken; the wheel's Python code (training, dataset download,
notebook tunnels) is never installed or imported. Setup (`python -m ocr.second_reader.install`, run by
scripts/setup.sh) puts them in the models folder; at run time they are only read, never fetched.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import msgspec

PACKAGE = "asterocr"
VERSION = "1.0.2"
WHEEL = f"{PACKAGE}-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "e9ac8bfdc4eaa5a7e78404f365a2c491d60186751c94f0ab473c7e42d68257c3"
LICENCE = "MIT (the wheel's METADATA `License: MIT`; the wheel ships no LICENSE file)"

MODEL = "asternet.onnx"
VOCAB = "vocab.json"
FILES = {
    # name in the models folder: (path inside the wheel, sha256)
    MODEL: (f"{PACKAGE}/assets/{MODEL}", "10c96b533e1f64031d73edfddafd7d4b13595544f11891f0531bcd72cb29be80"),
    VOCAB: (f"{PACKAGE}/assets/{VOCAB}", "82c6df018ceca8c10876947e0f7df798ed321825276ed7f3bb12ae3ed6dc647b"),
}

MODELS_DIR_VAR = "HKD_MODELS_DIR"


class ChecksumError(ValueError):
    """A file is not the pinned one (corrupt download, another version, tampering)."""


def default_models_dir() -> Path:
    """Inside the virtual environment: it is made and removed with it, and `make test` on a fresh
    machine fills it through setup."""
    return Path(sys.prefix) / "share" / "hkd-models"


def models_dir(configured: str | None = None) -> Path:
    return Path(configured) if configured else default_models_dir()


def reader_dir(base: Path) -> Path:
    """One folder per pinned version, so a version bump never mixes a new model with an old vocabulary."""
    return base / f"{PACKAGE}-{VERSION}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, expected: str) -> None:
    """Raise ChecksumError unless the file's sha256 is the pinned one."""
    got = sha256_of(path)
    if got != expected:
        raise ChecksumError(f"{path.name}: sha256 {got}, expected {expected}")


def installed(base: Path) -> bool:
    """Both files present with their pinned checksums (what setup checks before fetching again)."""
    folder = reader_dir(base)
    try:
        for name, (_, expected) in FILES.items():
            verify(folder / name, expected)
    except (OSError, ChecksumError):
        return False
    return True


def read_vocabulary(path: Path) -> list[str]:
    """The CTC classes, blank first (the model's output index → character)."""
    data = msgspec.json.decode(path.read_bytes(), type=dict[str, object])
    chars = data.get("chars")
    if not isinstance(chars, list) or not chars or not all(isinstance(c, str) for c in chars):
        raise ChecksumError(f"{path.name}: no character list")
    return [str(c) for c in chars]


def configured_models_dir() -> str | None:
    """For setup only (run time gets the folder from its Settings)."""
    return os.environ.get(MODELS_DIR_VAR) or None
