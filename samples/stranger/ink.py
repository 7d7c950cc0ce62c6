"""Stranger blocks → black ink on A4 pages: paragraphs with tab stops, label/value grids whose labels wrap,
ruled or half-ruled tables with wrapped cells, the two-column header, the signature and extra seals.

The output is `samples.render.InkPage` (ink layer + seal marks), so `samples.paper.compose_page` can put
it on security paper. Layout rules are this module's own, not `samples.render`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from samples.render import InkPage, SealMark
from samples.stranger import fonts

A4 = (8.27, 11.69)
OFF_PAGE = (-4000, -4000, 10, 10)  # a seal without a signature: its pen stroke falls outside the page


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    spans: list[Span]
    align: str = "left"
    indent: float = 0.0  # em, first line
    hang: float = 0.0  # em, later lines
    size: float = 1.0
    before: float = 0.0  # lines


@dataclass
class Grid:
    rows: list[tuple[list[Span], list[Span]]]
    label_share: float = 0.34


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    ruled: bool = True  # False: horizontal rules only
    size: float = 0.9


@dataclass
class Header:
    left: list[Para]
    right: list[Para]
    split: float = 0.42


@dataclass
class Sign:
    titles: list[str]
    name: str
    ring: str
    centre: str


@dataclass
class Stamp:
    """A seal over the paragraph just drawn (seals over dates)."""

    ring: str
    centre: str
    shift: float = 0.5  # across the text width


@dataclass
class Break:
    pass


Block = Para | Grid | Table | Header | Sign | Stamp | Break


@dataclass
class Word:
    parts: list[tuple[str, ImageFont.FreeTypeFont]] = field(default_factory=list)
    space: bool = True

    @property
    def width(self) -> float:
        return sum(font.getlength(text) for text, font in self.parts)


TAB = object()


class Ink:
    """Flows blocks over A4 pages at `dpi`; a full page starts the next."""

    def __init__(
        self, family: str, size_pt: float, spacing: float, margins: tuple[float, float, float], dpi: int = 300
    ):
        self.family, self.dpi, self.spacing = family, dpi, spacing
        self.size = round(size_pt * dpi / 72)
        self.width, self.height = round(A4[0] * dpi), round(A4[1] * dpi)
        left, right, top = margins
        self.left, self.right = round(dpi * left), self.width - round(dpi * right)
        self.top, self.bottom = round(dpi * top), self.height - round(dpi * 0.7)
        self.pages: list[InkPage] = []
        self.last_para: tuple[float, float] = (self.top, self.top)
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(InkPage(Image.new("L", (self.width, self.height), 255)))
        self.draw = ImageDraw.Draw(self.pages[-1].image)
        self.y = float(self.top)

    def font(self, span: Span, scale: float) -> ImageFont.FreeTypeFont:
        return fonts.load(self.family, 1 if span.bold else 2 if span.italic else 0, round(self.size * scale))

    def room(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def words(self, spans: list[Span], scale: float) -> list[Word | object]:
        out: list[Word | object] = []
        pending = False
        for span in spans:
            font = self.font(span, scale)
            for chunk_index, chunk in enumerate(span.text.split("\t")):
                if chunk_index:
                    out.append(TAB)
                    pending = False
                for i, piece in enumerate(chunk.split(" ")):
                    if i:
                        pending = True
                    if not piece:
                        continue
                    last = out[-1] if out else None
                    if isinstance(last, Word) and not pending:
                        last.parts.append((piece, font))
                    else:
                        out.append(Word([(piece, font)], pending))
                    pending = False
                pending = pending or chunk.endswith(" ")
        return out

    def wrap(self, spans: list[Span], width: float, scale: float = 1.0, indent: float = 0.0,
             hang: float = 0.0) -> list[list[tuple[float, Word]]]:  # fmt: skip
        space = fonts.load(self.family, 0, round(self.size * scale)).getlength(" ")
        lines: list[list[tuple[float, Word]]] = [[]]
        x = indent
        for token in self.words(spans, scale):
            if token is TAB:
                stops = [s * width for s in (0.5, 0.75) if s * width > x + 2 * space]
                if stops and lines[-1]:
                    x = stops[0]
                else:
                    lines.append([])
                    x = hang
                continue
            assert isinstance(token, Word)
            gap = space if token.space and lines[-1] else 0.0
            if x + gap + token.width > width and lines[-1]:
                lines.append([])
                x, gap = hang, 0.0
            lines[-1].append((x + gap, token))
            x += gap + token.width
        return [line for line in lines if line]

    def put_line(self, line: list[tuple[float, Word]], x0: float, baseline: float) -> None:
        for x, word in line:
            cursor = x0 + x
            for text, font in word.parts:
                self.draw.text((cursor, baseline), text, font=font, fill=0, anchor="ls")
                cursor += font.getlength(text)

    def para(self, block: Para, x0: float, x1: float) -> None:
        lh = self.size * block.size * self.spacing
        self.y += block.before * lh
        start = self.y
        for line in self.wrap(
            block.spans, x1 - x0, block.size, block.indent * self.size, block.hang * self.size
        ):
            self.room(lh)
            shift = x0
            if block.align == "center":
                end = line[-1][0] + line[-1][1].width
                shift = x0 + ((x1 - x0) - (end - line[0][0])) / 2 - line[0][0]
            self.put_line(line, shift, self.y + self.size * block.size)
            self.y += lh
        self.last_para = (start, self.y)

    def fitted(self, block: Para, width: float) -> Para:
        """Header lines shrink rather than wrap, down to 70 %."""
        size = block.size
        while size > 0.7 and len(self.wrap(block.spans, width, size)) > 1:
            size -= 0.04
        return Para(block.spans, "center", size=size)

    def header(self, block: Header) -> None:
        top, split = self.y, self.left + (self.right - self.left) * block.split
        ends = []
        for paras, (x0, x1), rule in ((block.left, (self.left - self.dpi * 0.25, split), 0.2),
                                      (block.right, (split, self.right + self.dpi * 0.15), 0.27)):  # fmt: skip
            self.y = top
            for p in paras:
                self.para(self.fitted(p, x1 - x0), x0, x1)
            mid, half = (x0 + x1) / 2, (x1 - x0) * rule
            self.draw.line(
                [(mid - half, self.y + 4), (mid + half, self.y + 4)], fill=0, width=max(2, self.dpi // 130)
            )
            ends.append(self.y)
        self.y = max(ends) + self.size * 0.6

    def grid(self, block: Grid) -> None:
        lh = self.size * self.spacing
        split = (self.right - self.left) * block.label_share
        for label, value in block.rows:
            left = self.wrap(label, split - self.size * 0.5)
            right = self.wrap(value, self.right - self.left - split) if value else []
            rows = max(len(left), len(right), 1)
            self.room(lh * min(rows, 3))
            for i in range(rows):
                self.room(lh)
                base = self.y + self.size
                if i < len(left):
                    self.put_line(left[i], self.left, base)
                if i < len(right):
                    self.put_line(right[i], self.left + split, base)
                self.y += lh
        self.last_para = (self.y - lh, self.y)

    def table(self, block: Table) -> None:
        width = self.right - self.left
        pad, lh = self.size * 0.3, self.size * block.size * 1.22
        thick = max(2, self.dpi // 150)
        xs = [self.left + sum(block.widths[:i]) * width for i in range(len(block.widths) + 1)]
        self.y += self.size * 0.25
        for index, row in enumerate([block.headers, *block.rows]):
            cells = [self.wrap([Span(t, bold=index == 0)], xs[i + 1] - xs[i] - 2 * pad, block.size)
                     for i, t in enumerate(row)]  # fmt: skip
            height = max(len(c) for c in cells) * lh + 2 * pad
            self.room(height)
            top = self.y
            for i, lines in enumerate(cells):
                for n, line in enumerate(lines):
                    cell_w = xs[i + 1] - xs[i] - 2 * pad
                    end = line[-1][0] + line[-1][1].width
                    centred = index == 0 or len(row[i]) <= 4
                    self.put_line(line, xs[i] + pad + ((cell_w - end) / 2 if centred else 0),
                                  top + pad + n * lh + self.size * block.size)  # fmt: skip
            bottom = top + height
            if block.ruled:
                self.draw.rectangle([xs[0], top, xs[-1], bottom], outline=0, width=thick)
                for x in xs[1:-1]:
                    self.draw.line([(x, top), (x, bottom)], fill=0, width=thick)
            else:
                self.draw.line([(xs[0], bottom), (xs[-1], bottom)], fill=0, width=thick)
                if index == 0:
                    self.draw.line([(xs[0], top), (xs[-1], top)], fill=0, width=thick)
            self.y = bottom
        self.y += self.size * 0.4

    def sign(self, block: Sign) -> None:
        lh = self.size * self.spacing
        self.room(lh * (len(block.titles) + 6))
        self.y += lh * 0.5
        x0, x1 = self.left + (self.right - self.left) * 0.42, self.right
        for title in block.titles:
            self.para(Para([Span(title, bold=True)], "center"), x0, x1)
        gap = self.y
        self.y += lh * 3.4
        self.para(Para([Span(block.name, bold=True)], "center"), x0, x1)
        cx = (x0 + x1) / 2
        box = (round(cx - self.dpi * 0.55), round(gap + lh * 0.3), round(self.dpi * 1.1), round(lh * 2.4))
        mark = SealMark(
            round(cx - (x1 - x0) * 0.25),
            round(gap + lh * 1.8),
            round(self.dpi * 0.8),
            block.ring,
            block.centre,
            box,
        )
        self.pages[-1].marks.append(mark)

    def stamp(self, block: Stamp) -> None:
        start, end = self.last_para
        cx = self.left + (self.right - self.left) * block.shift
        mark = SealMark(
            round(cx), round((start + end) / 2), round(self.dpi * 0.8), block.ring, block.centre, OFF_PAGE
        )
        self.pages[-1].marks.append(mark)

    def render(self, blocks: list[Block]) -> list[InkPage]:
        for block in blocks:
            match block:
                case Header():
                    self.header(block)
                case Para():
                    self.para(block, self.left, self.right)
                case Grid():
                    self.grid(block)
                case Table():
                    self.table(block)
                case Sign():
                    self.sign(block)
                case Stamp():
                    self.stamp(block)
                case Break():
                    self.new_page()
        return self.pages
