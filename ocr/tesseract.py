"""The one wrapper around Tesseract: probe it, run it, turn failures into our errors.

Reads run in this process (`ocr.tesseract_engine`: the system libtesseract's C API through ctypes,
the library the command links, so the same words); the `tesseract` command is still what the probe
asks and what the benchmark's plain baseline runs (`read_words_plain`). Nothing else in the code base
imports pytesseract or calls libtesseract. Every call runs with ``OMP_THREAD_LIMIT=1`` (one
process per core is faster than OpenMP threads fighting over the same cores) and a timeout, because a
very noisy page can keep Tesseract busy for a minute or more.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

import numpy as np
import pytesseract
from PIL import Image

from ocr import tesseract_engine
from ocr.errors import EngineError, OcrTimeoutError, TesseractMissingError
from ocr.results import Word
from ocr.tesseract_probe import TesseractProbe, probe_tesseract

LANG = "vie"
DIGITS = "0123456789"


def require_tesseract() -> TesseractProbe:
    """Raise TesseractMissingError unless Tesseract with `vie` is installed (probed once per process)."""
    probe = probe_tesseract(pytesseract.pytesseract.tesseract_cmd)
    if not probe.ok:
        raise TesseractMissingError(probe.problem or "tesseract is not usable")
    return probe


def tessdata_dir(probe: TesseractProbe) -> str:
    """Where `vie.traineddata` lives: `TESSDATA_PREFIX`, else the folder the command lists."""
    prefix = os.environ.get("TESSDATA_PREFIX") or probe.tessdata
    if not prefix:
        raise TesseractMissingError("tesseract's data folder not found (set TESSDATA_PREFIX)")
    return prefix if prefix.endswith("/") else prefix + "/"


def warm_engine() -> None:
    """Load the in-process engine now (the worker's forkserver, `ocr.preload`), not at the first read."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    tesseract_engine.engine(tessdata_dir(require_tesseract()))


def read_words(
    image: Image.Image | np.ndarray,
    *,
    psm: int = 3,
    whitelist: str | None = None,
    timeout_s: float = 60.0,
    extra: Sequence[str] = (),
) -> list[Word]:
    """Words with boxes and confidences, read in this process (`ocr.tesseract_engine`). Empty and
    conf -1 rows are dropped."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    probe = require_tesseract()
    variables = {"preserve_interword_spaces": "0", **tesseract_engine.parse_settings(extra)}
    if whitelist:
        variables["tessedit_char_whitelist"] = whitelist
    array = np.asarray(
        image.convert("L") if isinstance(image, Image.Image) and image.mode not in ("L", "RGB") else image
    )
    tsv = tesseract_engine.read_tsv(
        array, tessdata=tessdata_dir(probe), psm=psm, variables=variables, timeout_s=timeout_s
    )
    return parse_tsv(tsv, header=False)


def read_words_plain(image_path: str, *, timeout_s: float = 300.0) -> list[Word]:
    """Plain `tesseract IMAGE - -l vie tsv` with default settings: the benchmark's baseline."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, image_path, "-", "-l", LANG, "tsv"],
            capture_output=True,
            timeout=timeout_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeoutError(f"tesseract took longer than {timeout_s:.0f} s") from exc
    except FileNotFoundError as exc:
        raise TesseractMissingError("tesseract binary not found") from exc
    if proc.returncode != 0:
        raise EngineError(f"tesseract failed: {proc.stderr.decode(errors='replace')[-300:]}")
    return parse_tsv(proc.stdout.decode("utf-8", errors="replace"))


def parse_tsv(tsv: str, *, header: bool = True) -> list[Word]:
    """Tesseract TSV → words (same shape as `read_words`). Confidences are cut to whole numbers, as
    the 5.3 command prints them (the library prints six decimals): thresholds see what they saw."""
    words: list[Word] = []
    for row in tsv.splitlines()[1 if header else 0 :]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip() or float(cols[10]) < 0:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        bbox = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        words.append(
            Word(
                text=cols[11].strip(),
                conf=float(int(float(cols[10]))),
                bbox=bbox,
                line=block * 10_000 + par * 100 + line,
                block=block,
            )
        )
    return words
