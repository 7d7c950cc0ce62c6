"""Anchors and lines → raw field values with the evidence for their confidence.

Each reader returns a `Candidate` (normalised value, the printed span, a base confidence from the
OCR word confidences and a format check); `checks.py` then adjusts confidence with cross-checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

from ocr.extraction import normalise as nz
from ocr.extraction import regnumber, tables, trade_items
from ocr.extraction.candidate import Candidate, repaired, word_confidence
from ocr.extraction.label_match import find_anchors
from ocr.extraction.labels import LABELS, MULTILINE, SAME_AS_ABOVE
from ocr.extraction.lines import Anchor, Line, Span, Token, index_by_line, value_after
from schemas.numbers_vi import words_to_int
from schemas.vietnamese import fold_key


class Document(msgspec.Struct):
    lines: list[Line]
    anchors: list[Anchor]
    by_line: dict[int, list[Anchor]]

    def first(self, name: str, after_line: int = -1, before_line: int | None = None) -> Anchor | None:
        for a in self.anchors:
            if a.name == name and a.line > after_line and (before_line is None or a.line < before_line):
                return a
        return None


def read_document(lines: list[Line]) -> Document:
    anchors = find_anchors(lines, LABELS)
    return Document(lines=lines, anchors=anchors, by_line=index_by_line(anchors))


def _span_text(
    doc: Document, name: str, *, after: int = -1, before: int | None = None
) -> tuple[Span | None, bool]:
    """The first non-blank value after a label of this field (Circular 68/2025 prints a bare heading
    "1. Tên hộ kinh doanh:" above "Tên hộ kinh doanh viết bằng tiếng Việt: …")."""
    extra = MULTILINE.get(name, 0)
    first: Span | None = None
    for anchor in doc.anchors:
        if anchor.name != name or anchor.line <= after or (before is not None and anchor.line >= before):
            continue
        span = value_after(anchor, doc.lines, doc.by_line, multiline=extra > 0, max_lines=extra)
        if not nz.is_blank_value(span.text):
            return span, True
        first = first or span
    return first, first is not None


def read_text(
    doc: Document,
    name: str,
    clean: Callable[[str], Any] = nz.clean_text,
    *,
    after: int = -1,
    before: int | None = None,
) -> Candidate:
    span, found = _span_text(doc, name, after=after, before=before)
    if span is None or nz.is_blank_value(span.text):
        return Candidate(value=None, span=span, confidence=0.9 if found else 0.0, label_found=found)
    value = clean(span.text)
    conf = word_confidence(span.tokens) if value is not None else 0.0
    return Candidate(value=value, span=span, confidence=conf, label_found=found)


def _wrapped_date(doc: Document, name: str, span: Span | None, after: int = -1) -> Span | None:
    """A dates line wrapped before its date ('…; đăng ký thay đổi lần 2, ngày' / '25/05/2025'): the
    label's value with one continuation line, taken only when the line alone holds no date."""
    if span is not None and nz.parse_date(span.text) is not None:
        return span
    anchor = doc.first(name, after_line=after)
    if anchor is None:
        return span
    longer = value_after(anchor, doc.lines, doc.by_line, multiline=True, max_lines=1)
    return longer if nz.parse_date(longer.text) is not None else span


def read_date(doc: Document, name: str, *, after: int = -1, before: int | None = None) -> Candidate:
    span, found = _span_text(doc, name, after=after, before=before)
    if span is None or nz.is_blank_value(span.text):
        return Candidate(value=None, span=span, confidence=0.9 if found else 0.0, label_found=found)
    span = _wrapped_date(doc, name, span, after) or span
    value = nz.parse_date(span.text)
    return Candidate(
        value=value, span=span, confidence=word_confidence(span.tokens) if value else 0.0, label_found=found
    )


