"""A PDF of JPEG pages, written one page at a time.

Pillow's PDF writer wants every page in memory; a 200-page batch at 300 dpi does not fit. Each page is
one DCTDecode image drawn over the whole page, so an already encoded page (a stored batch page) goes in
without being decoded. No dates, so the same pages give the same bytes (a child document's hash).
"""

from __future__ import annotations

import io
from typing import BinaryIO

from PIL import Image

DPI = 300


def encode_jpeg(image: Image.Image, quality: int = 85) -> bytes:
    """RGB or grey pages as baseline JPEG (a bilevel scan is saved as grey)."""
    buf = io.BytesIO()
    page = image if image.mode in ("RGB", "L") else image.convert("L" if image.mode == "1" else "RGB")
    page.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


class PdfWriter:
    """A PDF of JPEG pages written one page at a time (Pillow's writer wants every page in memory)."""

    def __init__(self, out: BinaryIO, dpi: int = DPI, quality: int = 85) -> None:
        self.out, self.dpi, self.quality = out, dpi, quality
        self.offsets: dict[int, int] = {}
        self.kids: list[int] = []
        self.pos = 0
        self._write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.pos += len(data)

    def _object(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.pos
        self._write(f"{number} 0 obj\n".encode() + body)
        if stream is not None:
            self._write(b"\nstream\n" + stream + b"\nendstream")
        self._write(b"\nendobj\n")

    def add_page(self, image: Image.Image) -> None:
        """Encode the page as JPEG and add it."""
        self.add_jpeg(encode_jpeg(image, self.quality), *image.size, grey=image.mode in ("L", "1"))

    def add_jpeg(self, jpeg: bytes, w: int, h: int, grey: bool = False) -> None:
        """Add an already encoded page (no decode: the bytes go into the file as they are)."""
        base = 3 + 3 * len(self.kids)
        pw, ph = w * 72 / self.dpi, h * 72 / self.dpi
        self._object(base, f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{'DeviceGray' if grey else 'DeviceRGB'} "
                           f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>".encode(), jpeg)  # fmt: skip
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        self._object(base + 1, f"<< /Length {len(content)} >>".encode(), content)
        self._object(base + 2, f"<< /Type /Page /Parent 1 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                               f"/Resources << /XObject << /Im0 {base} 0 R >> >> /Contents {base + 1} 0 R >>".encode())  # fmt: skip
        self.kids.append(base + 2)

    def close(self) -> None:
        kids = " ".join(f"{k} 0 R" for k in self.kids)
        self._object(1, f"<< /Type /Pages /Kids [{kids}] /Count {len(self.kids)} >>".encode())
        self._object(2, b"<< /Type /Catalog /Pages 1 0 R >>")
        xref = self.pos
        count = max(self.offsets) + 1
        rows = [b"0000000000 65535 f \n"] + [
            f"{self.offsets[n]:010d} 00000 n \n".encode() for n in range(1, count)
        ]
        self._write(f"xref\n0 {count}\n".encode() + b"".join(rows))
        self._write(f"trailer\n<< /Size {count} /Root 2 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


def pdf_from_jpegs(pages: list[tuple[bytes, int, int, bool]], dpi: int = DPI) -> bytes:
    """(jpeg, width, height, grey) pages → PDF bytes."""
    buf = io.BytesIO()
    writer = PdfWriter(buf, dpi)
    for jpeg, width, height, grey in pages:
        writer.add_jpeg(jpeg, width, height, grey)
    writer.close()
    return buf.getvalue()
