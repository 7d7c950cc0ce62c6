"""A corpus of hostile uploads: every file a clerk (or an attacker) might send that is not a clean scan.

    python -m samples.hostile --out var/hostile      # write the corpus (file names are part of it)

Each entry says what must happen: refused at upload with a 4xx problem (`reject`), or accepted and then
either processed or failed by the worker with a reason (`accept`). Nothing may produce a 5xx, stop the
server or a worker, or leave half-written state.
"""

from __future__ import annotations

import argparse
import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec
import pypdfium2 as pdfium
from PIL import Image, ImageDraw


class HostileFile(msgspec.Struct, frozen=True):
    name: str  # as the client sends it (may contain traversal or odd Unicode)
    data: bytes
    expect: str  # "reject" (4xx at upload) or "accept" (stored; the job succeeds or fails with a reason)
    why: str


def _jpeg(width: int = 900, height: int = 1200, quality: int = 85) -> bytes:
    img = Image.new("RGB", (width, height), (250, 246, 230))
    ImageDraw.Draw(img).text((40, 40), "GIAY CHUNG NHAN DANG KY HO KINH DOANH", fill=(0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _png(width: int = 600, height: int = 800) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 255).save(buf, "PNG")
    return buf.getvalue()


def _tiff(pages: int = 2) -> bytes:
    frames = [Image.new("L", (500, 700), 250 - i) for i in range(pages)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    return buf.getvalue()


def _pdf(pages: int = 1, extra: bytes = b"") -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue() + extra


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming huge dimensions, with a few bytes of body."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def png_deflate_bomb() -> bytes:
    """Small dimensions on paper but a body that inflates far beyond them."""
    ihdr = struct.pack(">IIBBBBB", 1000, 1000, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 50_000_000, 9)  # ~50 KB that inflates to 50 MB
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def jpeg_huge_header(width: int = 60000, height: int = 60000) -> bytes:
    """A real JPEG whose SOF0 frame header is rewritten to claim huge dimensions."""
    data = bytearray(_jpeg(64, 64))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def tiff_many_pages(pages: int = 400) -> bytes:
    frames = [Image.new("1", (8, 8), 1) for _ in range(pages)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A minimal PDF whose trailer declares standard-security encryption with an unknown password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
        f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def pdf_with_javascript() -> bytes:
    """A PDF whose catalogue runs JavaScript on open (we render pages; we never run scripts)."""
    data = _pdf(1)
    return data.replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\('x'\\)) >>", 1
    )


CORPUS: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("empty.jpg", lambda: b"", "reject", "zero bytes"),
    ("cv.docx.jpg", lambda: b"PK\x03\x04" + b"\x00" * 200, "reject", "a zip/Office file named .jpg"),
    ("note.pdf", lambda: "Kính gửi UBND xã …".encode(), "reject", "text named .pdf"),
    ("scan.png", _jpeg, "accept", "a JPEG named .png (type by content)"),
    ("truncated.jpg", lambda: _jpeg(1600, 2000)[:30_000], "reject", "JPEG cut off mid-scan"),
    ("truncated.png", lambda: _png()[:-20], "reject", "PNG without its IEND"),
    ("truncated.tif", lambda: _tiff()[:400], "reject", "TIFF cut off"),
    ("truncated.pdf", lambda: _pdf(2)[:300], "reject", "PDF cut off"),
    (
        "garbage-inside.jpg",
        lambda: _corrupt_middle(_jpeg(1600, 2000)),
        "accept",
        "complete JPEG, damaged scan data",
    ),
    ("bomb-20000.png", lambda: png_bomb(20000, 20000), "reject", "decompression bomb by header"),
    ("bomb-deflate.png", png_deflate_bomb, "accept", "inflates beyond its size: job fails, worker survives"),
    ("bomb-60000.jpg", jpeg_huge_header, "reject", "JPEG header claiming 60000×60000"),
    ("400-pages.tif", tiff_many_pages, "reject", "too many pages"),
    ("500-pages.pdf", lambda: _pdf(500), "reject", "too many pages"),
    ("locked.pdf", encrypted_pdf, "reject", "password-protected PDF"),
    ("javascript.pdf", pdf_with_javascript, "accept", "PDF with an OpenAction script (never executed)"),
    ("polyglot.jpg", lambda: _jpeg() + b"PK\x03\x04" + b"\x00" * 5000, "reject", "JPEG with a zip appended"),
    ("pdf-polyglot.jpg", lambda: b"%PDF-1.4\n" + _jpeg(), "reject", "PDF magic before a JPEG"),
    ("../../../../etc/passwd.jpg", _jpeg, "accept", "path traversal in the name"),
    ("C:\\Windows\\system32\\scan.jpg", lambda: _jpeg(quality=80), "accept", "a Windows path as the name"),
    ("\u202egpj.exe", lambda: _jpeg(quality=75), "accept", "right-to-left override in the name"),
    (
        "Giấy chứng nhận – Nguyễn Văn A.jpg".encode().decode(),
        lambda: _jpeg(quality=70),
        "accept",
        "Vietnamese name",
    ),
    ("a" * 1000 + ".jpg", lambda: _jpeg(quality=65), "accept", "a 1000-character name"),
    ("nul\x00byte.jpg", lambda: _jpeg(quality=60), "accept", "a NUL byte in the name"),
]


def _corrupt_middle(data: bytes) -> bytes:
    damaged = bytearray(data)
    start = len(damaged) // 3
    damaged[start : start + 3000] = b"\xff" * 3000
    return bytes(damaged)


def build_corpus() -> list[HostileFile]:
    return [HostileFile(name, make(), expect, why) for name, make, expect, why in CORPUS]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for index, item in enumerate(build_corpus()):
        safe = f"{index:02d}.bin"
        (args.out / safe).write_bytes(item.data)
        manifest.append({"file": safe, "upload_name": item.name, "expect": item.expect, "why": item.why})
    (args.out / "manifest.json").write_bytes(msgspec.json.format(msgspec.json.encode(manifest)))
    print(f"{len(manifest)} hostile files in {args.out}")


if __name__ == "__main__":
    main()