def read_registration(doc: Document) -> Candidate:
    span, found = _span_text(doc, "registration_number")
    if span is not None and nz.is_blank_value(span.text):
        span = _number_below(doc) or span
    if span is None:
        span = _header_number(doc)
        found = span is not None
    if span is None or nz.is_blank_value(span.text):
        return Candidate(value=None, span=span, confidence=0.0, label_found=found)
    value = regnumber.clean_old_number(span.text) or nz.clean_registration_number(span.text)
    ok = value is not None and bool(re.fullmatch(r"\d{10}(-\d{3})?|\d{12,13}|\d{2}[A-Z0-9]\d{7}", value))
    confidence = word_confidence(span.tokens) if ok else 0.3
    restored = regnumber.restore_district_letter(value) if value else None
    if restored is not None:
        value, confidence = restored, min(confidence, regnumber.LETTER_GUESS_CONFIDENCE)
    return Candidate(value=value, span=span, confidence=confidence, label_found=found)


def _number_below(doc: Document) -> Span | None:
    """'Mã số hộ kinh doanh:' alone on its line, the number centred on the next: that line is taken
    only when it holds nothing but the number (one or two words, digits in the first)."""
    anchor = doc.first("registration_number")
    if anchor is None or anchor.line + 1 >= len(doc.lines):
        return None
    below = doc.lines[anchor.line + 1]
    if below.page != doc.lines[anchor.line].page or doc.by_line.get(anchor.line + 1) or len(below.tokens) > 2:
        return None
    if not re.search(r"\d", below.tokens[0].word.text):
        return None
    return Span(tokens=list(below.tokens), text=" ".join(t.word.text for t in below.tokens))


def _header_number(doc: Document) -> Span | None:
    """2015-era 'Số: 41N8033112' in the header (a bare 'Số' elsewhere starts street addresses)."""
    for index, line in enumerate(doc.lines[:25]):
        for i, tok in enumerate(line.tokens):
            if tok.key == "so" and (
                tok.word.text.endswith(":")
                or (i + 1 < len(line.tokens) and line.tokens[i + 1].word.text == ":")
            ):
                rest = [t for t in line.tokens[i + 1 :] if t.word.text != ":"]
                if not rest and index + 1 < len(doc.lines):  # 'Số:' alone, the number centred below
                    below = doc.lines[index + 1].tokens
                    rest = below if len(below) <= 3 and doc.lines[index + 1].page == line.page else []
                if rest and re.search(r"\d", rest[0].word.text):
                    return Span(tokens=rest[:3], text="".join(t.word.text for t in rest[:3]))
    return None


def read_amendment(doc: Document) -> tuple[Candidate, Candidate]:
    """'Đăng ký thay đổi lần thứ: 2, ngày 14 tháng 08 năm 2023' → (2, 2023-08-14)."""
    span, found = _span_text(doc, "amendment")
    if span is None or nz.is_blank_value(span.text):
        none = Candidate(value=None, span=span, confidence=0.9 if found else 0.85, label_found=found)
        return none, none
    span = _wrapped_date(doc, "amendment", span) or span
    m = re.match(r"\W*([\dOolIS]{1,2})\b", span.text)
    number = int(nz.fix_digits(m.group(1))) if m else None
    number_tokens = span.tokens[:1]
    date = nz.parse_date(span.text)
    return (
        Candidate(
            value=number,
            span=Span(tokens=number_tokens, text=span.text[:4]),
            confidence=word_confidence(number_tokens) if number else 0.0,
        ),
        Candidate(value=date, span=span, confidence=word_confidence(span.tokens) if date else 0.0),
    )


def read_capital(doc: Document) -> tuple[Candidate, int | None]:
    """Capital in figures, plus the amount its words say (None when unreadable) for the cross-check."""
    span, found = _span_text(doc, "capital_figures")
    if span is None or nz.is_blank_value(span.text):
        span, found = _span_text(doc, "capital")
    if span is None or nz.is_blank_value(span.text):
        return Candidate(value=None, span=span, confidence=0.0, label_found=found), None
    figures = nz.parse_amount(span.text)
    words = nz.amount_in_words(span.text)
    if words is None:  # Circular 68/2025: "Vốn kinh doanh (Bằng chữ): …" on its own line
        words_span, _ = _span_text(doc, "capital_words")
        words = words_span.text if words_span is not None else None
    words = re.sub(r"^\s*b[aằ]ng\s*ch[uữ]\s*:?\s*", "", words, flags=re.IGNORECASE) if words else None
    spoken = words_to_int(words) if words else None
    figure_tokens = [t for t in span.tokens if re.search(r"\d", t.word.text)]
    return Candidate(
        value=figures, span=span, confidence=word_confidence(figure_tokens) if figures else 0.0
    ), spoken


