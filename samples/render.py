"""Blocks → ink on A4 pages: word-wrapped paragraphs, the two-column header, ruled tables, signature block.

Text is drawn black on a white greyscale "ink" layer; the paper, seal and signature are added later by
multiplying layers (samples.paper), so a seal over text looks like red ink over toner.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from samples.layout import TAB, Block, Header, PageBreak, Paragraph, Run, Signature, Table

FONT_FILES = {
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "Liberation Serif": (
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
        "liberation2/LiberationSerif-Italic.ttf",
    ),
    "Liberation Sans": (
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
        "liberation2/LiberationSans-Italic.ttf",
    ),
    "Noto Serif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"),
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
    "FreeSerif": ("FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf"),
    "FreeSans": ("FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf"),
}
FONT_DIRS = (Path(__file__).parent / "fonts", Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
A4_INCHES = (8.27, 11.69)


@functools.cache
def find_font_file(name: str) -> Path | None:
    for base in FONT_DIRS:
        if base.is_dir():
            for path in sorted(base.rglob(name)):
                return path
    return None


def available_fonts() -> list[str]:
    """Families whose three faces are all installed (all of them cover Vietnamese)."""
    return [family for family, files in FONT_FILES.items() if all(find_font_file(f) for f in files)]


@functools.cache
def load_font(family: str, face: int, size: int) -> ImageFont.FreeTypeFont:
    path = find_font_file(FONT_FILES[family][face])
    if path is None:
        raise FileNotFoundError(f"font {family} is not installed")
    return ImageFont.truetype(str(path), size)


@dataclass
class SealMark:
    """Where paper.py stamps the seal and draws the signature (page pixels)."""

    cx: int
    cy: int
    radius: int
    ring: str
    centre: str
    signature_box: tuple[int, int, int, int]


@dataclass
class InkPage:
    image: Image.Image  # mode "L", 255 = no ink
    marks: list[SealMark] = field(default_factory=list)


@dataclass
class Word:
    segments: list[tuple[str, ImageFont.FreeTypeFont]]
    space_before: bool

    @property
    def width(self) -> float:
        return sum(font.getlength(text) for text, font in self.segments)


class Renderer:
    """Flows blocks down A4 pages, starting a new page when one is full."""

    def __init__(self, family: str, size_pt: float, dpi: int = 300, spacing: float = 1.4) -> None:
        self.family = family
        self.dpi = dpi
        self.size = round(size_pt * dpi / 72)
        self.spacing = spacing
        self.width, self.height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
        self.left, self.right = round(dpi * 1.0), self.width - round(dpi * 0.75)
        self.top, self.bottom = round(dpi * 0.7), self.height - round(dpi * 0.75)
        self.pages: list[InkPage] = []
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(InkPage(Image.new("L", (self.width, self.height), 255)))
        self.draw = ImageDraw.Draw(self.pages[-1].image)
        self.y = float(self.top)

    def font(self, run: Run, scale: float = 1.0) -> ImageFont.FreeTypeFont:
        face = 1 if run.bold else 2 if run.italic else 0
        return load_font(self.family, face, round(self.size * scale))

    def line_height(self, scale: float = 1.0) -> float:
        return self.size * scale * self.spacing

    def ensure_room(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def tokenize(self, runs: list[Run], scale: float) -> list[Word | str]:
        tokens: list[Word | str] = []
        pending_space = False
        for run in runs:
            if run.text == TAB:
                tokens.append(TAB)
                pending_space = False
                continue
            font = self.font(run, scale)
            for part in re.split(r"( +)", run.text):
                if not part:
                    continue
                if part.isspace():
                    pending_space = True
                    continue
                last = tokens[-1] if tokens else None
                if isinstance(last, Word) and not pending_space:
                    last.segments.append((part, font))
                else:
                    tokens.append(Word([(part, font)], pending_space))
                pending_space = False
        return tokens

    def wrap(self, para: Paragraph, x0: float, x1: float) -> list[list[tuple[float, Word]]]:
        """Greedy line breaking with tab stops; continuation lines start at the hanging indent."""
        em = self.size * para.size
        space = self.font(Run(" "), para.size).getlength(" ")
        width = x1 - x0
        start, hang = para.indent * em, para.hang * em
        lines: list[list[tuple[float, Word]]] = [[]]
        x = start
        for token in self.tokenize(para.runs, para.size):
            if token == TAB:
                stops = [s * width for s in (0.45, 0.72) if s * width > x + 2 * space]
                if stops and lines[-1]:
                    x = stops[0]
                else:
                    lines.append([])
                    x = hang
                continue
            assert isinstance(token, Word)
            gap = space if token.space_before and lines[-1] else 0.0
            if x + gap + token.width > width and lines[-1]:
                lines.append([])
                x, gap = hang, 0.0
            lines[-1].append((x + gap, token))
            x += gap + token.width
        return [line for line in lines if line]

    def draw_paragraph(self, para: Paragraph, x0: float, x1: float) -> None:
        lh = self.line_height(para.size)
        self.y += para.space_before * lh
        for line in self.wrap(para, x0, x1):
            self.ensure_room(lh)
            shift = x0
            if para.align == "center":
                end = line[-1][0] + line[-1][1].width
                shift = x0 + ((x1 - x0) - (end - line[0][0])) / 2 - line[0][0]
            baseline = self.y + self.size * para.size
            for x, word in line:
                cursor = shift + x
                for text, font in word.segments:
                    self.draw.text((cursor, baseline), text, font=font, fill=0, anchor="ls")
                    cursor += font.getlength(text)
            self.y += lh

    def fit_size(self, para: Paragraph, width: float, largest: float = 0.95) -> float:
        """Header lines are set smaller rather than wrapped (the motto never breaks), down to 70 %."""
        size = largest
        while size > 0.7 and len(self.wrap(Paragraph(para.runs, "center", size=size), 0, width)) > 1:
            size -= 0.05
        return size

    def draw_header(self, header: Header) -> None:
        top = self.y
        split = self.left + (self.right - self.left) * 0.42
        ends = []
        for paras, (x0, x1) in (
            (header.left, (self.left - self.dpi * 0.3, split)),
            (header.right, (split, self.right + self.dpi * 0.2)),
        ):
            self.y = top
            for para in paras:
                self.draw_paragraph(Paragraph(para.runs, "center", size=self.fit_size(para, x1 - x0)), x0, x1)
            mid, half = (x0 + x1) / 2, (x1 - x0) * (0.18 if paras is header.left else 0.25)
            rule_y = self.y + self.size * 0.25
            self.draw.line(
                [(mid - half, rule_y), (mid + half, rule_y)], fill=0, width=max(2, self.dpi // 120)
            )
            ends.append(self.y)
        self.y = max(ends) + self.size * 0.5

    def draw_table(self, table: Table) -> None:
        width = self.right - self.left
        pad = self.size * 0.3
        lh = self.line_height(0.92)
        thick = max(2, self.dpi // 150)
        xs = [self.left + sum(table.widths[:i]) * width for i in range(len(table.widths) + 1)]
        for index, row in enumerate([table.headers, *table.rows]):
            cells = [self.wrap(Paragraph([Run(text, bold=index == 0)], size=0.92), xs[i] + pad, xs[i + 1] - pad)
                     for i, text in enumerate(row)]  # fmt: skip
            height = max(len(c) for c in cells) * lh + 2 * pad
            self.ensure_room(height)
            top = self.y
            for i, lines in enumerate(cells):
                for n, line in enumerate(lines):
                    baseline = top + pad + n * lh + self.size * 0.92
                    cell_w = xs[i + 1] - xs[i] - 2 * pad
                    end = line[-1][0] + line[-1][1].width
                    shift = xs[i] + pad + ((cell_w - end) / 2 if index == 0 or len(row[i]) < 14 else 0)
                    for x, word in line:
                        cursor = shift + x
                        for text, font in word.segments:
                            self.draw.text((cursor, baseline), text, font=font, fill=0, anchor="ls")
                            cursor += font.getlength(text)
            self.draw.rectangle([xs[0], top, xs[-1], top + height], outline=0, width=thick)
            for x in xs[1:-1]:
                self.draw.line([(x, top), (x, top + height)], fill=0, width=thick)
            self.y = top + height

    def draw_signature(self, sig: Signature) -> None:
        lh = self.line_height()
        need = lh * (len(sig.titles) + 6)
        self.ensure_room(need)
        self.y += lh * 0.6
        x0, x1 = self.left + (self.right - self.left) * 0.45, self.right
        for title in sig.titles:
            self.draw_paragraph(Paragraph([Run(title, bold=True)], "center"), x0, x1)
        if sig.note:
            self.draw_paragraph(Paragraph([Run(sig.note, italic=True)], "center", size=0.85), x0, x1)
        gap_top = self.y
        self.y += lh * 3.2
        self.draw_paragraph(Paragraph([Run(sig.name, bold=True)], "center"), x0, x1)
        cx = (x0 + x1) / 2
        radius = round(self.dpi * 0.78)
        mark = SealMark(
            cx=round(cx - (x1 - x0) * 0.27),
            cy=round(gap_top + lh * 1.9),
            radius=radius,
            ring=sig.seal_ring,
            centre=sig.seal_centre,
            signature_box=(
                round(cx - self.dpi * 0.6),
                round(gap_top + lh * 0.4),
                round(self.dpi * 1.2),
                round(lh * 2.3),
            ),
        )
        self.pages[-1].marks.append(mark)

    def render(self, blocks: list[Block]) -> list[InkPage]:
        for block in blocks:
            match block:
                case Header():
                    self.draw_header(block)
                case Paragraph():
                    self.draw_paragraph(block, self.left, self.right)
                case Table():
                    self.draw_table(block)
                case Signature():
                    self.draw_signature(block)
                case PageBreak():
                    self.new_page()
        return self.pages
