"""What one page of a scanned stack is: a certificate's first page, a continuation, blank, another
document, or unreadable, with a confidence and the reasons.

Cheap first: ink is measured on a 100-dpi copy (text-sized dark blobs after the paper brightness is
divided out, so noise, dust, a dark scanner edge and faint bleed-through do not count), and a page
with no text-sized ink is blank without any OCR. A page with some ink is read once, by the pipeline's
own preparation and reading (`ocr.pipeline.read_whole_page`: colour marks dropped, quarter turns,
skew and 180° settled), the same reading a one-by-one upload of the page gets, which the page's
document then uses instead of reading it again (`ocr.reading`). A page with text is decided from the
words of its top band (the national header and the title are there, so are an ID card's and a form's
headings), a page with little ink from all its words. The words are matched, folded and fuzzy, against
each kind's headings.
"""

from __future__ import annotations

import time
from enum import StrEnum

import cv2
import msgspec
import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from ocr import images
from ocr.errors import OcrTimeoutError
from ocr.pipeline import PreparedPage, read_whole_page, score_words
from ocr.results import Word
from schemas.vietnamese import fold_key

PipelineReading = tuple[PreparedPage, list[Word]]


class PageKind(StrEnum):
    CERTIFICATE_FIRST = "certificate_first"
    CONTINUATION = "continuation"
    BLANK = "blank"
    OTHER = "other"
    UNREADABLE = "unreadable"


class OtherKind(StrEnum):
    ID_CARD = "id_card"
    APPLICATION_FORM = "application_form"
    COVER_SHEET = "cover_sheet"


ATTACHABLE = (OtherKind.ID_CARD, OtherKind.APPLICATION_FORM)
"""Papers that belong to the certificate in front of them; a cover sheet starts a folder."""


class PageClass(msgspec.Struct, frozen=True):
    kind: PageKind
    confidence: float  # 0..1: how sure the kind is; below UNSURE a boundary is flagged
    reasons: list[str]
    rotation: int = 0  # clockwise degrees that make the page upright
    other: OtherKind | None = None
    text_blobs: int = 0


UNSURE = 0.75
FORM_DOUBT = 0.6  # a form's heading on a page that may be a certificate's: below UNSURE, so flagged
TITLE_ONLY = 0.7  # a first page with the title and no national header: below UNSURE, so flagged
REGISTRATION_ONLY = 0.6  # no title, but the first-registration line in the top band: flagged
SMALL_LONGEST = 1170  # ~100 dpi for A4
INK_LEVEL = 150  # darker than this (paper = 255 after flattening) is ink; bleed-through stays above
FAINT_INK_LEVEL = 185  # faded toner (35-65 % of its density lost) is darker; bleed-through (5-16 %) is not
NOISE_BLOBS = 8  # fewer text-sized blobs: scanner noise and dust (blank backs, bilevel or not: at most 6)
BLANK_BLOBS = 25  # fewer, scattered, on a grey page: blank without reading
SPARSE_BLOBS = 150  # fewer: read the whole page to be sure there are words
STRIP = 0.25  # top share of the page read for headings
GOOD_READING = 62.0
PAGE_READ_TIMEOUT_S = 90.0  # a page reads in 2-5 s; a shared, loaded machine needs far more

HEADINGS: dict[str, tuple[str, ...]] = {
    "title": ("giay chung nhan dang ky ho kinh doanh",),
    "annex": ("danh sach thanh vien ho gia dinh tham gia", "danh sach ca nhan gop von thanh lap"),
    "national": ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"),
    "authority": ("uy ban nhan dan", "phong tai chinh ke hoach", "phong kinh te"),
    "registration": ("dang ky lan dau",),  # the line under a first page's title, on every generation
    OtherKind.ID_CARD: ("full name", "date of birth", "identity card"),  # bilingual: never on a certificate
    OtherKind.APPLICATION_FORM: ("giay de nghi", "kinh gui", "nguoi de nghi"),
    OtherKind.COVER_SHEET: ("ho so luu tru",),
    "continuation": ("chu ho", "ho va ten", "sinh ngay", "dinh danh ca nhan", "noi thuong tru", "thanh vien",
                     "dan toc", "quoc tich", "chuc vu", "truong phong"),
}  # fmt: skip
FORM_TOP = ("giay de nghi", "kinh gui")  # a form's own heading, printed under its national header
CERTIFICATE_SIGNS = ("truong phong", "thanh vien ho gia dinh", "danh sach thanh vien", "ca nhan gop von")
"""A certificate's member table or signature block: never on a citizen's application form."""
FORM_BAND = 0.35  # of the page's height: a form's heading is above this line
MATCH = 86
SPACELESS_MIN = 12  # headings this long (with spaces) are also matched run together
ANNEX_CHARS = 120


