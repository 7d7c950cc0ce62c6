"""The OCR pipeline as a list of named steps: file bytes → pages → words → extracted record.

    pages.iter_pages (one decoded page at a time) → prepare_page (crop to paper, drop seal/guilloche colour, flatten lighting, quarter
    turn, scale to text height, deskew, remove specks and table rules) → read_page (Tesseract psm 6;
    a 180° and a binarised re-read only when mean word confidence is poor, the better reading kept)
    → check_unturned (a page the sideways test turned and that reads poorly is read as it came too)
    → package_page (review PNG) → extract_record (label anchors → fields → cross-checks, with
    targeted digit re-reads of doubtful numeric fields through `make_reread`, and every value's lines
    read again from the view by the second reader, `ocr.second_reader`, to vote)

Per-page steps (`prepare_page`, `read_page`, `package_page`) are module-level functions of picklable
arguments, so a worker can run pages in a process pool.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

import cv2
import msgspec
import numpy as np
from PIL import Image

from ocr import images, pages
from ocr.errors import OcrTimeoutError
from ocr.extraction import extract_record
from ocr.extraction.reread import Reread
from ocr.reading import PageReading, decode_reading
from ocr.results import DocumentResult, PageResult, Word
from ocr.second_reader.crops import ViewLines
from ocr.second_reader.model import LineModel, load_line_model
from ocr.tesseract import read_words

Progress = Callable[[str, int, int], None]

PAGE_PSM = 6
"""One uniform block: certificates are a single column (the two-column header is split again by
geometry in extraction); it skips layout analysis, which is slower and drops ruled tables."""

SUSPECT_ROW_CONTRAST = 2.0
"""Below this a page has no ruled-line rhythm of print (a photograph of anything): it gets a short
Tesseract budget, and running out of it means "not a certificate", not a failed job."""
SUSPECT_TIMEOUT_S = 60.0

MIN_GOOD_CONFIDENCE = 70.0
"""Below this mean word confidence a page is re-read another way (flipped, binarised) and the
better reading is kept."""


class PreparedPage(msgspec.Struct):
    view: np.ndarray  # geometry-normalised grey page, as photographed (the review image)
    grey: np.ndarray  # flattened and cleaned: what Tesseract reads
    rotation: int
    skew: float


def load_pages(data: bytes, limits: pages.Limits | None = None) -> list[Image.Image]:
    """Decode the upload into page images; limits are checked before any pixel is decoded."""
    return pages.load_pages(data, limits or pages.Limits())


def crop_to_paper(rgb: np.ndarray) -> np.ndarray:
    """Phone photos: find the sheet and correct perspective. Scans pass through unchanged."""
    quad = images.find_page_quad(rgb)
    return rgb if quad is None else images.unwarp_page(rgb, quad)


def fix_quarter_turn(view: np.ndarray, grey: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Turn sideways pages upright-or-upside-down (the 180° question is settled by reading)."""
    if images.is_sideways(grey):
        return images.rotate_quarter(view, 90), images.rotate_quarter(grey, 90), 90
    return view, grey, 0


MAX_SCALED_PIXELS = 40_000_000
"""The most pixels a page is scaled up to (an A4 page at 300 DPI is 8.7 M, a 100-DPI scan upsampled
3× about 9 M): a wrong text-height estimate, or a large photo of small print, must cost a coarser
reading, not the reader's memory limit (every later step holds a few copies of the page)."""


