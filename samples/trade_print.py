"""The 'Ngành, nghề kinh doanh' section as offices print it (issue 13, item 4): label wordings, trade
tables of 2–5 columns (the header may repeat the section label, the code column may be missing or come
first, a 'Ghi chú' or 'Ngành chính' column), and lists with every separator seen on certificates
(';' or ',' on one line, '-', '–', '•', '+', '1.', '1)', 'a)'), codes in brackets, before the name or
glued to it, and a single trade on the label's own line.

A document takes one of these from its own stream (keyed by its registration number), so documents
that keep the older print (`None` from `choose_trade_print`) render exactly as before.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samples.layout import Block, Paragraph, Run, Table
from schemas.record import BusinessLine

TABLES = ("repeat", "note", "main", "code_first", "no_stt", "no_code")
LISTS = ("bullets", "semicolons", "commas", "inline")
BULLETS = ("-", "–", "•", "+", "1.", "1)", "a)")
CODE_FORMS = ("(Mã ngành: {c})", "(mã ngành {c})", "({c})", "{c}: ", "{c} - ", "{c}-", "Mã {c} - ")
LABELS = (
    "Ngành, nghề kinh doanh:",
    "Ngành, nghề kinh doanh:",
    "Ngành nghề kinh doanh:",
    "NGÀNH, NGHỀ KINH DOANH:",
)


@dataclass(frozen=True)
class TradePrint:
    kind: str  # one of TABLES or LISTS
    label: str
    bullet: str = "-"
    code_form: str = "(Mã ngành: {c})"


def choose_trade_print(registration_number: str, lines: list[BusinessLine]) -> TradePrint | None:
    """None (the older print) for about half of the documents; else one of the variants that fit."""
    rng = random.Random(f"hkd-trade-print:{registration_number}")
    if rng.random() < 0.45:
        return None
    coded = all(line.code for line in lines)
    codeless = not any(line.code for line in lines)
    kinds = list(LISTS)
    if coded:
        kinds += [k for k in TABLES if k != "no_code"]
    elif codeless:
        kinds.append("no_code")
    if len(lines) > 1:
        kinds.remove("inline")
    if any(line.code is None or "," in (line.name or "") for line in lines):
        kinds.remove("commas")  # a comma list of names with commas is ambiguous to any reader
    return TradePrint(rng.choice(kinds), rng.choice(LABELS), rng.choice(BULLETS), rng.choice(CODE_FORMS))


def trade_section(number: str, lines: list[BusinessLine], tp: TradePrint) -> list[Block]:
    """The numbered label and the trades under (or beside) it."""
    label = number + tp.label
    if tp.kind in TABLES:
        return [Paragraph([Run(label)]), trade_table(lines, tp.kind)]
    items = [with_code(line, tp.code_form) for line in lines]
    if tp.kind == "inline":
        return [Paragraph([Run(f"{label} {items[0]}")])]
    if tp.kind in ("semicolons", "commas"):
        sep = "; " if tp.kind == "semicolons" else ", "
        return [Paragraph([Run(label)]), Paragraph([Run(sep.join(items) + ".")], indent=1.0)]
    out: list[Block] = [Paragraph([Run(label)])]
    for i, item in enumerate(items):
        out.append(Paragraph([Run(f"{numbered(tp.bullet, i)} {item}")], indent=1.0, hang=1.0))
    return out


def numbered(bullet: str, i: int) -> str:
    if bullet == "1.":
        return f"{i + 1}."
    if bullet == "1)":
        return f"{i + 1})"
    if bullet == "a)":
        return f"{'abcdefgh'[i]})"
    return bullet


def with_code(line: BusinessLine, form: str) -> str:
    name = line.name or ""
    if line.code is None:
        return name
    code = form.format(c=line.code)
    return f"{name} {code}" if form.startswith("(") else f"{code}{name}"


def trade_table(lines: list[BusinessLine], kind: str) -> Table:
    names = [line.name or "" for line in lines]
    codes = [line.code or "" for line in lines]
    stt = [str(i + 1) for i in range(len(lines))]
    if kind == "repeat":
        rows = [list(r) for r in zip(stt, names, codes, strict=True)]
        return Table(["STT", "Tên ngành, nghề kinh doanh", "Mã ngành"], rows, [0.1, 0.7, 0.2])
    if kind == "note":
        notes = ["Ngành chính"] + [""] * (len(lines) - 1)
        rows = [list(r) for r in zip(stt, names, codes, notes, strict=True)]
        return Table(["STT", "Tên ngành", "Mã ngành", "Ghi chú"], rows, [0.08, 0.56, 0.16, 0.2])
    if kind == "main":
        marks = ["x"] + [""] * (len(lines) - 1)
        rows = [list(r) for r in zip(stt, names, codes, marks, strict=True)]
        headers = ["STT", "Tên ngành, nghề kinh doanh", "Mã ngành", "Ngành chính"]
        return Table(headers, rows, [0.08, 0.58, 0.16, 0.18])
    if kind == "code_first":
        blank = [""] * len(lines)
        marks = ["x"] + blank[1:]
        rows = [list(r) for r in zip(stt, codes, names, marks, blank, strict=True)]
        headers = ["STT", "Mã ngành", "Tên ngành", "Ngành chính", "Ghi chú"]
        return Table(headers, rows, [0.07, 0.14, 0.53, 0.14, 0.12])
    if kind == "no_stt":
        return Table(
            ["Tên ngành", "Mã ngành"], [list(r) for r in zip(names, codes, strict=True)], [0.78, 0.22]
        )
    rows = [list(r) for r in zip(stt, names, strict=True)]
    return Table(["STT", "Tên ngành, nghề kinh doanh"], rows, [0.1, 0.9])
