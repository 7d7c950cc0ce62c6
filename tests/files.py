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


def make_big_tiff(
    pages: int = 50, width: int = 8000, height: int = 10000, *, damaged_from: int | None = None
) -> bytes:
    """The hostile TIFF of issue 14: `pages` white bilevel frames of width×height, each under the
    per-page limit, together billions of pixels once decoded to RGB. Written by hand: every frame's
    header points at one shared deflated strip, so the file is small and builds at once. Frames from
    index `damaged_from` on point at a strip of garbage of the same length instead (headers intact)."""
    strip = zlib.compress(b"\xff" * (((width + 7) // 8) * height), 9)
    garbage = b"\x00" * len(strip)
    header = 8
    ifd_size = 2 + 9 * 12 + 4
    good_at = header + pages * ifd_size
    out = bytearray(b"II*\x00" + struct.pack("<I", header))
    for index in range(pages):
        damaged = damaged_from is not None and index >= damaged_from
        strip_at = good_at + len(strip) if damaged else good_at
        following = header + (index + 1) * ifd_size if index + 1 < pages else 0
        entries = [  # tag, type (3 short, 4 long), value
            (256, 4, width),
            (257, 4, height),
            (258, 3, 1),  # bits per sample
            (259, 3, 8),  # deflate
            (262, 3, 1),  # black is zero
            (273, 4, strip_at),  # strip offsets
            (277, 3, 1),  # samples per pixel
            (278, 4, height),  # rows per strip
            (279, 4, len(strip)),  # strip byte counts
        ]
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += (
                struct.pack("<HHII", tag, kind, 1, value)
                if kind == 4
                else struct.pack("<HHIHH", tag, kind, 1, value, 0)
            )
        out += struct.pack("<I", following)
    return bytes(out + strip + (garbage if damaged_from is not None else b""))


def make_inflating_png(width: int, height: int) -> bytes:
    """A complete, valid PNG of width×height grey pixels that compresses to ~1/1000 of its decoded
    size: it passes every header check (under the per-page limit) and then needs its full size, and
    several times that while a page is prepared, once decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width  # filter byte, then white
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def make_slow_pdf(depth: int = 2, fan_out: int = 10, leaf_strokes: int = 6000) -> bytes:
    """One A4 page whose rendering costs several times a worker's time limit, in ~30 KB: the page draws
    form X{depth}, each form X{k} draws X{k-1} `fan_out` times (slightly shifted), and X0 is
    `leaf_strokes` long strokes criss-crossing the page. pdfium draws every instance, so the page is
    leaf_strokes × fan_out ** depth strokes: 6·10⁵ by default. 2·10⁵ took 33 s at 300 dpi here (stop 23),
    about the worker's 30 s limit, so a quiet machine rendered and even read it in time and the
    hostile-pages test passed or failed by the machine's speed; 6·10⁵ take three times as long, while parsing it
    stays under 200 MB (pdfium keeps every drawn instance: 2·10⁶ took 530 MB, 5·10⁹ past 12 GB, which
    is a memory test, not this). Fine by its headers, and built by hand so that nothing normalises its content."""
    strokes = "".join(
        f"{(i * 7919) % 595} {(i * 104729) % 842} m {842 - (i * 104729) % 842} {(i * 7919) % 595} l S\n"
        for i in range(leaf_strokes)
    )
    forms = [strokes.encode()]
    for level in range(1, depth + 1):
        forms.append(
            b"".join(b"q 1 0 0 1 %d %d cm /X%d Do Q\n" % (i % 3, i % 5, level - 1) for i in range(fan_out))
        )
    first_form = 5  # objects 1–4: catalog, pages, page, page content
    page_content = b"/X%d Do\n" % depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /X%d %d 0 R >> >> >>" % (depth, first_form + depth),
        b"<< /Length %d >>\nstream\n" % len(page_content) + page_content + b"\nendstream",
    ]
    for level, content in enumerate(forms):
        inner = (
            b"<< /XObject << /X%d %d 0 R >> >>" % (level - 1, first_form + level - 1) if level else b"<< >>"
        )
        body = zlib.compress(content, 9)
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s /Length %d"
            b" /Filter /FlateDecode >>\nstream\n" % (inner, len(body)) + body + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