def normalise_scale(view: np.ndarray, grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scale so text is ~30 px high: photos carry no DPI, and 100-DPI scans need upsampling;
    never past `MAX_SCALED_PIXELS`."""
    height = images.estimate_text_height(grey)
    if height is None:
        factor = min(1.0, 3500 / max(grey.shape))
    else:
        factor = float(np.clip(images.TARGET_TEXT_HEIGHT / height, 0.35, 3.5))
    pixels = grey.shape[0] * grey.shape[1]
    factor = min(factor, max(1.0, (MAX_SCALED_PIXELS / pixels) ** 0.5))
    return images.resize_by(view, factor), images.resize_by(grey, factor)


def straighten(view: np.ndarray, grey: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    angle = images.estimate_skew(grey)
    return images.rotate_by(view, angle), images.rotate_by(grey, angle), angle


def flatten_page(rgb: np.ndarray) -> np.ndarray:
    """Grey page without seal and guilloche colours, with shadows and yellowing divided out."""
    return images.normalise_illumination(images.drop_colour_marks(rgb))


def despeckle(grey: np.ndarray) -> np.ndarray:
    """Remove specks that lie apart from the text (diacritics, which touch their letters, stay)
    and table rules (Tesseract drops the text of ruled tables)."""
    return images.remove_rules(images.remove_isolated_specks(grey))


def prepare_page(page: Image.Image, *, quarter_turn: bool = True) -> PreparedPage:
    """`quarter_turn=False`: the page as it came, for `check_unturned`."""
    rgb = crop_to_paper(images.to_rgb(np.asarray(page if page.mode == "RGB" else page.convert("RGB"))))
    view = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    grey = flatten_page(rgb)
    del rgb  # the colour page is the largest array: drop it before the geometric steps
    view, grey, rotation = fix_quarter_turn(view, grey) if quarter_turn else (view, grey, 0)
    view, grey = normalise_scale(view, grey)
    view, grey, skew = straighten(view, grey)
    return PreparedPage(view=view, grey=despeckle(grey), rotation=rotation, skew=skew)


def score_words(words: list[Word]) -> float:
    """Mean confidence weighted by word length (0 for an empty reading)."""
    total = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / total if total else 0.0


def _read_within(grey: np.ndarray, deadline: float, suspect: bool) -> list[Word] | None:
    """One Tesseract pass; None when there is nothing to read: a page without ink (a blank sheet), or
    a suspect page (no print rhythm) that runs out of its short budget."""
    if not images.has_ink(grey):
        return None
    budget = min(_remaining(deadline), SUSPECT_TIMEOUT_S) if suspect else _remaining(deadline)
    try:
        return read_words(grey, psm=PAGE_PSM, timeout_s=budget)
    except OcrTimeoutError:
        if not suspect:
            raise
        return None  # a photo of something else: Tesseract chews on texture, there is no text


def read_page(prepared: PreparedPage, deadline: float) -> tuple[PreparedPage, list[Word]]:
    """Read the page; if the reading is poor, try it flipped and binarised and keep the best."""
    suspect = images.row_contrast(prepared.grey) < SUSPECT_ROW_CONTRAST
    words = _read_within(prepared.grey, deadline, suspect)
    if words is None:
        return prepared, []
    best = (score_words(words), prepared, words)
    if best[0] >= MIN_GOOD_CONFIDENCE:
        return best[1], best[2]
    flipped = _flipped(prepared)
    words_flipped = _read_within(flipped.grey, deadline, suspect) or []
    if score_words(words_flipped) > best[0]:
        best = (score_words(words_flipped), flipped, words_flipped)
    if best[0] < MIN_GOOD_CONFIDENCE and best[2]:
        page = best[1]
        binary = PreparedPage(
            view=page.view, grey=images.binarise(page.grey), rotation=page.rotation, skew=page.skew
        )
        words_binary = _read_within(binary.grey, deadline, suspect) or []
        if score_words(words_binary) > best[0] + 2:
            best = (score_words(words_binary), binary, words_binary)
    return best[1], best[2]


def check_unturned(
    page: Image.Image, prepared: PreparedPage, words: list[Word], deadline: float
) -> tuple[PreparedPage, list[Word]]:
    """A page the sideways test turned, whose readings of that turn (and of its flip) are all poor, is
    read once more as it came, and, if that is poor too, upside down, and the best reading kept: the
    test misjudges some upright phone photos (background, shadows) and some upside-down bilevel scans,
    and the 180° retry of a quarter turn never reads those upright. So every quarter turn is tried
    before a page is given up. A good reading of the turn costs nothing more."""
    if prepared.rotation not in (90, 270) or score_words(words) >= MIN_GOOD_CONFIDENCE:
        return prepared, words
    best = (score_words(words), prepared, words)
    unturned = prepare_page(page, quarter_turn=False)
    suspect = images.row_contrast(unturned.grey) < SUSPECT_ROW_CONTRAST
    for candidate in (unturned, None):
        candidate = candidate or _flipped(unturned)
        again = _read_within(candidate.grey, deadline, suspect) or []
        if score_words(again) > best[0]:
            best = (score_words(again), candidate, again)
        if best[0] >= MIN_GOOD_CONFIDENCE:
            break
    return best[1], best[2]


def _flipped(prepared: PreparedPage) -> PreparedPage:
    return PreparedPage(
        view=images.rotate_quarter(prepared.view, 180),
        grey=images.rotate_quarter(prepared.grey, 180),
        rotation=(prepared.rotation + 180) % 360,
        skew=prepared.skew,
    )


def read_whole_page(
    page: Image.Image, deadline: float, on_step: Callable[[str], None] | None = None
) -> tuple[PreparedPage, list[Word]]:
    """One decoded page → its prepared images and words: what `run_document` does to each page, and what
    a batch's classification does once to each page with text ink (`ocr.batch.classify`)."""
    step = on_step or (lambda name: None)
    step("preprocess")
    prepared = prepare_page(page)
    step("ocr")
    prepared, words = read_page(prepared, deadline)
    return check_unturned(page, prepared, words, deadline)


def package_page(number: int, prepared: PreparedPage, words: list[Word]) -> PageResult:
    height, width = prepared.grey.shape[:2]
    return PageResult(
        number=number,
        width=width,
        height=height,
        rotation=prepared.rotation,
        image_png=images.encode_png(prepared.view),
        words=words,
    )


def make_reread(greys: dict[int, np.ndarray], deadline: float) -> Reread:
    """Callback for extraction: re-read one box of a page as a single line, with a whitelist (digits),
    or several name lines at a given box height in one Tesseract call (`read_lines`)."""
    return PageReread(greys, deadline)


LINE_GAP = 0.8
"""Blank space between stacked name crops, in units of the scaled box height: enough that Tesseract's
psm 6 keeps them as separate lines, small enough that the canvas stays one short block."""


class PageReread:
    """Crops boxes out of the cleaned pages and reads them again (see `Reread`)."""

    def __init__(self, greys: dict[int, np.ndarray], deadline: float) -> None:
        self.greys = greys
        self.deadline = deadline

    def _crop(self, page: int, bbox: tuple[int, int, int, int], height: int | None) -> np.ndarray | None:
        grey = self.greys.get(page)
        if grey is None:
            return None
        x, y, w, h = bbox
        pad = max(6, h // 2) if height is None else max(6, h // 5)  # names: keep neighbours out
        crop = grey[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad]
        if crop.size == 0:
            return None
        factor = max(1.0, 40 / max(h, 1)) if height is None else height / max(h, 1)
        return images.resize_by(crop, factor)

    def __call__(
        self, page: int, bbox: tuple[int, int, int, int], whitelist: str, *, height: int | None = None
    ) -> tuple[str, float] | None:
        crop = self._crop(page, bbox, height)
        if crop is None:
            return None
        words = read_words(
            crop, psm=7, whitelist=whitelist or None, timeout_s=min(10.0, _remaining(self.deadline))
        )
        if not words:
            return None
        return " ".join(w.text for w in words), min(w.conf for w in words)

    def read_lines(
        self, boxes: list[tuple[int, tuple[int, int, int, int]]], *, height: int
    ) -> list[tuple[str, float] | None]:
        """Each box scaled to `height`, stacked on one white canvas and read in one Tesseract call
        (psm 6): its start-up costs about as much as reading a line, so two names cost one call."""
        crops = [self._crop(page, bbox, height) for page, bbox in boxes]
        present = [c for c in crops if c is not None]
        if not present:
            return [None] * len(boxes)
        gap = max(8, round(LINE_GAP * height))
        width = max(c.shape[1] for c in present) + 2 * gap
        bands: list[tuple[int, int]] = []
        rows = gap
        for c in crops:
            bands.append((rows, rows + (c.shape[0] if c is not None else 0)))
            rows += (c.shape[0] + gap) if c is not None else 0
        canvas = np.full((rows, width), 255, dtype=np.uint8)
        for c, (top, bottom) in zip(crops, bands, strict=True):
            if c is not None:
                canvas[top:bottom, gap : gap + c.shape[1]] = c
        words = read_words(canvas, psm=6, timeout_s=min(10.0, _remaining(self.deadline)))
        out: list[tuple[str, float] | None] = []
        for c, (top, bottom) in zip(crops, bands, strict=True):
            mine = [w for w in words if top <= w.bbox[1] + w.bbox[3] / 2 < bottom] if c is not None else []
            mine.sort(key=lambda w: w.bbox[0])
            out.append((" ".join(w.text for w in mine), min(w.conf for w in mine)) if mine else None)
        return out


def _report_step(report: Progress, done: int, total: int, step: str) -> None:
    report(step, done, total)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0.5:
        raise OcrTimeoutError("document took longer than its time budget")
    return left


def load_second_reader(enabled: bool, models_dir: str | None = None) -> LineModel | None:
    """The process's second reader (loaded once, kept), or None when it is switched off."""
    return load_line_model(models_dir) if enabled else None


def read_file(
    data: bytes,
    file_name: str,
    *,
    second_reader: bool,
    models_dir: str | None = None,
    stored: dict[int, tuple[bytes, bytes]] | None = None,
    **options: Any,
) -> DocumentResult:
    """`run_document` with the second reader loaded here when it is on: the entry point for a child
    process (ocr.bounded), which can be told which reader to use but not handed a loaded model.
    `stored`: page number → (encoded reading, view PNG) kept from a batch's classification
    (`ocr.reading`); those of the current reading version are used instead of reading the page."""
    reader = load_second_reader(second_reader, models_dir)
    readings = {n: r for n, raw in (stored or {}).items() if (r := decode_reading(*raw)) is not None}
    return run_document(data, file_name, second_reader=reader, readings=readings, **options)


def run_document(
    data: bytes,
    file_name: str,
    *,
    on_progress: Progress | None = None,
    timeout_s: float = 120.0,
    limits: pages.Limits | None = None,
    second_reader: LineModel | None = None,
    readings: dict[int, PageReading] | None = None,
) -> DocumentResult:
    """File bytes → per-page words and the extracted record (the one entry point the service calls).
    `limits` are the deployment's upload limits (default: the library's), checked again on decoding;
    `second_reader` (from `load_second_reader`) re-reads every value to vote, None reads once;
    `readings` (page number → a reading kept from a batch's classification) are not read again, and a
    file whose every page has one is not even decoded."""
    report = on_progress or (lambda step, done, total: None)
    deadline = time.monotonic() + timeout_s
    report("load", 0, 0)
    limits = limits or pages.Limits()
    info = pages.inspect_file(data, limits)
    total = info.pages
    results: list[PageResult] = []
    greys: dict[int, np.ndarray] = {}
    views: dict[int, np.ndarray] = {}
    readings = dict(readings or {})
    decoded = (
        None if all(n in readings for n in range(1, total + 1)) else pages.iter_pages(data, limits, info)
    )
    for number in range(1, total + 1):
        page = next(decoded, None) if decoded is not None else None  # one decoded page at a time
        if (kept := readings.pop(number, None)) is not None:
            del page
            greys[number] = kept.grey
            if second_reader is not None:  # a kept view is decoded only for the second reader
                views[number] = kept.view
            height, width = kept.grey.shape[:2]
            results.append(PageResult(number, width, height, kept.rotation, kept.view_png, kept.words))
            continue
        if page is None:
            break
        prepared, words = read_whole_page(
            page, deadline, functools.partial(_report_step, report, number - 1, total)
        )
        del page  # the next page is decoded only after this one is let go
        greys[number] = prepared.grey
        views[number] = prepared.view
        results.append(package_page(number, prepared, words))
    report("extract", total, total)
    lines = ViewLines(views, second_reader) if second_reader is not None else None
    extraction = extract_record(file_name, results, reread=make_reread(greys, deadline), line_reader=lines)
    return DocumentResult(extraction=extraction, pages=results)
