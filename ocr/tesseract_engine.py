"""Tesseract in this process: the system's libtesseract through its C API (ctypes), the `vie` model
loaded once per process and thread, and kept.

A `tesseract` command per read starts a process, loads the model and reads the image back from a
file: on a crop of one line that costs more than the reading, and on a full page about a third of a
CPU second (issue 13, stop 21 in docs/benchmarks.md). This calls the same library the command links
(Debian's `libtesseract5`, installed with `tesseract-ocr`) with the same settings, the image handed
over as raw pixels, so the TSV it returns is the command's, word for word and confidence for
confidence (compared on dev seeds). A wheel that bundles its own libtesseract (tesserocr, 5.5) was
measured and not taken: another engine version changes readings (12 of 20 dev files differed).

The model file is the one the command uses (the folder its `--list-langs` names, or
`TESSDATA_PREFIX`), so the command-line probe still answers "is Vietnamese installed".
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import threading
from collections.abc import Sequence

import numpy as np

from ocr.errors import EngineError, OcrTimeoutError, TesseractMissingError

LANG = "vie"

_local = threading.local()
_made: list[tuple[int, Engine]] = []  # every engine of this process, ended at exit


@functools.cache
def library() -> ctypes.CDLL:
    """libtesseract with the C API functions used here declared (argument and result types)."""
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    try:
        lib = ctypes.CDLL(name)
    except OSError as exc:
        raise TesseractMissingError(f"libtesseract not found ({name}): install tesseract-ocr") from exc
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[list[object], object]] = {
        "TessVersion": ([], s),
        "TessBaseAPICreate": ([], p),
        "TessBaseAPIDelete": ([p], None),
        "TessBaseAPIInit3": ([p, s, s], i),
        "TessBaseAPISetVariable": ([p, s, s], i),
        "TessBaseAPIGetStringVariable": ([p, s], s),
        "TessBaseAPIGetIntVariable": ([p, s, ctypes.POINTER(i)], i),
        "TessBaseAPIGetBoolVariable": ([p, s, ctypes.POINTER(i)], i),
        "TessBaseAPIGetDoubleVariable": ([p, s, ctypes.POINTER(ctypes.c_double)], i),
        "TessBaseAPISetPageSegMode": ([p, i], None),
        "TessBaseAPISetImage": ([p, ctypes.c_char_p, i, i, i, i], None),
        "TessBaseAPIRecognize": ([p, p], i),
        "TessBaseAPIGetTsvText": ([p, i], p),
        "TessBaseAPIClear": ([p], None),
        "TessDeleteText": ([p], None),
        "TessMonitorCreate": ([], p),
        "TessMonitorDelete": ([p], None),
        "TessMonitorSetDeadlineMSecs": ([p, i], None),
    }
    for function, (args, result) in signatures.items():
        fn = getattr(lib, function)
        fn.argtypes, fn.restype = args, result
    return lib


def version() -> str:
    return (library().TessVersion() or b"").decode()


class Engine:
    """One TessBaseAPI with `vie` loaded (not thread-safe: one per thread, see `engine`)."""

    def __init__(self, tessdata: str) -> None:
        self.lib = library()
        self.handle = self.lib.TessBaseAPICreate()
        if self.lib.TessBaseAPIInit3(self.handle, tessdata.encode(), LANG.encode()) != 0:
            self.lib.TessBaseAPIDelete(self.handle)
            raise TesseractMissingError(f"tesseract could not load {LANG} from {tessdata}")
        # Tesseract's messages ("Image too small to scale!!" on a sliver of a crop) went to a command's
        # stderr, which was dropped; in this process they would land on ours.
        self.lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        self.defaults: dict[str, str] = {}

    def variable(self, name: str) -> str | None:
        """A setting's current value as text (None: Tesseract has no setting of that name)."""
        lib, key = self.lib, name.encode()
        text = lib.TessBaseAPIGetStringVariable(self.handle, key)
        if text is not None:
            return text.decode()
        number = ctypes.c_int()
        if lib.TessBaseAPIGetIntVariable(self.handle, key, ctypes.byref(number)):
            return str(number.value)
        if lib.TessBaseAPIGetBoolVariable(self.handle, key, ctypes.byref(number)):
            return str(int(bool(number.value)))
        real = ctypes.c_double()
        if lib.TessBaseAPIGetDoubleVariable(self.handle, key, ctypes.byref(real)):
            return repr(real.value)
        return None

    def set(self, name: str, value: str) -> None:
        if name not in self.defaults:
            default = self.variable(name)
            if default is None:
                raise EngineError(f"tesseract has no setting {name!r}")
            self.defaults[name] = default
        if not self.lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode()):
            raise EngineError(f"tesseract refused {name}={value!r}")

    def tsv(self, array: np.ndarray, psm: int, variables: dict[str, str], timeout_s: float) -> str:
        lib, handle = self.lib, self.handle
        height, width = array.shape[:2]
        depth = 1 if array.ndim == 2 else array.shape[2]
        pixels = array.tobytes()
        monitor = lib.TessMonitorCreate()
        try:
            for name, value in variables.items():
                self.set(name, value)
            lib.TessBaseAPISetPageSegMode(handle, psm)
            lib.TessBaseAPISetImage(handle, pixels, width, height, depth, width * depth)
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, round(timeout_s * 1000)))
            if lib.TessBaseAPIRecognize(handle, monitor) != 0:
                raise OcrTimeoutError(f"tesseract took longer than {timeout_s:.0f} s (or failed)")
            text = lib.TessBaseAPIGetTsvText(handle, 0)
            if not text:
                return ""
            try:
                return ctypes.string_at(text).decode("utf-8", errors="replace")
            finally:
                lib.TessDeleteText(text)
        finally:
            lib.TessMonitorDelete(monitor)
            for name in variables:  # every call starts from Tesseract's defaults, as a command did
                if name in self.defaults:
                    lib.TessBaseAPISetVariable(handle, name.encode(), self.defaults[name].encode())
            lib.TessBaseAPIClear(handle)