def classify_page(page: Image.Image) -> PageClass:
    """Classify one decoded page (any mode, any size)."""
    return classify_and_read(page)[0]


def classify_and_read(page: Image.Image, timeout_s: float = PAGE_READ_TIMEOUT_S) -> tuple[PageClass, PipelineReading | None]:  # fmt: skip
    """Classify one decoded page, and hand back the pipeline's reading of it (None for a page not read:
    blank by its ink, or out of time), which the page's document uses instead of reading it again."""
    grey = _grey(page)
    flat = flat_small(grey)  # once, for both ink levels: the 100-dpi copy is the same for each
    boxes = letter_boxes(flat)
    blobs = len(boxes)
    # Ink that is not clearly blank is never dropped unread: on a bilevel page (thresholded at the
    # scanner, so faded strokes are gone and bleed-through with them) anything above noise, and on
    # any page blobs in rows, as letters are. Read and without words, such a page is kept, flagged.
    keep = blobs >= NOISE_BLOBS and (_is_bilevel(page, grey) or in_rows(boxes) >= NOISE_BLOBS)
    del grey
    if blobs < SPARSE_BLOBS:  # worn toner can be lighter than INK_LEVEL; bleed-through stays lighter still
        blobs = max(blobs, len(letter_boxes(flat, FAINT_INK_LEVEL)))
    del flat, boxes
    if blobs < NOISE_BLOBS or (blobs < BLANK_BLOBS and not keep):
        confidence = 0.99 if blobs < BLANK_BLOBS // 2 else 0.9
        return PageClass(PageKind.BLANK, confidence, ["no_text_ink"], text_blobs=blobs), None
    sparse = blobs < SPARSE_BLOBS
    reading = read_for_classes(page, timeout_s)
    if reading is None:  # out of time: not known to be blank, so kept (and flagged), never dropped
        why = ["little_ink", "no_reading"] if sparse else ["no_reading"]
        return PageClass(PageKind.UNREADABLE, 0.3, why, text_blobs=blobs), None
    prepared, words = reading
    rotation = prepared.rotation
    if sparse and not _real_words(words):  # little ink and no words: blank, unless its ink is kept
        if keep:
            return PageClass(
                PageKind.UNREADABLE, 0.3, ["little_ink", "no_words"], rotation, text_blobs=blobs
            ), reading
        return PageClass(PageKind.BLANK, 0.8, ["little_ink", "no_words"], rotation, text_blobs=blobs), reading
    height = prepared.grey.shape[0]
    reasons = ["upside_down"] if rotation in (180, 270) else []
    return _classify_words(words, height, 1.0 if sparse else STRIP, rotation, blobs, reasons), reading


def read_for_classes(page: Image.Image, timeout_s: float) -> PipelineReading | None:
    """The pipeline's own reading of the whole page (the same as a one-by-one upload of it), or None
    when Tesseract runs out of time (an upside-down page it chews on, a loaded machine)."""
    try:
        return read_whole_page(page, time.monotonic() + timeout_s)
    except OcrTimeoutError:
        return None


def _classify_words(words: list[Word], height: int, share: float, rotation: int, blobs: int, reasons: list[str]) -> PageClass:  # fmt: skip
    """Decide from the words of the top `share` of the page (bbox in the upright page of `height`):
    the headings are there, and the body's words would only add false matches. A form's heading is
    weighed against the whole page's words (`form_standing`): a certificate's signs may be lower down."""
    band = words if share >= 1.0 else [w for w in words if w.bbox[1] + w.bbox[3] / 2 < share * height]
    return decide_from_words(band, height, rotation, blobs, reasons, page_words=words)


