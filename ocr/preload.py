"""What every OCR child starts with, loaded once by the forkserver (ocr.bounded.PRELOAD) and inherited
by fork, copy-on-write, instead of loaded again for each document.

A child reads one document and exits, so whatever it loads lazily dies with it: measured on a clean
certificate, a child that starts cold spent 1.3 s more than a warm one (the second reader's model
0.5 s, the address index 0.5 s, word lists and VSIC tables the rest). Importing this module does that
loading in the forkserver; the parent says what to load through the environment the forkserver is
started with (`ocr.bounded.prepare_children`), since a preloaded module takes no arguments.

Nothing here decides a result: a child that finds something not loaded loads it itself (every loader
is a cached function), so a preload that failed or was configured differently costs time, never
correctness.
"""

# ruff: noqa: E402  (SIGINT is ignored before the slow imports below: see _PREVIOUS_SIGINT)
from __future__ import annotations

import signal
import threading

# Ctrl-C in a terminal reaches every process of `hkd serve`'s group, this forkserver too, and while it
# is still loading (seconds, at the worker's start) that printed a KeyboardInterrupt traceback. The
# forkserver ignores SIGINT once loaded (multiprocessing does that); it ignores it while loading too,
# and its children get the previous handler back, as before.
_PREVIOUS_SIGINT = (
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if threading.current_thread() is threading.main_thread()
    else None
)

import gc
import logging
import os
import time

import ocr.pipeline  # noqa: F401  (the modules every child runs)
from ocr.bounded import PRELOAD_MODELS_VAR, PRELOAD_READER_VAR
from ocr.extraction import checks, fields, streets, tables, vocab
from ocr.extraction.cross_reading import reference_words
from ocr.pipeline import load_second_reader
from ocr.tesseract import warm_engine
from ocr.tesseract_probe import probe_tesseract
from rules.address_index import build_address_index
from schemas.reference import (
    load_cccd_prefixes,
    load_old_to_new_index,
    load_units_2025,
    load_units_pre2025,
    load_vsic,
)

log = logging.getLogger(__name__)


def warm(second_reader: bool, models_dir: str | None) -> float:
    """Load the reference data extraction uses, and the model when asked; seconds it took."""
    started = time.perf_counter()
    load_units_2025()
    load_units_pre2025()
    load_vsic("2018")
    load_vsic("2025")
    load_cccd_prefixes()
    build_address_index()
    load_old_to_new_index()  # the address rules' old → new units (0.2 s; was loaded in every child)
    reference_words()
    checks._vsic_names()
    streets._by_words()
    streets._place_words()
    tables._vsic_level4()
    tables._vsic_words()  # odd_marks' word lists
    fields.read_document([])  # the label index (ocr.extraction.label_windows)
    vocab.id_offices()
    probe_tesseract()
    warm_engine()
    if second_reader:
        load_second_reader(True, models_dir)
    return time.perf_counter() - started


def _warm_from_environment() -> None:
    try:
        warm(os.environ.get(PRELOAD_READER_VAR) == "1", os.environ.get(PRELOAD_MODELS_VAR) or None)
    except Exception as exc:  # the forkserver must start anyway; each child then loads (and fails) itself
        log.warning("OCR preload failed, children load for themselves: %s", exc)
    gc.freeze()  # the collector would otherwise write to every inherited object and unshare its pages


_warm_from_environment()
if _PREVIOUS_SIGINT is not None:
    signal.signal(signal.SIGINT, _PREVIOUS_SIGINT)