def engine(tessdata: str) -> Engine:
    """This thread's engine, made on first use. A forked child keeps its parent's (the worker's
    forkserver makes one, `ocr.preload`, so that an OCR child does not load `vie` for each document):
    after fork it is the child's own copy, and the forkserver never reads with it."""
    current = getattr(_local, "engine", None)
    if current is None:
        current = Engine(tessdata)
        _local.engine = current
        _made.append((os.getpid(), current))
    return current


@atexit.register
def _end_all() -> None:
    """End this process's engines before the library's own exit: one never ended makes Tesseract
    print "WARNING! LEAK!" for its dictionaries on stderr when the process exits."""
    while _made:
        pid, made = _made.pop()
        if pid == os.getpid():
            made.lib.TessBaseAPIDelete(made.handle)


def parse_settings(extra: Sequence[str]) -> dict[str, str]:
    """`-c name=value` strings (the command's syntax, kept by callers) → variables."""
    out: dict[str, str] = {}
    for item in extra:
        text = item.strip().removeprefix("-c").strip()
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise EngineError(f"tesseract setting not understood: {item!r}")
        out[name.strip()] = value.strip()
    return out


def read_tsv(
    image: np.ndarray, *, tessdata: str, psm: int, variables: dict[str, str], timeout_s: float
) -> str:
    """Tesseract's TSV (no header row) of one grey (H, W) or RGB (H, W, 3) uint8 image; the
    variables hold for this call only."""
    array = np.ascontiguousarray(image, dtype=np.uint8)
    if array.ndim not in (2, 3) or array.size == 0 or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise EngineError("tesseract needs a non-empty grey or colour image")
    return engine(tessdata).tsv(array, psm, variables, timeout_s)