def _grey(page: Image.Image) -> np.ndarray:
    """The page in grey without its colour marks: `images.drop_colour_marks`, pixel for pixel, in
    OpenCV's saturating uint8 operations on a view of the page (no copy of the colour page, no
    boolean masks of its size), since every page of a batch goes through it."""
    if page.mode in ("1", "L"):
        return np.asarray(page.convert("L"))
    rgb = np.asarray(page if page.mode == "RGB" else page.convert("RGB"))
    r, g, b = cv2.split(rgb)
    reddish = cv2.threshold(cv2.subtract(r, cv2.max(g, b)), 60, 255, cv2.THRESH_BINARY)[1]  # 255 where > 60
    seal = cv2.bitwise_and(reddish, cv2.threshold(r, 120, 255, cv2.THRESH_BINARY)[1])
    return np.asarray(cv2.bitwise_or(r, seal))  # seal pixels (255 in the mask) to white, the others kept


def _is_bilevel(page: Image.Image, grey: np.ndarray) -> bool:
    if page.mode == "1":
        return True
    return page.mode == "L" and not bool(((grey > 0) & (grey < 255)).any())


def count_text_blobs(grey: np.ndarray, level: int = INK_LEVEL) -> int:
    """Dark blobs of letter size on a flattened 100-dpi copy, away from the edges: specks, dust, a lid's
    shadow at the border and bleed-through (faint) are not counted."""
    return len(text_blob_boxes(grey, level))


def text_blob_boxes(grey: np.ndarray, level: int = INK_LEVEL) -> np.ndarray:
    """The letter-sized blobs of `count_text_blobs` as rows of (x, y, width, height), 100-dpi pixels."""
    return letter_boxes(flat_small(grey), level)


def flat_small(grey: np.ndarray) -> np.ndarray:
    """The 100-dpi copy with the paper brightness divided out, on which ink is measured."""
    small, _ = images.downscale_to(grey, SMALL_LONGEST)
    return images.normalise_illumination(small)


