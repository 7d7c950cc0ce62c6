"""The second reader: asterocr's line-recognition network run with onnxruntime, in batches of lines.

Loaded once per process (`load_line_model`). The session runs on one thread, with onnxruntime's CPU
arena and memory patterns (`ARENA`): without them every run allocated its activations afresh, and the
reader spent a quarter more CPU for the same readings (stop 23: 139 line crops of 8 dev pages, 4.2 →
3.2 CPU s, every text and probability equal). The arena keeps the peak of the widest batch until the
process ends; that peak is bounded by `BATCH_COLUMNS`, it was no higher than without the arena (+110
against +122–135 MB over the loaded model), and a worker's OCR child reads one document and exits.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

from ocr.errors import ReaderModelMissingError
from ocr.second_reader import model_files as mf
from ocr.second_reader.ctc import LineReading, decode_greedy

log = logging.getLogger(__name__)

HEIGHT = 32
"""The network's input height; widths are scaled with it and rounded up to a multiple of 4 (the
network's time step is 4 pixels)."""
EDGE_PAD = 2
"""Columns of the crop's own edge colour on each side, as the package's predictor adds (a hard border
is read as ')' or ';')."""
MAX_WIDTH = 1024
"""The network's positional encoding covers 256 time steps (1024 columns): a wider line is squeezed to
fit (extraction cuts long values into pieces well below this, `cross_reading.MAX_ASPECT`)."""
BATCH_SPREAD = 1.3
"""Lines go into one batch while the widest is at most this much wider than the narrowest: padding a
short line to a long one costs time on every padded column."""
BATCH_COLUMNS = 1024
"""At most this many columns (lines × padded width) in one run: the activations of one run are the
worker's memory peak (about 0.1 MB a column), and batching wider saves little time on one thread."""


def prepare_line(crop: np.ndarray) -> np.ndarray:
    """A grey (or RGB) line crop → (3, 32, W) floats in [-1, 1], dark text on light paper, like the
    package's ONNX pipeline (height to 32 keeping the aspect, bilinear, (x/255 - 0.5) / 0.5)."""
    grey = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    edge = int(np.median(np.concatenate([grey[:, 0], grey[:, -1]])))
    grey = cv2.copyMakeBorder(grey, 0, 0, EDGE_PAD, EDGE_PAD, cv2.BORDER_CONSTANT, value=edge)
    h, w = grey.shape
    width = min(MAX_WIDTH, max(HEIGHT, round(w * HEIGHT / max(h, 1))))
    width = (width + 3) // 4 * 4
    line = cv2.resize(grey, (width, HEIGHT), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    line = (line / 255.0 - 0.5) / 0.5
    return np.repeat(line[None, :, :], 3, axis=0)


def batches(widths: Sequence[int]) -> list[list[int]]:
    """Indexes of lines grouped by similar width (narrowest first), at most BATCH_COLUMNS a batch."""
    order = sorted(range(len(widths)), key=lambda i: widths[i])
    groups: list[list[int]] = []
    for i in order:
        if (
            groups
            and widths[i] <= BATCH_SPREAD * widths[groups[-1][0]]
            and (len(groups[-1]) + 1) * widths[i] <= BATCH_COLUMNS
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


ARENA = True
"""onnxruntime's CPU arena and memory patterns on (see the module's docstring); off only to compare."""


class LineModel:
    """Reads line crops; `read_lines` keeps the order of its input."""

    def __init__(self, model: Path, vocabulary: list[str], *, arena: bool = ARENA) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = arena
        options.enable_mem_pattern = arena
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        self.vocabulary = vocabulary

    def read_lines(self, crops: Sequence[np.ndarray]) -> list[LineReading]:
        prepared = [prepare_line(c) for c in crops]
        out: list[LineReading | None] = [None] * len(prepared)
        for group in batches([p.shape[2] for p in prepared]):
            width = max(prepared[i].shape[2] for i in group)
            batch = np.ones((len(group), 3, HEIGHT, width), dtype=np.float32)  # 1.0 is white paper
            for row, i in enumerate(group):
                batch[row, :, :, : prepared[i].shape[2]] = prepared[i]
            try:
                log_probs = self.session.run(None, {self.input: batch})[0]  # (time, batch, classes)
            except Exception as exc:  # onnxruntime's own errors: those lines are unread, not the document
                log.warning("second reader failed on %d lines of width %d: %s", len(group), width, exc)
                continue
            for row, i in enumerate(group):
                steps = prepared[i].shape[2] // 4
                out[i] = decode_greedy(log_probs[:, row, :], self.vocabulary, steps)
        return [r if r is not None else LineReading(text="", probs=()) for r in out]


@functools.cache
def load_line_model(models_dir: str | None = None) -> LineModel:
    """The process's one model (a worker loads it once); ReaderModelMissingError if setup has not put it
    in place. Checksums are checked by setup, not on every start."""
    model, vocab = model_paths(models_dir)
    return LineModel(model, mf.read_vocabulary(vocab))


def model_paths(models_dir: str | None = None) -> tuple[Path, Path]:
    """The model and vocabulary files; ReaderModelMissingError if setup has not put them in place (a
    worker checks this at start, without loading the model it leaves to its OCR children)."""
    folder = mf.reader_dir(mf.models_dir(models_dir))
    model, vocab = folder / mf.MODEL, folder / mf.VOCAB
    if not model.is_file() or not vocab.is_file():
        raise ReaderModelMissingError(
            f"second reader model not found in {folder}: run scripts/setup.sh (or set HKD_OCR_SECOND_READER=0)"
        )
    return model, vocab
