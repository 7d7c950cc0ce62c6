"""The one wrapper around Tesseract (via pytesseract): probe it, run it, turn failures into our errors.

Nothing else in the code base imports pytesseract. Every call runs with ``OMP_THREAD_LIMIT=1``
(one process per core is faster than OpenMP threads fighting over the same cores) and a timeout,
because a very noisy page can keep Tesseract busy for a minute or more.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import cv2
import numpy as np
import pytesseract
from PIL import Image

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


@contextmanager
def _image_file(image: Image.Image | np.ndarray) -> Iterator[str]:
    """The image as an uncompressed PNM file: pytesseract's own PNG encoding of a full page costs
    close to a second, writing PNM a few milliseconds."""
    array = np.asarray(image)
    if array.ndim == 3:
        array = cv2.cvtColor(array, cv2.COLOR_RGB2BGR)
    suffix = ".pgm" if array.ndim == 2 else ".ppm"
    with tempfile.TemporaryDirectory(prefix="hkd-ocr-") as folder:
        path = os.path.join(folder, "page" + suffix)
        if not cv2.imwrite(path, array):
            raise EngineError("could not write the page image for tesseract")
        yield path


def _call(fn, image: Image.Image | str, *, timeout_s: float, **kwargs):
    """Run one pytesseract function, mapping its failures onto ocr.errors."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    require_tesseract()
    try:
        return fn(image, timeout=max(1, round(timeout_s)), **kwargs)
    except RuntimeError as exc:  # pytesseract's way of saying "timed out"
        if "timeout" in str(exc).lower():
            raise OcrTimeoutError(f"tesseract took longer than {timeout_s:.0f} s") from exc
        raise EngineError(f"tesseract failed: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise TesseractMissingError("tesseract binary not found") from exc
    except (pytesseract.TesseractError, SystemExit, OSError) as exc:
        raise EngineError(f"tesseract failed: {exc}") from exc


def _config(psm: int, whitelist: str | None, extra: Sequence[str]) -> str:
    parts = [f"--psm {psm}", "-c preserve_interword_spaces=0"]
    if whitelist:
        parts.append(f"-c tessedit_char_whitelist={whitelist}")
    parts.extend(extra)
    return " ".join(parts)


def read_words(
    image: Image.Image | np.ndarray,
    *,
    psm: int = 3,
    whitelist: str | None = None,
    timeout_s: float = 60.0,
    extra: Sequence[str] = (),
) -> list[Word]:
    """Words with boxes and confidences (image_to_data). Empty and conf -1 rows are dropped."""
    with _image_file(image) as path:
        data = _call(
            pytesseract.image_to_data,
            path,
            timeout_s=timeout_s,
            lang=LANG,
            config=_config(psm, whitelist, extra),
            output_type=pytesseract.Output.DICT,
        )
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        line = data["block_num"][i] * 10_000 + data["par_num"][i] * 100 + data["line_num"][i]
        bbox = (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]), int(data["height"][i]))
        words.append(Word(text=text, conf=conf, bbox=bbox, line=line, block=int(data["block_num"][i])))
    return words


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


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract TSV → words (same shape as `read_words`)."""
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip() or float(cols[10]) < 0:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        bbox = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        words.append(
            Word(
                text=cols[11].strip(),
                conf=float(cols[10]),
                bbox=bbox,
                line=block * 10_000 + par * 100 + line,
                block=block,
            )
        )
    return words