def letter_boxes(flat: np.ndarray, level: int = INK_LEVEL) -> np.ndarray:
    """`text_blob_boxes` of a `flat_small` copy."""
    ink = (flat < level).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = flat.shape[:2]
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    bw, bh = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    margin = max(4, w // 60)
    inside = (x > margin) & (y > margin) & (x + bw < w - margin) & (y + bh < h - margin)
    letters = (bh >= 5) & (bh <= 45) & (bw >= 2) & (bw <= 80) & inside
    return np.stack([x, y, bw, bh], axis=1)[letters]


def in_rows(boxes: np.ndarray) -> int:
    """How many blobs have a neighbour beside them on the same line, as letters of a word do (a speck
    or a dust mark lies alone)."""
    if len(boxes) >= SPARSE_BLOBS:  # a page of text: not worth the pairwise look
        return len(boxes)
    x, y, w, h = (boxes[:, i].astype(np.float32) for i in range(4))
    cy, tall = y + h / 2, np.maximum(h[:, None], h[None, :])
    same_line = np.abs(cy[:, None] - cy[None, :]) < 0.5 * tall
    gap = np.maximum(x[None, :] - (x + w)[:, None], x[:, None] - (x + w)[None, :])
    beside = same_line & (gap < 1.5 * tall)
    np.fill_diagonal(beside, False)
    return int(beside.any(axis=1).sum())


def _real_words(words: list[Word]) -> bool:
    return sum(1 for w in words if w.conf >= 60 and sum(ch.isalpha() for ch in w.text) >= 3) >= 2


def decide_from_words(words: list[Word], height: int, rotation: int = 0, blobs: int = 0, reasons: list[str] | None = None, page_words: list[Word] | None = None) -> PageClass:  # fmt: skip
    """The page's class from the words of the band read (boxes in an upright image `height` pixels
    high); `page_words`, when the whole page was read, are where a certificate's signs are looked for."""
    found = find_headings(fold_key(" ".join(w.text for w in words)))
    form = form_standing(words, height, page_words) if OtherKind.APPLICATION_FORM in found else None
    return _decide(found, score_words(words), len(words), rotation, blobs, list(reasons or []), form)


class FormStanding(StrEnum):
    """What a matched application-form heading is worth: a form's heading stands at its top, and a
    certificate's continuation (which can quote "đề nghị", or fuzzily resemble it) carries a member
    table or a signature block that no citizen's form has."""

    HEADED = "headed"  # the heading in the top band, no certificate signs: a form
    LOW = "low"  # only lower down: a boundary shown to the clerk
    CERTIFICATE_SIGNS = "certificate_signs"  # with a member table or signature block: a continuation


def form_standing(words: list[Word], height: int, page_words: list[Word] | None = None) -> FormStanding:
    text = fold_key(" ".join(w.text for w in (page_words or words)))
    if _best(text, CERTIFICATE_SIGNS) >= MATCH:
        return FormStanding.CERTIFICATE_SIGNS
    band = max(1, height) * FORM_BAND
    top = fold_key(" ".join(w.text for w in words if w.bbox[1] + w.bbox[3] / 2 < band))
    return FormStanding.HEADED if _best(top, FORM_TOP) >= MATCH else FormStanding.LOW


def find_headings(text: str) -> dict[str, float]:
    """The headings (HEADINGS' names) found in a page's folded words, with their match."""
    found = {name: match for name, options in HEADINGS.items() if (match := _best(text, options)) >= MATCH}
    if _best(text[:ANNEX_CHARS], HEADINGS["annex"]) < MATCH:
        found.pop("annex", None)  # the annex's title is its first line; elsewhere it is a reference
    return found


def _decide(found: dict[str, float], score: float, count: int, rotation: int, blobs: int, reasons: list[str], form: FormStanding | None = None) -> PageClass:  # fmt: skip
    def make(kind: PageKind, confidence: float, *why: str, other: OtherKind | None = None) -> PageClass:
        return PageClass(kind, round(confidence, 3), [*why, *reasons], rotation, other, blobs)

    if "title" in found and "national" in found:
        return make(PageKind.CERTIFICATE_FIRST, 0.97, "title", "national_header")
    if "annex" in found:
        return make(PageKind.CONTINUATION, 0.95, "annex_title")
    if form == FormStanding.CERTIFICATE_SIGNS and "title" not in found:
        return make(PageKind.CONTINUATION, FORM_DOUBT, "application_form_heading", "certificate_signs")
    for other in (OtherKind.APPLICATION_FORM, OtherKind.COVER_SHEET):
        if other in found:
            sure = "title" not in found and form != FormStanding.LOW
            why = [f"{other.value}_heading"] + (["heading_not_at_top"] if form == FormStanding.LOW else [])
            return make(PageKind.OTHER, 0.9 if sure else FORM_DOUBT, *why, other=other)
    if "title" in found:
        # a title without the national header above it: a continuation or an annex can quote the
        # title, so this boundary is shown to the clerk
        return make(PageKind.CERTIFICATE_FIRST, TITLE_ONLY, "title", "no_national_header")
    if OtherKind.ID_CARD in found:
        return make(PageKind.OTHER, 0.9, "id_card_words", other=OtherKind.ID_CARD)
    if "registration" in found:
        # the first-registration line sits under the title: a title lost to a seal or faded toner
        # still leaves a first page, shown to the clerk (a continuation does not print it at its top)
        return make(PageKind.CERTIFICATE_FIRST, REGISTRATION_ONLY, "registration_line", "no_title")
    if "national" in found or "authority" in found:
        return make(PageKind.CERTIFICATE_FIRST, 0.55, "header_without_title")
    if count < 5 or score < 35:
        return make(PageKind.UNREADABLE, 0.3, "no_reading")
    if "continuation" in found:
        return make(PageKind.CONTINUATION, 0.9, "no_title", "owner_or_member_words")
    return make(PageKind.CONTINUATION, 0.65 if score >= GOOD_READING else 0.5, "no_title")


def _best(text: str, options: tuple[str, ...]) -> float:
    """The best fuzzy match of any option; long headings are also matched without their spaces, since
    Tesseract often runs a large or spaced-out heading together ("HồsơtưuTRửữ" for "HỒ SƠ LƯU TRỮ")."""
    spaceless = text.replace(" ", "")
    return max(
        (
            max(
                fuzz.partial_ratio(option, text),
                fuzz.partial_ratio(option.replace(" ", ""), spaceless)
                if len(option) >= SPACELESS_MIN
                else 0.0,
            )
            for option in options
            if len(text) >= len(option) // 2
        ),
        default=0.0,
    )
