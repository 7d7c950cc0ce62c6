"""Small real files for tests, built in memory: good scans and the hostile uploads the service must refuse."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pypdfium2 as pdfium
from PIL import Image, ImageDraw


def make_jpeg(width: int = 800, height: int = 1100, text: str = "GIẤY CHỨNG NHẬN", seed: int = 0) -> bytes:
    img = Image.new("RGB", (width, height), (250, 248, 235))
    draw = ImageDraw.Draw(img)
    draw.text((40, 40 + seed % 50), f"{text} {seed}", fill=(20, 20, 20))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_png(width: int = 600, height: int = 800) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, "PNG")
    return buf.getvalue()


def make_tiff(pages: int = 2, seed: int = 0) -> bytes:
    frames = [Image.new("L", (400, 500), 255 - i * 10 - seed) for i in range(pages)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def make_pdf(pages: int = 3, width: float = 595, height: float = 842) -> bytes:
    """Blank pages, A4 by default (sizes in points)."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(width, height)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def make_png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A valid PNG header claiming width×height pixels with a tiny compressed body (never decoded)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def make_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("scan.jpg", make_jpeg())
    return buf.getvalue()


def truncate(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]
