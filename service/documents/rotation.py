"""Turn the original pages by the reviewer's rotations before an OCR job reads them again.

A reviewer who sees a page sideways or upside down rotates it on the review screen and asks for a
re-run; the job carries `page_rotations` ({"1": 90}, degrees clockwise, applied to the uploaded
page). The pages are turned losslessly and handed to the unchanged OCR pipeline as a multi-page TIFF.
"""

from __future__ import annotations

import io

from PIL import Image

from ocr.pages import Limits, load_pages

QUARTER_TURNS = (0, 90, 180, 270)
_TRANSPOSE = {
    90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_n turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def rotate_pages(data: bytes, rotations: dict[str, int], limits: Limits | None = None) -> bytes:
    """The file's pages, each turned clockwise by `rotations[str(number)]`, as one TIFF (lossless
    unless that would pass the pipeline's size limit, then JPEG-in-TIFF at quality 95)."""
    limits = limits or Limits()
    pages = load_pages(data, limits)
    turned = []
    for number, page in enumerate(pages, start=1):
        degrees = int(rotations.get(str(number), 0)) % 360
        image = page.transpose(_TRANSPOSE[degrees]) if degrees in _TRANSPOSE else page
        if "dpi" in page.info:
            image.info["dpi"] = page.info["dpi"]
        turned.append(image)
    lossless = _encode_tiff(turned, compression="tiff_deflate")
    if len(lossless) <= min(limits.max_bytes, Limits().max_bytes):
        return lossless
    return _encode_tiff(turned, compression="jpeg", quality=95)


def _encode_tiff(pages: list[Image.Image], **options: object) -> bytes:
    buffer = io.BytesIO()
    first, *rest = pages
    dpi = first.info.get("dpi")
    if dpi:
        options["dpi"] = dpi
    first.save(buffer, "TIFF", save_all=True, append_images=rest, **options)
    return buffer.getvalue()