def read_business_lines(doc: Document) -> Candidate:
    """The list under 'Ngành, nghề kinh doanh' (bullets, or a STT | name | code table): one item per
    bullet or table row, continuation lines joined to the item above; names close to their code's
    VSIC name take the reference wording."""
    anchor = doc.first("business_lines")
    if anchor is None:
        return Candidate(value=[], span=None, confidence=0.0, label_found=False)
    span = value_after(
        anchor,
        doc.lines,
        doc.by_line,
        multiline=True,
        max_lines=24,
        max_gap=3.0,
        aligned=False,
        note_keys=tables.TRADE_NOTES,
    )
    rows: list[list[Token]] = []
    for tok in span.tokens:
        if not rows or tok.row != rows[-1][-1].row:
            rows.append([])
        rows[-1].append(tok)
    kept = tables.drop_noise_rows(rows)
    clean_rows, rows = len(kept) == len(rows), kept
    items: list[list[Token]] = []
    table_rows: list[list[Token]] = []
    for row in rows:
        if table_rows or _is_table_header(row):
            table_rows.append(row)  # from the STT | Tên ngành | Mã ngành header row on
            continue
        row = [t for t in row if t.word.text.strip("|¦")]  # a fold or rule read as '|' is no word
        if not row:
            continue
        starts_item = bool(tables.BULLET.match(row[0].word.text))
        if starts_item or not items:
            items.append(list(row))
        else:
            items[-1].extend(row)
    texts = [part for item in items for part in tables.split_items(" ".join(t.word.text for t in item))]
    parsed, lead_repairs = trade_items.item_lines(texts)
    table_lines, set_aside, code_repairs = trade_items.table_lines(table_rows)
    code_repairs = lead_repairs + code_repairs
    parsed += table_lines
    lines_out = [line for line in parsed if line is not None]
    snapped = [tables.snap_to_vsic(line) for line in lines_out]
    changed = [read.name for read, (line, _) in zip(lines_out, snapped, strict=True) if line != read]
    changed += code_repairs
    lines_out = [line for line, _ in snapped]
    tokens = tables.drop_rules(span.tokens)
    confidence = word_confidence(tokens) if lines_out else 0.0
    if snapped and clean_rows and all(agreed for _, agreed in snapped):
        # every item's code and name agree with each other: a faint row number or bullet is no doubt
        confidence = max(confidence, tables.AGREED_FLOOR)
    if any(line.code is None and not tables.plausible_words(line.name or "") for line in lines_out):
        confidence = min(confidence, 0.6)  # free text with an impossible syllable ('Inấn'): misread
    elif any(line.code is None and tables.odd_marks(line.name or "") for line in lines_out):
        confidence = min(confidence, 0.8)  # free text spelling a VSIC word with other marks
    if set_aside:
        confidence = min(confidence, 0.6)  # a note cell with more words than a note: name words?
    cand = Candidate(value=lines_out, span=span, confidence=confidence)
    if changed:  # a misread name took its code's VSIC name: a repair, reviewed
        cand = repaired(cand, lines_out, "printed.repaired_from_list")
        cand.evidence[-1] = msgspec.structs.replace(
            cand.evidence[-1], was="; ".join(n or "" for n in changed)
        )
    return cand


def _is_table_header(row: list[Token]) -> bool:
    """'STT | Tên ngành | Mã ngành' (not a bullet ending in '(Mã ngành:' before its wrapped code)."""
    key = " ".join(t.key for t in row)
    if key.startswith(("stt", "sit", "so tt")):
        return True
    short = len(row) <= 8 and not any("(" in t.word.text for t in row)
    return short and ("ten nganh" in key or key.endswith("ma nganh"))


def resolve_same_as_above(candidate: Candidate, referred: Candidate) -> Candidate:
    """'Như trên' / 'Như địa chỉ thường trú' → the value referred to."""
    if isinstance(candidate.value, str) and fold_key(candidate.value).startswith(SAME_AS_ABOVE):
        return Candidate(
            value=referred.value,
            span=candidate.span,
            confidence=min(candidate.confidence, referred.confidence),
            notes=["same_as_above"],
        )
    return candidate
